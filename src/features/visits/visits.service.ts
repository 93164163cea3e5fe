/**
 * Télégestion use cases: check-in and check-out from the worker's phone (idempotent, batch sync after
 * working offline), the visit report (tasks, transmission), the worker's day and fair activity view, the
 * coordinator's planned-vs-actual and anomaly queue, the care-plan ledger, the département's delivery
 * export and payroll preparation. Beneficiaries, workers, contracts and plans come from the care service,
 * the organisation's name and prices from the directory service, the worker's week from the schedule service.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import { createTenantScope, type TenantScope } from '../../db/tenant-scope';
import type { Actor } from '../../domain/access';
import { addDays, isoWeekday, localDateOf, localTimeOf, localToInstant } from '../../shared/local-time';
import {
  ANOMALY_LABELS,
  classifyVisit,
  computeLedgerMonth,
  computeTravelCredit,
  decimalHours,
  DEFAULT_TOLERANCES,
  DELIVERY_COLUMNS,
  deliveryRows,
  isCheckTimeAcceptable,
  monthBounds,
  monthDays,
  monthOf,
  monthsBetween,
  payrollRows,
  toCsv,
  VALIDATION_LABELS,
  validationStatusOf,
  type AnomalyCode,
  type DeliveryVisit,
  type LedgerPlan,
  type TelegestionTolerances,
  type TravelCreditLeg,
  type ValidationStatus,
} from '../../domain/telegestion';
import type { Clock } from '../../shared/clock';
import { DomainError, notFound } from '../../shared/errors';
import type { AuditService } from '../audit/audit.service';
import type { CareService } from '../care/care.service';
import type { DirectoryService } from '../directory/directory.service';
import type { ScheduleService } from '../schedule/schedule.service';
import * as repo from './visits.repo';

export interface VisitsServiceDeps {
  db: Db;
  clock: Clock;
  care: CareService;
  /** The directory service: the organisation's name and SIRET, its published prices. */
  directory: Pick<DirectoryService, 'listOrganisationSummaries' | 'listActivityPrices'>;
  schedule: ScheduleService;
  audit: AuditService;
  tolerances?: TelegestionTolerances;
}

export type CheckKind = 'check_in' | 'check_out';

export interface CheckInput {
  /** The device's time, ISO 8601 with offset. */
  at: string;
  idempotencyKey: string;
  position?: { latitude: number; longitude: number; accuracyMetres?: number | null } | null;
}

export interface ReportInput {
  tasksDone: string[];
  transmission?: string | null;
  idempotencyKey: string;
}

export type SyncAction =
  | ({ type: 'check_in' | 'check_out'; visitId: string } & CheckInput)
  | ({ type: 'report'; visitId: string; at?: string } & ReportInput);

export interface SyncResult {
  type: SyncAction['type'];
  visitId: string;
  idempotencyKey: string;
  /** The HTTP status the single request would have answered. */
  status: number;
  body?: unknown;
  error?: { code: string; detail: string; errors: { field: string; message: string }[] };
}

const invalid = (field: string, message: string) => new DomainError('validation', message, [{ field, message }]);
const conflict = (message: string) => new DomainError('conflict', message);

const STATUS_OF_CODE: Record<string, number> = { validation: 400, unauthenticated: 401, forbidden: 403, not_found: 404, conflict: 409, rate_limited: 429, csrf: 403, unprocessable: 422 };

/** How far back the anomaly queue looks. */
const QUEUE_DAYS = 31;
const MAX_LEDGER_MONTHS = 24;

function actualView(visit: repo.TelegestionVisit, actual: repo.VisitActualRow | null, now: Date, tolerances: TelegestionTolerances) {
  const c = classifyVisit({ ...visit, actualStartAt: actual?.actualStartAt ?? null, actualEndAt: actual?.actualEndAt ?? null }, now, tolerances);
  const stored = (actual?.validationStatus ?? null) as ValidationStatus | null;
  const isReviewed = Boolean(actual?.reviewedAt);
  const status: ValidationStatus = isReviewed && stored ? stored : c.anomalies.length > 0 ? 'anomaly' : (stored ?? validationStatusOf(c));
  const anomalies = isReviewed ? ((actual?.anomalyCodes ?? []) as AnomalyCode[]) : c.anomalies;
  return {
    visitId: visit.id,
    state: c.state,
    actualStartAt: actual?.actualStartAt?.toISOString() ?? null,
    actualEndAt: actual?.actualEndAt?.toISOString() ?? null,
    actualMin: actual?.actualStartAt && actual.actualEndAt ? Math.max(0, Math.round((actual.actualEndAt.getTime() - actual.actualStartAt.getTime()) / 60_000)) : null,
    validationStatus: status,
    validationLabel: VALIDATION_LABELS[status],
    anomalies: anomalies.map((code) => ({ code, label: ANOMALY_LABELS[code] ?? code })),
    tasksDone: actual?.tasksDone ?? [],
    transmission: actual?.transmission ?? null,
    review: actual?.reviewedAt
      ? { at: actual.reviewedAt.toISOString(), byUserId: actual.reviewedByUserId, reason: actual.reviewReason, checkedStartAt: actual.checkedStartAt?.toISOString() ?? null, checkedEndAt: actual.checkedEndAt?.toISOString() ?? null }
      : null,
  };
}

function eventView(e: repo.CheckEventRow) {
  return {
    id: e.id,
    visitId: e.visitId,
    kind: e.kind as CheckKind,
    at: e.atText,
    receivedAt: e.receivedAt.toISOString(),
    position: e.latitude !== null && e.longitude !== null ? { latitude: e.latitude, longitude: e.longitude, accuracyMetres: e.accuracyMetres } : null,
  };
}

