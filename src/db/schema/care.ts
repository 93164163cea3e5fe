import { boolean, date, doublePrecision, index, integer, jsonb, pgTable, smallint, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './identity';
import { organisations } from './organisations';
import { communes, territories } from './territory';

/** Who pays and gets the tax credit. Not owned by a provider: visible to itself and to the providers it contracts with. */
export const households = pgTable(
  'households',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id').references(() => territories.id),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    name: text('name').notNull(),
    addressLine: text('address_line'),
    postalCode: text('postal_code'),
    communeCode: text('commune_code').references(() => communes.code),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    phone: text('phone'),
    email: text('email'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('households_user_idx').on(t.userId)],
);

/** A provider's file on a person it cares for (dossier usager): tenant-scoped, personal and health data. */
export const beneficiaries = pgTable(
  'beneficiaries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    birthDate: date('birth_date'),
    /** GIR 1 (most dependent) to 6; null when not assessed. */
    gir: smallint('gir'),
    addressLine: text('address_line'),
    postalCode: text('postal_code'),
    communeCode: text('commune_code').references(() => communes.code),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    phone: text('phone'),
    /** Door code, key box…: shown to the assigned worker on the day of the visit only. */
    accessDetails: text('access_details'),
    notes: text('notes'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('beneficiaries_organisation_idx').on(t.organisationId), index('beneficiaries_household_idx').on(t.householdId)],
);

export const workers = pgTable(
  'workers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    phone: text('phone'),
    email: text('email'),
    communeCode: text('commune_code').references(() => communes.code),
    homeLatitude: doublePrecision('home_latitude'),
    homeLongitude: doublePrecision('home_longitude'),
    /** car, bike, public_transport, walk. */
    transportMode: text('transport_mode').notNull().default('car'),
    contractHoursPerWeek: integer('contract_hours_per_week').notNull().default(35),
    maxHoursPerDay: integer('max_hours_per_day').notNull().default(10),
    skills: text('skills').array().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('workers_organisation_idx').on(t.organisationId), index('workers_user_idx').on(t.userId)],
);

/** What was agreed with a household: activity, mode, price and the recurrence that generates visits. */
export const contracts = pgTable(
  'contracts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    beneficiaryId: uuid('beneficiary_id')
      .notNull()
      .references(() => beneficiaries.id, { onDelete: 'cascade' }),
    activityCode: text('activity_code').notNull(),
    mode: text('mode').notNull(),
    hourlyPriceCents: integer('hourly_price_cents').notNull(),
    /** Weekly slots: [{weekday 1-7, start "HH:MM", durationMin, toleranceMin}], local time Europe/Paris. */
    recurrence: jsonb('recurrence').notNull().default([]),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    status: text('status').notNull().default('active'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('contracts_organisation_idx').on(t.organisationId), index('contracts_household_idx').on(t.householdId)],
);

export const visits = pgTable(
  'visits',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    contractId: uuid('contract_id').references(() => contracts.id, { onDelete: 'set null' }),
    beneficiaryId: uuid('beneficiary_id')
      .notNull()
      .references(() => beneficiaries.id, { onDelete: 'cascade' }),
    workerId: uuid('worker_id').references(() => workers.id, { onDelete: 'set null' }),
    activityCode: text('activity_code').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    durationMin: integer('duration_min').notNull(),
    /** The window in which the visit may start (the contract's tolerance). */
    windowStartsAt: timestamp('window_starts_at', { withTimezone: true }).notNull(),
    windowEndsAt: timestamp('window_ends_at', { withTimezone: true }).notNull(),
    requiredSkills: text('required_skills').array().notNull().default([]),
    /** planned, done, cancelled. */
    status: text('status').notNull().default('planned'),
    isLocked: boolean('is_locked').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('visits_organisation_starts_idx').on(t.organisationId, t.startsAt),
    index('visits_worker_starts_idx').on(t.workerId, t.startsAt),
  ],
);
