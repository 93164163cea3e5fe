import { and, asc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { ensureFranceCommunes } from '../../db/geo/communes-france';
import {
  communes,
  organisationActivities,
  organisationCommunes,
  organisationRegimes,
  organisations,
} from '../../db/schema';
import type { TenantScope } from '../../db/tenant-scope';

export type OrganisationRow = typeof organisations.$inferSelect;

export interface ProfileRows {
  organisation: OrganisationRow;
  communeName: string | null;
  activities: { activityCode: string; mode: string; hourlyPriceCents: number | null }[];
  communesServed: { code: string; name: string | null }[];
  regimes: {
    kind: string;
    number: string;
    startsOn: string | null;
    endsOn: string | null;
    departement: string | null;
  }[];
}

/** Everything the profile shows, or undefined for an unknown organisation. */
export async function findProfileRows(
  db: Executor,
  organisationId: string,
): Promise<ProfileRows | undefined> {
  const [found] = await db
    .select({ organisation: organisations, communeName: communes.name })
    .from(organisations)
    .leftJoin(communes, eq(communes.code, organisations.communeCode))
    .where(eq(organisations.id, organisationId));
  if (!found) return undefined;
  const [activities, communesServed, regimes] = await Promise.all([
    db
      .select({
        activityCode: organisationActivities.activityCode,
        mode: organisationActivities.mode,
        hourlyPriceCents: organisationActivities.hourlyPriceCents,
      })
      .from(organisationActivities)
      .where(eq(organisationActivities.organisationId, organisationId))
      .orderBy(asc(organisationActivities.activityCode), asc(organisationActivities.mode)),
    db
      .select({ code: organisationCommunes.communeCode, name: communes.name })
      .from(organisationCommunes)
      .leftJoin(communes, eq(communes.code, organisationCommunes.communeCode))
      .where(eq(organisationCommunes.organisationId, organisationId))
      .orderBy(asc(communes.name)),
    db
      .select({
        kind: organisationRegimes.kind,
        number: organisationRegimes.number,
        startsOn: organisationRegimes.startsOn,
        endsOn: organisationRegimes.endsOn,
        departement: organisationRegimes.departement,
      })
      .from(organisationRegimes)
      .where(eq(organisationRegimes.organisationId, organisationId)),
  ]);
  return {
    organisation: found.organisation,
    communeName: found.communeName,
    activities,
    communesServed,
    regimes,
  };
}

/** The communes of the list that exist, with their centre. */
export async function findCommunesByCode(db: Executor, codes: readonly string[]) {
  if (codes.length === 0) return [];
  return db
    .select({
      code: communes.code,
      name: communes.name,
      latitude: communes.latitude,
      longitude: communes.longitude,
    })
    .from(communes)
    .where(inArray(communes.code, [...codes]));
}

export const loadFranceCommunes = (db: Executor) => ensureFranceCommunes(db);

export async function isSiretTakenByAnother(
  db: Executor,
  siret: string,
  organisationId: string,
): Promise<boolean> {
  const [row] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.siret, siret), ne(organisations.id, organisationId)));
  return row !== undefined;
}

export interface ProfileWrite {
  organisation: Partial<typeof organisations.$inferInsert>;
  activities: { activityCode: string; mode: string; hourlyPriceCents: number | null }[];
  communeCodes: string[];
  regimes: {
    kind: string;
    number: string;
    startsOn: string;
    endsOn: string | null;
    departement: string | null;
  }[];
}

/** Replaces the organisation's profile (row, activities, communes served, regimes) inside the caller's transaction. */
export async function replaceProfile(scope: TenantScope, write: ProfileWrite): Promise<void> {
  const db = scope.db;
  await db
    .update(organisations)
    .set({ ...write.organisation, updatedAt: sql`now()` })
    .where(eq(organisations.id, scope.organisationId));
  await db.delete(organisationActivities).where(scope.where(organisationActivities));
  if (write.activities.length > 0)
    await db.insert(organisationActivities).values(write.activities.map((a) => scope.own(a)));
  await db.delete(organisationCommunes).where(scope.where(organisationCommunes));
  if (write.communeCodes.length > 0)
    await db
      .insert(organisationCommunes)
      .values(write.communeCodes.map((communeCode) => scope.own({ communeCode })));
  await db.delete(organisationRegimes).where(scope.where(organisationRegimes));
  if (write.regimes.length > 0)
    await db.insert(organisationRegimes).values(write.regimes.map((r) => scope.own(r)));
}

/** The territory's communes with their outlines, for the directory's map. */
export async function findTerritoryCommunes(db: Executor) {
  return db
    .select({
      code: communes.code,
      name: communes.name,
      latitude: communes.latitude,
      longitude: communes.longitude,
      outline: communes.outline,
    })
    .from(communes)
    .where(sql`${communes.territoryId} IS NOT NULL`)
    .orderBy(asc(communes.name));
}
