/**
 * The visits SQL of the care feature: generation from contracts, cancellation and one-off changes.
 * Assignment, moves and locks belong to the schedule feature.
 */
import { eq, gt, gte, inArray, isNotNull, isNull, lt, ne, sql } from 'drizzle-orm';
import type { TenantScope } from '../../db/tenant-scope';
import { visits } from '../../db/schema';

export type VisitRow = typeof visits.$inferSelect;

export async function findVisitsByOccurrenceKeys(scope: TenantScope, keys: string[]): Promise<VisitRow[]> {
  if (keys.length === 0) return [];
  return scope.db.select().from(visits).where(scope.where(visits, inArray(visits.occurrenceKey, keys)));
}

/** Inserts generated visits; a key generated meanwhile by another request is skipped (idempotent). */
export async function insertGeneratedVisits(scope: TenantScope, rows: Omit<typeof visits.$inferInsert, 'organisationId'>[]): Promise<VisitRow[]> {
  if (rows.length === 0) return [];
  return scope.db.insert(visits).values(rows.map((r) => scope.own(r))).onConflictDoNothing({ target: visits.occurrenceKey }).returning();
}

/** Planned visits of the given workers overlapping [from, to) (for continuity checks). */
export async function findPlannedVisitsOfWorkers(scope: TenantScope, workerIds: string[], from: Date, to: Date) {
  if (workerIds.length === 0) return [];
  return scope.db
    .select({ id: visits.id, workerId: visits.workerId, startsAt: visits.startsAt, durationMin: visits.durationMin })
    .from(visits)
    .where(scope.where(visits, inArray(visits.workerId, workerIds), ne(visits.status, 'cancelled'), lt(visits.startsAt, to), gt(visits.startsAt, new Date(from.getTime() - 24 * 3_600_000))));
}

export async function findVisit(scope: TenantScope, id: string): Promise<VisitRow | undefined> {
  const [row] = await scope.db.select().from(visits).where(scope.where(visits, eq(visits.id, id)));
  return row;
}

export async function setVisitStatus(scope: TenantScope, id: string, changes: { status: string; cancelledReason: string | null; isOneOff?: boolean }) {
  const [row] = await scope.db.update(visits).set(changes).where(scope.where(visits, eq(visits.id, id))).returning();
  return row;
}

export async function changeVisitOneOff(scope: TenantScope, id: string, changes: { startsAt: Date; durationMin: number; windowStartsAt: Date; windowEndsAt: Date }) {
  const [row] = await scope.db.update(visits).set({ ...changes, isOneOff: true }).where(scope.where(visits, eq(visits.id, id))).returning();
  return row;
}

/** Cancels the planned visits of a beneficiary from `from` on (erasure). */
export async function cancelFutureVisitsOfBeneficiary(scope: TenantScope, beneficiaryId: string, from: Date, reason: string): Promise<number> {
  const rows = await scope.db
    .update(visits)
    .set({ status: 'cancelled', cancelledReason: reason, isOneOff: true })
    .where(scope.where(visits, eq(visits.beneficiaryId, beneficiaryId), eq(visits.status, 'planned'), gte(visits.startsAt, from)))
    .returning({ id: visits.id });
  return rows.length;
}

/** Visits generated from contracts (with a key) starting in [from, to). */
export async function findGeneratedVisitsBetween(scope: TenantScope, from: Date, to: Date): Promise<VisitRow[]> {
  return scope.db.select().from(visits).where(scope.where(visits, isNotNull(visits.occurrenceKey), gte(visits.startsAt, from), lt(visits.startsAt, to)));
}

/** Follows a contract change: new time, window, duration and skills of a generated visit. */
export async function updateGeneratedVisit(scope: TenantScope, id: string, changes: { startsAt: Date; durationMin: number; windowStartsAt: Date; windowEndsAt: Date; requiredSkills: string[]; activityCode: string }) {
  await scope.db.update(visits).set(changes).where(scope.where(visits, eq(visits.id, id)));
}

/** Visits of the given contracts without an occurrence key (demo seed, made by hand) starting in [from, to). */
export async function findKeylessVisitsOfContracts(scope: TenantScope, contractIds: string[], from: Date, to: Date): Promise<VisitRow[]> {
  if (contractIds.length === 0) return [];
  return scope.db.select().from(visits).where(scope.where(visits, inArray(visits.contractId, contractIds), isNull(visits.occurrenceKey), gte(visits.startsAt, from), lt(visits.startsAt, to)));
}

/** Gives visits made without a key (demo seed) the keys of the occurrences they stand for, in batches. */
export async function setOccurrenceKeys(scope: TenantScope, rows: { id: string; occurrenceKey: string }[]) {
  for (let i = 0; i < rows.length; i += 1000) {
    const batch = rows.slice(i, i + 1000);
    const data = sql.join(batch.map((r) => sql`(${r.id}::uuid, ${r.occurrenceKey})`), sql`, `);
    await scope.db.execute(sql`update ${visits} set occurrence_key = data.key from (values ${data}) as data(id, key) where ${scope.where(visits, sql`${visits.id} = data.id`)}`);
  }
}

/** Serialises the generations of one organisation's week until the end of the transaction. */
export async function lockWeekGeneration(scope: TenantScope, weekStart: string) {
  await scope.db.execute(sql`select pg_advisory_xact_lock(hashtext(${`visits-generation:${scope.organisationId}:${weekStart}`}))`);
}