/** Actuals of a visit with nothing recorded yet (the columns' defaults). */
const emptyActual = (visitId: string, organisationId: string, now: Date): repo.VisitActualRow => ({
  visitId,
  organisationId,
  workerId: null,
  actualStartAt: null,
  actualEndAt: null,
  tasksDone: [],
  transmission: null,
  reportedAt: null,
  reportIdempotencyKey: null,
  validationStatus: 'pending',
  anomalyCodes: [],
  reviewedByUserId: null,
  reviewedAt: null,
  reviewReason: null,
  checkedStartAt: null,
  checkedEndAt: null,
  updatedAt: now,
});

const endOf = (v: { startsAt: Date; durationMin: number }) => new Date(v.startsAt.getTime() + v.durationMin * 60_000);
const dayBounds = (localDate: string) => ({ from: localToInstant(localDate, '00:00'), to: localToInstant(addDays(localDate, 1), '00:00') });
const nameOf = (p: { firstName: string; lastName: string } | undefined) => (p ? `${p.firstName} ${p.lastName}` : '');

export function createVisitsService(deps: VisitsServiceDeps) {
  const { db, clock, care, directory, schedule, audit } = deps;
  const tolerances = deps.tolerances ?? DEFAULT_TOLERANCES;
  const transaction = <T>(scope: TenantScope, work: (tx: TenantScope) => Promise<T>): Promise<T> => db.transaction((tx) => work(scope.withExecutor(tx)));

  async function requireMe(scope: TenantScope, actor: Actor) {
    const me = await care.findWorkerByUserId(scope, actor.userId);
    if (!me) throw notFound('Fiche intervenant·e liée à votre compte');
    return me;
  }

  /**
   * Recomputes the travel credited to a worker for a local day from the visits done that day, in three round trips:
   * the visits, then the homes and the worker's transport mode (care, one query), then the save.
   */
  async function refreshTravelCredit(scope: TenantScope, workerId: string, localDate: string): Promise<void> {
    const { from, to } = dayBounds(localDate);
    const visitsDone = await repo.findDoneVisitsOfWorker(scope, workerId, from, to);
    const facts = visitsDone.length > 0 ? await care.getTravelFacts(scope, workerId, visitsDone.map((d) => d.beneficiaryId)) : { transportMode: null, places: [] };
    const places = new Map(facts.places.map((p) => [p.beneficiaryId, p]));
    const done = visitsDone.flatMap((d) => {
      const place = places.get(d.beneficiaryId);
      return place ? [{ ...d, latitude: place.latitude, longitude: place.longitude }] : [];
    });
    const credit = computeTravelCredit(
      done.map((d) => ({ visitId: d.visitId, startAt: d.actualStartAt!, place: d.latitude !== null && d.longitude !== null ? { latitude: d.latitude, longitude: d.longitude } : null })),
      (done.length > 0 ? facts.transportMode : null) ?? 'car',
    );
    await repo.saveTravelCredit(scope, { workerId, localDate, legs: credit.legs, totalMinutes: credit.totalMinutes, totalKm: credit.totalKm });
  }

  async function check(scope: TenantScope, actor: Actor, kind: CheckKind, visitId: string, input: CheckInput, source: 'direct' | 'sync' = 'direct') {
    const at = new Date(input.at);
    if (Number.isNaN(at.getTime())) throw invalid('at', "L'heure du pointage n'est pas une date valide.");
    // A concurrent change of the visit's actuals between the read and the write: read again and decide again.
    for (let attempt = 0; attempt < 3; attempt++) {
      const outcome = await checkOnce(scope, actor, kind, visitId, input, source, at);
      if (outcome === 'stale') continue;
      if ('replayed' in outcome) return replay(outcome.replayed, kind, visitId);
      if (kind === 'check_out') await refreshTravelCredit(scope, outcome.meId, outcome.localDate);
      return outcome.response;
    }
    throw conflict("L'intervention a été modifiée pendant le pointage : réessayez.");
  }

  /**
   * One attempt of a check, in two round trips and no explicit transaction (the phone waits on each; p95 ≤ 50 ms
   * with 50 workers at once): one read (the visit, its actuals, the user's worker record), one statement that
   * writes the actuals, the event with its answer and the visit done only if the actuals are still as read
   * ('stale' otherwise). A retry is found by its key: on a unique violation, or when a rule refuses.
   */
  async function checkOnce(scope: TenantScope, actor: Actor, kind: CheckKind, visitId: string, input: CheckInput, source: 'direct' | 'sync', at: Date) {
    const now = clock.now();
    const found = await repo.findVisitForCheck(scope, visitId, actor.userId);
    const meId = found ? found.meId : (await requireMe(scope, actor)).id;
    if (!meId) throw notFound('Fiche intervenant·e liée à votre compte');
    const replayOr = async (error: DomainError) => {
      const previous = await repo.findCheckEventByKey(scope, meId, input.idempotencyKey);
      if (previous) return { replayed: previous };
      throw error;
    };
    if (!found || found.visit.workerId !== meId) return replayOr(notFound('Intervention'));
    const { visit, actual: before } = found;
    if (!isCheckTimeAcceptable(at, now)) throw invalid('at', "L'heure du pointage est dans le futur : vérifiez l'heure du téléphone.");
    if (visit.status === 'cancelled') return replayOr(conflict('Cette intervention a été annulée : elle ne peut pas être pointée.'));
    if (kind === 'check_out') {
      if (!before?.actualStartAt) return replayOr(conflict("Pointez d'abord l'arrivée : aucun pointage d'arrivée n'est enregistré pour cette intervention."));
      if (at.getTime() < before.actualStartAt.getTime()) return replayOr(invalid('at', "L'heure de départ ne peut pas précéder l'heure d'arrivée."));
    }
    const times = kind === 'check_in' ? { actualStartAt: at, checkedStartAt: at } : { actualEndAt: at, checkedEndAt: at };
    const isReviewed = Boolean(before?.reviewedAt);
    const merged = { actualStartAt: before?.actualStartAt ?? null, actualEndAt: before?.actualEndAt ?? null, ...(isReviewed ? {} : times) };
    const c = classifyVisit({ ...visit, ...merged }, now, tolerances);
    const changes = {
      workerId: meId,
      ...(isReviewed ? { [kind === 'check_in' ? 'checkedStartAt' : 'checkedEndAt']: at } : times),
      ...(isReviewed ? {} : { validationStatus: validationStatusOf(c), anomalyCodes: c.anomalies }),
    };
    const actual = { ...emptyActual(visitId, scope.organisationId, now), ...before, ...changes } as repo.VisitActualRow;
    const eventRow = {
      id: randomUUID(),
      visitId,
      workerId: meId,
      kind,
      at,
      atText: input.at,
      receivedAt: now,
      latitude: input.position?.latitude ?? null,
      longitude: input.position?.longitude ?? null,
      accuracyMetres: input.position?.accuracyMetres ?? null,
      idempotencyKey: input.idempotencyKey,
      source,
    };
    let recorded: Awaited<ReturnType<typeof repo.recordCheck>>;
    try {
      // Stored with the event and given back as stored (jsonb orders keys its own way): a retry gets the same body.
      recorded = await repo.recordCheck(
        scope,
        { ...eventRow, response: { event: eventView({ ...eventRow, organisationId: scope.organisationId, response: null }), visit: actualView(visit, actual, now, tolerances) } },
        { actualStartAt: before?.actualStartAt ?? null, actualEndAt: before?.actualEndAt ?? null, checkedStartAt: before?.checkedStartAt ?? null, checkedEndAt: before?.checkedEndAt ?? null, reviewedAt: before?.reviewedAt ?? null },
        { workerId: meId, actualStartAt: actual.actualStartAt, actualEndAt: actual.actualEndAt, checkedStartAt: actual.checkedStartAt, checkedEndAt: actual.checkedEndAt, validationStatus: actual.validationStatus, anomalyCodes: actual.anomalyCodes },
        kind === 'check_out',
      );
    } catch (error) {
      if (!repo.isUniqueViolation(error)) throw error;
      // The same key was used before (a retry), or this visit already has this check: nothing was written.
      return replayOr(conflict(kind === 'check_in' ? "L'arrivée est déjà pointée pour cette intervention." : 'Le départ est déjà pointé pour cette intervention.'));
    }
    if (recorded === 'stale') return 'stale' as const;
    return { response: recorded.response, localDate: localDateOf(actual.actualStartAt ?? at), meId };
  }

  function replay(previous: repo.CheckEventRow, kind: CheckKind, visitId: string) {
    if (previous.kind !== kind || previous.visitId !== visitId) throw conflict("Cette clé d'idempotence a déjà servi pour un autre pointage : générez-en une nouvelle.");
    return previous.response;
  }

  async function report(scope: TenantScope, actor: Actor, visitId: string, input: ReportInput) {
    const me = await requireMe(scope, actor);
    const now = clock.now();
    return transaction(scope, async (tx) => {
      const visit = await repo.findVisitForUpdate(tx, visitId);
      if (!visit || visit.workerId !== me.id) throw notFound('Intervention');
      const before = await repo.findActual(tx, visitId);
      if (before?.reportIdempotencyKey === input.idempotencyKey) return reportView(visit.id, before);
      if (visit.status === 'cancelled') throw conflict('Cette intervention a été annulée : aucun compte rendu ne peut y être ajouté.');
      const saved = await repo.saveActual(tx, visitId, {
        workerId: before?.workerId ?? me.id,
        tasksDone: input.tasksDone,
        transmission: input.transmission?.trim() ? input.transmission.trim() : null,
        reportedAt: now,
        reportIdempotencyKey: input.idempotencyKey,
      });
      return reportView(visit.id, saved);
    });
  }

  const reportView = (visitId: string, a: repo.VisitActualRow) => ({ visitId, tasksDone: a.tasksDone, transmission: a.transmission, reportedAt: a.reportedAt?.toISOString() ?? null });

  /** Names of the organisation's workers and of the visits' beneficiaries (planning facts, no health data). */
  async function namesFor(scope: TenantScope, visits: readonly repo.TelegestionVisit[], period: { from: Date; to: Date }) {
    const [workers, beneficiaries] = await Promise.all([
      care.listWorkersForPlanning(scope, period),
      visits.length > 0 ? care.listBeneficiariesForPlanning(scope, visits.map((v) => v.beneficiaryId)) : Promise.resolve([]),
    ]);
    return { workers: new Map(workers.map((w) => [w.id, w])), beneficiaries: new Map(beneficiaries.map((b) => [b.id, b])) };
  }

  function overviewRow(v: repo.VisitWithActual, names: Awaited<ReturnType<typeof namesFor>>, now: Date) {
    const view = actualView(v, v.actual, now, tolerances);
    const workerId = v.actual?.workerId ?? v.workerId;
    return {
      localDate: localDateOf(v.startsAt),
      beneficiaryId: v.beneficiaryId,
      beneficiaryName: nameOf(names.beneficiaries.get(v.beneficiaryId)),
      workerId,
      workerName: workerId ? nameOf(names.workers.get(workerId)) : null,
      activityCode: v.activityCode,
      status: v.status,
      cancelledReason: v.cancelledReason,
      plannedStartAt: v.startsAt.toISOString(),
      plannedEndAt: endOf(v).toISOString(),
      plannedMin: v.durationMin,
      windowStartsAt: v.windowStartsAt.toISOString(),
      windowEndsAt: v.windowEndsAt.toISOString(),
      ...view,
      startDelayMin: v.actual?.actualStartAt ? Math.round((v.actual.actualStartAt.getTime() - v.startsAt.getTime()) / 60_000) : null,
    };
  }

  /** Ledger months of one beneficiary's file (already read, and audited, through the care service). */
  async function ledgerOf(scope: TenantScope, file: Awaited<ReturnType<CareService['getBeneficiary']>>, months: string[]) {
    const now = clock.now();
    const from = monthBounds(months[0]!).from;
    const to = monthBounds(months[months.length - 1]!).to;
    const visits = await repo.findVisitsWithActuals(scope, { from, to, beneficiaryIds: [file.id] });
    const workers = await care.listWorkersForPlanning(scope, { from, to });
    const absencesOf = new Map(workers.map((w) => [w.id, w.absences]));
    const plans: LedgerPlan[] = file.carePlans.map((p) => ({ funder: p.funder, hoursPerMonth: p.hoursPerMonth, startsOn: p.startsOn, endsOn: p.endsOn }));
    return {
      beneficiary: { id: file.id, firstName: file.firstName, lastName: file.lastName },
      plans: file.carePlans.map((p) => ({ funder: p.funder, hoursPerMonth: p.hoursPerMonth, startsOn: p.startsOn, endsOn: p.endsOn, reference: p.reference })),
      months: months.map((month) => {
        const bounds = monthBounds(month);
        const inMonth = visits.filter((v) => v.startsAt >= bounds.from && v.startsAt < bounds.to);
        return computeLedgerMonth(
          month,
          plans,
          inMonth.map((v) => ({
            startsAt: v.startsAt,
            durationMin: v.durationMin,
            status: v.status,
            cancelledReason: v.cancelledReason,
            workerId: v.workerId,
            actualStartAt: v.actual?.actualStartAt ?? null,
            actualEndAt: v.actual?.actualEndAt ?? null,
            validationStatus: (v.actual?.validationStatus ?? null) as ValidationStatus | null,
            isWorkerAbsent: v.workerId !== null && (absencesOf.get(v.workerId) ?? []).some((a) => a.startsAt < endOf(v) && a.endsAt > v.startsAt),
          })),
          now,
          tolerances,
        );
      }),
    };
  }

  function ledgerMonths(from: string | undefined, to: string | undefined): string[] {
    const current = monthOf(clock.now());
    const last = to ?? current;
    const [y, m] = last.split('-').map(Number) as [number, number];
    const defaultFrom = m > 5 ? `${y}-${String(m - 5).padStart(2, '0')}` : `${y - 1}-${String(m + 7).padStart(2, '0')}`;
    const first = from ?? defaultFrom;
    if (first > last) throw invalid('from', 'Le premier mois doit précéder le dernier.');
    const months = monthsBetween(first, last);
    if (months.length > MAX_LEDGER_MONTHS) throw invalid('from', `Le relevé couvre au plus ${MAX_LEDGER_MONTHS} mois.`);
    return months;
  }

  /** Visits of [from, to) with actual times and a validation status of `statuses`. */
  async function validatedVisits(scope: TenantScope, range: { from: Date; to: Date }, statuses: ValidationStatus[]) {
    const rows = await repo.findVisitsWithActuals(scope, { ...range, withActualOnly: true, validationStatuses: statuses, notCancelled: true });
    return rows.filter((v) => v.actual?.actualStartAt && v.actual.actualEndAt);
  }

  return {
    checkIn: (scope: TenantScope, actor: Actor, visitId: string, input: CheckInput, source?: 'direct' | 'sync') => check(scope, actor, 'check_in', visitId, input, source),
    checkOut: (scope: TenantScope, actor: Actor, visitId: string, input: CheckInput, source?: 'direct' | 'sync') => check(scope, actor, 'check_out', visitId, input, source),
    report,

    /** Replays the phone's queue in order; each action answers what its single request would have. */
    async sync(scope: TenantScope, actor: Actor, actions: SyncAction[]): Promise<{ results: SyncResult[] }> {
      const results: SyncResult[] = [];
      for (const action of actions) {
        const base = { type: action.type, visitId: action.visitId, idempotencyKey: action.idempotencyKey };
        try {
          const body =
            action.type === 'report'
              ? await report(scope, actor, action.visitId, action)
              : await check(scope, actor, action.type, action.visitId, { at: action.at, idempotencyKey: action.idempotencyKey, position: action.position }, 'sync');
          results.push({ ...base, status: 200, body });
        } catch (error) {
          if (!(error instanceof DomainError)) throw error;
          results.push({ ...base, status: STATUS_OF_CODE[error.code] ?? 400, error: { code: error.code, detail: error.message, errors: error.fields } });
        }
      }
      return { results };
    },

    /** The worker's day: visits with addresses and access details, tasks, last transmissions, own checks, travel. */
    async getMyToday(scope: TenantScope, actor: Actor, requestId?: string) {
      const me = await requireMe(scope, actor);
      const now = clock.now();
      const week = await schedule.getMySchedule(scope, actor, undefined, requestId);
      const today = week.today;
      const { from, to } = dayBounds(today);
      const mine = await repo.findVisitsWithActuals(scope, { from, to, workerId: me.id });
      const byId = new Map(mine.map((v) => [v.id, v]));
      const todays = week.visits.filter((v) => v.localDate === today);
      const [terms, events, transmissions, credits] = await Promise.all([
        care.listContractTerms(scope, mine.flatMap((v) => (v.contractId ? [v.contractId] : []))),
        repo.findCheckEvents(scope, { visitIds: todays.map((v) => v.id) }),
        repo.findTransmissions(scope, [...new Set(todays.map((v) => v.beneficiaryId))], now),
        repo.findTravelCredits(scope, { workerId: me.id, fromDate: today, toDate: today }),
      ]);
      const credit = credits[0];
      const tasksOf = new Map(terms.map((c) => [c.id, c.tasks]));
      return {
        workerId: me.id,
        workerName: nameOf(me),
        today,
        serverTime: now.toISOString(),
        tolerances,
        visits: todays.map((v) => {
          const row = byId.get(v.id);
          const contractTasks = (row?.contractId ? tasksOf.get(row.contractId) : undefined) ?? [];
          return {
            ...v,
            tasks: row && contractTasks.length > 0 ? contractTasks : v.tasks,
            actual: row ? actualView(row, row.actual, now, tolerances) : null,
            checkEvents: events.filter((e) => e.visitId === v.id && e.workerId === me.id).map(eventView),
            previousTransmissions: transmissions.filter((t) => t.beneficiaryId === v.beneficiaryId).map((t) => ({ visitId: t.visitId, at: t.at?.toISOString() ?? null, text: t.transmission, byMe: t.workerId === me.id })),
          };
        }),
        travel: { legs: (credit?.legs ?? []) as TravelCreditLeg[], totalMinutes: credit?.totalMinutes ?? 0, totalKm: credit?.totalKm ?? 0 },
      };
    },

    /** Everything the employer sees about the worker for a month (« équitable par construction »). */
    async getMyActivity(scope: TenantScope, actor: Actor, month: string | undefined) {
      const me = await requireMe(scope, actor);
      const now = clock.now();
      const m = month ?? monthOf(now);
      const bounds = monthBounds(m);
      const { first, last } = monthDays(m);
      const [visits, events, credits] = await Promise.all([
        repo.findVisitsWithActuals(scope, { ...bounds, workerId: me.id }),
        repo.findCheckEvents(scope, { workerId: me.id, ...bounds }),
        repo.findTravelCredits(scope, { workerId: me.id, fromDate: first, toDate: last }),
      ]);
      const rows = visits.map((v) => ({
        localDate: localDateOf(v.startsAt),
        beneficiaryId: v.beneficiaryId,
        activityCode: v.activityCode,
        status: v.status,
        cancelledReason: v.cancelledReason,
        plannedStartAt: v.startsAt.toISOString(),
        plannedEndAt: endOf(v).toISOString(),
        plannedMin: v.durationMin,
        ...actualView(v, v.actual, now, tolerances),
        checkEvents: events.filter((e) => e.visitId === v.id).map(eventView),
      }));
      const worked = rows.filter((r) => r.validationStatus === 'valid' || r.validationStatus === 'corrected').reduce((s, r) => s + (r.actualMin ?? 0), 0);
      return {
        workerId: me.id,
        month: m,
        tolerances,
        totals: {
          plannedMinutes: rows.filter((r) => r.status !== 'cancelled').reduce((s, r) => s + r.plannedMin, 0),
          checkedMinutes: rows.reduce((s, r) => s + (r.actualMin ?? 0), 0),
          validatedMinutes: worked,
          travelMinutes: credits.reduce((s, c) => s + c.totalMinutes, 0),
          travelKm: Math.round(credits.reduce((s, c) => s + c.totalKm, 0) * 10) / 10,
          visits: rows.filter((r) => r.actualStartAt !== null).length,
          anomalies: rows.filter((r) => r.anomalies.length > 0).length,
          corrections: rows.filter((r) => r.validationStatus === 'corrected').length,
        },
        visits: rows,
        travel: credits.map((c) => ({ localDate: c.localDate, legs: c.legs as TravelCreditLeg[], totalMinutes: c.totalMinutes, totalKm: c.totalKm })),
        whatIsSeen:
          "Votre structure voit exactement ces informations : vos interventions prévues, vos pointages (heure du téléphone, heure de réception et position seulement si vous l'avez partagée), les anomalies, les validations et corrections avec leur motif, vos trajets crédités.",
      };
    },

    async getPlannedVsActual(scope: TenantScope, actor: Actor, localDate: string, requestId?: string) {
      const now = clock.now();
      const period = dayBounds(localDate);
      const visits = await repo.findVisitsWithActuals(scope, period);
      const names = await namesFor(scope, visits, period);
      await audit.record({ actor, action: 'list', entityType: 'beneficiary', entityIds: [...new Set(visits.map((v) => v.beneficiaryId))], requestId, details: { view: 'planned_vs_actual', date: localDate } }, scope.db);
      const items = visits.map((v) => overviewRow(v, names, now));
      return {
        date: localDate,
        tolerances,
        totals: {
          visits: items.filter((i) => i.status !== 'cancelled').length,
          plannedMinutes: items.filter((i) => i.status !== 'cancelled').reduce((s, i) => s + i.plannedMin, 0),
          actualMinutes: items.reduce((s, i) => s + (i.actualMin ?? 0), 0),
          anomalies: items.filter((i) => i.anomalies.length > 0).length,
        },
        items,
      };
    },

    /** The anomaly queue: `pending` (to handle, last 31 days) or `reviewed` (validated or corrected by staff). */
    async listAnomalies(scope: TenantScope, actor: Actor, status: 'pending' | 'reviewed', requestId?: string, limit = 100) {
      const now = clock.now();
      const period = { from: new Date(now.getTime() - QUEUE_DAYS * 86_400_000), to: now };
      const visits = await repo.findVisitsWithActuals(scope, { ...period, notCancelled: true });
      const names = await namesFor(scope, visits, period);
      const items = visits
        .map((v) => overviewRow(v, names, now))
        .filter((row) => (status === 'pending' ? row.review === null && row.anomalies.length > 0 : row.review !== null))
        .reverse();
      // The most recent first, at most `limit` (a provider starting télégestion has every past visit « missed »).
      const shown = items.slice(0, limit);
      await audit.record({ actor, action: 'list', entityType: 'beneficiary', entityIds: [...new Set(shown.map((i) => i.beneficiaryId))], requestId, details: { view: 'anomalies', status } }, scope.db);
      return { status, tolerances, total: items.length, items: shown };
    },

    /** Accepts a visit as the checks (or their absence) say, with an optional reason. */
    async validateAnomaly(scope: TenantScope, actor: Actor, visitId: string, reason: string | undefined) {
      const now = clock.now();
      return transaction(scope, async (tx) => {
        const visit = await repo.findVisitForUpdate(tx, visitId);
        if (!visit) throw notFound('Intervention');
        if (visit.status === 'cancelled') throw conflict('Cette intervention a été annulée : rien à valider.');
        const before = await repo.findActual(tx, visitId);
        const c = classifyVisit({ ...visit, actualStartAt: before?.actualStartAt ?? null, actualEndAt: before?.actualEndAt ?? null }, now, tolerances);
        if (c.state === 'upcoming') throw conflict("Cette intervention n'a pas encore eu lieu : rien à valider.");
        const saved = await repo.saveActual(tx, visitId, {
          workerId: before?.workerId ?? visit.workerId,
          validationStatus: 'valid',
          anomalyCodes: c.anomalies,
          reviewedByUserId: actor.userId,
          reviewedAt: now,
          reviewReason: reason?.trim() || null,
          checkedStartAt: before?.checkedStartAt ?? before?.actualStartAt ?? null,
          checkedEndAt: before?.checkedEndAt ?? before?.actualEndAt ?? null,
        });
        await audit.record({ actor, action: 'update', entityType: 'visit', entityIds: [visitId], details: { telegestion: 'validate', anomalies: c.anomalies } }, tx.db);
        return actualView(visit, saved, now, tolerances);
      });
    },

    /** Sets the actual times of a visit (forgotten or wrong checks), with the reason the worker will read. */
    async correctAnomaly(scope: TenantScope, actor: Actor, visitId: string, input: { actualStart: string; actualEnd: string; reason: string }) {
      const now = clock.now();
      const start = new Date(input.actualStart);
      const end = new Date(input.actualEnd);
      if (end.getTime() <= start.getTime()) throw invalid('actualEnd', "L'heure de fin doit suivre l'heure de début.");
      if (end.getTime() > now.getTime() + 60_000) throw invalid('actualEnd', "L'heure de fin ne peut pas être dans le futur.");
      if (end.getTime() - start.getTime() > 16 * 3_600_000) throw invalid('actualEnd', 'Une intervention ne dure pas plus de 16 heures.');
      const result = await transaction(scope, async (tx) => {
        const visit = await repo.findVisitForUpdate(tx, visitId);
        if (!visit) throw notFound('Intervention');
        if (visit.status === 'cancelled') throw conflict('Cette intervention a été annulée : elle ne peut pas être corrigée.');
        const before = await repo.findActual(tx, visitId);
        const c = classifyVisit({ ...visit, actualStartAt: before?.actualStartAt ?? null, actualEndAt: before?.actualEndAt ?? null }, now, tolerances);
        const saved = await repo.saveActual(tx, visitId, {
          workerId: before?.workerId ?? visit.workerId,
          actualStartAt: start,
          actualEndAt: end,
          validationStatus: 'corrected',
          anomalyCodes: c.anomalies,
          reviewedByUserId: actor.userId,
          reviewedAt: now,
          reviewReason: input.reason.trim(),
          checkedStartAt: before?.checkedStartAt ?? before?.actualStartAt ?? null,
          checkedEndAt: before?.checkedEndAt ?? before?.actualEndAt ?? null,
        });
        await repo.markVisitDone(tx, visitId);
        await audit.record({ actor, action: 'update', entityType: 'visit', entityIds: [visitId], details: { telegestion: 'correct', anomalies: c.anomalies } }, tx.db);
        return { view: actualView(visit, saved, now, tolerances), workerId: saved.workerId };
      });
      if (result.workerId) await refreshTravelCredit(scope, result.workerId, localDateOf(start));
      return result.view;
    },

    /** The care-plan ledger of a beneficiary of the organisation, month by month (audited read). */
    async getLedger(scope: TenantScope, actor: Actor, beneficiaryId: string, range: { from?: string; to?: string }, requestId?: string) {
      const months = ledgerMonths(range.from, range.to);
      const file = await care.getBeneficiary(scope, actor, beneficiaryId, requestId);
      const organisation = (await directory.listOrganisationSummaries([scope.organisationId])).get(scope.organisationId);
      return { organisation: { id: scope.organisationId, name: organisation?.name ?? '' }, from: months[0]!, to: months[months.length - 1]!, ...(await ledgerOf(scope, file, months)) };
    },

    /** The household's ledgers: each of its beneficiaries, whichever provider keeps the file. */
    async getMyLedger(actor: Actor, range: { from?: string; to?: string }, requestId?: string) {
      const months = ledgerMonths(range.from, range.to);
      const mine = await care.listBeneficiariesOfHouseholdUser(actor.userId);
      const organisations = await directory.listOrganisationSummaries(mine.map((b) => b.organisationId));
      const items = [];
      for (const b of mine) {
        const organisation = organisations.get(b.organisationId);
        if (!organisation) continue;
        const scope = createTenantScope(db, b.organisationId);
        const file = await care.getBeneficiary(scope, actor, b.beneficiaryId, requestId);
        if (file.isErased) continue;
        items.push({ organisation: { id: b.organisationId, name: organisation.name }, ...(await ledgerOf(scope, file, months)) });
      }
      return { from: months[0]!, to: months[months.length - 1]!, items };
    },

    /**
     * For billing: the visits of [from, to) (planned start) that took place and are validated — checked in and
     * out within the tolerances, or validated or corrected by staff in the anomaly queue — with their actual
     * times and duration, the household, names, mode and hourly price an invoice line prints. Cancelled and
     * missed visits (no actual times) are never here. `includeUnvalidated` adds the pending and anomalous ones;
     * `householdId` narrows to one household (a targeted re-run). In planned-start order.
     */
    async listValidatedVisits(scope: TenantScope, range: { from: Date; to: Date }, options: { includeUnvalidated?: boolean; householdId?: string } = {}) {
      const statuses: ValidationStatus[] = options.includeUnvalidated ? ['valid', 'corrected', 'pending', 'anomaly'] : ['valid', 'corrected'];
      const ofHousehold = options.householdId ? await care.listBeneficiaryNames(scope, { householdId: options.householdId }) : null;
      const rows = await repo.findValidatedVisits(scope, { ...range, statuses, beneficiaryIds: ofHousehold?.map((b) => b.id) });
      if (rows.length === 0) return [];
      // What an invoice line prints, from their owners, each in one query for the whole month.
      const [beneficiaries, workers, contracts, prices] = await Promise.all([
        ofHousehold ?? care.listBeneficiaryNames(scope, { ids: [...new Set(rows.map((v) => v.beneficiaryId))] }),
        care.listWorkerNames(scope, rows.flatMap((v) => (v.workerId ? [v.workerId] : []))),
        care.listContractTerms(scope, rows.flatMap((v) => (v.contractId ? [v.contractId] : []))),
        directory.listActivityPrices(scope.organisationId, 'prestataire'),
      ]);
      const beneficiaryOf = new Map(beneficiaries.map((b) => [b.id, b]));
      const workerOf = new Map(workers.map((w) => [w.id, w]));
      const contractOf = new Map(contracts.map((c) => [c.id, c]));
      return rows.flatMap((v) => {
        const b = beneficiaryOf.get(v.beneficiaryId);
        if (!b) return [];
        const w = v.workerId ? workerOf.get(v.workerId) : undefined;
        const contract = v.contractId ? contractOf.get(v.contractId) : undefined;
        return [{
        visitId: v.visitId,
        householdId: b.householdId,
        beneficiaryId: v.beneficiaryId,
        beneficiaryName: `${b.firstName} ${b.lastName}`,
        workerId: v.workerId,
        workerName: w ? `${w.firstName} ${w.lastName}` : null,
        contractId: v.contractId,
        activityCode: v.activityCode,
        // prestataire unless the contract says otherwise; the contract's price, else the organisation's published one.
        mode: contract?.mode ?? 'prestataire',
        hourlyPriceCents: contract ? contract.hourlyPriceCents : (prices.get(v.activityCode) ?? null),
        plannedStartAt: v.plannedStartAt,
        plannedMin: v.plannedMin,
        actualStartAt: v.actualStartAt,
        actualEndAt: v.actualEndAt,
        actualMin: Math.max(0, Math.round((v.actualEndAt.getTime() - v.actualStartAt.getTime()) / 60_000)),
        validationStatus: v.validationStatus as ValidationStatus,
        anomalyCodes: v.anomalyCodes as AnomalyCode[],
        isValidated: v.validationStatus === 'valid' || v.validationStatus === 'corrected',
      }];
      });
    },

    /**
     * Demo only: a past month of visits that took place as planned, copied week by week from the current
     * week's visits (same weekday, time, beneficiary, worker and contract), checked in and out on time and
     * validated, so that the month can be invoiced. 422 for a month not over, 409 when it has visits already.
     */
    async createDemoMonth(scope: TenantScope, month: string): Promise<{ month: string; visits: number }> {
      const bounds = monthBounds(month);
      const { first, last } = monthDays(month);
      const now = clock.now();
      if (bounds.to.getTime() > now.getTime()) throw new DomainError('unprocessable', 'Choisissez un mois passé.');
      return transaction(scope, async (tx) => {
        if (await repo.hasVisitsBetween(tx, bounds.from, bounds.to)) throw conflict('Il y a déjà des interventions ce mois-là.');
        const today = localDateOf(now);
        const monday = addDays(today, 1 - isoWeekday(today));
        const pattern = await repo.findVisitPattern(tx, localToInstant(monday, '00:00'), localToInstant(addDays(monday, 7), '00:00'));
        const rows: Parameters<typeof repo.insertValidatedDemoVisits>[1] = [];
        for (const v of pattern) {
          const day = localDateOf(v.startsAt);
          const time = localTimeOf(v.startsAt);
          for (let weeks = 1; weeks <= 60; weeks++) {
            const date = addDays(day, -7 * weeks);
            if (date < first) break;
            if (date > last) continue;
            rows.push({ ...v, workerId: v.workerId!, startsAt: localToInstant(date, time) });
          }
        }
        return { month, visits: await repo.insertValidatedDemoVisits(tx, rows) };
      });
    },

    /** The département's delivery file (ESPPADOM-style CSV, docs/exports.md): APA/PCH visits done and validated. */
    async exportDepartement(scope: TenantScope, actor: Actor, month: string, departement: string, requestId?: string) {
      const bounds = monthBounds(month);
      const { first, last } = monthDays(month);
      const visits = await validatedVisits(scope, bounds, ['valid', 'corrected']);
      const organisation = (await directory.listOrganisationSummaries([scope.organisationId])).get(scope.organisationId);
      const rows: DeliveryVisit[] = [];
      const beneficiaryIds = [...new Set(visits.map((v) => v.beneficiaryId))];
      const exported: string[] = [];
      for (const id of beneficiaryIds) {
        const file = await care.getBeneficiary(scope, actor, id, requestId);
        const plan = file.carePlans.find((p) => (p.funder === 'apa' || p.funder === 'pch') && p.startsOn <= last && (p.endsOn === null || p.endsOn >= first));
        if (!plan || !(file.communeCode ?? '').startsWith(departement)) continue;
        exported.push(id);
        for (const v of visits.filter((x) => x.beneficiaryId === id)) {
          rows.push({
            organisationSiret: organisation?.siret ?? '',
            organisationName: organisation?.name ?? '',
            planReference: plan.reference,
            funder: plan.funder,
            beneficiaryLastName: file.lastName,
            beneficiaryFirstName: file.firstName,
            beneficiaryBirthDate: file.birthDate,
            communeCode: file.communeCode,
            visitId: v.id,
            activityCode: v.activityCode,
            workerId: v.actual!.workerId ?? v.workerId,
            plannedStartAt: v.startsAt,
            plannedMin: v.durationMin,
            actualStartAt: v.actual!.actualStartAt!,
            actualEndAt: v.actual!.actualEndAt!,
            validationStatus: v.actual!.validationStatus as ValidationStatus,
            anomalyCodes: v.actual!.anomalyCodes,
            reviewReason: v.actual!.reviewReason,
          });
        }
      }
      await audit.record({ actor, action: 'export', entityType: 'beneficiary', entityIds: exported, requestId, details: { export: 'departement', month, departement } }, db);
      return { fileName: `livraison-${departement}-${month}.csv`, csv: toCsv(DELIVERY_COLUMNS, deliveryRows(rows)), rowCount: rows.length };
    },

    /** Payroll preparation of a month: per worker, hours worked (validated), travel credited, visits, anomalies. */
    async exportPayroll(scope: TenantScope, month: string) {
      const bounds = monthBounds(month);
      const { first, last } = monthDays(month);
      const [workers, visits, credits] = await Promise.all([
        care.listWorkersForPlanning(scope, bounds),
        repo.findVisitsWithActuals(scope, { ...bounds, withActualOnly: true, notCancelled: true }),
        repo.findTravelCredits(scope, { fromDate: first, toDate: last }),
      ]);
      const rows = payrollRows(
        workers.map((w) => ({ workerId: w.id, lastName: w.lastName, firstName: w.firstName })),
        visits
          .filter((v) => v.actual?.workerId ?? v.workerId)
          .map((v) => {
            const a = v.actual!;
            const isCounted = (a.validationStatus === 'valid' || a.validationStatus === 'corrected') && a.actualStartAt && a.actualEndAt;
            return { workerId: (a.workerId ?? v.workerId)!, actualMin: isCounted ? Math.max(0, Math.round((a.actualEndAt!.getTime() - a.actualStartAt!.getTime()) / 60_000)) : 0, anomalyCount: a.anomalyCodes.length > 0 || a.validationStatus === 'anomaly' ? 1 : 0 };
          }),
        credits.map((c) => ({ workerId: c.workerId, minutes: c.totalMinutes, km: c.totalKm })),
      );
      const header = ['identifiant_intervenant', 'nom', 'prenom', 'mois', 'interventions_pointees', 'heures_travaillees', 'minutes_travaillees', 'temps_trajet_heures', 'temps_trajet_min', 'km_trajets', 'anomalies'];
      const csvRows = rows.map((r) => [r.workerId, r.lastName, r.firstName, month, String(r.visits), decimalHours(r.workedMinutes), String(r.workedMinutes), decimalHours(r.travelMinutes), String(r.travelMinutes), r.travelKm.toFixed(1).replace('.', ','), String(r.anomalies)]);
      return { fileName: `paie-${month}.csv`, csv: toCsv(header, csvRows), rows };
    },
  };
}

export type VisitsService = ReturnType<typeof createVisitsService>;
