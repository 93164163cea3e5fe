import { z } from 'zod';
import { idParamsSchema, type HttpApp } from '../http';
import type { VisitsService } from './visits.service';

const tags = ['Télégestion'];
const staff = ['provider_admin', 'coordinator'] as const;
const staffAccess = { access: [...staff] };
const workerAccess = { access: ['worker' as const] };

const instant = (what: string) => z.iso.datetime({ offset: true, error: `${what} doit être une date et heure ISO 8601 avec fuseau (ex. 2026-03-02T08:00:00+01:00).` });
const idempotencyKey = z
  .string({ error: "La clé d'idempotence est obligatoire (générée sur le téléphone)." })
  .trim()
  .min(8, { error: "La clé d'idempotence compte au moins 8 caractères." })
  .max(100, { error: "La clé d'idempotence compte au plus 100 caractères." });
const position = z.object({
  latitude: z.number({ error: 'La latitude est un nombre.' }).min(-90, { error: 'La latitude est entre −90 et 90.' }).max(90, { error: 'La latitude est entre −90 et 90.' }),
  longitude: z.number({ error: 'La longitude est un nombre.' }).min(-180, { error: 'La longitude est entre −180 et 180.' }).max(180, { error: 'La longitude est entre −180 et 180.' }),
  accuracyMetres: z.number({ error: 'La précision est un nombre de mètres.' }).min(0, { error: 'La précision est un nombre de mètres positif.' }).nullable().optional(),
});
const checkBody = z.object({ at: instant("L'heure du pointage"), idempotencyKey, position: position.nullable().optional() });
const tasksDone = z.array(z.string().trim().min(1).max(200), { error: 'Les tâches réalisées sont une liste de textes.' }).max(50, { error: 'Au plus 50 tâches.' });
const transmission = z.string({ error: 'La transmission est un texte.' }).max(2000, { error: 'La transmission compte au plus 2 000 caractères.' }).nullable().optional();
const reportBody = z.object({ tasksDone, transmission, idempotencyKey });
const visitId = z.uuid({ error: "L'intervention n'est pas un identifiant valide." });
const syncAction = z.discriminatedUnion(
  'type',
  [
    z.object({ type: z.literal('check_in'), visitId, at: instant("L'heure du pointage"), idempotencyKey, position: position.nullable().optional() }),
    z.object({ type: z.literal('check_out'), visitId, at: instant("L'heure du pointage"), idempotencyKey, position: position.nullable().optional() }),
    z.object({ type: z.literal('report'), visitId, at: instant("L'heure du compte rendu").optional(), tasksDone, transmission, idempotencyKey }),
  ],
  { error: 'Le type d’action est check_in, check_out ou report.' },
);
const syncBody = z.object({ actions: z.array(syncAction, { error: 'actions est une liste.' }).max(200, { error: 'Au plus 200 actions par synchronisation.' }) });
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: 'Le mois est au format AAAA-MM.' });
const localDate = z.iso.date({ error: 'La date est au format AAAA-MM-JJ.' });
const reason = z.string({ error: 'Le motif est un texte.' }).trim().max(500, { error: 'Le motif compte au plus 500 caractères.' });
const correctBody = z.object({
  actualStart: instant("L'heure d'arrivée réelle"),
  actualEnd: instant("L'heure de départ réelle"),
  reason: z.string({ error: 'Le motif de la correction est obligatoire.' }).trim().min(3, { error: 'Le motif de la correction est obligatoire (3 caractères au moins).' }).max(500, { error: 'Le motif compte au plus 500 caractères.' }),
});
const ledgerQuery = z.object({ from: month.optional(), to: month.optional() });
const departement = z.string().regex(/^(\d{2}|2[AB]|97\d)$/, { error: 'Le département est un code de 2 caractères (ex. 45, 2A) ou 3 chiffres outre-mer (ex. 974).' });

