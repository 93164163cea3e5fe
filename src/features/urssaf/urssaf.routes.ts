import { z } from 'zod';
import { isoDateSchema } from '../../domain/schemas/common';
import { idParamsSchema, type HttpApp } from '../http';
import type { UrssafService } from './urssaf.service';
import { MOBILE_PHONE_RE, isValidBic, isValidIban } from './urssaf.types';

const tags = ['Avance immédiate (Urssaf)'];
const staff = ['provider_admin', 'coordinator'] as const;
const access = { access: [...staff] };

const required = (label: string, max = 80) =>
  z
    .string({ error: `${label} : champ obligatoire.` })
    .trim()
    .min(1, { error: `${label} : champ obligatoire.` })
    .max(max, { error: `${label} : ${max} caractères au plus.` });
const optional = (max = 80) => z.string().trim().max(max).nullish();

/** The particulier as the Urssaf registers them (InputParticulierDTO), checked here first with French messages. */
export const particulierSchema = z.object({
  civilite: z.enum(['1', '2'], { error: 'La civilité vaut « 1 » (homme) ou « 2 » (femme).' }),
  nomNaissance: required('Nom de naissance'),
  nomUsage: optional(),
  prenoms: required('Prénoms'),
  dateNaissance: isoDateSchema,
  lieuNaissance: z.object({
    codePaysNaissance: z
      .string()
      .regex(/^\d{5}$/, { error: 'Code pays INSEE à 5 chiffres (« 99100 » pour la France).' }),
    departementNaissance: optional(3),
    communeNaissance: z
      .object({
        codeCommune: z.string().regex(/^\d[\dAB]\d{3}$/, { error: 'Code commune INSEE invalide.' }),
        libelleCommune: required('Commune de naissance'),
      })
      .nullish(),
  }),
  numeroTelephonePortable: z
    .string()
    .regex(MOBILE_PHONE_RE, { error: 'Un numéro de portable français (06 ou 07) est exigé par l’Urssaf.' }),
  adresseMail: z.email({ error: "L'adresse e-mail est invalide." }),
  adressePostale: z.object({
    numeroVoie: optional(10),
    lettreVoie: optional(1),
    codeTypeVoie: optional(4),
    libelleVoie: required('Libellé de la voie', 100),
    complement: optional(100),
    lieuDit: optional(100),
    libelleCommune: required('Commune'),
    codeCommune: z.string().regex(/^\d[\dAB]\d{3}$/, { error: 'Code commune INSEE invalide.' }),
    codePostal: z.string().regex(/^\d{5}$/, { error: 'Le code postal a 5 chiffres.' }),
    codePays: z.string().regex(/^\d{5}$/, { error: 'Code pays INSEE à 5 chiffres.' }),
  }),
  coordonneeBancaire: z.object({
    bic: z.string().refine(isValidBic, { error: 'Le BIC est invalide.' }),
    iban: z.string().refine(isValidIban, { error: "L'IBAN est invalide." }),
    titulaire: required('Titulaire du compte', 100),
  }),
});

/** Registration, payment requests, status sync, and the simulator's controls in demo mode. */
export function registerUrssafRoutes(app: HttpApp, deps: { urssaf: UrssafService }): void {
  const { urssaf } = deps;

  app.get(
    '/api/households/:id/urssaf',
    {
      schema: { tags, summary: "L'inscription du foyer à l'avance immédiate", params: idParamsSchema },
      config: access,
    },
    async (request) => urssaf.getRegistration(request.tenant(...staff), request.params.id),
  );

  app.post(
    '/api/households/:id/urssaf/register',
    {
      schema: {
        tags,
        summary: "Inscrire le foyer à l'avance immédiate (l'Urssaf lui écrit pour activer son compte)",
        params: idParamsSchema,
        body: particulierSchema,
      },
      config: access,
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await urssaf.registerHousehold(request.tenant(...staff), request.params.id, request.body)),
  );

  app.get(
    '/api/urssaf/registrations',
    {
      schema: { tags, summary: "Les foyers inscrits à l'avance immédiate par ma structure" },
      config: access,
    },
    async (request) => ({ items: await urssaf.listRegistrations(request.tenant(...staff)) }),
  );

  app.post(
    '/api/invoices/:id/urssaf/send',
    {
      schema: {
        tags,
        summary: "Envoyer la facture à l'Urssaf (demande de paiement)",
        params: idParamsSchema,
      },
      config: access,
    },
    async (request, reply) =>
      reply.status(201).send(await urssaf.sendInvoice(request.tenant(...staff), request.params.id)),
  );

  app.get(
    '/api/urssaf/payment-requests',
    { schema: { tags, summary: "Les demandes de paiement envoyées à l'Urssaf" }, config: access },
    async (request) => ({ items: await urssaf.listRequests(request.tenant(...staff)) }),
  );

  app.post(
    '/api/urssaf/sync',
    {
      schema: {
        tags,
        summary:
          "Relire à l'Urssaf l'état des demandes en cours (une demande « Payée » enregistre le paiement)",
      },
      config: access,
    },
    async (request) => urssaf.sync(request.tenant(...staff)),
  );

  app.post(
    '/api/urssaf/simulator/advance',
    {
      schema: {
        tags,
        summary:
          "Démonstration : faire passer des heures au simulateur de l'Urssaf (48 h : validation tacite)",
        body: z.object({
          hours: z
            .number({ error: "Un nombre d'heures." })
            .min(0)
            .max(24 * 60),
        }),
      },
      config: access,
    },
    async (request) => urssaf.advanceSimulator(request.tenant(...staff), request.body.hours),
  );

  app.post(
    '/api/urssaf/simulator/households/:id/answer',
    {
      schema: {
        tags,
        summary: 'Démonstration : le foyer valide ou conteste ses demandes en attente',
        params: idParamsSchema,
        body: z.object({
          answer: z.enum(['valider', 'contester']),
          code: z.string().max(40).optional(),
          commentaire: z.string().max(200).optional(),
        }),
      },
      config: access,
    },
    async (request) =>
      urssaf.answerAsHousehold(request.tenant(...staff), request.params.id, request.body.answer, {
        code: request.body.code,
        commentaire: request.body.commentaire,
      }),
  );
}
