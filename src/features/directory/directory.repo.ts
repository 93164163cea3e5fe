import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import {
  communes,
  organisationActivities,
  organisationCommunes,
  organisationRegimes,
  organisations,
  territories,
} from '../../db/schema';

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

/**
 * Organisations offering at least one of the activities (any mode), with what routing a household's request
 * needs: their activities, served communes, regimes, site and contact (requests feature).
 */
export async function findOrganisationsOffering(db: Executor, activityCodes: string[]) {
  if (activityCodes.length === 0) return [];
  const ids = db
    .selectDistinct({ id: organisationActivities.organisationId })
    .from(organisationActivities)
    .where(inArray(organisationActivities.activityCode, activityCodes));
  const rows = await db
    .select({
      id: organisations.id,
      name: organisations.name,
      email: organisations.email,
      phone: organisations.phone,
      addressLine: organisations.addressLine,
      postalCode: organisations.postalCode,
      communeCode: organisations.communeCode,
      communeName: communes.name,
      latitude: organisations.latitude,
      longitude: organisations.longitude,
      siret: organisations.siret,
      isAcceptingClients: organisations.isAcceptingClients,
      qualityLabels: organisations.qualityLabels,
    })
    .from(organisations)
    .leftJoin(communes, eq(communes.code, organisations.communeCode))
    .where(inArray(organisations.id, ids));
  if (rows.length === 0) return [];
  const orgIds = rows.map((r) => r.id);
  const [activities, served, regimes] = await Promise.all([
    db.select().from(organisationActivities).where(inArray(organisationActivities.organisationId, orgIds)),
    db.select().from(organisationCommunes).where(inArray(organisationCommunes.organisationId, orgIds)),
    db.select().from(organisationRegimes).where(inArray(organisationRegimes.organisationId, orgIds)),
  ]);
  return rows.map((r) => ({
    ...r,
    activities: activities
      .filter((a) => a.organisationId === r.id)
      .map((a) => ({ activityCode: a.activityCode, mode: a.mode, hourlyPriceCents: a.hourlyPriceCents })),
    communeCodes: served.filter((c) => c.organisationId === r.id).map((c) => c.communeCode),
    regimes: regimes
      .filter((g) => g.organisationId === r.id)
      .map((g) => ({ kind: g.kind, number: g.number, startsOn: g.startsOn, endsOn: g.endsOn })),
  }));
}

/** The organisation as printed on its documents (commune's name included), with its déclaration, agrément and autorisation. */
export async function findOrganisationIdentity(db: Executor, id: string) {
  const [org] = await db
    .select({
      name: organisations.name,
      siret: organisations.siret,
      legalForm: organisations.legalForm,
      addressLine: organisations.addressLine,
      addressComplement: organisations.addressComplement,
      postalCode: organisations.postalCode,
      communeName: communes.name,
      phone: organisations.phone,
      email: organisations.email,
    })
    .from(organisations)
    .leftJoin(communes, eq(communes.code, organisations.communeCode))
    .where(eq(organisations.id, id));
  const regimes = await db
    .select({
      kind: organisationRegimes.kind,
      number: organisationRegimes.number,
      startsOn: organisationRegimes.startsOn,
    })
    .from(organisationRegimes)
    .where(eq(organisationRegimes.organisationId, id));
  return org ? { ...org, regimes } : undefined;
}

/** Name and SIRET of organisations by id. */
export async function findOrganisationSummaries(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: organisations.id, name: organisations.name, siret: organisations.siret })
    .from(organisations)
    .where(inArray(organisations.id, ids));
}

/** The organisation's published hourly prices of its activities in one mode (activity code → cents, null when not published). */
export async function findActivityPrices(db: Executor, organisationId: string, mode: string) {
  return db
    .select({
      activityCode: organisationActivities.activityCode,
      hourlyPriceCents: organisationActivities.hourlyPriceCents,
    })
    .from(organisationActivities)
    .where(
      and(eq(organisationActivities.organisationId, organisationId), eq(organisationActivities.mode, mode)),
    );
}
