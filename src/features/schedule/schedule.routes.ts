import { z } from 'zod';
import { idParamsSchema, type HttpApp } from '../http';
import type { ScheduleService } from './schedule.service';

const tags = ['Planning'];
const staff = ['provider_admin', 'coordinator'] as const;

const localDate = (what: string) => z.iso.date({ error: `${what} doit être une date au format AAAA-MM-JJ.` });
const instant = (what: string) => z.iso.datetime({ offset: true, error: `${what} doit être une date et heure ISO 8601 avec fuseau (ex. 2026-03-02T08:00:00+01:00).` });
const uuid = (what: string) => z.uuid({ error: `${what} n'est pas un identifiant valide.` });

const optimisationBody = z.object({
  from: localDate('La date de début'),
  to: localDate('La date de fin'),
  timeLimitSeconds: z.number({ error: 'La durée maximale doit être un nombre de secondes.' }).min(0.2).max(120).optional(),
});
const batchParams = z.object({ batchId: uuid("L'identifiant du lot") });
const weekQuery = z.object({
  start: localDate('Le début de semaine'),
  communeCode: z.string().regex(/^(\d{5}|2[AB]\d{3})$/, { error: 'Le code commune compte 5 caractères (code INSEE).' }).optional(),
  workerId: uuid("L'intervenant·e").optional(),
  sectorId: uuid('Le secteur').optional(),
});
const checkBody = z.object({ visitId: uuid("L'intervention"), workerId: uuid("L'intervenant·e").nullable(), startsAt: instant('Le début').optional() });
const assignmentBody = z.object({ workerId: uuid("L'intervenant·e").nullable(), startsAt: instant('Le début').optional(), isLocked: z.boolean({ error: 'isLocked est vrai ou faux.' }).optional() });
const absenceBody = z.object({
  from: instant('Le début'),
  to: instant('La fin'),
  kind: z.enum(['conge', 'maladie', 'formation', 'autre'], { error: 'Le motif est conge, maladie, formation ou autre.' }).optional(),
  note: z.string().max(500).optional(),
});
const myScheduleQuery = z.object({ week: localDate('La semaine').optional() });

export function registerScheduleRoutes(app: HttpApp, deps: { schedule: ScheduleService }): void {
  const { schedule } = deps;

  app.post('/api/schedule/optimisations', { schema: { tags, summary: 'Lancer l’optimisation d’une période (en arrière-plan)', body: optimisationBody }, config: { access: [...staff] } }, async (request, reply) => {
    const scope = request.tenant(...staff);
    const run = await schedule.startOptimisationRun(scope, request.actor!, request.body);
    return reply.status(202).send(run);
  });

  app.get('/api/schedule/optimisations', { schema: { tags, summary: 'Les dernières optimisations (sans le détail des propositions)' }, config: { access: [...staff] } }, async (request) => ({
    items: await schedule.listOptimisationRuns(request.tenant(...staff)),
  }));

  app.get('/api/schedule/optimisations/:id', { schema: { tags, summary: 'Avancement et proposition d’une optimisation', params: idParamsSchema }, config: { access: [...staff] } }, async (request) =>
    schedule.getOptimisationRun(request.tenant(...staff), request.params.id),
  );

  app.post('/api/schedule/optimisations/:id/cancel', { schema: { tags, summary: 'Arrêter une optimisation (garde la meilleure proposition trouvée)', params: idParamsSchema }, config: { access: [...staff] } }, async (request) =>
    schedule.cancelOptimisationRun(request.tenant(...staff), request.params.id),
  );

  app.post('/api/schedule/optimisations/:id/apply', { schema: { tags, summary: 'Appliquer toute la proposition', params: idParamsSchema }, config: { access: [...staff] } }, async (request) =>
    schedule.applyOptimisationRun(request.tenant(...staff), request.actor!, request.params.id),
  );

  app.post('/api/schedule/changes/:batchId/undo', { schema: { tags, summary: 'Annuler un lot de modifications du planning', params: batchParams }, config: { access: [...staff] } }, async (request) =>
    schedule.undoBatch(request.tenant(...staff), request.actor!, request.params.batchId),
  );

  app.get('/api/schedule/week', { schema: { tags, summary: 'Le planning d’une semaine (tableau)', querystring: weekQuery }, config: { access: [...staff] } }, async (request) =>
    schedule.getWeek(request.tenant(...staff), request.actor!, request.query, request.id),
  );

  app.post('/api/schedule/check', { schema: { tags, summary: 'Ce que casserait un déplacement (rien n’est écrit)', body: checkBody }, config: { access: [...staff] } }, async (request) =>
    schedule.checkMove(request.tenant(...staff), request.body),
  );

  app.patch('/api/visits/:id/assignment', { schema: { tags, summary: 'Affecter, déplacer ou verrouiller une intervention', params: idParamsSchema, body: assignmentBody }, config: { access: [...staff] } }, async (request) =>
    schedule.setAssignment(request.tenant(...staff), request.actor!, request.params.id, request.body),
  );

  app.post('/api/workers/:id/absences', { schema: { tags, summary: 'Déclarer une absence et réparer le planning', params: idParamsSchema, body: absenceBody }, config: { access: [...staff] } }, async (request, reply) => {
    const result = await schedule.reportAbsence(request.tenant(...staff), request.actor!, request.params.id, request.body);
    return reply.status(201).send(result);
  });

  app.get('/api/me/schedule', { schema: { tags, summary: 'Mon planning de la semaine (intervenant·e)', querystring: myScheduleQuery }, config: { access: ['worker'] } }, async (request) =>
    schedule.getMySchedule(request.tenant('worker'), request.actor!, request.query.week, request.id),
  );
}
