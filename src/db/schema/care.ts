import { sql } from 'drizzle-orm';
import { boolean, customType, date, doublePrecision, index, integer, jsonb, pgTable, smallint, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tenantColumns } from './columns';
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
    /** The provider that created the household's record (null: the household signed up itself, or the demo seed). */
    createdByOrganisationId: uuid('created_by_organisation_id').references(() => organisations.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('households_user_idx').on(t.userId)],
);

/**
 * A provider's sector (secteur d'intervention): the communes it covers and the coordinators responsible for it
 * (responsables de secteur). A beneficiary belongs to the sector of their commune unless their file names
 * another one; a worker may have a home sector.
 */
export const sectors = pgTable(
  'sectors',
  {
    ...tenantColumns(),
    name: text('name').notNull(),
    /** INSEE codes; a commune lies in at most one sector of an organisation (checked by the care service, in the write's transaction). */
    communeCodes: text('commune_codes').array().notNull().default([]),
    /** Users of the organisation (coordinators, admins) responsible for the sector; ids of users who left are ignored on read. */
    coordinatorUserIds: uuid('coordinator_user_ids').array().notNull().default([]),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('sectors_organisation_name_idx').on(t.organisationId, sql`lower(${t.name})`)],
);

/** A provider's file on a person it cares for (dossier usager): tenant-scoped, personal and health data. */
export const beneficiaries = pgTable(
  'beneficiaries',
  {
    ...tenantColumns(),
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
    /** The sector chosen by hand; null: the sector that covers the person's commune. */
    sectorId: uuid('sector_id').references(() => sectors.id, { onDelete: 'set null' }),
    phone: text('phone'),
    /** Door code, key box…: shown to the assigned worker on the day of the visit only. */
    accessDetails: text('access_details'),
    notes: text('notes'),
    /** Needs in the person's words or the assessment's (« aide au lever », « courses »…). */
    needs: text('needs').array().notNull().default([]),
    /** SAP activity codes the person receives or asks for. */
    activityCodes: text('activity_codes').array().notNull().default([]),
    /** RGPD consents: [{purpose, granted, recordedOn "YYYY-MM-DD", recordedByUserId, note}]. */
    consents: jsonb('consents').notNull().default([]),
    /** Set when the file was erased (RGPD): identity and personal data are gone, money facts kept. */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('beneficiaries_organisation_idx').on(t.organisationId), index('beneficiaries_household_idx').on(t.householdId)],
);

