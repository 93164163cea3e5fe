/** The sectors' SQL (secteurs d'intervention of an organisation), and the counts the admin page shows. */
import { asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { TenantScope } from '../../db/tenant-scope';
import { beneficiaries, communes, sectors, workers } from '../../db/schema';

export type SectorRow = typeof sectors.$inferSelect;

export async function findSectors(scope: TenantScope): Promise<SectorRow[]> {
  return scope.db.select().from(sectors).where(scope.where(sectors)).orderBy(asc(sectors.name));
}

export async function findSector(scope: TenantScope, id: string): Promise<SectorRow | undefined> {
  const [row] = await scope.db.select().from(sectors).where(scope.where(sectors, eq(sectors.id, id)));
  return row;
}

/**
 * Serialises the changes of an organisation's sectors until the end of the transaction, so that two admins
 * cannot put the same commune in two sectors at once (a transaction-level advisory lock keyed by the organisation).
 */
export async function lockSectors(scope: TenantScope): Promise<void> {
  await scope.db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`sectors:${scope.organisationId}`}, 0))`);
}

export async function insertSector(scope: TenantScope, row: { name: string; communeCodes: string[]; coordinatorUserIds: string[] }): Promise<SectorRow> {
  const [created] = await scope.db.insert(sectors).values(scope.own(row)).returning();
  return created!;
}

export async function updateSector(scope: TenantScope, id: string, changes: Partial<{ name: string; communeCodes: string[]; coordinatorUserIds: string[]; updatedAt: Date }>): Promise<void> {
  await scope.db.update(sectors).set(changes).where(scope.where(sectors, eq(sectors.id, id)));
}

/** Deletes a sector; files that named it fall back to their commune's sector, workers lose their home sector (FK set null). */
export async function deleteSector(scope: TenantScope, id: string): Promise<boolean> {
  const deleted = await scope.db.delete(sectors).where(scope.where(sectors, eq(sectors.id, id))).returning({ id: sectors.id });
  return deleted.length > 0;
}

/** The communes among `codes` that the platform knows (territory reference data), with their names. */
export async function findKnownCommunes(scope: TenantScope, codes: string[]): Promise<{ code: string; name: string }[]> {
  if (codes.length === 0) return [];
  return scope.db.select({ code: communes.code, name: communes.name }).from(communes).where(inArray(communes.code, codes));
}

/** Beneficiaries (files not erased) by sector chosen by hand and commune: enough to count each sector's people. */
export async function countBeneficiariesBySectorAndCommune(scope: TenantScope): Promise<{ sectorId: string | null; communeCode: string | null; count: number }[]> {
  return scope.db
    .select({ sectorId: beneficiaries.sectorId, communeCode: beneficiaries.communeCode, count: sql<number>`count(*)::int` })
    .from(beneficiaries)
    .where(scope.where(beneficiaries, isNull(beneficiaries.erasedAt)))
    .groupBy(beneficiaries.sectorId, beneficiaries.communeCode);
}

export async function countWorkersBySector(scope: TenantScope): Promise<{ sectorId: string | null; count: number }[]> {
  return scope.db
    .select({ sectorId: workers.sectorId, count: sql<number>`count(*)::int` })
    .from(workers)
    .where(scope.where(workers))
    .groupBy(workers.sectorId);
}