/** Télégestion on the worker's phone, the coordinator's review, the care-plan ledger and the exports. */
export function registerVisitsRoutes(app: HttpApp, deps: { visits: VisitsService }): void {
  const { visits } = deps;

  // ---------------------------------------------------------------- the worker's phone

  app.post('/api/visits/:id/check-in', { schema: { tags, summary: "Pointer l'arrivée (idempotent : la même clé redonne la première réponse)", params: idParamsSchema, body: checkBody }, config: workerAccess }, async (request) =>
    visits.checkIn(request.tenant('worker'), request.actor!, request.params.id, request.body),
  );

  app.post('/api/visits/:id/check-out', { schema: { tags, summary: 'Pointer le départ (idempotent ; 409 sans pointage d’arrivée)', params: idParamsSchema, body: checkBody }, config: workerAccess }, async (request) =>
    visits.checkOut(request.tenant('worker'), request.actor!, request.params.id, request.body),
  );

  app.post('/api/visits/:id/report', { schema: { tags, summary: 'Tâches réalisées et transmission pour le prochain passage', params: idParamsSchema, body: reportBody }, config: workerAccess }, async (request) =>
    visits.report(request.tenant('worker'), request.actor!, request.params.id, request.body),
  );

  app.post('/api/telegestion/sync', { schema: { tags, summary: 'Synchroniser les actions faites hors ligne (dans l’ordre ; une réponse par action)', body: syncBody }, config: workerAccess }, async (request) =>
    visits.sync(request.tenant('worker'), request.actor!, request.body.actions),
  );

  app.get('/api/me/today', { schema: { tags, summary: 'Ma tournée du jour (intervenant·e)' }, config: workerAccess }, async (request) => visits.getMyToday(request.tenant('worker'), request.actor!, request.id));

  app.get('/api/me/activity', { schema: { tags, summary: 'Tout ce que ma structure voit de mon activité du mois', querystring: z.object({ month: month.optional() }) }, config: workerAccess }, async (request) =>
    visits.getMyActivity(request.tenant('worker'), request.actor!, request.query.month),
  );

  // ---------------------------------------------------------------- the coordinator

  app.get('/api/telegestion/planned-vs-actual', { schema: { tags, summary: 'Prévu et réalisé d’une journée', querystring: z.object({ date: localDate }) }, config: staffAccess }, async (request) =>
    visits.getPlannedVsActual(request.tenant(...staff), request.actor!, request.query.date, request.id),
  );

  app.get(
    '/api/telegestion/anomalies',
    {
      schema: {
        tags,
        summary: 'Les anomalies à traiter (31 derniers jours) ou déjà traitées, les plus récentes d’abord',
        querystring: z.object({
          status: z.enum(['pending', 'reviewed'], { error: 'Le statut est pending ou reviewed.' }).default('pending'),
          limit: z.coerce.number({ error: 'La limite est un nombre.' }).int({ error: 'La limite est un nombre entier.' }).min(1, { error: 'La limite est entre 1 et 500.' }).max(500, { error: 'La limite est entre 1 et 500.' }).default(100),
        }),
      },
      config: staffAccess,
    },
    async (request) => visits.listAnomalies(request.tenant(...staff), request.actor!, request.query.status, request.id, request.query.limit),
  );

  app.post(
    '/api/telegestion/anomalies/:visitId/validate',
    { schema: { tags, summary: 'Valider une intervention telle que pointée (motif facultatif)', params: z.object({ visitId }), body: z.object({ reason: reason.optional() }).default({}) }, config: staffAccess },
    async (request) => visits.validateAnomaly(request.tenant(...staff), request.actor!, request.params.visitId, request.body.reason),
  );

  app.post('/api/telegestion/anomalies/:visitId/correct', { schema: { tags, summary: 'Corriger les heures réelles (motif obligatoire, visible par l’intervenant·e)', params: z.object({ visitId }), body: correctBody }, config: staffAccess }, async (request) =>
    visits.correctAnomaly(request.tenant(...staff), request.actor!, request.params.visitId, request.body),
  );

  // ---------------------------------------------------------------- the care-plan ledger

  app.get('/api/beneficiaries/:id/ledger', { schema: { tags, summary: "Relevé du plan d'aide : financé, prévu, réalisé et écarts expliqués, mois par mois", params: idParamsSchema, querystring: ledgerQuery }, config: staffAccess }, async (request) =>
    visits.getLedger(request.tenant(...staff), request.actor!, request.params.id, request.query, request.id),
  );

  app.get('/api/me/ledger', { schema: { tags, summary: "Relevé du plan d'aide de chacun de mes proches (foyer), tous prestataires", querystring: ledgerQuery }, config: { access: ['household'] } }, async (request) =>
    visits.getMyLedger(request.actor!, request.query, request.id),
  );

  // ---------------------------------------------------------------- exports

  app.get(
    '/api/exports/departement.csv',
    { schema: { tags, summary: 'Export des interventions réalisées pour le département (APA/PCH, format inspiré d’ESPPADOM, voir docs/exports.md)', querystring: z.object({ month, departement }) }, config: staffAccess },
    async (request, reply) => {
      const file = await visits.exportDepartement(request.tenant(...staff), request.actor!, request.query.month, request.query.departement, request.id);
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.csv);
    },
  );

  app.get('/api/exports/payroll.csv', { schema: { tags, summary: 'Préparation de la paie : heures, trajets, km, interventions et anomalies par intervenant·e', querystring: z.object({ month }) }, config: staffAccess }, async (request, reply) => {
    const file = await visits.exportPayroll(request.tenant(...staff), request.query.month);
    return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${file.fileName}"`).send(file.csv);
  });
}
