/**
 * The schedule's use cases: optimisation runs (background, shared state in `optimisation_runs`), apply
 * and undo, the board, drag-and-drop check and assignment, repair after an absence, the worker's week.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import type { TenantScope } from '../../db/tenant-scope';
import { addDays, isoWeekday, mondayOf, PARIS_TIME_ZONE } from '../../shared/local-time';
import type { Actor } from '../../domain/access';
import { getActivity, isActivityCode } from '../../domain/activities';
import type { Clock } from '../../shared/clock';
import { DomainError, notFound } from '../../shared/errors';
import type { OptimisationHandle, StartOptimisationOptions } from '../../jobs/optimise-runner';
import type { AuditService } from '../audit/audit.service';
import type { MailService } from '../mail/mail.service';
import { findConflicts, type Conflict } from './conflicts';
import { fitToContracts } from './contract-fit';
import { computeKpis, travelLegs, type PlanKpis } from './kpis';
import { availabilityOf, endsAtOf, workerName, type PlanningBeneficiary, type PlanningSource, type PlanningWorker, type PlanVisit } from './planning';
import { applyProposal, buildProblem, defaultTimeLimitMs, isPlannable, readSolution, type Proposal } from './problem-builder';
import { buildRepairProblem, settleRepair, type RepairContext } from './repair';
import * as repo from './schedule.repo';
import { daysOf, localDayOf, periodBounds } from './shifts';

export type StartOptimisationFn = (input: unknown, options: StartOptimisationOptions) => OptimisationHandle;

export interface ScheduleServiceDeps {
  db: Db;
  clock: Clock;
  planning: PlanningSource;
  mail: MailService;
  audit: AuditService;
  /** `startOptimisation` of src/jobs/optimise-runner.ts. */
  startOptimisation: StartOptimisationFn;
  /** The organisation's name, to sign the e-mails to households (directory service). */
  organisationName?: (organisationId: string) => Promise<string | null>;
  log?: { error(obj: unknown, msg: string): void };
}

const MAX_PERIOD_DAYS = 31;
/** The optimiser's search time when insertion alone leaves visits out (worker start-up comes on top). */
const REPAIR_TIME_LIMIT_MS = 1_200;
const PROGRESS_EVERY_MS = 1_000;

const conflict = (message: string): DomainError => new DomainError('conflict', message);
const invalid = (field: string, message: string): DomainError => new DomainError('validation', message, [{ field, message }]);

/** What a run's GET returns. */
export interface OptimisationRunView {
  id: string;
  from: string;
  to: string;
  status: 'running' | 'done' | 'failed' | 'applied' | 'cancelled';
  progress: number;
  timeLimitSeconds: number;
  current: PlanKpis | null;
  proposal: (PlanKpis & Proposal) | null;
  batchId: string | null;
  error: string | null;
  createdAt: string;
  finishedAt: string | null;
}

const snapshotKey = (v: PlanVisit): string => `${v.workerId ?? ''}|${v.startsAt.toISOString()}|${v.status}|${v.isLocked}|${v.durationMin}`;

