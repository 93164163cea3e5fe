/**
 * The télégestion SQL: check events, visit actuals, travel credits, and the visits they hang on. Visits'
 * time and assignment belong to the schedule, their generation to care; this feature only marks a visit
 * done when its check-out (or a correction) says it took place. Names, homes, contracts and prices come from the
 * care and directory services; the one read of another feature's table is the check's (findVisitForCheck).
 */
import { asc, desc, eq, gte, inArray, isNotNull, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import type { TenantScope } from '../../db/tenant-scope';
// `workers` is care's table: read here by the télégestion check only, see findVisitForCheck and docs/architecture.md.
import { checkEvents, visitActuals, visits, workers, workerTravelCredits } from '../../db/schema';

export type CheckEventRow = typeof checkEvents.$inferSelect;
export type VisitActualRow = typeof visitActuals.$inferSelect;
export type TravelCreditRow = typeof workerTravelCredits.$inferSelect;

const visitColumns = {
  id: visits.id,
  beneficiaryId: visits.beneficiaryId,
  workerId: visits.workerId,
  contractId: visits.contractId,
  activityCode: visits.activityCode,
  startsAt: visits.startsAt,
  durationMin: visits.durationMin,
  windowStartsAt: visits.windowStartsAt,
  windowEndsAt: visits.windowEndsAt,
  status: visits.status,
  cancelledReason: visits.cancelledReason,
};
export interface TelegestionVisit {
  id: string;
  beneficiaryId: string;
  workerId: string | null;
  contractId: string | null;
  activityCode: string;
  startsAt: Date;
  durationMin: number;
  windowStartsAt: Date;
  windowEndsAt: Date;
  /** planned, done, cancelled. */
  status: string;
  cancelledReason: string | null;
}

/** A visit with its actuals (null when nothing was pointed nor reviewed). */
export interface VisitWithActual extends TelegestionVisit {
  actual: VisitActualRow | null;
}

/**
 * The check's read, one round trip and no lock: the visit, its actuals, and the worker record of the signed-in
 * user in the organisation (null when the account has none). `recordCheck` writes only if nothing it depends on
 * changed since. The worker record is care's row, read here by exception (docs/architecture.md, Data): asking
 * the care service for it is one more statement on every check-in and check-out (measured: 3 → 4 per check-in).
 */
export async function findVisitForCheck(scope: TenantScope, id: string, userId: string): Promise<{ visit: TelegestionVisit; actual: VisitActualRow | null; meId: string | null } | undefined> {
  const [row] = await scope.db
    .select({
      visit: visitColumns,
      actual: visitActuals,
      meId: sql<string | null>`(select ${workers.id} from ${workers} where ${workers.userId} = ${userId} and ${workers.organisationId} = ${scope.organisationId})`,
    })
    .from(visits)
    .leftJoin(visitActuals, eq(visitActuals.visitId, visits.id))
    .where(scope.where(visits, eq(visits.id, id)));
  return row;
}

/** What a check writes of a visit's actuals (the whole merged value of each column). */
export interface CheckActuals {
  workerId: string;
  actualStartAt: Date | null;
  actualEndAt: Date | null;
  checkedStartAt: Date | null;
  checkedEndAt: Date | null;
  validationStatus: string;
  anomalyCodes: string[];
}

/** The actuals a check's decision rests on, as read (all null when the visit had no actuals row). */
export interface CheckBasis {
  actualStartAt: Date | null;
  actualEndAt: Date | null;
  checkedStartAt: Date | null;
  checkedEndAt: Date | null;
  reviewedAt: Date | null;
}

/**
 * Records a check in one statement (atomic on its own, no explicit transaction: one round trip), if and only if
 * the visit is still the worker's and not cancelled and its actuals are still as read (`basis`; a concurrent check,
 * report or review made them change — the actuals' upsert then writes nothing, and neither does the rest):
 * saves the actuals, inserts the event with its answer and, for a check-out, marks the visit done. An event whose
 * key (or this visit's check of this kind) is already there makes the whole statement fail with a unique
 * violation: nothing is written (`isUniqueViolation`). Returns the stored answer, or `stale` when the basis changed.
 */
export async function recordCheck(
  scope: TenantScope,
  event: Omit<typeof checkEvents.$inferInsert, 'organisationId' | 'id'> & { id: string },
  basis: CheckBasis,
  actuals: CheckActuals,
  markDone: boolean,
): Promise<{ response: unknown } | 'stale'> {
  const org = scope.organisationId;
  const ts = (d: Date | null | undefined) => (d ? sql`${d.toISOString()}::timestamptz` : sql`null::timestamptz`);
  // The instant as read (a JS date keeps milliseconds, the column microseconds).
  const same = (column: SQL, value: Date | null) =>
    value ? sql`${column} between ${ts(value)} - interval '1 millisecond' and ${ts(value)} + interval '1 millisecond'` : sql`${column} is null`;
  // The visit row is locked first, as the coordinator's validation and correction do (visit, then actuals):
  // the other order deadlocks on PostgreSQL when a check-out meets a correction.
  const result = await scope.db.execute(sql`
    with visit as (
      select id from visits
      where id = ${event.visitId} and organisation_id = ${org} and worker_id = ${event.workerId} and status <> 'cancelled'
      for update
    ), actuals as (
      insert into visit_actuals (visit_id, organisation_id, worker_id, actual_start_at, actual_end_at, checked_start_at, checked_end_at, validation_status, anomaly_codes, updated_at)
      select id, ${org}, ${actuals.workerId}, ${ts(actuals.actualStartAt)}, ${ts(actuals.actualEndAt)}, ${ts(actuals.checkedStartAt)}, ${ts(actuals.checkedEndAt)},
        ${actuals.validationStatus}, string_to_array(${actuals.anomalyCodes.join(',')}, ',')::text[], now()
      from visit
      on conflict (visit_id) do update set worker_id = excluded.worker_id, actual_start_at = excluded.actual_start_at, actual_end_at = excluded.actual_end_at,
        checked_start_at = excluded.checked_start_at, checked_end_at = excluded.checked_end_at, validation_status = excluded.validation_status,
        anomaly_codes = excluded.anomaly_codes, updated_at = now()
      where visit_actuals.organisation_id = ${org}
        and ${same(sql`visit_actuals.actual_start_at`, basis.actualStartAt)} and ${same(sql`visit_actuals.actual_end_at`, basis.actualEndAt)}
        and ${same(sql`visit_actuals.checked_start_at`, basis.checkedStartAt)} and ${same(sql`visit_actuals.checked_end_at`, basis.checkedEndAt)}
        and ${same(sql`visit_actuals.reviewed_at`, basis.reviewedAt)}
      returning visit_id
    ), ev as (
      insert into check_events (id, organisation_id, visit_id, worker_id, kind, at, at_text, received_at, latitude, longitude, accuracy_metres, idempotency_key, source, response)
      select ${event.id}, ${org}, visit_id, ${event.workerId}, ${event.kind}, ${ts(event.at)}, ${event.atText}, ${ts(event.receivedAt)},
        ${event.latitude ?? null}::double precision, ${event.longitude ?? null}::double precision, ${event.accuracyMetres ?? null}::double precision,
        ${event.idempotencyKey}, ${event.source ?? 'direct'}, ${JSON.stringify(event.response)}::jsonb
      from actuals
      returning response
    ), done as (
      update visits set status = 'done'
      where ${markDone} and id = ${event.visitId} and organisation_id = ${org} and status <> 'cancelled' and exists (select 1 from ev)
    )
    select response from ev`);
  const [row] = (result as unknown as { rows: { response: unknown }[] }).rows;
  return row ?? 'stale';
}

/** Whether a database error is a unique violation (SQLSTATE 23505), whichever driver threw it. */
export function isUniqueViolation(error: unknown): boolean {
  const codeOf = (e: unknown) => (e && typeof e === 'object' && 'code' in e ? (e as { code: unknown }).code : undefined);
  return codeOf(error) === '23505' || codeOf((error as { cause?: unknown } | null)?.cause) === '23505';
}

/** The visit, locked for the rest of the transaction (check-ins of one visit run one after the other). */
export async function findVisitForUpdate(scope: TenantScope, id: string): Promise<TelegestionVisit | undefined> {
  const [row] = await scope.db.select(visitColumns).from(visits).where(scope.where(visits, eq(visits.id, id))).for('update');
  return row;
}

export async function findVisit(scope: TenantScope, id: string): Promise<TelegestionVisit | undefined> {
  const [row] = await scope.db.select(visitColumns).from(visits).where(scope.where(visits, eq(visits.id, id)));
  return row;
}

export async function markVisitDone(scope: TenantScope, id: string): Promise<void> {
  await scope.db.update(visits).set({ status: 'done' }).where(scope.where(visits, eq(visits.id, id), ne(visits.status, 'cancelled')));
}

export async function findCheckEventByKey(scope: TenantScope, workerId: string, idempotencyKey: string): Promise<CheckEventRow | undefined> {
  const [row] = await scope.db.select().from(checkEvents).where(scope.where(checkEvents, eq(checkEvents.workerId, workerId), eq(checkEvents.idempotencyKey, idempotencyKey)));
  return row;
}

export async function findCheckEvents(scope: TenantScope, filter: { workerId?: string; visitIds?: string[]; from?: Date; to?: Date }): Promise<CheckEventRow[]> {
  if (filter.visitIds && filter.visitIds.length === 0) return [];
  return scope.db
    .select()
    .from(checkEvents)
    .where(
      scope.where(
        checkEvents,
        filter.workerId ? eq(checkEvents.workerId, filter.workerId) : undefined,
        filter.visitIds ? inArray(checkEvents.visitId, filter.visitIds) : undefined,
        filter.from ? gte(checkEvents.at, filter.from) : undefined,
        filter.to ? lt(checkEvents.at, filter.to) : undefined,
      ),
    )
    .orderBy(asc(checkEvents.at));
}

export async function findActual(scope: TenantScope, visitId: string): Promise<VisitActualRow | undefined> {
  const [row] = await scope.db.select().from(visitActuals).where(scope.where(visitActuals, eq(visitActuals.visitId, visitId)));
  return row;
}

/** Creates or changes the actuals of a visit. */
export async function saveActual(scope: TenantScope, visitId: string, changes: Partial<Omit<typeof visitActuals.$inferInsert, 'visitId' | 'organisationId'>>): Promise<VisitActualRow> {
  const [row] = await scope.db
    .insert(visitActuals)
    .values(scope.own({ visitId, ...changes }))
    .onConflictDoUpdate({ target: visitActuals.visitId, set: { ...changes, updatedAt: sql`now()` }, where: eq(visitActuals.organisationId, scope.organisationId) })
    .returning();
  return row!;
}

/** Visits starting in [from, to) with their actuals, in time order. */
export async function findVisitsWithActuals(
  scope: TenantScope,
  filter: { from: Date; to: Date; workerId?: string; beneficiaryIds?: string[]; withActualOnly?: boolean; validationStatuses?: string[]; notCancelled?: boolean },
): Promise<VisitWithActual[]> {
  if (filter.beneficiaryIds && filter.beneficiaryIds.length === 0) return [];
  const rows = await scope.db
    .select({ visit: visitColumns, actual: visitActuals })
    .from(visits)
    .leftJoin(visitActuals, eq(visitActuals.visitId, visits.id))
    .where(
      scope.where(
        visits,
        gte(visits.startsAt, filter.from),
        lt(visits.startsAt, filter.to),
        filter.workerId ? or(eq(visits.workerId, filter.workerId), eq(visitActuals.workerId, filter.workerId)) : undefined,
        filter.beneficiaryIds ? inArray(visits.beneficiaryId, filter.beneficiaryIds) : undefined,
        filter.withActualOnly ? isNotNull(visitActuals.visitId) : undefined,
        filter.validationStatuses ? inArray(visitActuals.validationStatus, filter.validationStatuses) : undefined,
        filter.notCancelled ? ne(visits.status, 'cancelled') : undefined,
      ),
    )
    .orderBy(asc(visits.startsAt), asc(visits.id));
  return rows.map((r) => ({ ...r.visit, actual: r.actual }));
}

/** A visit with its actual times and validation (names, mode and price are the care and directory services'). */
export interface ValidatedVisitRow {
  visitId: string;
  beneficiaryId: string;
  /** Who did it: the worker of the actuals, else the one assigned. */
  workerId: string | null;
  contractId: string | null;
  activityCode: string;
  plannedStartAt: Date;
  plannedMin: number;
  actualStartAt: Date;
  actualEndAt: Date;
  validationStatus: string;
  anomalyCodes: string[];
}

/**
 * Visits planned in [from, to), not cancelled, with both actual times and a validation status of `statuses`
 * (of these beneficiaries when given), in one set-based query (a month of a large provider is tens of thousands
 * of rows), in time order.
 */
export async function findValidatedVisits(scope: TenantScope, filter: { from: Date; to: Date; statuses: string[]; beneficiaryIds?: string[] }): Promise<ValidatedVisitRow[]> {
  if (filter.beneficiaryIds && filter.beneficiaryIds.length === 0) return [];
  const rows = await scope.db
    .select({
      visitId: visits.id,
      beneficiaryId: visits.beneficiaryId,
      workerId: sql<string | null>`coalesce(${visitActuals.workerId}, ${visits.workerId})`,
      contractId: visits.contractId,
      activityCode: visits.activityCode,
      plannedStartAt: visits.startsAt,
      plannedMin: visits.durationMin,
      actualStartAt: visitActuals.actualStartAt,
      actualEndAt: visitActuals.actualEndAt,
      validationStatus: visitActuals.validationStatus,
      anomalyCodes: visitActuals.anomalyCodes,
    })
    .from(visits)
    .innerJoin(visitActuals, eq(visitActuals.visitId, visits.id))
    .where(
      scope.where(
        visits,
        gte(visits.startsAt, filter.from),
        lt(visits.startsAt, filter.to),
        ne(visits.status, 'cancelled'),
        inArray(visitActuals.validationStatus, filter.statuses),
        isNotNull(visitActuals.actualStartAt),
        isNotNull(visitActuals.actualEndAt),
        filter.beneficiaryIds ? inArray(visits.beneficiaryId, filter.beneficiaryIds) : undefined,
      ),
    )
    .orderBy(asc(visits.startsAt), asc(visits.id));
  return rows.map((r) => ({ ...r, actualStartAt: r.actualStartAt!, actualEndAt: r.actualEndAt! }));
}

/** The last notes for the next colleague about these beneficiaries, of visits started before `before`, newest first. */
export async function findTransmissions(scope: TenantScope, beneficiaryIds: string[], before: Date, limitPerBeneficiary = 3) {
  if (beneficiaryIds.length === 0) return [];
  const rows = await scope.db
    .select({ visitId: visits.id, beneficiaryId: visits.beneficiaryId, workerId: visitActuals.workerId, at: visitActuals.reportedAt, transmission: visitActuals.transmission })
    .from(visitActuals)
    .innerJoin(visits, eq(visits.id, visitActuals.visitId))
    .where(scope.where(visitActuals, inArray(visits.beneficiaryId, beneficiaryIds), isNotNull(visitActuals.transmission), lt(visits.startsAt, before)))
    .orderBy(desc(visitActuals.reportedAt))
    .limit(limitPerBeneficiary * beneficiaryIds.length * 4);
  const count = new Map<string, number>();
  return rows.filter((r) => {
    const n = count.get(r.beneficiaryId) ?? 0;
    count.set(r.beneficiaryId, n + 1);
    return n < limitPerBeneficiary;
  });
}

/** The visits a worker did on [from, to) (checked in, or corrected), not cancelled: what the travel credit needs of ours. */
export async function findDoneVisitsOfWorker(scope: TenantScope, workerId: string, from: Date, to: Date) {
  return scope.db
    .select({ visitId: visits.id, beneficiaryId: visits.beneficiaryId, actualStartAt: visitActuals.actualStartAt })
    .from(visitActuals)
    .innerJoin(visits, eq(visits.id, visitActuals.visitId))
    .where(scope.where(visitActuals, eq(visitActuals.workerId, workerId), isNotNull(visitActuals.actualStartAt), gte(visitActuals.actualStartAt, from), lt(visitActuals.actualStartAt, to), ne(visits.status, 'cancelled')));
}

export async function saveTravelCredit(scope: TenantScope, row: { workerId: string; localDate: string; legs: unknown; totalMinutes: number; totalKm: number }): Promise<void> {
  await scope.db
    .insert(workerTravelCredits)
    .values(scope.own(row))
    .onConflictDoUpdate({ target: [workerTravelCredits.workerId, workerTravelCredits.localDate], set: { legs: row.legs, totalMinutes: row.totalMinutes, totalKm: row.totalKm, computedAt: sql`now()` } });
}

export async function findTravelCredits(scope: TenantScope, filter: { workerId?: string; fromDate: string; toDate: string }): Promise<TravelCreditRow[]> {
  return scope.db
    .select()
    .from(workerTravelCredits)
    .where(scope.where(workerTravelCredits, filter.workerId ? eq(workerTravelCredits.workerId, filter.workerId) : undefined, gte(workerTravelCredits.localDate, filter.fromDate), sql`${workerTravelCredits.localDate} <= ${filter.toDate}`))
    .orderBy(asc(workerTravelCredits.localDate));
}

// ---------------------------------------------------------------- demo data

/** Whether the organisation has visits in [from, to) (any status). */
export async function hasVisitsBetween(scope: TenantScope, from: Date, to: Date): Promise<boolean> {
  const [row] = await scope.db.select({ id: visits.id }).from(visits).where(scope.where(visits, gte(visits.startsAt, from), lt(visits.startsAt, to))).limit(1);
  return row !== undefined;
}

/** Visits of [from, to) with a worker, not cancelled: the pattern the demo copies into a past month. */
export async function findVisitPattern(scope: TenantScope, from: Date, to: Date) {
  return scope.db
    .select({ contractId: visits.contractId, beneficiaryId: visits.beneficiaryId, workerId: visits.workerId, activityCode: visits.activityCode, startsAt: visits.startsAt, durationMin: visits.durationMin, requiredSkills: visits.requiredSkills })
    .from(visits)
    .where(scope.where(visits, gte(visits.startsAt, from), lt(visits.startsAt, to), ne(visits.status, 'cancelled'), isNotNull(visits.workerId)));
}

/**
 * Demo only: visits that took place as planned, written directly with their actuals checked in and out on time
 * and validated (what the télégestion records for a month without anomalies), in the caller's transaction.
 */
export async function insertValidatedDemoVisits(
  scope: TenantScope,
  rows: { contractId: string | null; beneficiaryId: string; workerId: string; activityCode: string; startsAt: Date; durationMin: number; requiredSkills: string[] }[],
): Promise<number> {
  for (let i = 0; i < rows.length; i += 1000) {
    const chunk = rows.slice(i, i + 1000);
    const inserted = await scope.db
      .insert(visits)
      .values(chunk.map((r) => scope.own({ ...r, windowStartsAt: r.startsAt, windowEndsAt: r.startsAt, status: 'done', isOneOff: true })))
      .returning({ id: visits.id });
    await scope.db.insert(visitActuals).values(
      chunk.map((r, k) => {
        const end = new Date(r.startsAt.getTime() + r.durationMin * 60_000);
        return scope.own({ visitId: inserted[k]!.id, workerId: r.workerId, actualStartAt: r.startsAt, actualEndAt: end, checkedStartAt: r.startsAt, checkedEndAt: end, validationStatus: 'valid' });
      }),
    );
  }
  return rows.length;
}
