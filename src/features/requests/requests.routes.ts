import { z } from 'zod';
import {
  capacityQuerySchema,
  declineSchema,
  messageCreateSchema,
  messagesQuerySchema,
  quoteCreateSchema,
  serviceRequestCreateSchema,
} from '../../domain/schemas/requests';
import { idParamsSchema, type HttpApp } from '../http';
import type { RequestsService } from './requests.service';

const tags = ['Demandes et devis'];
const staff = ['provider_admin', 'coordinator'] as const;
const householdOnly = { access: ['household' as const] };
const staffOnly = { access: [...staff] };
const householdOrStaff = { access: ['household' as const, ...staff] };

/** Households ask, providers answer: requests, routings, quotes (PDF), messages, capacity per commune. */
export function registerRequestsRoutes(app: HttpApp, deps: { requests: RequestsService }): void {
  const { requests } = deps;

  // ---------------------------------------------------------------- household

  app.post(
    '/api/requests',
    {
      schema: {
        tags,
        summary: 'Décrire un besoin : la demande part aux structures qui peuvent y répondre',
        description:
          "Envoyée aux structures qui proposent ces activités dans ce mode, desservent la commune, détiennent l'agrément ou l'autorisation que le public exige et ont de la disponibilité près de chez vous. L'adresse exacte n'est communiquée qu'à la structure retenue.",
        body: serviceRequestCreateSchema,
      },
      config: householdOnly,
    },
    async (request, reply) =>
      reply.status(201).send(await requests.createRequest(request.actor, request.body, request.id)),
  );

  app.get(
    '/api/requests',
    { schema: { tags, summary: 'Mes demandes' }, config: householdOnly },
    async (request) => requests.listRequests(request.actor),
  );

  app.get(
    '/api/requests/:id',
    {
      schema: {
        tags,
        summary: 'Ma demande : à qui elle est partie et pourquoi, les devis comparés, les messages',
        params: idParamsSchema,
      },
      config: householdOnly,
    },
    async (request) => requests.getRequest(request.actor, request.params.id, request.id),
  );

  app.post(
    '/api/requests/:id/cancel',
    { schema: { tags, summary: 'Annuler ma demande', params: idParamsSchema }, config: householdOnly },
    async (request) => requests.cancelRequest(request.actor, request.params.id, request.id),
  );

  app.post(
    '/api/quotes/:id/accept',
    {
      schema: {
        tags,
        summary:
          'Accepter un devis : contrat, bénéficiaire et premières interventions chez la structure retenue ; les autres sont prévenues',
        params: idParamsSchema,
      },
      config: householdOnly,
    },
    async (request) => requests.acceptQuote(request.actor, request.params.id, request.id),
  );

  // ---------------------------------------------------------------- provider

  app.get(
    '/api/provider/requests',
    {
      schema: { tags, summary: 'Les demandes reçues par ma structure (distance, adéquation, disponibilité)' },
      config: staffOnly,
    },
    async (request) => requests.listInbox(request.tenant(...staff), request.actor!, request.id),
  );

  app.get(
    '/api/provider/requests/:id',
    {
      schema: {
        tags,
        summary: 'Une demande reçue (sans adresse exacte avant acceptation)',
        params: idParamsSchema,
      },
      config: staffOnly,
    },
    async (request) =>
      requests.getProviderRequest(request.tenant(...staff), request.actor!, request.params.id, request.id),
  );

  app.post(
    '/api/requests/:id/quotes',
    {
      schema: {
        tags,
        summary: 'Répondre par un devis (contenu vérifié selon l’arrêté du 17 mars 2015, numéroté, PDF)',
        params: idParamsSchema,
        body: quoteCreateSchema,
      },
      config: staffOnly,
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await requests.createQuote(
            request.tenant(...staff),
            request.actor!,
            request.params.id,
            request.body,
            request.id,
          ),
        ),
  );

  app.post(
    '/api/requests/:id/decline',
    {
      schema: {
        tags,
        summary: 'Décliner une demande, avec le motif',
        params: idParamsSchema,
        body: declineSchema,
      },
      config: staffOnly,
    },
    async (request) =>
      requests.declineRequest(
        request.tenant(...staff),
        request.actor!,
        request.params.id,
        request.body.reason,
        request.id,
      ),
  );

  app.get(
    '/api/quotes/:id/pdf',
    {
      schema: {
        tags,
        summary: 'Le devis en PDF (le foyer demandeur et la structure émettrice seulement)',
        params: idParamsSchema,
      },
      config: householdOrStaff,
    },
    async (request, reply) => {
      const { number, pdf } = await requests.getQuotePdf(request.actor, request.params.id);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', `inline; filename="devis-${number}.pdf"`)
        .send(pdf);
    },
  );

  // ---------------------------------------------------------------- messages

  app.get(
    '/api/requests/:id/messages',
    {
      schema: {
        tags,
        summary: 'Les messages d’une demande (le foyer : par structure ; une structure : son fil seulement)',
        params: idParamsSchema,
        querystring: messagesQuerySchema,
      },
      config: householdOrStaff,
    },
    async (request) => requests.listMessages(request.actor, request.params.id, request.query.organisationId),
  );

  app.post(
    '/api/requests/:id/messages',
    {
      schema: {
        tags,
        summary: 'Écrire dans le fil d’une demande',
        params: idParamsSchema,
        querystring: messagesQuerySchema,
        body: messageCreateSchema.extend({
          organisationId: z.uuid({ error: "L'identifiant de la structure n'est pas valide." }).optional(),
        }),
      },
      config: householdOrStaff,
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await requests.postMessage(
            request.actor,
            request.params.id,
            request.query.organisationId ?? request.body.organisationId ?? null,
            request.body.body,
          ),
        ),
  );

  // ---------------------------------------------------------------- capacity

  app.get(
    '/api/directory/capacity',
    {
      schema: {
        tags: ['Annuaire'],
        summary: 'Disponibilité estimée par structure dans une commune (heures par semaine)',
        description:
          'Calculée chaque semaine à partir des intervenant·es proches de la commune (≈ 10 km) : heures du contrat moins heures planifiées. Agrégée : aucun détail sur les personnes.',
        querystring: capacityQuerySchema,
      },
    },
    async (request) => requests.getCapacity(request.query),
  );
}
