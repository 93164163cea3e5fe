import { desc, eq, sql, type SQL } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client';
import { ensureFranceCommunes } from '../../db/geo/communes-france';
import { communes, organisationImports } from '../../db/schema';
import type { ImportRecord } from './import-format';

export type ImportRow = typeof organisationImports.$inferSelect;

export async function insertImport(
  db: Executor,
  values: {
    fileName: string | null;
    fileBytes: number;
    actorUserId: string | null;
    territoryId: string | null;
  },
): Promise<ImportRow> {
  const [row] = await db
    .insert(organisationImports)
    .values({ status: 'running', ...values })
    .returning();
  return row!;
}

export async function updateImport(
  db: Executor,
  id: string,
  values: Partial<typeof organisationImports.$inferInsert>,
): Promise<void> {
  await db
    .update(organisationImports)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(organisationImports.id, id));
}

export async function findImport(db: Executor, id: string): Promise<ImportRow | undefined> {
  const [row] = await db.select().from(organisationImports).where(eq(organisationImports.id, id));
  return row;
}

export async function findRecentImports(db: Executor, limit: number): Promise<ImportRow[]> {
  return db.select().from(organisationImports).orderBy(desc(organisationImports.startedAt)).limit(limit);
}

export const loadFranceCommunes = (db: Executor) => ensureFranceCommunes(db);

export async function findCommunesForImport(db: Executor) {
  return db
    .select({
      code: communes.code,
      name: communes.name,
      postalCodes: communes.postalCodes,
      latitude: communes.latitude,
      longitude: communes.longitude,
      territoryId: communes.territoryId,
    })
    .from(communes);
}

