import { asc, eq, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { communes, organisations, territories } from '../../db/schema';

export type OrganisationRow = typeof organisations.$inferSelect;

export async function insertOrganisation(
  db: Executor,
  organisation: typeof organisations.$inferInsert,
): Promise<OrganisationRow> {
  const [row] = await db.insert(organisations).values(organisation).returning();
  return row!;
}

export async function findOrganisationById(db: Executor, id: string): Promise<OrganisationRow | undefined> {
  const [row] = await db.select().from(organisations).where(eq(organisations.id, id));
  return row;
}

export async function findOrganisationBySiret(
  db: Executor,
  siret: string,
): Promise<OrganisationRow | undefined> {
  const [row] = await db.select().from(organisations).where(eq(organisations.siret, siret));
  return row;
}

export async function findOrganisationsOfTerritory(
  db: Executor,
  territoryId: string,
  page: { limit: number; offset: number },
) {
  const where = eq(organisations.territoryId, territoryId);
  const [items, [count]] = await Promise.all([
    db
      .select({
        id: organisations.id,
        name: organisations.name,
        siret: organisations.siret,
        legalForm: organisations.legalForm,
        communeCode: organisations.communeCode,
        createdAt: organisations.createdAt,
      })
      .from(organisations)
      .where(where)
      .orderBy(asc(organisations.name))
      .limit(page.limit)
      .offset(page.offset),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(organisations)
      .where(where),
  ]);
  return { items, total: count?.total ?? 0 };
}

export async function findCommunes(db: Executor, territoryId: string | null) {
  const query = db
    .select({
      code: communes.code,
      name: communes.name,
      postalCodes: communes.postalCodes,
      population: communes.population,
      latitude: communes.latitude,
      longitude: communes.longitude,
    })
    .from(communes);
  return (territoryId ? query.where(eq(communes.territoryId, territoryId)) : query).orderBy(
    asc(communes.name),
  );
}

export async function findCommune(db: Executor, code: string) {
  const [row] = await db.select().from(communes).where(eq(communes.code, code));
  return row;
}

export async function findFirstTerritory(db: Executor) {
  const [row] = await db.select().from(territories).orderBy(asc(territories.createdAt)).limit(1);
  return row;
}
