/** The schedule's SQL: visits' assignment and time, optimisation runs, the change log. */
import { asc, desc, eq, gte, inArray, isNotNull, isNull, lt, ne, sql } from 'drizzle-orm';
import type { TenantScope } from '../../db/tenant-scope';
import { optimisationRuns, scheduleChanges, visits } from '../../db/schema';
import type { PlanVisit } from './planning';

const visitColumns = {
  id: visits.id,
  beneficiaryId: visits.beneficiaryId,
  workerId: visits.workerId,
  startsAt: visits.startsAt,
  durationMin: visits.durationMin,
  windowStartsAt: visits.windowStartsAt,
  windowEndsAt: visits.windowEndsAt,
  requiredSkills: visits.requiredSkills,
  activityCode: visits.activityCode,
  status: visits.status,
  isLocked: visits.isLocked,
};

/** Visits starting in [from, to), in time order (every status). */
export async function findVisitsBetween(scope: TenantScope, from: Date, to: Date, filter: { workerId?: string } = {}): Promise<PlanVisit[]> {
  return scope.db
    .select(visitColumns)
    .from(visits)
    .where(scope.where(visits, gte(visits.startsAt, from), lt(visits.startsAt, to), filter.workerId ? eq(visits.workerId, filter.workerId) : undefined))
    .orderBy(asc(visits.startsAt), asc(visits.id));
}

/** The contract each visit comes from (null for visits made by hand). */
export async function findContractIds(scope: TenantScope, visitIds: string[]): Promise<Map<string, string | null>> {
  if (visitIds.length === 0) return new Map();
  const rows = await scope.db.select({ id: visits.id, contractId: visits.contractId }).from(visits).where(scope.where(visits, inArray(visits.id, visitIds)));
  return new Map(rows.map((r) => [r.id, r.contractId]));
}

export async function findVisit(scope: TenantScope, id: string): Promise<PlanVisit | undefined> {
  const [row] = await scope.db.select(visitColumns).from(visits).where(scope.where(visits, eq(visits.id, id)));
  return row;
}

/** The visits given, locked for update when inside a transaction (apply, undo). */
export async function findVisitsForUpdate(scope: TenantScope, ids: string[]): Promise<PlanVisit[]> {
  if (ids.length === 0) return [];
  const rows: PlanVisit[] = [];
  for (let i = 0; i < ids.length; i += 1000) {
    rows.push(...(await scope.db.select(visitColumns).from(visits).where(scope.where(visits, inArray(visits.id, ids.slice(i, i + 1000)))).for('update')));
  }
  return rows;
}

/**
 * The workers who did each beneficiary's visits in the `days` days before `before` (not cancelled), most
 * frequent first, at most two: the usual workers (continuity of care).
 */
export async function findUsualWorkers(scope: TenantScope, beneficiaryIds: string[], before: Date, days = 28): Promise<Map<string, string[]>> {
  const usual = new Map<string, string[]>();
  if (beneficiaryIds.length === 0) return usual;
  const since = new Date(before.getTime() - days * 86_400_000);
  const rows = await scope.db
    .select({ beneficiaryId: visits.beneficiaryId, workerId: visits.workerId, count: sql<number>`count(*)::int` })
    .from(visits)
    .where(scope.where(visits, gte(visits.startsAt, since), lt(visits.startsAt, before), isNotNull(visits.workerId), ne(visits.status, 'cancelled'), inArray(visits.beneficiaryId, beneficiaryIds)))
    .groupBy(visits.beneficiaryId, visits.workerId)
    .orderBy(desc(sql`count(*)`));
  for (const r of rows) {
    const list = usual.get(r.beneficiaryId) ?? [];
    if (list.length < 2) list.push(r.workerId!);
    usual.set(r.beneficiaryId, list);
  }
  return usual;
}

export async function updateVisitAssignment(scope: TenantScope, id: string, change: { workerId: string | null; startsAt: Date; isLocked: boolean }): Promise<void> {
  await scope.db.update(visits).set(change).where(scope.where(visits, eq(visits.id, id)));
}

export type ScheduleChangeInsert = Omit<typeof scheduleChanges.$inferInsert, 'organisationId' | 'id' | 'createdAt'>;
export type ScheduleChangeRow = typeof scheduleChanges.$inferSelect;

export async function insertChanges(scope: TenantScope, rows: ScheduleChangeInsert[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 500) await scope.db.insert(scheduleChanges).values(rows.slice(i, i + 500).map((r) => scope.own(r)));
}

export async function findBatch(scope: TenantScope, batchId: string): Promise<ScheduleChangeRow[]> {
  return scope.db.select().from(scheduleChanges).where(scope.where(scheduleChanges, eq(scheduleChanges.batchId, batchId))).orderBy(asc(scheduleChanges.createdAt));
}

export async function markBatchUndone(scope: TenantScope, batchId: string, at: Date): Promise<void> {
  await scope.db.update(scheduleChanges).set({ undoneAt: at }).where(scope.where(scheduleChanges, eq(scheduleChanges.batchId, batchId), isNull(scheduleChanges.undoneAt)));
}

export type OptimisationRunRow = typeof optimisationRuns.$inferSelect;

export async function insertRun(scope: TenantScope, run: Omit<typeof optimisationRuns.$inferInsert, 'organisationId'>): Promise<OptimisationRunRow> {
  const [row] = await scope.db.insert(optimisationRuns).values(scope.own(run)).returning();
  return row!;
}

export async function findRun(scope: TenantScope, id: string): Promise<OptimisationRunRow | undefined> {
  const [row] = await scope.db.select().from(optimisationRuns).where(scope.where(optimisationRuns, eq(optimisationRuns.id, id)));
  return row;
}

/** The organisation's latest runs, newest first. */
export async function findRecentRuns(scope: TenantScope, limit: number): Promise<OptimisationRunRow[]> {
  return scope.db.select().from(optimisationRuns).where(scope.where(optimisationRuns)).orderBy(desc(optimisationRuns.createdAt)).limit(limit);
}

/** Progress of a run still going; returns its status (another process may have asked to cancel it). */
export async function updateRunProgress(scope: TenantScope, id: string, progress: number): Promise<string | undefined> {
  const [row] = await scope.db
    .update(optimisationRuns)
    .set({ progress })
    .where(scope.where(optimisationRuns, eq(optimisationRuns.id, id), inArray(optimisationRuns.status, ['running', 'cancelling'])))
    .returning({ status: optimisationRuns.status });
  return row?.status;
}

export async function updateRun(scope: TenantScope, id: string, change: Partial<Omit<typeof optimisationRuns.$inferInsert, 'id' | 'organisationId'>>, onlyIfStatus?: string[]): Promise<boolean> {
  const rows = await scope.db
    .update(optimisationRuns)
    .set(change)
    .where(scope.where(optimisationRuns, eq(optimisationRuns.id, id), onlyIfStatus ? inArray(optimisationRuns.status, onlyIfStatus) : undefined))
    .returning({ id: optimisationRuns.id });
  return rows.length > 0;
}
