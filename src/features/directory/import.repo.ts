import { desc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor, Tx } from '../../db/client';
import { ensureFranceCommunes } from '../../db/geo/communes-france';
import {
  communes,
  organisationActivities,
  organisationCommunes,
  organisationImports,
  organisationRegimes,
  organisations,
} from '../../db/schema';
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
}

const columnsOf = (r: ImportRecord) => ({
  name: r.name,
  siret: r.siret,
  legalForm: r.legalForm,
  addressLine: r.addressLine,
  addressComplement: r.addressComplement,
  postalCode: r.postalCode,
  communeCode: r.communeCode,
  latitude: r.latitude,
  longitude: r.longitude,
  territoryId: r.territoryId,
  phone: r.phone,
  email: r.email,
  website: r.website,
  modes: r.modes,
  publics: r.publics,
  isAcceptingClients: r.isAcceptingClients,
  importHash: r.hash,
});

/**
 * Upserts one batch by SIRET inside the caller's transaction: new SIRETs are inserted, changed ones (other
 * content hash) replaced, identical ones untouched. Organisations created on the platform (no import hash)
 * keep their own profile. The search documents are refreshed once per organisation at the end.
 */
export async function upsertBatch(tx: Tx, records: readonly ImportRecord[]): Promise<BatchOutcome> {
  await tx.execute(sql`SELECT set_config('proxidom.search_refresh', 'off', true)`);
  const existing = await tx
    .select({ id: organisations.id, siret: organisations.siret, importHash: organisations.importHash })
    .from(organisations)
    .where(
      inArray(
        organisations.siret,
        records.map((r) => r.siret),
      ),
    );
  const bySiret = new Map(existing.map((e) => [e.siret, e]));
  const fresh: ImportRecord[] = [];
  const changed: { id: string; record: ImportRecord }[] = [];
  const outcome: BatchOutcome = { inserted: 0, updated: 0, unchanged: 0, managedHere: [] };
  for (const record of records) {
    const found = bySiret.get(record.siret);
    if (!found) fresh.push(record);
    else if (found.importHash === null) {
      outcome.unchanged++;
      outcome.managedHere.push(record.siret);
    } else if (found.importHash === record.hash) outcome.unchanged++;
    else changed.push({ id: found.id, record });
  }

  const written: { id: string; record: ImportRecord }[] = [];
  if (fresh.length > 0) {
    const ids = await tx
      .insert(organisations)
      .values(fresh.map(columnsOf))
      .returning({ id: organisations.id, siret: organisations.siret });
    const idOf = new Map(ids.map((r) => [r.siret, r.id]));
    for (const record of fresh) written.push({ id: idOf.get(record.siret)!, record });
  }
  for (const { id, record } of changed) {
    await tx
      .update(organisations)
      .set({ ...columnsOf(record), updatedAt: sql`now()` })
      .where(eq(organisations.id, id));
    written.push({ id, record });
  }
  if (changed.length > 0) {
    const ids = changed.map((c) => c.id);
    await tx.delete(organisationActivities).where(inArray(organisationActivities.organisationId, ids));
    await tx.delete(organisationCommunes).where(inArray(organisationCommunes.organisationId, ids));
    await tx.delete(organisationRegimes).where(inArray(organisationRegimes.organisationId, ids));
  }
  if (written.length > 0) {
    const activities = written.flatMap(({ id, record }) =>
      record.activities.flatMap((activityCode) =>
        record.modes.map((mode) => ({ organisationId: id, activityCode, mode })),
      ),
    );
    for (let i = 0; i < activities.length; i += 5_000)
      await tx.insert(organisationActivities).values(activities.slice(i, i + 5_000));
    await tx
      .insert(organisationCommunes)
      .values(written.map(({ id, record }) => ({ organisationId: id, communeCode: record.communeCode })));
    const regimes = written.flatMap(({ id, record }) =>
      record.regimes.map((r) => ({
        organisationId: id,
        kind: r.kind,
        number: r.number,
        startsOn: r.startsOn,
        endsOn: r.endsOn,
      })),
    );
    if (regimes.length > 0) await tx.insert(organisationRegimes).values(regimes);
    await tx.execute(
      sql`SELECT proxidom_refresh_organisation_search(${`{${written.map((w) => w.id).join(',')}}`}::uuid[])`,
    );
  }
  await tx.execute(sql`SELECT set_config('proxidom.search_refresh', 'on', true)`);
  outcome.inserted = fresh.length;
  outcome.updated = changed.length;
  return outcome;
}