export interface BatchOutcome {
  inserted: number;
  updated: number;
  unchanged: number;
  /** SIRETs of organisations created on the platform, left as they are. */
  managedHere: string[];
  /** Organisations inserted or updated (their search rows need a refresh). */
  written: string[];
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** A PostgreSQL array literal of texts, nulls kept: one parameter for a whole column of the batch. */
function textArray(values: readonly (string | number | boolean | null)[]): string {
  return `{${values
    .map((v) => (v === null ? 'NULL' : `"${String(v).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`))
    .join(',')}}`;
}

/** The batch's columns, one array parameter each, as `unnest` reads them back into rows. */
function organisationColumns(records: readonly ImportRecord[]) {
  const column = <T extends string | number | boolean | null>(pick: (r: ImportRecord) => T) =>
    textArray(records.map(pick));
  return sql`unnest(${column((r) => r.siret)}::text[], ${column((r) => r.name)}::text[],
      ${column((r) => r.legalForm)}::text[], ${column((r) => r.addressLine)}::text[],
      ${column((r) => r.addressComplement)}::text[], ${column((r) => r.postalCode)}::text[],
      ${column((r) => r.communeCode)}::text[], ${column((r) => r.latitude)}::float8[],
      ${column((r) => r.longitude)}::float8[], ${column((r) => r.territoryId)}::uuid[],
      ${column((r) => r.phone)}::text[], ${column((r) => r.email)}::text[], ${column((r) => r.website)}::text[],
      ${column((r) => r.modes.join(','))}::text[], ${column((r) => r.publics.join(','))}::text[],
      ${column((r) => r.isAcceptingClients)}::boolean[], ${column((r) => r.hash)}::text[])
    AS r(siret, name, legal_form, address_line, address_complement, postal_code, commune_code, latitude, longitude,
      territory_id, phone, email, website, modes, publics, is_accepting_clients, import_hash)`;
}

/**
 * The children of the batch's organisations (activities × modes, the site's commune, regimes) as rows keyed by
 * SIRET, for statements that join them to the organisations' ids.
 */
function childColumns(records: readonly ImportRecord[]) {
  const activities = records.flatMap((r) =>
    r.activities.flatMap((code) => r.modes.map((mode) => [r.siret, code, mode] as const)),
  );
  const regimes = records.flatMap((r) =>
    r.regimes.map((g) => [r.siret, g.kind, g.number, g.startsOn, g.endsOn] as const),
  );
  const col = <T extends readonly unknown[]>(rows: readonly T[], k: number) =>
    textArray(rows.map((row) => row[k] as string | null));
  return {
    activities: sql`unnest(${col(activities, 0)}::text[], ${col(activities, 1)}::text[], ${col(activities, 2)}::text[])
      AS a(siret, activity_code, mode)`,
    communes: sql`unnest(${textArray(records.map((r) => r.siret))}::text[], ${textArray(records.map((r) => r.communeCode))}::text[])
      AS c(siret, commune_code)`,
    regimes: sql`unnest(${col(regimes, 0)}::text[], ${col(regimes, 1)}::text[], ${col(regimes, 2)}::text[],
        ${col(regimes, 3)}::date[], ${col(regimes, 4)}::date[])
      AS g(siret, kind, number, starts_on, ends_on)`,
  };
}

/**
 * One statement: `organisations` (an INSERT or UPDATE returning id and siret) writes the batch's organisations,
 * and their activities, commune and regimes are inserted with the ids it returns. Returns the ids.
 */
function writeWithChildren(records: readonly ImportRecord[], organisations: SQL): SQL {
  const children = childColumns(records);
  return sql`WITH written AS (${organisations}),
    activities AS (
      INSERT INTO organisation_activities (organisation_id, activity_code, mode)
      SELECT w.id, a.activity_code, a.mode FROM ${children.activities} JOIN written w ON w.siret = a.siret
    ),
    communes AS (
      INSERT INTO organisation_communes (organisation_id, commune_code)
      SELECT w.id, c.commune_code FROM ${children.communes} JOIN written w ON w.siret = c.siret
    ),
    regimes AS (
      INSERT INTO organisation_regimes (organisation_id, kind, number, starts_on, ends_on)
      SELECT w.id, g.kind, g.number, g.starts_on, g.ends_on FROM ${children.regimes} JOIN written w ON w.siret = g.siret
    )
    SELECT id FROM written`;
}

/**
 * Upserts one batch by SIRET inside the caller's transaction, in a few statements whatever its size: new SIRETs
 * are inserted with their activities, commune and regimes in one statement; changed ones (another content hash)
 * replaced; identical ones untouched. Organisations created on the platform (no import hash) keep their own
 * profile. The search triggers are off meanwhile: call `refreshSearchDocuments` with `written`.
 */
export async function upsertBatch(tx: Tx, records: readonly ImportRecord[]): Promise<BatchOutcome> {
  const [found] = rowsOf<{ existing: unknown }>(
    await tx.execute(sql`SELECT set_config('proxidom.search_refresh', 'off', true) AS off,
      (SELECT coalesce(json_agg(json_build_array(o.id, o.siret, o.import_hash)), '[]'::json) FROM organisations o
        WHERE o.siret = ANY(${textArray(records.map((r) => r.siret))}::text[])) AS existing`),
  );
  const raw = found?.existing ?? [];
  const existing = (typeof raw === 'string' ? JSON.parse(raw) : raw) as [string, string, string | null][];
  const bySiret = new Map(existing.map(([id, siret, importHash]) => [siret, { id, importHash }]));
  const fresh: ImportRecord[] = [];
  const changed: { id: string; record: ImportRecord }[] = [];
  const outcome: BatchOutcome = { inserted: 0, updated: 0, unchanged: 0, managedHere: [], written: [] };
  for (const record of records) {
    const known = bySiret.get(record.siret);
    if (!known) fresh.push(record);
    else if (known.importHash === null) {
      outcome.unchanged++;
      outcome.managedHere.push(record.siret);
    } else if (known.importHash === record.hash) outcome.unchanged++;
    else changed.push({ id: known.id, record });
  }

  if (fresh.length > 0) {
    const ids = rowsOf<{ id: string }>(
      await tx.execute(
        writeWithChildren(
          fresh,
          sql`INSERT INTO organisations (siret, name, legal_form, address_line, address_complement, postal_code, commune_code,
            latitude, longitude, territory_id, phone, email, website, modes, publics, is_accepting_clients, import_hash)
          SELECT r.siret, r.name, r.legal_form, r.address_line, r.address_complement, r.postal_code, r.commune_code,
            r.latitude, r.longitude, r.territory_id, r.phone, r.email, r.website, string_to_array(r.modes, ','),
            string_to_array(r.publics, ','), r.is_accepting_clients, r.import_hash
          FROM ${organisationColumns(fresh)}
          RETURNING id, siret`,
        ),
      ),
    );
    outcome.written.push(...ids.map((r) => r.id));
  }

  if (changed.length > 0) {
    const ids = textArray(changed.map((c) => c.id));
    // The old children go first (a statement cannot delete and insert the same keys), then the new content.
    await tx.execute(sql`WITH a AS (DELETE FROM organisation_activities WHERE organisation_id = ANY(${ids}::uuid[])),
        c AS (DELETE FROM organisation_communes WHERE organisation_id = ANY(${ids}::uuid[]))
      DELETE FROM organisation_regimes WHERE organisation_id = ANY(${ids}::uuid[])`);
    const records = changed.map((c) => c.record);
    await tx.execute(
      writeWithChildren(
        records,
        sql`UPDATE organisations o SET name = r.name, legal_form = r.legal_form, address_line = r.address_line,
          address_complement = r.address_complement, postal_code = r.postal_code, commune_code = r.commune_code,
          latitude = r.latitude, longitude = r.longitude, territory_id = r.territory_id, phone = r.phone, email = r.email,
          website = r.website, modes = string_to_array(r.modes, ','), publics = string_to_array(r.publics, ','),
          is_accepting_clients = r.is_accepting_clients, import_hash = r.import_hash, updated_at = now()
        FROM ${organisationColumns(records)}
        WHERE o.siret = r.siret
        RETURNING o.id, o.siret`,
      ),
    );
    outcome.written.push(...changed.map((c) => c.id));
  }
  outcome.inserted = fresh.length;
  outcome.updated = changed.length;
  return outcome;
}

/** Rebuilds the search rows of these organisations (once per batch: the triggers were off while it was written). */
export async function refreshSearchDocuments(tx: Tx, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(sql`SELECT proxidom_refresh_organisation_search(${`{${ids.join(',')}}`}::uuid[])`);
}