export function createScheduleService(deps: ScheduleServiceDeps) {
  const running = new Map<string, { handle: OptimisationHandle | null; done: Promise<void> }>();
  const transaction = <T>(scope: TenantScope, work: (tx: TenantScope) => Promise<T>): Promise<T> =>
    (scope.db as Db).transaction((tx) => work(scope.withExecutor(tx)));

  /** Workers, visits of the period, their beneficiaries and usual workers. */
  async function loadPeriod(scope: TenantScope, fromDate: string, toDate: string) {
    const { from, to } = periodBounds(fromDate, toDate);
    const [workers, visits] = await Promise.all([deps.planning.listWorkersForPlanning(scope, { from, to }), repo.findVisitsBetween(scope, from, to)]);
    const beneficiaryIds = [...new Set(visits.map((v) => v.beneficiaryId))];
    const [beneficiaries, usualWorkers] = await Promise.all([
      beneficiaryIds.length > 0 ? deps.planning.listBeneficiariesForPlanning(scope, beneficiaryIds) : Promise.resolve([] as PlanningBeneficiary[]),
      repo.findUsualWorkers(scope, beneficiaryIds, from),
    ]);
    return { fromDate, toDate, from, to, workers, visits, beneficiaries, usualWorkers, days: daysOf(fromDate, toDate).length };
  }

  /** The visits of the weeks the period touches that lie outside it (they count in the workers' weekly hours). */
  async function loadOtherVisitsOfWeeks(scope: TenantScope, fromDate: string, toDate: string): Promise<PlanVisit[]> {
    const period = periodBounds(fromDate, toDate);
    const weeks = periodBounds(mondayOf(fromDate), addDays(mondayOf(toDate), 6));
    const [before, after] = await Promise.all([
      weeks.from < period.from ? repo.findVisitsBetween(scope, weeks.from, period.from) : [],
      period.to < weeks.to ? repo.findVisitsBetween(scope, period.to, weeks.to) : [],
    ]);
    return [...before, ...after].filter((v) => v.workerId && v.status !== 'cancelled');
  }
  type OptimisationContext = Awaited<ReturnType<typeof loadPeriod>> & { otherVisits: PlanVisit[] };
  /** The period, and the workers' other visits of its weeks with their beneficiaries (for the travel between them). */
  async function loadOptimisationContext(scope: TenantScope, fromDate: string, toDate: string): Promise<OptimisationContext> {
    const [period, otherVisits] = await Promise.all([loadPeriod(scope, fromDate, toDate), loadOtherVisitsOfWeeks(scope, fromDate, toDate)]);
    const known = new Set(period.beneficiaries.map((b) => b.id));
    const missing = [...new Set(otherVisits.map((v) => v.beneficiaryId))].filter((id) => !known.has(id));
    const more = missing.length > 0 ? await deps.planning.listBeneficiariesForPlanning(scope, missing) : [];
    return { ...period, beneficiaries: [...period.beneficiaries, ...more], otherVisits };
  }
  /** Hours against the contract are judged on whole weeks: the period's and the rest of its weeks. */
  const hoursOfWeeks = (ctx: OptimisationContext): { otherVisits: PlanVisit[]; days: number } => ({
    otherVisits: ctx.otherVisits,
    days: daysOf(mondayOf(ctx.fromDate), addDays(mondayOf(ctx.toDate), 6)).length,
  });

  async function getWorker(scope: TenantScope, workerId: string, period: { from: Date; to: Date }): Promise<{ worker: PlanningWorker }> {
    const workers = await deps.planning.listWorkersForPlanning(scope, period);
    const worker = workers.find((w) => w.id === workerId);
    if (!worker) throw notFound('Intervenant·e');
    return { worker };
  }

  function checkPeriod(fromDate: string, toDate: string): void {
    if (toDate < fromDate) throw invalid('to', 'La fin de la période doit suivre son début.');
    if (daysOf(fromDate, toDate).length > MAX_PERIOD_DAYS || addDays(fromDate, MAX_PERIOD_DAYS) <= toDate) throw invalid('to', `La période ne peut pas dépasser ${MAX_PERIOD_DAYS} jours.`);
  }

  function toView(row: repo.OptimisationRunRow): OptimisationRunView {
    let status = row.status as OptimisationRunView['status'] | 'cancelling';
    let error = row.error;
    // A run whose process died (restart) would stay "running" forever: report it failed.
    const staleAfter = row.createdAt.getTime() + row.timeLimitMs + 120_000;
    if ((status === 'running' || status === 'cancelling') && !running.has(row.id) && deps.clock.now().getTime() > staleAfter) {
      status = 'failed';
      error = 'Le calcul a été interrompu (redémarrage du serveur) : relancez l’optimisation.';
    }
    const proposal = row.proposal as Proposal | null;
    return {
      id: row.id,
      from: row.fromDate,
      to: row.toDate,
      status: status === 'cancelling' ? 'running' : status,
      progress: status === 'done' || status === 'applied' ? 1 : Math.round(row.progress * 100) / 100,
      timeLimitSeconds: row.timeLimitMs / 1000,
      current: (row.currentKpis as PlanKpis | null) ?? null,
      proposal: proposal && row.proposalKpis ? { ...(row.proposalKpis as PlanKpis), ...proposal } : null,
      batchId: row.appliedBatchId,
      error,
      createdAt: row.createdAt.toISOString(),
      finishedAt: row.finishedAt?.toISOString() ?? null,
    };
  }

  /** Runs the optimiser for a stored run and writes its outcome; never throws. */
  async function runInBackground(scope: TenantScope, runId: string, ctx: OptimisationContext, fromDate: string, toDate: string, timeLimitMs: number): Promise<void> {
    const planned = ctx.visits.filter(isPlannable);
    // Weekly contract hours: the visits that stay (done ones, those of the same weeks outside the period) count.
    const built = buildProblem({ fromDate, toDate, workers: ctx.workers, beneficiaries: ctx.beneficiaries, visits: ctx.visits, usualWorkers: ctx.usualWorkers, contractHours: { otherVisits: ctx.otherVisits } });
    let proposal: Proposal;
    if (built.jobVisitIds.length === 0 || built.vehicles.length === 0) {
      proposal = {
        assignments: built.jobVisitIds.map((visitId) => ({ visitId, workerId: null, startsAt: planned.find((v) => v.id === visitId)!.startsAt.toISOString() })),
        unassigned: built.jobVisitIds.map((visitId) => ({ visitId, reason: 'Aucun·e intervenant·e disponible sur la période.' })),
      };
    } else {
      const startedAt = Date.now();
      const handle = deps.startOptimisation(built.input, { timeLimitMs, seed: 1 });
      const entry = running.get(runId);
      if (entry) entry.handle = handle;
      const timer = setInterval(() => {
        const progress = Math.min(0.99, (Date.now() - startedAt) / timeLimitMs);
        repo
          .updateRunProgress(scope, runId, progress)
          .then((status) => {
            if (status === 'cancelling') handle.cancel();
          })
          .catch(() => undefined);
      }, PROGRESS_EVERY_MS);
      try {
        const found = readSolution(built, planned, await handle.promise);
        proposal = fitToContracts({ built, visits: ctx.visits, otherVisits: ctx.otherVisits, proposal: found, workers: ctx.workers, beneficiaries: ctx.beneficiaries, usualWorkers: ctx.usualWorkers });
      } finally {
        clearInterval(timer);
      }
    }
    // Locked visits without a worker (and anything the problem left aside) stay as they are.
    const kpis = computeKpis({ visits: applyProposal(ctx.visits, proposal.assignments), ...hoursOfWeeks(ctx), workers: ctx.workers, beneficiaries: ctx.beneficiaries, usualWorkers: ctx.usualWorkers });
    await repo.updateRun(scope, runId, { status: 'done', progress: 1, proposal, proposalKpis: kpis, finishedAt: deps.clock.now() }, ['running', 'cancelling']);
  }

  return {
    async startOptimisationRun(scope: TenantScope, actor: Actor, input: { from: string; to: string; timeLimitSeconds?: number }): Promise<{ id: string }> {
      checkPeriod(input.from, input.to);
      const ctx = await loadOptimisationContext(scope, input.from, input.to);
      const plannedCount = ctx.visits.filter(isPlannable).length;
      const timeLimitMs = input.timeLimitSeconds !== undefined ? Math.round(input.timeLimitSeconds * 1000) : defaultTimeLimitMs(plannedCount);
      const current = computeKpis({ visits: ctx.visits, ...hoursOfWeeks(ctx), workers: ctx.workers, beneficiaries: ctx.beneficiaries, usualWorkers: ctx.usualWorkers });
      const snapshot = Object.fromEntries(ctx.visits.map((v) => [v.id, snapshotKey(v)]));
      const run = await repo.insertRun(scope, { fromDate: input.from, toDate: input.to, status: 'running', progress: 0, timeLimitMs, currentKpis: current, snapshot, createdBy: actor.userId });
      const entry: { handle: OptimisationHandle | null; done: Promise<void> } = { handle: null, done: Promise.resolve() };
      running.set(run.id, entry);
      entry.done = runInBackground(scope, run.id, ctx, input.from, input.to, timeLimitMs)
        .catch(async (error: unknown) => {
          deps.log?.error({ err: error, runId: run.id }, 'optimisation run failed');
          await repo
            .updateRun(scope, run.id, { status: 'failed', error: 'Le calcul a échoué : réessayez, ou réduisez la période.', finishedAt: deps.clock.now() }, ['running', 'cancelling'])
            .catch(() => undefined);
        })
        .finally(() => running.delete(run.id));
      return { id: run.id };
    },

    async getOptimisationRun(scope: TenantScope, id: string): Promise<OptimisationRunView> {
      const row = await repo.findRun(scope, id);
      if (!row) throw notFound('Optimisation');
      return toView(row);
    },

    /** The latest runs (without their proposals), to find a run again after a reload and undo an applied one. */
    async listOptimisationRuns(scope: TenantScope) {
      return (await repo.findRecentRuns(scope, 20)).map((row) => {
        const { current, proposal, ...rest } = toView(row);
        return { ...rest, current: current ? { ...current, hoursByWorker: undefined } : null, proposal: proposal ? { travelMinutes: proposal.travelMinutes, travelKm: proposal.travelKm, unassignedVisits: proposal.unassignedVisits, continuityRate: proposal.continuityRate } : null };
      });
    },

    /** Stops a run: it finishes with the best proposal found so far. */
    async cancelOptimisationRun(scope: TenantScope, id: string): Promise<OptimisationRunView> {
      const row = await repo.findRun(scope, id);
      if (!row) throw notFound('Optimisation');
      if (row.status === 'running') {
        await repo.updateRun(scope, id, { status: 'cancelling' }, ['running']);
        running.get(id)?.handle?.cancel();
      } else if (row.status !== 'cancelling') throw conflict('Cette optimisation est déjà terminée.');
      return toView((await repo.findRun(scope, id))!);
    },

    /** Applies the whole proposal in one transaction, or nothing when a visit changed since the run started. */
    async applyOptimisationRun(scope: TenantScope, actor: Actor, id: string): Promise<{ changedVisits: number; batchId: string }> {
      return transaction(scope, async (tx) => {
        const row = await repo.findRun(tx, id);
        if (!row) throw notFound('Optimisation');
        if (row.status === 'applied') throw conflict('Cette proposition a déjà été appliquée.');
        if (row.status !== 'done' || !row.proposal) throw conflict('Cette optimisation n’a pas de proposition à appliquer (en cours ou échouée).');
        const proposal = row.proposal as Proposal;
        const snapshot = row.snapshot as Record<string, string>;
        const current = await repo.findVisitsForUpdate(tx, proposal.assignments.map((a) => a.visitId));
        const byId = new Map(current.map((v) => [v.id, v]));
        for (const a of proposal.assignments) {
          const v = byId.get(a.visitId);
          if (!v || snapshotKey(v) !== snapshot[a.visitId]) throw conflict('Le planning a changé depuis le lancement de l’optimisation : relancez-la avant de l’appliquer.');
        }
        const batchId = randomUUID();
        const changes: repo.ScheduleChangeInsert[] = [];
        for (const a of proposal.assignments) {
          const v = byId.get(a.visitId)!;
          const startsAt = new Date(a.startsAt);
          if (v.workerId === a.workerId && v.startsAt.getTime() === startsAt.getTime()) continue;
          await repo.updateVisitAssignment(tx, v.id, { workerId: a.workerId, startsAt, isLocked: v.isLocked });
          changes.push({ batchId, visitId: v.id, source: 'optimisation', beforeWorkerId: v.workerId, beforeStartsAt: v.startsAt, beforeIsLocked: v.isLocked, afterWorkerId: a.workerId, afterStartsAt: startsAt, afterIsLocked: v.isLocked, actorUserId: actor.userId });
        }
        await repo.insertChanges(tx, changes);
        await repo.updateRun(tx, id, { status: 'applied', appliedAt: deps.clock.now(), appliedBatchId: batchId });
        return { changedVisits: changes.length, batchId };
      });
    },

    /** Puts back what a batch of changes replaced; refused when one of its visits changed since. */
    async undoBatch(scope: TenantScope, actor: Actor, batchId: string): Promise<{ restoredVisits: number; batchId: string }> {
      return transaction(scope, async (tx) => {
        const changes = await repo.findBatch(tx, batchId);
        if (changes.length === 0) throw notFound('Lot de modifications');
        if (changes.some((c) => c.undoneAt)) throw conflict('Ces modifications ont déjà été annulées.');
        const current = new Map((await repo.findVisitsForUpdate(tx, changes.map((c) => c.visitId))).map((v) => [v.id, v]));
        for (const c of changes) {
          const v = current.get(c.visitId);
          if (!v || v.workerId !== c.afterWorkerId || v.startsAt.getTime() !== c.afterStartsAt.getTime() || v.isLocked !== c.afterIsLocked) {
            throw conflict('Une intervention a été modifiée depuis : ces modifications ne peuvent plus être annulées.');
          }
        }
        const undoBatchId = randomUUID();
        for (const c of changes) await repo.updateVisitAssignment(tx, c.visitId, { workerId: c.beforeWorkerId, startsAt: c.beforeStartsAt, isLocked: c.beforeIsLocked });
        await repo.insertChanges(
          tx,
          changes.map((c) => ({ batchId: undoBatchId, visitId: c.visitId, source: 'undo', beforeWorkerId: c.afterWorkerId, beforeStartsAt: c.afterStartsAt, beforeIsLocked: c.afterIsLocked, afterWorkerId: c.beforeWorkerId, afterStartsAt: c.beforeStartsAt, afterIsLocked: c.beforeIsLocked, actorUserId: actor.userId })),
        );
        await repo.markBatchUndone(tx, batchId, deps.clock.now());
        return { restoredVisits: changes.length, batchId: undoBatchId };
      });
    },

    /**
     * The board: a week of workers and visits, travel between visits, conflicts. Filters: a commune, a worker, a
     * sector (the visits of the people of the sector, and the workers of the sector or with one of those visits).
     */
    async getWeek(scope: TenantScope, actor: Actor, query: { start: string; communeCode?: string; workerId?: string; sectorId?: string }, requestId?: string) {
      const toDate = addDays(query.start, 6);
      const sectors = deps.planning.listSectors ? await deps.planning.listSectors(scope) : [];
      if (query.sectorId && !sectors.some((s) => s.id === query.sectorId)) throw notFound('Secteur');
      const ctx = await loadPeriod(scope, query.start, toDate);
      const beneficiaryById = new Map(ctx.beneficiaries.map((b) => [b.id, b]));
      const conflicts = findConflicts({ visits: ctx.visits, workers: ctx.workers, beneficiaries: ctx.beneficiaries, weekDays: 7 });
      const kpis = computeKpis({ visits: ctx.visits, workers: ctx.workers, beneficiaries: ctx.beneficiaries, usualWorkers: ctx.usualWorkers, days: 7 });
      const hoursOf = new Map(kpis.hoursByWorker.map((h) => [h.workerId, h.plannedHours]));
      const visitShown = (v: PlanVisit): boolean =>
        (!query.communeCode || beneficiaryById.get(v.beneficiaryId)?.communeCode === query.communeCode) &&
        (!query.workerId || v.workerId === query.workerId) &&
        (!query.sectorId || beneficiaryById.get(v.beneficiaryId)?.sectorId === query.sectorId);
      const shownVisits = ctx.visits.filter(visitShown);
      const shownIds = new Set(shownVisits.map((v) => v.id));
      const workersWithShownVisits = new Set(shownVisits.map((v) => v.workerId));
      const workers = ctx.workers.filter((w) => (!query.workerId || w.id === query.workerId) && (!query.sectorId || w.sectorId === query.sectorId || workersWithShownVisits.has(w.id)));
      await deps.audit.record({ actor, action: 'list', entityType: 'beneficiary', entityIds: [...new Set(shownVisits.map((v) => v.beneficiaryId))], requestId, details: { view: 'schedule_week', start: query.start } }, scope.db);
      return {
        from: query.start,
        to: toDate,
        /** The organisation's sectors, for the board's filter (a coordinator sees first those they are responsible for). */
        sectors: sectors.map((s) => ({ id: s.id, name: s.name, coordinatorUserIds: s.coordinatorUserIds })),
        workers: workers.map((w) => ({
          id: w.id,
          name: workerName(w),
          sectorId: w.sectorId ?? null,
          skills: w.skills,
          transportMode: w.transportMode,
          contractHoursPerWeek: w.contractHoursPerWeek,
          maxHoursPerDay: w.maxHoursPerDay,
          plannedHours: hoursOf.get(w.id) ?? 0,
          /** Weekly slots in force (the default Monday–Friday 07:00–20:00 when none is recorded). */
          availability: availabilityOf(w),
          hasRecordedAvailability: w.availability.length > 0,
          absences: w.absences.map((a) => ({ id: a.id, startsAt: a.startsAt.toISOString(), endsAt: a.endsAt.toISOString(), kind: a.kind })),
          homeLatitude: w.homeLatitude,
          homeLongitude: w.homeLongitude,
        })),
        visits: shownVisits.map((v) => {
          const b = beneficiaryById.get(v.beneficiaryId);
          return {
            id: v.id,
            beneficiaryId: v.beneficiaryId,
            beneficiaryName: b ? workerName(b) : '',
            communeCode: b?.communeCode ?? null,
            sectorId: b?.sectorId ?? null,
            latitude: b?.latitude ?? null,
            longitude: b?.longitude ?? null,
            addressLine: b?.addressLine ?? null,
            workerId: v.workerId,
            startsAt: v.startsAt.toISOString(),
            endsAt: endsAtOf(v).toISOString(),
            durationMin: v.durationMin,
            windowStartsAt: v.windowStartsAt.toISOString(),
            windowEndsAt: v.windowEndsAt.toISOString(),
            activityCode: v.activityCode,
            requiredSkills: v.requiredSkills,
            status: v.status,
            isLocked: v.isLocked,
          };
        }),
        // Every leg to a shown visit, and the way back home (toVisitId null) after a shown day's last visit.
        travel: travelLegs(ctx.visits, workers, ctx.beneficiaries).filter((l) => (l.toVisitId !== null ? shownIds.has(l.toVisitId) : l.fromVisitId !== null && shownIds.has(l.fromVisitId))),
        conflicts: conflicts.filter((c) => shownIds.has(c.visitId)),
        kpis: { travelMinutes: kpis.travelMinutes, travelKm: kpis.travelKm, unassignedVisits: kpis.unassignedVisits, continuityRate: kpis.continuityRate },
      };
    },

    /** What moving a visit would break (nothing written): the conflicts the move adds, and the visit's own. */
    async checkMove(scope: TenantScope, move: { visitId: string; workerId: string | null; startsAt?: string }): Promise<{ conflicts: Conflict[] }> {
      return { conflicts: (await evaluateMove(scope, move)).conflicts };
    },

    /** Assigns, moves or (un)locks a visit, even with conflicts (the coordinator decides); recorded, so it can be undone. */
    async setAssignment(scope: TenantScope, actor: Actor, visitId: string, change: { workerId: string | null; startsAt?: string; isLocked?: boolean }) {
      const { visit, conflicts } = await evaluateMove(scope, { visitId, workerId: change.workerId, startsAt: change.startsAt });
      return transaction(scope, async (tx) => {
        const [current] = await repo.findVisitsForUpdate(tx, [visitId]);
        if (!current) throw notFound('Intervention');
        if (current.status !== 'planned') throw conflict('Seule une intervention prévue peut être réaffectée ou déplacée.');
        const startsAt = change.startsAt ? new Date(change.startsAt) : current.startsAt;
        const isLocked = change.isLocked ?? current.isLocked;
        const batchId = randomUUID();
        await repo.updateVisitAssignment(tx, visitId, { workerId: change.workerId, startsAt, isLocked });
        await repo.insertChanges(tx, [
          { batchId, visitId, source: 'assignment', beforeWorkerId: current.workerId, beforeStartsAt: current.startsAt, beforeIsLocked: current.isLocked, afterWorkerId: change.workerId, afterStartsAt: startsAt, afterIsLocked: isLocked, actorUserId: actor.userId },
        ]);
        return {
          visit: { ...visitView({ ...visit, workerId: change.workerId, startsAt, isLocked }) },
          conflicts,
          batchId,
        };
      });
    },

    /** Records an absence and gives the absent worker's visits to others, moving nothing else. */
    async reportAbsence(scope: TenantScope, actor: Actor, workerId: string, input: { from: string; to: string; kind?: string; note?: string }) {
      const from = new Date(input.from);
      const to = new Date(input.to);
      if (to.getTime() <= from.getTime()) throw invalid('to', 'La fin de l’absence doit suivre son début.');
      if (to.getTime() - from.getTime() > 92 * 86_400_000) throw invalid('to', 'Une absence ne peut pas dépasser 92 jours : enregistrez-la en plusieurs fois.');
      const scanFrom = new Date(from.getTime() - 86_400_000);
      const { worker } = await getWorker(scope, workerId, { from: scanFrom, to });
      const mine = await repo.findVisitsBetween(scope, scanFrom, to, { workerId });
      const orphans = mine.filter((v) => isPlannable(v) && v.startsAt.getTime() < to.getTime() && endsAtOf(v).getTime() > from.getTime());
      const days = [...new Set(orphans.map((v) => localDayOf(v.startsAt)))].sort();
      const withAbsence = (ws: PlanningWorker[]): PlanningWorker[] =>
        ws.map((w) => (w.id === workerId ? { ...w, absences: [...w.absences, { id: 'new', startsAt: from, endsAt: to, kind: input.kind ?? 'autre' }] } : w));

      let result: ReturnType<typeof settleRepair> = { reassigned: [], unassigned: [] };
      let ctx: RepairContext | null = null;
      if (days.length > 0) {
        const period = periodBounds(days[0]!, days[days.length - 1]!);
        const dayWorkers = withAbsence(await deps.planning.listWorkersForPlanning(scope, period));
        const all = (await repo.findVisitsBetween(scope, period.from, period.to)).filter((v) => isPlannable(v) && days.includes(localDayOf(v.startsAt)));
        const beneficiaryIds = [...new Set(all.map((v) => v.beneficiaryId))];
        const [beneficiaries, usualWorkers] = await Promise.all([deps.planning.listBeneficiariesForPlanning(scope, beneficiaryIds), repo.findUsualWorkers(scope, beneficiaryIds, period.from)]);
        ctx = { workers: dayWorkers, beneficiaries, visits: all, orphanIds: new Set(orphans.map((v) => v.id)), usualWorkers };
        // Cheapest feasible insertion first (milliseconds); when some visits still do not fit, a short optimiser
        // run on the affected days, every other visit pinned, may find a better combination.
        const absentIds = new Set([workerId]);
        result = settleRepair(ctx, null, absentIds);
        const built = result.unassigned.length > 0 ? buildRepairProblem(ctx) : null;
        if (built && built.vehicles.length > 0) {
          try {
            const output = await deps.startOptimisation(built.input, { timeLimitMs: REPAIR_TIME_LIMIT_MS, seed: 1, graceMs: 5_000 }).promise;
            const proposal = readSolution(built, ctx.visits.map((v) => (ctx!.orphanIds.has(v.id) ? { ...v, workerId: null } : v)), output);
            const alternative = settleRepair(ctx, proposal, absentIds);
            if (alternative.unassigned.length < result.unassigned.length) result = alternative;
          } catch (error) {
            deps.log?.error({ err: error }, 'repair: optimiser run failed, insertion only');
          }
        }
      }

      const batchId = randomUUID();
      const emails = new Map(orphans.length > 0 && deps.planning.listWorkers ? (await deps.planning.listWorkers(scope)).map((w) => [w.id, w.email]) : []);
      // Read before the transaction (on PGlite a read outside it would wait for it).
      const organisationName = orphans.length > 0 && deps.organisationName ? await deps.organisationName(scope.organisationId).catch(() => null) : null;
      const absence = await transaction(scope, async (tx) => {
        const recorded = await deps.planning.recordAbsence(tx, actor, workerId, { from, to, kind: input.kind, note: input.note }, tx.db);
        const current = new Map((await repo.findVisitsForUpdate(tx, orphans.map((v) => v.id))).map((v) => [v.id, v]));
        for (const v of orphans) {
          const now = current.get(v.id);
          if (!now || snapshotKey(now) !== snapshotKey(v)) throw conflict('Le planning a changé pendant la réparation : réessayez.');
        }
        const changes: repo.ScheduleChangeInsert[] = [];
        const write = async (v: PlanVisit, toWorkerId: string | null, startsAt: Date): Promise<void> => {
          await repo.updateVisitAssignment(tx, v.id, { workerId: toWorkerId, startsAt, isLocked: false });
          changes.push({ batchId, visitId: v.id, source: 'repair', beforeWorkerId: v.workerId, beforeStartsAt: v.startsAt, beforeIsLocked: v.isLocked, afterWorkerId: toWorkerId, afterStartsAt: startsAt, afterIsLocked: false, actorUserId: actor.userId });
        };
        for (const r of result.reassigned) await write(current.get(r.visitId)!, r.toWorkerId, new Date(r.startsAt));
        for (const u of result.unassigned) await write(current.get(u.visitId)!, null, current.get(u.visitId)!.startsAt);
        await repo.insertChanges(tx, changes);
        await notifyRepair(tx, { worker, emails, organisationName, ctx, orphans, result });
        return recorded;
      });
      const changedWorkers = orphans.length > 0 ? [workerId, ...new Set(result.reassigned.map((r) => r.toWorkerId))] : [];
      return {
        absenceId: absence.id,
        reassignedVisits: result.reassigned,
        unassignedVisits: result.unassigned,
        changedWorkers: [...new Set(changedWorkers)],
        batchId: orphans.length > 0 ? batchId : null,
      };
    },

    /** A worker's own week: addresses, times, travel; access details only on today's visits. */
    async getMySchedule(scope: TenantScope, actor: Actor, week: string | undefined, requestId?: string) {
      const me = await deps.planning.findWorkerByUserId(scope, actor.userId);
      if (!me) throw notFound('Fiche intervenant·e liée à votre compte');
      const today = localDayOf(deps.clock.now());
      const start = week ? addDays(week, 1 - isoWeekday(week)) : addDays(today, 1 - isoWeekday(today));
      const toDate = addDays(start, 6);
      const period = periodBounds(start, toDate);
      const [workers, visits] = await Promise.all([deps.planning.listWorkersForPlanning(scope, period), repo.findVisitsBetween(scope, period.from, period.to, { workerId: me.id })]);
      const mine = visits.filter((v) => v.status !== 'cancelled');
      const beneficiaries = mine.length > 0 ? await deps.planning.listBeneficiariesForPlanning(scope, [...new Set(mine.map((v) => v.beneficiaryId))]) : [];
      const byId = new Map(beneficiaries.map((b) => [b.id, b]));
      const worker = workers.find((w) => w.id === me.id);
      const legs = worker ? travelLegs(mine, [worker], beneficiaries) : [];
      const legTo = new Map(legs.filter((l) => l.toVisitId).map((l) => [l.toVisitId!, l]));
      // Tasks of each visit: its contract's, else the activity's name.
      const contractOf = await repo.findContractIds(scope, mine.map((v) => v.id));
      const tasksOf = new Map<string, string[]>();
      if (deps.planning.getContract) {
        for (const contractId of new Set([...contractOf.values()].filter((c): c is string => c !== null))) {
          const contract = await deps.planning.getContract(scope, contractId).catch(() => null);
          if (contract && contract.tasks.length > 0) tasksOf.set(contractId, contract.tasks);
        }
      }
      await deps.audit.record({ actor, action: 'read', entityType: 'beneficiary', entityIds: [...byId.keys()], requestId, details: { view: 'my_schedule', week: start } }, scope.db);
      return {
        workerId: me.id,
        from: start,
        to: toDate,
        today,
        visits: mine.map((v) => {
          const b = byId.get(v.beneficiaryId);
          const leg = legTo.get(v.id);
          return {
            id: v.id,
            localDate: localDayOf(v.startsAt),
            startsAt: v.startsAt.toISOString(),
            endsAt: endsAtOf(v).toISOString(),
            durationMin: v.durationMin,
            status: v.status,
            beneficiaryId: v.beneficiaryId,
            beneficiaryName: b ? workerName(b) : '',
            addressLine: b?.addressLine ?? null,
            communeCode: b?.communeCode ?? null,
            latitude: b?.latitude ?? null,
            longitude: b?.longitude ?? null,
            activityCode: v.activityCode,
            tasks: tasksOf.get(contractOf.get(v.id) ?? '') ?? [isActivityCode(v.activityCode) ? getActivity(v.activityCode).name : v.activityCode],
            travelFromPrevious: leg ? { fromVisitId: leg.fromVisitId, travelMinutes: leg.travelMinutes, travelKm: leg.travelKm } : null,
            accessDetails: localDayOf(v.startsAt) === today ? (b?.accessDetails ?? null) : null,
          };
        }),
      };
    },

    /** Stops the runs of this process (server shutdown): each ends with its best plan so far. */
    async shutdown(): Promise<void> {
      for (const entry of running.values()) entry.handle?.cancel();
      await Promise.all([...running.values()].map((e) => e.done));
    },

    /** Resolves when the runs started by this process are finished (tests, benchmarks). */
    async idle(): Promise<void> {
      await Promise.all([...running.values()].map((e) => e.done));
    },
  };

  function visitView(v: PlanVisit) {
    return {
      id: v.id,
      beneficiaryId: v.beneficiaryId,
      workerId: v.workerId,
      startsAt: v.startsAt.toISOString(),
      endsAt: endsAtOf(v).toISOString(),
      durationMin: v.durationMin,
      windowStartsAt: v.windowStartsAt.toISOString(),
      windowEndsAt: v.windowEndsAt.toISOString(),
      activityCode: v.activityCode,
      requiredSkills: v.requiredSkills,
      status: v.status,
      isLocked: v.isLocked,
    };
  }

  /** The visit, and the conflicts of its week once moved that were not there before (plus its own). */
  async function evaluateMove(scope: TenantScope, move: { visitId: string; workerId: string | null; startsAt?: string }): Promise<{ visit: PlanVisit; conflicts: Conflict[] }> {
    const visit = await repo.findVisit(scope, move.visitId);
    if (!visit) throw notFound('Intervention');
    const startsAt = move.startsAt ? new Date(move.startsAt) : visit.startsAt;
    const weekStart = addDays(localDayOf(startsAt), 1 - isoWeekday(localDayOf(startsAt)));
    const period = periodBounds(weekStart, addDays(weekStart, 6));
    const workers = await deps.planning.listWorkersForPlanning(scope, period);
    if (move.workerId && !workers.some((w) => w.id === move.workerId)) throw notFound('Intervenant·e');
    const involved = new Set([visit.workerId, move.workerId].filter((x): x is string => x !== null));
    const week = (await repo.findVisitsBetween(scope, period.from, period.to)).filter((v) => v.id !== visit.id && v.workerId !== null && involved.has(v.workerId));
    const beneficiaries = await deps.planning.listBeneficiariesForPlanning(scope, [...new Set([visit.beneficiaryId, ...week.map((v) => v.beneficiaryId)])]);
    const moved = { ...visit, workerId: move.workerId, startsAt };
    const keyOf = (c: Conflict): string => `${c.visitId}|${c.code}|${c.workerId}`;
    const before = new Set(findConflicts({ visits: [...week, visit], workers, beneficiaries, weekDays: 7 }).map(keyOf));
    const after = findConflicts({ visits: [...week, moved], workers, beneficiaries, weekDays: 7 });
    return { visit, conflicts: after.filter((c) => c.visitId === visit.id || !before.has(keyOf(c))) };
  }

  /**
   * E-mails (outbox, in the repair's transaction) to the absent worker, to each worker who got visits, and to
   * each household whose visits changed: one e-mail per household listing its visits with their new time and
   * worker's first name, and — honestly — those nobody could take yet, for which the provider will call.
   */
  async function notifyRepair(
    tx: TenantScope,
    r: { worker: PlanningWorker; emails: Map<string, string | null>; organisationName: string | null; ctx: RepairContext | null; orphans: PlanVisit[]; result: ReturnType<typeof settleRepair> },
  ): Promise<void> {
    if (!r.ctx || r.orphans.length === 0) return;
    const fmt = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS_TIME_ZONE, weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' });
    const fmtTime = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS_TIME_ZONE, hour: '2-digit', minute: '2-digit' });
    const byWorker = new Map(r.ctx.workers.map((w) => [w.id, w]));
    const byBeneficiary = new Map(r.ctx.beneficiaries.map((b) => [b.id, b]));
    const orphanById = new Map(r.orphans.map((v) => [v.id, v]));
    const send = async (to: string | null | undefined, subject: string, text: string): Promise<void> => {
      if (to) await deps.mail.enqueue({ to, subject, text, organisationId: tx.organisationId }, tx.db);
    };
    const emailOf = (w: PlanningWorker | undefined): string | null | undefined => (w ? (w.email ?? r.emails.get(w.id)) : undefined);
    await send(
      emailOf(r.worker),
      'Votre planning a été modifié',
      `Bonjour ${r.worker.firstName},\n\nVotre absence est enregistrée. ${r.orphans.length} intervention(s) de votre planning ont été confiées à d’autres intervenant·es ou sont en attente de remplacement.\n\nL’équipe de coordination`,
    );
    const toWorkers = new Map<string, string[]>();
    for (const p of r.result.reassigned) {
      const v = orphanById.get(p.visitId)!;
      const b = byBeneficiary.get(v.beneficiaryId);
      toWorkers.set(p.toWorkerId, [...(toWorkers.get(p.toWorkerId) ?? []), `- ${fmt.format(new Date(p.startsAt))} : ${b ? workerName(b) : 'bénéficiaire'}${b?.addressLine ? `, ${b.addressLine}` : ''} (${v.durationMin} min)`]);
    }
    for (const [id, lines] of toWorkers) {
      const w = byWorker.get(id);
      await send(emailOf(w), 'Nouvelles interventions dans votre planning', `Bonjour ${w?.firstName ?? ''},\n\nPour remplacer un·e collègue absent·e, ces interventions ont été ajoutées à votre planning :\n${lines.join('\n')}\n\nL’équipe de coordination`);
    }

    if (!deps.planning.listHouseholdContacts) return;
    const reassignedOf = new Map(r.result.reassigned.map((p) => [p.visitId, p]));
    const households = await deps.planning.listHouseholdContacts(tx, [...new Set(r.orphans.map((v) => v.beneficiaryId))]);
    const signature = r.organisationName ?? 'L’équipe de coordination';
    for (const h of households) {
      if (!h.email) continue;
      const theirs = r.orphans.filter((v) => h.beneficiaryIds.includes(v.beneficiaryId)).sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      if (theirs.length === 0) continue;
      // The person's first name when the household has several people cared for.
      const forWhom = (v: PlanVisit): string => {
        const b = byBeneficiary.get(v.beneficiaryId);
        return h.beneficiaryIds.length > 1 && b ? ` (pour ${b.firstName})` : '';
      };
      const changed: string[] = [];
      const waiting: string[] = [];
      for (const v of theirs) {
        const p = reassignedOf.get(v.id);
        if (p) {
          const at = new Date(p.startsAt);
          const moved = at.getTime() !== v.startsAt.getTime() ? ` (au lieu de ${fmtTime.format(v.startsAt)})` : '';
          changed.push(`- ${fmt.format(at)}${moved}${forWhom(v)} : avec ${byWorker.get(p.toWorkerId)?.firstName ?? 'un·e autre intervenant·e'}.`);
        } else waiting.push(`- ${fmt.format(v.startsAt)}${forWhom(v)}.`);
      }
      const parts = ['Bonjour,', 'L’intervenant·e prévu·e chez vous est absent·e.'];
      if (changed.length > 0) parts.push(`${changed.length > 1 ? 'Ces interventions sont assurées' : 'Cette intervention est assurée'} par un·e autre intervenant·e :\n${changed.join('\n')}`);
      if (waiting.length > 0) {
        parts.push(
          `Nous n’avons pas encore trouvé de remplaçant·e pour ${waiting.length > 1 ? 'ces interventions' : 'cette intervention'} :\n${waiting.join('\n')}\n` +
            `${r.organisationName ?? 'Votre service d’aide à domicile'} vous appellera pour convenir avec vous d’une solution.`,
        );
      }
      parts.push(signature);
      await send(h.email, waiting.length > 0 ? 'Vos interventions : un remplacement est en cours' : 'Changement d’intervenant·e pour vos interventions', parts.join('\n\n'));
    }
  }
}

export type ScheduleService = ReturnType<typeof createScheduleService>;
