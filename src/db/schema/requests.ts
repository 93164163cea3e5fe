import {
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './identity';
import { organisations } from './organisations';
import { households } from './care';
import { communes } from './territory';

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/**
 * A household's need, sent to the providers that can meet it. The exact address stays here until the
 * household accepts a quote: providers see the commune and its centre (`latitude`/`longitude`) only.
 */
export const serviceRequests = pgTable(
  'service_requests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    activityCodes: text('activity_codes').array().notNull(),
    /** {kind child|elderly|disabled|adult, firstName, birthYear, gir, apa: {hasPlan, monthlyAmountCents} | null}. */
    person: jsonb('person').notNull(),
    communeCode: text('commune_code')
      .notNull()
      .references(() => communes.code),
    /** Private until acceptance. */
    addressLine: text('address_line').notNull(),
    postalCode: text('postal_code').notNull(),
    /** The commune's centre (coarse point, shared with routed providers). */
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    /** Weekly slots wished: [{weekdays, start "HH:MM", durationMin, toleranceMin}], local time Europe/Paris. */
    slots: jsonb('slots').notNull(),
    /** weekly (the only frequency contracts recur at). */
    frequency: text('frequency').notNull().default('weekly'),
    startsOn: date('starts_on').notNull(),
    durationMonths: integer('duration_months'),
    /** prestataire, mandataire. */
    mode: text('mode').notNull(),
    budgetMonthlyCents: integer('budget_monthly_cents'),
    wishes: text('wishes'),
    /** open, accepted, cancelled, expired. */
    status: text('status').notNull().default('open'),
    acceptedQuoteId: uuid('accepted_quote_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('service_requests_household_idx').on(t.householdId)],
);

/** One provider a request was sent to, with the reason, its answer and the distance from its site. */
export const requestRoutings = pgTable(
  'request_routings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => serviceRequests.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    reason: text('reason').notNull(),
    /** pending, quoted, declined, closed, won. */
    status: text('status').notNull().default('pending'),
    /** From the organisation's site to the commune's centre, km. */
    distanceKm: doublePrecision('distance_km'),
    /** Room computed when routed (hours a week), for the inbox's first view. */
    roomHoursPerWeek: doublePrecision('room_hours_per_week'),
    declineReason: text('decline_reason'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('request_routings_request_organisation_idx').on(t.requestId, t.organisationId),
    index('request_routings_organisation_idx').on(t.organisationId, t.status),
  ],
);

/** A provider's quote (devis) answering a request; the PDF is kept (the provider keeps a copy ≥ 1 year). */
export const quotes = pgTable(
  'quotes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => serviceRequests.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    /** D-2026-000001, one series per organisation and year. */
    number: text('number').notNull(),
    issuedOn: date('issued_on').notNull(),
    /** [{activityCode, mode, description, hourlyPriceTtcCents, hourlyPriceHtCents, hoursPerMonth}]. */
    lines: jsonb('lines').notNull(),
    /** [{label, amountTtcCents}]; empty: none. */
    annexFees: jsonb('annex_fees').notNull().default([]),
    hourlyPriceTtcCents: integer('hourly_price_ttc_cents').notNull(),
    monthlyTtcCents: integer('monthly_ttc_cents').notNull(),
    monthlyHtCents: integer('monthly_ht_cents').notNull(),
    firstAvailableOn: date('first_available_on').notNull(),
    /** {skills, experienceYears, description}: no name before acceptance. */
    workerProfile: jsonb('worker_profile').notNull(),
    validUntil: date('valid_until').notNull(),
    message: text('message'),
    /** sent, accepted, rejected, withdrawn. */
    status: text('status').notNull().default('sent'),
    pdf: bytea('pdf').notNull(),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('quotes_organisation_number_idx').on(t.organisationId, t.number),
    index('quotes_request_idx').on(t.requestId),
  ],
);

/** The thread between a household and one routed provider about a request. */
export const requestMessages = pgTable(
  'request_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    requestId: uuid('request_id')
      .notNull()
      .references(() => serviceRequests.id, { onDelete: 'cascade' }),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    /** household, provider. */
    authorRole: text('author_role').notNull(),
    authorUserId: uuid('author_user_id').references(() => users.id, { onDelete: 'set null' }),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('request_messages_thread_idx').on(t.requestId, t.organisationId, t.createdAt)],
);
