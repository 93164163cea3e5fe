import { date, index, integer, jsonb, pgTable, real, text, timestamp, uuid, boolean } from 'drizzle-orm/pg-core';
import { tenantColumns } from './columns';
import { users } from './identity';
import { visits, workers } from './care';

/**
 * One run of the planning optimiser over a period ("Optimiser la semaine / la journée"). The row is the
 * shared state of the run, so any server process can answer its progress and proposal.
 */
export const optimisationRuns = pgTable(
  'optimisation_runs',
  {
    ...tenantColumns(),
    /** First and last local day (Europe/Paris) of the period, both included. */
    fromDate: date('from_date').notNull(),
    toDate: date('to_date').notNull(),
    /** running, cancelling, done, failed, applied. */
    status: text('status').notNull().default('running'),
    /** 0–1, from elapsed time over the time limit. */
    progress: real('progress').notNull().default(0),
    timeLimitMs: integer('time_limit_ms').notNull(),
    /** KPIs of the plan in place when the run started: {travelMinutes, travelKm, unassignedVisits, continuityRate, hoursByWorker}. */
    currentKpis: jsonb('current_kpis'),
    proposalKpis: jsonb('proposal_kpis'),
    /** {assignments: [{visitId, workerId|null, startsAt}], unassigned: [{visitId, reason}]}. */
    proposal: jsonb('proposal'),
    /** The visits as they were when the run started ({visitId: "workerId|startsAt|status|locked"}): apply refuses when one changed. */
    snapshot: jsonb('snapshot').notNull().default({}),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
    appliedAt: timestamp('applied_at', { withTimezone: true }),
    appliedBatchId: uuid('applied_batch_id'),
    error: text('error'),
  },
  (t) => [index('optimisation_runs_organisation_idx').on(t.organisationId, t.createdAt)],
);

/**
 * Every change of a visit's assignment, time or lock made by the schedule (drag and drop, applied
 * proposal, repair after an absence), grouped by batch so that a batch can be undone.
 */
export const scheduleChanges = pgTable(
  'schedule_changes',
  {
    ...tenantColumns(),
    batchId: uuid('batch_id').notNull(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id, { onDelete: 'cascade' }),
    /** assignment, optimisation, repair, undo. */
    source: text('source').notNull(),
    beforeWorkerId: uuid('before_worker_id').references(() => workers.id, { onDelete: 'set null' }),
    beforeStartsAt: timestamp('before_starts_at', { withTimezone: true }).notNull(),
    beforeIsLocked: boolean('before_is_locked').notNull(),
    afterWorkerId: uuid('after_worker_id').references(() => workers.id, { onDelete: 'set null' }),
    afterStartsAt: timestamp('after_starts_at', { withTimezone: true }).notNull(),
    afterIsLocked: boolean('after_is_locked').notNull(),
    actorUserId: uuid('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
  },
  (t) => [index('schedule_changes_batch_idx').on(t.organisationId, t.batchId), index('schedule_changes_visit_idx').on(t.visitId)],
);
