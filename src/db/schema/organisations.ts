import { boolean, doublePrecision, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid, date } from 'drizzle-orm/pg-core';
import { communes, territories } from './territory';

export const organisations = pgTable(
  'organisations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    territoryId: uuid('territory_id').references(() => territories.id),
    name: text('name').notNull(),
    siret: text('siret').notNull().unique(),
    /** association, entreprise, ccas, micro_entrepreneur… (see src/domain). */
    legalForm: text('legal_form').notNull(),
    addressLine: text('address_line'),
    postalCode: text('postal_code'),
    communeCode: text('commune_code').references(() => communes.code),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    phone: text('phone'),
    email: text('email'),
    website: text('website'),
    description: text('description'),
    /** prestataire, mandataire, emploi_direct. */
    modes: text('modes').array().notNull().default([]),
    /** enfants_moins_3_ans, personnes_agees, personnes_handicapees, tout_public. */
    publics: text('publics').array().notNull().default([]),
    qualityLabels: text('quality_labels').array().notNull().default([]),
    openingHours: jsonb('opening_hours'),
    isAcceptingClients: boolean('is_accepting_clients').notNull().default(true),
    /** Second address line (bâtiment, BP…). */
    addressComplement: text('address_complement'),
    /** Every price of the profile ([{activityCode, mode, unit, priceTtcCents, priceHtCents?, label?}]); null: only the hourly prices of organisation_activities. */
    prices: jsonb('prices'),
    /** SHA-256 of the last imported row (national list): a re-import of the same row writes nothing. */
    importHash: text('import_hash'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('organisations_commune_idx').on(t.communeCode)],
);

/** What an organisation offers: one row per activity and mode, with its hourly price. */
export const organisationActivities = pgTable(
  'organisation_activities',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    activityCode: text('activity_code').notNull(),
    mode: text('mode').notNull(),
    hourlyPriceCents: integer('hourly_price_cents'),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.activityCode, t.mode] })],
);

export const organisationCommunes = pgTable(
  'organisation_communes',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    communeCode: text('commune_code').notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.communeCode] }), index('organisation_communes_commune_idx').on(t.communeCode)],
);

/** Déclaration, agrément or autorisation held by an organisation. */
export const organisationRegimes = pgTable(
  'organisation_regimes',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    number: text('number').notNull(),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    /** Département that granted an autorisation (« 45 », « 2A »). */
    departement: text('departement'),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.kind] })],
);
