import { sql, type SQL } from 'drizzle-orm';
import {
  bigint,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { ACTIVITY_CODES, ACTIVITY_DOMAINS } from '../../domain/activities';
import { MODES, PUBLICS, REGIME_TYPES } from '../../domain/organisation';
import { organisations } from './organisations';

/**
 * The values behind each facet's bit mask, in bit order (bit k = the k-th value). Changing an order needs a
 * migration that recomputes the masks; a test checks the database agrees with these lists.
 */
export const SEARCH_MASK_VALUES = {
  activity: ACTIVITY_CODES,
  domain: ACTIVITY_DOMAINS,
  mode: MODES,
  public: PUBLICS,
  regime: REGIME_TYPES,
} as const;

const maskOf = (column: string, values: readonly string[]): SQL =>
  sql.raw(`proxidom_mask(${column}, ARRAY[${values.map((v) => `'${v}'`).join(', ')}]::text[])`);

/** PostgreSQL `tsvector` (full-text search document). */
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * One search row per organisation, denormalised for the public directory: the French full-text document
 * (name, activities with their keywords, communes served, description) and every facet as an array.
 * Maintained by the triggers of migration 0003 on organisations and their activities, communes and regimes
 * (statement-level, so a batch insert refreshes each organisation once), never written by the application.
 */
export const organisationSearch = pgTable(
  'organisation_search',
  {
    organisationId: uuid('organisation_id')
      .primaryKey()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** Name lower-cased without accents, for typo-tolerant matching (pg_trgm). */
    nameFolded: text('name_folded').notNull(),
    document: tsvector('document').notNull(),
    activityCodes: text('activity_codes').array().notNull(),
    domains: text('domains').array().notNull(),
    modes: text('modes').array().notNull(),
    publics: text('publics').array().notNull(),
    regimes: text('regimes').array().notNull(),
    /** Communes served, the site's commune included. */
    communeCodes: text('commune_codes').array().notNull(),
    communeCode: text('commune_code'),
    isAcceptingClients: boolean('is_accepting_clients').notNull(),
    /** The site, or its commune's centre when the address has no coordinates. */
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    hourlyPriceFromCents: integer('hourly_price_from_cents'),
    activityMask: bigint('activity_mask', { mode: 'number' }).generatedAlwaysAs(
      maskOf('activity_codes', SEARCH_MASK_VALUES.activity),
    ),
    domainMask: bigint('domain_mask', { mode: 'number' }).generatedAlwaysAs(
      maskOf('domains', SEARCH_MASK_VALUES.domain),
    ),
    modeMask: bigint('mode_mask', { mode: 'number' }).generatedAlwaysAs(
      maskOf('modes', SEARCH_MASK_VALUES.mode),
    ),
    publicMask: bigint('public_mask', { mode: 'number' }).generatedAlwaysAs(
      maskOf('publics', SEARCH_MASK_VALUES.public),
    ),
    regimeMask: bigint('regime_mask', { mode: 'number' }).generatedAlwaysAs(
      maskOf('regimes', SEARCH_MASK_VALUES.regime),
    ),
  },
  (t) => [index('organisation_search_commune_idx').on(t.communeCode)],
);

/** The activities' French names and keywords, as the search documents see them (rows kept equal to src/domain/activities.ts). */
export const activityTerms = pgTable('activity_terms', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  keywords: text('keywords').notNull(),
  domains: text('domains').array().notNull(),
});

/** Words that documents contain (folded), the vocabulary used to correct typos in queries (pg_trgm). */
export const searchWords = pgTable('search_words', {
  word: text('word').primaryKey(),
});

/**
 * One row whose generation goes up whenever `organisation_search` changes (statement triggers of migration 0016),
 * in the same transaction: each server process keeps an in-memory index of the search rows and reloads it when
 * the generation it reads differs from the one it loaded (several processes stay correct).
 */
export const directorySearchState = pgTable('directory_search_state', {
  id: integer('id').primaryKey().default(1),
  generation: bigint('generation', { mode: 'number' }).notNull().default(0),
});

/** One import of the national list of declared providers: progress and report (polled by the upload page). */
export const organisationImports = pgTable(
  'organisation_imports',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** running, done, failed. */
    status: text('status').notNull(),
    fileName: text('file_name'),
    fileBytes: bigint('file_bytes', { mode: 'number' }),
    actorUserId: uuid('actor_user_id'),
    territoryId: uuid('territory_id'),
    totalRows: integer('total_rows'),
    processedRows: integer('processed_rows').notNull().default(0),
    inserted: integer('inserted').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    rejected: integer('rejected').notNull().default(0),
    unknownColumns: text('unknown_columns').array().notNull().default([]),
    mappedColumns: jsonb('mapped_columns').notNull().default({}),
    /** The first 1,000 rejected rows: [{line, reason}]. */
    errors: jsonb('errors').notNull().default([]),
    /** The first 1,000 remarks on accepted rows (value ignored, unknown activity skipped): [{line, reason}]. */
    warnings: jsonb('warnings').notNull().default([]),
    failure: text('failure'),
    /** Last progress written: a running import that stopped moving was interrupted. */
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [index('organisation_imports_started_idx').on(t.startedAt)],
);