export const workers = pgTable(
  'workers',
  {
    ...tenantColumns(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    phone: text('phone'),
    email: text('email'),
    communeCode: text('commune_code').references(() => communes.code),
    /** The sector the worker mostly works in (null: none). */
    sectorId: uuid('sector_id').references(() => sectors.id, { onDelete: 'set null' }),
    homeLatitude: doublePrecision('home_latitude'),
    homeLongitude: doublePrecision('home_longitude'),
    /** car, bike, public_transport, walk. */
    transportMode: text('transport_mode').notNull().default('car'),
    contractHoursPerWeek: integer('contract_hours_per_week').notNull().default(35),
    maxHoursPerDay: integer('max_hours_per_day').notNull().default(10),
    skills: text('skills').array().notNull().default([]),
    /** {preferredCommuneCodes: string[], worksWeekends: boolean, acceptsPets: boolean, note: string|null}. */
    preferences: jsonb('preferences').notNull().default({}),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('workers_organisation_idx').on(t.organisationId), index('workers_user_idx').on(t.userId)],
);

/** What was agreed with a household: activity, mode, price and the recurrence that generates visits. */
export const contracts = pgTable(
  'contracts',
  {
    ...tenantColumns(),
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
    /** active, ended. */
    status: text('status').notNull().default('active'),
    /** Skill codes every visit of the contract requires (copied to visits.required_skills). */
    requiredSkills: text('required_skills').array().notNull().default([]),
    /** What the worker does at each visit (« toilette », « préparation du déjeuner »…). */
    tasks: text('tasks').array().notNull().default([]),
    updatedAt: timestamp('updated_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('contracts_organisation_idx').on(t.organisationId), index('contracts_household_idx').on(t.householdId)],
);

export const visits = pgTable(
  'visits',
  {
    ...tenantColumns(),
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
    /**
     * `contractId:localDate:slotIndex` for a visit generated from a contract: generation is idempotent
     * through it. Null for visits made by hand (and the demo seed's).
     */
    occurrenceKey: text('occurrence_key'),
    /** Why a visit was cancelled (suspension, by hand). */
    cancelledReason: text('cancelled_reason'),
    /** Changed by hand (time, duration): regeneration keeps it as it is. */
    isOneOff: boolean('is_one_off').notNull().default(false),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('visits_organisation_starts_idx').on(t.organisationId, t.startsAt),
    index('visits_worker_starts_idx').on(t.workerId, t.startsAt),
    uniqueIndex('visits_occurrence_key_idx').on(t.occurrenceKey),
  ],
);

/** Raw bytes (documents); PGlite gives a Uint8Array, node-postgres a Buffer (a Uint8Array too). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** A beneficiary's contacts: family, aidants (carers), doctor, neighbour. Personal data. */
export const beneficiaryContacts = pgTable(
  'beneficiary_contacts',
  {
    ...tenantColumns(),
    beneficiaryId: uuid('beneficiary_id')
      .notNull()
      .references(() => beneficiaries.id, { onDelete: 'cascade' }),
    /** famille, aidant, medecin, voisin, tuteur, autre. */
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    relationship: text('relationship'),
    phone: text('phone'),
    email: text('email'),
    /** The person to call first in an emergency. */
    isEmergencyContact: boolean('is_emergency_contact').notNull().default(false),
    note: text('note'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('beneficiary_contacts_beneficiary_idx').on(t.beneficiaryId)],
);

/** A funded care plan (plan d'aide APA, PCH, caisse de retraite). Health data. */
export const carePlans = pgTable(
  'care_plans',
  {
    ...tenantColumns(),
    beneficiaryId: uuid('beneficiary_id')
      .notNull()
      .references(() => beneficiaries.id, { onDelete: 'cascade' }),
    /** apa, pch, caisse_retraite, autre. */
    funder: text('funder').notNull(),
    /** Funded hours per month (may be fractional, e.g. 22.5). */
    hoursPerMonth: doublePrecision('hours_per_month').notNull(),
    /** The funder's share of each hour, in basis points (e.g. 8 000 = 80 %); or the hourly amount below. */
    funderShareBp: integer('departement_share_bp'),
    /** The funder's valuation of one hour, in cents. */
    hourlyAmountCents: integer('hourly_amount_cents'),
    /** The decision's reference (numéro de décision / de dossier). */
    reference: text('reference'),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('care_plans_beneficiary_idx').on(t.beneficiaryId)],
);

/** Workers a beneficiary prefers or refuses. */
export const beneficiaryWorkerPreferences = pgTable(
  'beneficiary_worker_preferences',
  {
    ...tenantColumns(),
    beneficiaryId: uuid('beneficiary_id')
      .notNull()
      .references(() => beneficiaries.id, { onDelete: 'cascade' }),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id, { onDelete: 'cascade' }),
    /** preferred, refused. */
    kind: text('kind').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('beneficiary_worker_preferences_pair_idx').on(t.beneficiaryId, t.workerId)],
);

/** Documents of a beneficiary's file (at most 5 MB each), kept in the database. */
export const beneficiaryDocuments = pgTable(
  'beneficiary_documents',
  {
    ...tenantColumns(),
    beneficiaryId: uuid('beneficiary_id')
      .notNull()
      .references(() => beneficiaries.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    contentType: text('content_type').notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    content: bytea('content').notNull(),
    uploadedByUserId: uuid('uploaded_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('beneficiary_documents_beneficiary_idx').on(t.beneficiaryId)],
);

/** A pause of a contract (hospital stay, holidays): its visits are cancelled, inclusive local dates. */
export const contractSuspensions = pgTable(
  'contract_suspensions',
  {
    ...tenantColumns(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contracts.id, { onDelete: 'cascade' }),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    reason: text('reason').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('contract_suspensions_contract_idx').on(t.contractId)],
);

/** A worker's diploma, title or licence with its dates (one row per skill code). */
export const workerQualifications = pgTable(
  'worker_qualifications',
  {
    ...tenantColumns(),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id, { onDelete: 'cascade' }),
    skillCode: text('skill_code').notNull(),
    obtainedOn: date('obtained_on'),
    /** Null: does not expire. */
    expiresOn: date('expires_on'),
    reference: text('reference'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('worker_qualifications_worker_skill_idx').on(t.workerId, t.skillCode)],
);

/** Weekly availability slots of a worker, local time Europe/Paris; none means Monday–Friday 07:00–20:00. */
export const workerAvailability = pgTable(
  'worker_availability',
  {
    ...tenantColumns(),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id, { onDelete: 'cascade' }),
    /** 1 = Monday … 7 = Sunday. */
    weekday: smallint('weekday').notNull(),
    /** "HH:MM". */
    startTime: text('start_time').notNull(),
    /** "HH:MM", after startTime. */
    endTime: text('end_time').notNull(),
  },
  (t) => [index('worker_availability_worker_idx').on(t.workerId)],
);

/** Leave, sickness, training: the worker cannot be planned in [startsAt, endsAt). */
export const workerAbsences = pgTable(
  'worker_absences',
  {
    ...tenantColumns(),
    workerId: uuid('worker_id')
      .notNull()
      .references(() => workers.id, { onDelete: 'cascade' }),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    endsAt: timestamp('ends_at', { withTimezone: true }).notNull(),
    /** conge, maladie, formation, autre. */
    kind: text('kind').notNull().default('autre'),
    note: text('note'),
    createdByUserId: uuid('created_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('worker_absences_worker_starts_idx').on(t.workerId, t.startsAt)],
);
