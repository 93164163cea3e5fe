import { z } from 'zod';
import { communeCodeSchema } from '../../domain/schemas/common';
import {
  beneficiaryCreateSchema,
  beneficiaryUpdateSchema,
  contractCreateSchema,
  contractUpdateSchema,
  eraseConfirmationSchema,
  generateWeekSchema,
  householdInputSchema,
  qualificationInputSchema,
  searchTextSchema,
  suspensionInputSchema,
  visitCancelSchema,
  visitOneOffSchema,
  workerCreateSchema,
  workerUpdateSchema,
} from '../../domain/schemas/care';
import { idParamsSchema, type HttpApp } from '../http';
import { MAX_DOCUMENT_BYTES, type CareService } from './care.service';

const uuid = z.uuid({ error: "L'identifiant n'est pas valide." });

const listQuery = z.object({
  q: searchTextSchema.optional(),
  communeCode: communeCodeSchema.optional(),
  sectorId: uuid.optional(),
  gir: z.coerce.number({ error: 'Le GIR est un nombre de 1 à 6.' }).int({ error: 'Le GIR est un nombre de 1 à 6.' }).min(1, { error: 'Le GIR est un nombre de 1 à 6.' }).max(6, { error: 'Le GIR est un nombre de 1 à 6.' }).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const tags = ['Bénéficiaires et intervenants'];
const staff = ['provider_admin', 'coordinator'] as const;
const access = { access: [...staff] };

const PLACEMENT_NOTE =
  " Position sur la carte : la latitude et la longitude données, sinon le centre de la commune décalé de quelques centaines de mètres (de façon stable selon l'adresse) — aucun géocodeur n'est disponible hors ligne.";

function attachmentName(name: string): string {
  const ascii = name.normalize('NFD').replace(/[^\x20-\x7e]/g, '').replace(/["\\]/g, '') || 'document';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

function decodeHeader(value: string | string[] | undefined): string | null {
  if (typeof value !== 'string' || value.trim() === '') return null;
  try {
    return decodeURIComponent(value).trim().slice(0, 255);
  } catch {
    return value.trim().slice(0, 255);
  }
}

/** Beneficiaries, households, contracts, visit generation and workers of the provider's workspace. */
export function registerCareRoutes(app: HttpApp, deps: { care: CareService }): void {
  const { care } = deps;

  // ---------------------------------------------------------------- households

  app.get('/api/households', { schema: { tags, summary: 'Les foyers de ma structure (créés par elle ou liés par un bénéficiaire ou un contrat)', querystring: z.object({ q: searchTextSchema.optional() }) }, config: access }, async (request) =>
    care.listHouseholds(request.tenant(...staff), request.actor!, request.query, request.id),
  );

  app.post('/api/households', { schema: { tags, summary: 'Créer un foyer', description: PLACEMENT_NOTE, body: householdInputSchema }, config: access }, async (request, reply) =>
    reply.status(201).send(await care.createHousehold(request.tenant(...staff), request.actor!, request.body, request.id)),
  );

  // ---------------------------------------------------------------- beneficiaries

  app.get('/api/beneficiaries', { schema: { tags, summary: 'Les bénéficiaires de ma structure (recherche sans accents)', querystring: listQuery }, config: access }, async (request) => {
    const scope = request.tenant(...staff);
    const { q, communeCode, sectorId, gir, page, pageSize } = request.query;
    const result = await care.listBeneficiaries(scope, request.actor!, { q, communeCode, sectorId, gir, limit: pageSize, offset: (page - 1) * pageSize }, request.id);
    return { total: result.total, page, pageSize, items: result.items };
  });

  app.post('/api/beneficiaries', { schema: { tags, summary: 'Créer un bénéficiaire (foyer existant ou nouveau)', description: PLACEMENT_NOTE, body: beneficiaryCreateSchema }, config: access }, async (request, reply) =>
    reply.status(201).send(await care.createBeneficiary(request.tenant(...staff), request.actor!, request.body, request.id)),
  );

  app.get('/api/beneficiaries/:id', { schema: { tags, summary: "Le dossier d'un bénéficiaire", params: idParamsSchema }, config: access }, async (request) =>
    care.getBeneficiary(request.tenant(...staff), request.actor!, request.params.id, request.id),
  );

  app.put('/api/beneficiaries/:id', { schema: { tags, summary: "Modifier le dossier d'un bénéficiaire (seuls les champs envoyés changent ; une liste envoyée remplace la liste)", description: PLACEMENT_NOTE, params: idParamsSchema, body: beneficiaryUpdateSchema }, config: access }, async (request) =>
    care.updateBeneficiary(request.tenant(...staff), request.actor!, request.params.id, request.body, request.id),
  );

  // Raw uploads: in their own context, where every content type is read as bytes (JSON included).
  app.register(async (raw: HttpApp) => {
    raw.removeAllContentTypeParsers();
    raw.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: MAX_DOCUMENT_BYTES + 1024 }, (_request, body, done) => done(null, body));
    raw.post(
      '/api/beneficiaries/:id/documents',
      {
        bodyLimit: MAX_DOCUMENT_BYTES + 1024,
        schema: { tags, summary: 'Ajouter un document au dossier (contenu brut dans le corps, nom dans l’en-tête x-file-name, 5 Mo au plus)', params: idParamsSchema },
        config: access,
      },
      async (request, reply) => {
        const scope = request.tenant(...staff);
        const content = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const name = decodeHeader(request.headers['x-file-name']);
        if (!name) return reply.status(400).type('application/problem+json; charset=utf-8').send({ type: 'about:blank', title: 'Requête invalide', status: 400, detail: "Donnez le nom du fichier dans l'en-tête x-file-name.", code: 'validation', errors: [{ field: 'x-file-name', message: 'Le nom du fichier est obligatoire.' }] });
        const contentType = (request.headers['content-type'] ?? 'application/octet-stream').split(';')[0]!.trim().slice(0, 100) || 'application/octet-stream';
        return reply.status(201).send(await care.addDocument(scope, request.actor!, request.params.id, { name, contentType, content }, request.id));
      },
    );
  });

  app.get('/api/beneficiaries/:id/documents/:docId', { schema: { tags, summary: "Télécharger un document du dossier", params: z.object({ id: uuid, docId: uuid }) }, config: access }, async (request, reply) => {
    const doc = await care.getDocument(request.tenant(...staff), request.actor!, request.params.id, request.params.docId, request.id);
    return reply.header('content-disposition', attachmentName(doc.name)).header('x-content-type-options', 'nosniff').type(doc.contentType).send(Buffer.from(doc.content));
  });

  app.get('/api/beneficiaries/:id/export', { schema: { tags, summary: 'Export RGPD : toutes les données de la personne en un fichier JSON', params: idParamsSchema }, config: access }, async (request, reply) => {
    const data = await care.exportBeneficiary(request.tenant(...staff), request.actor!, request.params.id, request.id);
    return reply
      .header('content-disposition', attachmentName(`export-rgpd-${request.params.id}.json`))
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(data, null, 2));
  });

  app.post('/api/beneficiaries/:id/erase', { schema: { tags, summary: 'Effacement RGPD (définitif ; garde les montants des contrats et les interventions facturables)', params: idParamsSchema, body: eraseConfirmationSchema }, config: { access: ['provider_admin'] } }, async (request) =>
    care.eraseBeneficiary(request.tenant('provider_admin'), request.actor!, request.params.id, request.id),
  );

  // ---------------------------------------------------------------- contracts

  app.get('/api/contracts', { schema: { tags, summary: 'Les contrats de ma structure', querystring: z.object({ beneficiaryId: uuid.optional() }) }, config: access }, async (request) =>
    care.listContracts(request.tenant(...staff), request.query),
  );

  app.get('/api/contracts/:id', { schema: { tags, summary: 'Un contrat', params: idParamsSchema }, config: access }, async (request) => care.getContract(request.tenant(...staff), request.params.id));

  app.post('/api/contracts', { schema: { tags, summary: 'Créer un contrat (activité, mode, prix, récurrence en heure de Paris)', body: contractCreateSchema }, config: access }, async (request, reply) =>
    reply.status(201).send(await care.createContract(request.tenant(...staff), request.actor!, request.body, request.id)),
  );

  app.put('/api/contracts/:id', { schema: { tags, summary: 'Modifier un contrat (seuls les champs envoyés changent)', params: idParamsSchema, body: contractUpdateSchema }, config: access }, async (request) =>
    care.updateContract(request.tenant(...staff), request.actor!, request.params.id, request.body, request.id),
  );

  app.post('/api/contracts/:id/suspensions', { schema: { tags, summary: 'Suspendre un contrat (hospitalisation, vacances)', params: idParamsSchema, body: suspensionInputSchema }, config: access }, async (request, reply) =>
    reply.status(201).send(await care.addSuspension(request.tenant(...staff), request.actor!, request.params.id, request.body, request.id)),
  );

  app.delete('/api/contracts/:id/suspensions/:sid', { schema: { tags, summary: 'Lever une suspension', params: z.object({ id: uuid, sid: uuid }) }, config: access }, async (request, reply) => {
    await care.removeSuspension(request.tenant(...staff), request.actor!, request.params.id, request.params.sid, request.id);
    return reply.status(204).send();
  });

  // ---------------------------------------------------------------- visits generated from contracts

  app.post('/api/schedule/generate', { schema: { tags: ['Planning'], summary: "Générer les interventions d'une semaine depuis les contrats (idempotent)", body: generateWeekSchema }, config: access }, async (request) =>
    care.generateWeek(request.tenant(...staff), request.actor!, request.body.weekStart),
  );

  app.post('/api/visits/:id/cancel', { schema: { tags: ['Planning'], summary: 'Annuler une intervention', params: idParamsSchema, body: visitCancelSchema }, config: access }, async (request) =>
    care.cancelVisit(request.tenant(...staff), request.actor!, request.params.id, request.body.reason),
  );

  app.patch('/api/visits/:id/one-off', { schema: { tags: ['Planning'], summary: 'Changer une seule intervention (heure, durée) ; la génération la garde', params: idParamsSchema, body: visitOneOffSchema }, config: access }, async (request) =>
    care.changeVisitOneOff(request.tenant(...staff), request.actor!, request.params.id, request.body),
  );

  // ---------------------------------------------------------------- workers

  app.get('/api/workers', { schema: { tags, summary: 'Les intervenant·es de ma structure (qualifications, disponibilités, alertes)' }, config: access }, async (request) => care.listWorkers(request.tenant(...staff)));

  app.get('/api/workers/qualification-alerts', { schema: { tags, summary: 'Qualifications expirées ou expirant dans les 60 jours', querystring: z.object({ withinDays: z.coerce.number().int().min(0).max(365).default(60) }) }, config: access }, async (request) =>
    care.listQualificationAlerts(request.tenant(...staff), request.query.withinDays),
  );

  app.post('/api/workers', { schema: { tags, summary: 'Créer un·e intervenant·e', description: PLACEMENT_NOTE, body: workerCreateSchema }, config: access }, async (request, reply) =>
    reply.status(201).send(await care.createWorker(request.tenant(...staff), request.body)),
  );

  app.get('/api/workers/:id', { schema: { tags, summary: 'Un·e intervenant·e', params: idParamsSchema }, config: access }, async (request) => care.getWorker(request.tenant(...staff), request.params.id));

  app.put('/api/workers/:id', { schema: { tags, summary: 'Modifier un·e intervenant·e (seuls les champs envoyés changent ; une liste envoyée remplace la liste)', params: idParamsSchema, body: workerUpdateSchema }, config: access }, async (request) =>
    care.updateWorker(request.tenant(...staff), request.params.id, request.body),
  );

  app.post('/api/workers/:id/qualifications', { schema: { tags, summary: 'Ajouter une qualification (ou mettre à jour ses dates)', params: idParamsSchema, body: qualificationInputSchema }, config: access }, async (request, reply) =>
    reply.status(201).send(await care.addQualification(request.tenant(...staff), request.params.id, request.body)),
  );

  app.get('/api/workers/:id/absences', { schema: { tags, summary: "Les absences d'un·e intervenant·e", params: idParamsSchema }, config: access }, async (request) => care.listAbsences(request.tenant(...staff), request.params.id));

  app.delete('/api/workers/:id/absences/:absenceId', { schema: { tags, summary: 'Supprimer une absence', params: z.object({ id: uuid, absenceId: uuid }) }, config: access }, async (request, reply) => {
    await care.deleteAbsence(request.tenant(...staff), request.params.id, request.params.absenceId);
    return reply.status(204).send();
  });
}
