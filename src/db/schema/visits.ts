import { doublePrecision, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantColumns } from './columns';
import { visits, workers } from './care';
import { users } from './identity';
import { organisations } from './organisations';

/**
 * Télégestion: one row per check-in or check-out sent by a worker's phone. `at` is the device's time (kept
 * as sent, with its offset, in `atText`); `receivedAt` the server's. The idempotency key is generated on the
 * device: a retried request finds its row and answers `response` again. One check-in and one check-out
 * per visit (a second one with another key is refused), so a visit never counts twice.
 */
export const checkEvents = pgTable(
  'check_events',
  {
    ...tenantColumns(),
    visitId: uuid('visit_id')
      .notNull()
      .references(() => visits.id, { onDelete: 'cascade' }),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id, { onDelete: 'cascade' }),
    /** check_in, check_out. */
    kind: text('kind').notNull(),
    /** The instant the worker pointed, on the device's clock. */
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** `at` as the device sent it (ISO 8601 with its offset). */
    atText: text('at_text').notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull(),
    /** Only when the worker chose to share her position for this check. */
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    accuracyMetres: doublePrecision('accuracy_metres'),
    idempotencyKey: text('idempotency_key').notNull(),
    /** The body of the first answer, given again to a retried request. */
    response: jsonb('response'),
    /** check-in (one by one), sync (batch from the phone). */
    source: text('source').notNull().default('direct'),
  },
  (t) => [
    uniqueIndex('check_events_worker_key_idx').on(t.workerId, t.idempotencyKey),
    uniqueIndex('check_events_visit_kind_idx').on(t.visitId, t.kind),
    index('check_events_organisation_at_idx').on(t.organisationId, t.at),
  ],
);

/**
 * What actually happened at a visit: actual start and end (from the checks, or corrected by the
 * coordinator with a reason), tasks done, the note for the next colleague, and the validation state.
 */
export const visitActuals = pgTable(
  'visit_actuals',
  {
    visitId: uuid('visit_id')
      .primaryKey()
      .references(() => visits.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    workerId: uuid('worker_id').references(() => workers.id, { onDelete: 'set null' }),
    actualStartAt: timestamp('actual_start_at', { withTimezone: true }),
    actualEndAt: timestamp('actual_end_at', { withTimezone: true }),
    tasksDone: text('tasks_done').array().notNull().default([]),
    /** The note for the next colleague (transmission). */
    transmission: text('transmission'),
    reportedAt: timestamp('reported_at', { withTimezone: true }),
    reportIdempotencyKey: text('report_idempotency_key'),
    /** pending, valid, anomaly, corrected. */
    validationStatus: text('validation_status').notNull().default('pending'),
    /** missed, late, too_short, too_long, no_check_out (see src/domain/telegestion.ts). */
    anomalyCodes: text('anomaly_codes').array().notNull().default([]),
    /** Who validated or corrected, when and why (the worker sees it in « Mon activité »). */
    reviewedByUserId: uuid('reviewed_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    reviewReason: text('review_reason'),
    /** The times from the checks before a correction. */
    checkedStartAt: timestamp('checked_start_at', { withTimezone: true }),
    checkedEndAt: timestamp('checked_end_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('visit_actuals_organisation_status_idx').on(t.organisationId, t.validationStatus), index('visit_actuals_worker_start_idx').on(t.workerId, t.actualStartAt)],
);

/** Travel credited to a worker for a local day: the legs between consecutive visits done, minutes and km. */
export const workerTravelCredits = pgTable(
  'worker_travel_credits',
  {
    ...tenantColumns(),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id, { onDelete: 'cascade' }),
    localDate: date('local_date').notNull(),
    /** [{fromVisitId, toVisitId, minutes, km}] in the order of the day. */
    legs: jsonb('legs').notNull().default([]),
    totalMinutes: integer('total_minutes').notNull().default(0),
    totalKm: doublePrecision('total_km').notNull().default(0),
    computedAt: timestamp('computed_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('worker_travel_credits_worker_day_idx').on(t.workerId, t.localDate), index('worker_travel_credits_organisation_day_idx').on(t.organisationId, t.localDate)],
);
