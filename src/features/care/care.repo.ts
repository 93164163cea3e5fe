import { and, asc, desc, eq, gt, inArray, isNotNull, isNull, lt, or, sql, type AnyColumn, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { TenantScope } from '../../db/tenant-scope';
import {
  beneficiaries,
  beneficiaryContacts,
  beneficiaryDocuments,
  beneficiaryWorkerPreferences,
  carePlans,
  communes,
  contractSuspensions,
  contracts,
  households,
  visits,
  workerAbsences,
  workerAvailability,
  workerQualifications,
  workers,
} from '../../db/schema';

export type BeneficiaryRow = typeof beneficiaries.$inferSelect;
export type HouseholdRow = typeof households.$inferSelect;
export type ContractRow = typeof contracts.$inferSelect;
export type WorkerRow = typeof workers.$inferSelect;
export type SuspensionRow = typeof contractSuspensions.$inferSelect;

/** Accent- and case-insensitive "contains" (proxidom_fold is unaccent + lower, migration 0003). */
const folds = (column: SQL, q: string): SQL => sql`proxidom_fold(${column}) like '%' || proxidom_fold(${q}) || '%'`;

// ---------------------------------------------------------------- communes (territory reference data)

export async function findCommune(db: Executor, code: string) {
  const [row] = await db.select({ code: communes.code, name: communes.name, latitude: communes.latitude, longitude: communes.longitude }).from(communes).where(eq(communes.code, code));
  return row;
}

export async function findCommunesByCodes(db: Executor, codes: string[]) {
  if (codes.length === 0) return [];
  return db.select({ code: communes.code, name: communes.name }).from(communes).where(inArray(communes.code, codes));
}

// ---------------------------------------------------------------- households

/**
 * Households are not tenant rows: the organisation sees those it created and those of its beneficiaries
 * and contracts (DESIGN.md: visible to the providers it contracted with). The tenant part of the
 * condition still goes through the scope.
 */
function householdVisibleTo(scope: TenantScope): SQL {
  return or(
    eq(households.createdByOrganisationId, scope.organisationId),
    inArray(households.id, scope.db.select({ id: beneficiaries.householdId }).from(beneficiaries).where(scope.where(beneficiaries))),
    inArray(households.id, scope.db.select({ id: contracts.householdId }).from(contracts).where(scope.where(contracts))),
  ) as SQL;
}

export async function findHouseholds(scope: TenantScope, filter: { q?: string; limit: number }) {
  return scope.db
    .select()
    .from(households)
    .where(and(householdVisibleTo(scope), filter.q ? folds(sql`${households.name}`, filter.q) : undefined))
    .orderBy(asc(households.name))
    .limit(filter.limit);
}

export async function findHousehold(scope: TenantScope, id: string): Promise<HouseholdRow | undefined> {
  const [row] = await scope.db.select().from(households).where(and(eq(households.id, id), householdVisibleTo(scope)));
  return row;
}

export async function insertHousehold(scope: TenantScope, row: Omit<typeof households.$inferInsert, 'createdByOrganisationId'>): Promise<HouseholdRow> {
  const [created] = await scope.db.insert(households).values({ ...row, createdByOrganisationId: scope.organisationId }).returning();
  return created!;
}

// ---------------------------------------------------------------- beneficiaries

export async function findBeneficiaries(
  scope: TenantScope,
  filter: { q?: string; communeCode?: string; sector?: { id: string; communeCodes: string[] }; gir?: number; limit: number; offset: number },
) {
  const where = scope.where(
    beneficiaries,
    filter.q ? folds(sql`${beneficiaries.lastName} || ' ' || ${beneficiaries.firstName} || ' ' || ${beneficiaries.lastName}`, filter.q) : undefined,
    filter.communeCode ? eq(beneficiaries.communeCode, filter.communeCode) : undefined,
    // The sector chosen on the file, else the one covering the person's commune.
    filter.sector
      ? or(
          eq(beneficiaries.sectorId, filter.sector.id),
          filter.sector.communeCodes.length > 0 ? and(isNull(beneficiaries.sectorId), inArray(beneficiaries.communeCode, filter.sector.communeCodes)) : undefined,
        )
      : undefined,
    filter.gir ? eq(beneficiaries.gir, filter.gir) : undefined,
  );
  const [items, [count]] = await Promise.all([
    scope.db
      .select({
        id: beneficiaries.id,
        householdId: beneficiaries.householdId,
        firstName: beneficiaries.firstName,
        lastName: beneficiaries.lastName,
        communeCode: beneficiaries.communeCode,
        communeName: communes.name,
        sectorId: beneficiaries.sectorId,
        gir: beneficiaries.gir,
        isErased: sql<boolean>`${beneficiaries.erasedAt} is not null`,
      })
      .from(beneficiaries)
      .leftJoin(communes, eq(communes.code, beneficiaries.communeCode))
      .where(where)
      .orderBy(asc(beneficiaries.lastName), asc(beneficiaries.firstName))
      .limit(filter.limit)
      .offset(filter.offset),
    scope.db.select({ total: sql<number>`count(*)::int` }).from(beneficiaries).where(where),
  ]);
  return { items, total: count?.total ?? 0 };
}

export async function findBeneficiary(scope: TenantScope, id: string): Promise<BeneficiaryRow | undefined> {
  const [row] = await scope.db.select().from(beneficiaries).where(scope.where(beneficiaries, eq(beneficiaries.id, id)));
  return row;
}

export async function findBeneficiariesByIds(scope: TenantScope, ids: string[]): Promise<BeneficiaryRow[]> {
  if (ids.length === 0) return [];
  return scope.db.select().from(beneficiaries).where(scope.where(beneficiaries, inArray(beneficiaries.id, ids)));
}

export async function insertBeneficiary(scope: TenantScope, row: Omit<typeof beneficiaries.$inferInsert, 'organisationId'>): Promise<BeneficiaryRow> {
  const [created] = await scope.db.insert(beneficiaries).values(scope.own(row)).returning();
  return created!;
}

export async function updateBeneficiary(scope: TenantScope, id: string, changes: Partial<Omit<typeof beneficiaries.$inferInsert, 'organisationId' | 'id'>>) {
  await scope.db.update(beneficiaries).set(changes).where(scope.where(beneficiaries, eq(beneficiaries.id, id)));
}

export async function findContacts(scope: TenantScope, beneficiaryId: string) {
  return scope.db.select().from(beneficiaryContacts).where(scope.where(beneficiaryContacts, eq(beneficiaryContacts.beneficiaryId, beneficiaryId))).orderBy(asc(beneficiaryContacts.createdAt), asc(beneficiaryContacts.name));
}

export async function replaceContacts(scope: TenantScope, beneficiaryId: string, rows: Omit<typeof beneficiaryContacts.$inferInsert, 'organisationId' | 'beneficiaryId'>[]) {
  await scope.db.delete(beneficiaryContacts).where(scope.where(beneficiaryContacts, eq(beneficiaryContacts.beneficiaryId, beneficiaryId)));
  if (rows.length > 0) await scope.db.insert(beneficiaryContacts).values(rows.map((r) => scope.own({ ...r, beneficiaryId })));
}

export async function findCarePlans(scope: TenantScope, beneficiaryId: string) {
  return scope.db.select().from(carePlans).where(scope.where(carePlans, eq(carePlans.beneficiaryId, beneficiaryId))).orderBy(desc(carePlans.startsOn));
}

export async function replaceCarePlans(scope: TenantScope, beneficiaryId: string, rows: Omit<typeof carePlans.$inferInsert, 'organisationId' | 'beneficiaryId'>[]) {
  await scope.db.delete(carePlans).where(scope.where(carePlans, eq(carePlans.beneficiaryId, beneficiaryId)));
  if (rows.length > 0) await scope.db.insert(carePlans).values(rows.map((r) => scope.own({ ...r, beneficiaryId })));
}

export async function findPreferences(scope: TenantScope, beneficiaryIds: string[]) {
  if (beneficiaryIds.length === 0) return [];
  return scope.db
    .select({ beneficiaryId: beneficiaryWorkerPreferences.beneficiaryId, workerId: beneficiaryWorkerPreferences.workerId, kind: beneficiaryWorkerPreferences.kind })
    .from(beneficiaryWorkerPreferences)
    .where(scope.where(beneficiaryWorkerPreferences, inArray(beneficiaryWorkerPreferences.beneficiaryId, beneficiaryIds)));
}

export async function replacePreferences(scope: TenantScope, beneficiaryId: string, rows: { workerId: string; kind: 'preferred' | 'refused' }[]) {
  await scope.db.delete(beneficiaryWorkerPreferences).where(scope.where(beneficiaryWorkerPreferences, eq(beneficiaryWorkerPreferences.beneficiaryId, beneficiaryId)));
  if (rows.length > 0) await scope.db.insert(beneficiaryWorkerPreferences).values(rows.map((r) => scope.own({ ...r, beneficiaryId })));
}

export async function findDocumentList(scope: TenantScope, beneficiaryId: string) {
  return scope.db
    .select({ id: beneficiaryDocuments.id, name: beneficiaryDocuments.name, contentType: beneficiaryDocuments.contentType, sizeBytes: beneficiaryDocuments.sizeBytes, createdAt: beneficiaryDocuments.createdAt })
    .from(beneficiaryDocuments)
    .where(scope.where(beneficiaryDocuments, eq(beneficiaryDocuments.beneficiaryId, beneficiaryId)))
    .orderBy(asc(beneficiaryDocuments.createdAt));
}

export async function findDocuments(scope: TenantScope, beneficiaryId: string) {
  return scope.db.select().from(beneficiaryDocuments).where(scope.where(beneficiaryDocuments, eq(beneficiaryDocuments.beneficiaryId, beneficiaryId))).orderBy(asc(beneficiaryDocuments.createdAt));
}

export async function findDocument(scope: TenantScope, beneficiaryId: string, id: string) {
  const [row] = await scope.db.select().from(beneficiaryDocuments).where(scope.where(beneficiaryDocuments, eq(beneficiaryDocuments.beneficiaryId, beneficiaryId), eq(beneficiaryDocuments.id, id)));
  return row;
}

export async function insertDocument(scope: TenantScope, row: Omit<typeof beneficiaryDocuments.$inferInsert, 'organisationId'>) {
  const [created] = await scope.db.insert(beneficiaryDocuments).values(scope.own(row)).returning({ id: beneficiaryDocuments.id, name: beneficiaryDocuments.name, contentType: beneficiaryDocuments.contentType, sizeBytes: beneficiaryDocuments.sizeBytes, createdAt: beneficiaryDocuments.createdAt });
  return created!;
}

export async function deleteDocuments(scope: TenantScope, beneficiaryId: string) {
  await scope.db.delete(beneficiaryDocuments).where(scope.where(beneficiaryDocuments, eq(beneficiaryDocuments.beneficiaryId, beneficiaryId)));
}

// ---------------------------------------------------------------- contracts

export async function findContracts(scope: TenantScope, filter: { beneficiaryId?: string; activeBetween?: { from: string; to: string } }) {
  return scope.db
    .select()
    .from(contracts)
    .where(
      scope.where(
        contracts,
        filter.beneficiaryId ? eq(contracts.beneficiaryId, filter.beneficiaryId) : undefined,
        filter.activeBetween
          ? and(eq(contracts.status, 'active'), sql`${contracts.startsOn} <= ${filter.activeBetween.to}`, sql`(${contracts.endsOn} is null or ${contracts.endsOn} >= ${filter.activeBetween.from})`)
          : undefined,
      ),
    )
    .orderBy(asc(contracts.startsOn), asc(contracts.createdAt));
}

export async function findContract(scope: TenantScope, id: string): Promise<ContractRow | undefined> {
  const [row] = await scope.db.select().from(contracts).where(scope.where(contracts, eq(contracts.id, id)));
  return row;
}

export async function insertContract(scope: TenantScope, row: Omit<typeof contracts.$inferInsert, 'organisationId'>): Promise<ContractRow> {
  const [created] = await scope.db.insert(contracts).values(scope.own(row)).returning();
  return created!;
}

export async function updateContract(scope: TenantScope, id: string, changes: Partial<Omit<typeof contracts.$inferInsert, 'organisationId' | 'id'>>) {
  await scope.db.update(contracts).set(changes).where(scope.where(contracts, eq(contracts.id, id)));
}

export async function endContractsOfBeneficiary(scope: TenantScope, beneficiaryId: string) {
  await scope.db.update(contracts).set({ status: 'ended' }).where(scope.where(contracts, eq(contracts.beneficiaryId, beneficiaryId)));
}

export async function findSuspensions(scope: TenantScope, contractIds: string[]): Promise<SuspensionRow[]> {
  if (contractIds.length === 0) return [];
  return scope.db.select().from(contractSuspensions).where(scope.where(contractSuspensions, inArray(contractSuspensions.contractId, contractIds))).orderBy(asc(contractSuspensions.startsOn));
}

export async function insertSuspension(scope: TenantScope, row: Omit<typeof contractSuspensions.$inferInsert, 'organisationId'>): Promise<SuspensionRow> {
  const [created] = await scope.db.insert(contractSuspensions).values(scope.own(row)).returning();
  return created!;
}

export async function deleteSuspension(scope: TenantScope, contractId: string, id: string): Promise<boolean> {
  const deleted = await scope.db.delete(contractSuspensions).where(scope.where(contractSuspensions, eq(contractSuspensions.contractId, contractId), eq(contractSuspensions.id, id))).returning({ id: contractSuspensions.id });
  return deleted.length > 0;
}

// ---------------------------------------------------------------- workers

export async function findWorkers(scope: TenantScope, filter: { ids?: string[] } = {}): Promise<WorkerRow[]> {
  return scope.db
    .select()
    .from(workers)
    .where(scope.where(workers, filter.ids ? inArray(workers.id, filter.ids) : undefined))
    .orderBy(asc(workers.lastName), asc(workers.firstName));
}

export async function findWorker(scope: TenantScope, id: string): Promise<WorkerRow | undefined> {
  const [row] = await scope.db.select().from(workers).where(scope.where(workers, eq(workers.id, id)));
  return row;
}

export async function findWorkerByUserId(scope: TenantScope, userId: string) {
  const [row] = await scope.db.select({ id: workers.id, firstName: workers.firstName, lastName: workers.lastName }).from(workers).where(scope.where(workers, eq(workers.userId, userId)));
  return row;
}

export async function insertWorker(scope: TenantScope, row: Omit<typeof workers.$inferInsert, 'organisationId'>): Promise<WorkerRow> {
  const [created] = await scope.db.insert(workers).values(scope.own(row)).returning();
  return created!;
}

export async function updateWorker(scope: TenantScope, id: string, changes: Partial<Omit<typeof workers.$inferInsert, 'organisationId' | 'id'>>) {
  await scope.db.update(workers).set(changes).where(scope.where(workers, eq(workers.id, id)));
}

export async function findQualifications(scope: TenantScope, workerIds?: string[]) {
  if (workerIds && workerIds.length === 0) return [];
  return scope.db
    .select()
    .from(workerQualifications)
    .where(scope.where(workerQualifications, workerIds ? inArray(workerQualifications.workerId, workerIds) : undefined))
    .orderBy(asc(workerQualifications.skillCode));
}

export async function upsertQualification(scope: TenantScope, workerId: string, row: { skillCode: string; obtainedOn: string | null; expiresOn: string | null; reference: string | null }) {
  const [saved] = await scope.db
    .insert(workerQualifications)
    .values(scope.own({ ...row, workerId }))
    .onConflictDoUpdate({ target: [workerQualifications.workerId, workerQualifications.skillCode], set: { obtainedOn: row.obtainedOn, expiresOn: row.expiresOn, reference: row.reference } })
    .returning();
  return saved!;
}

export async function replaceQualifications(scope: TenantScope, workerId: string, rows: { skillCode: string; obtainedOn: string | null; expiresOn: string | null; reference: string | null }[]) {
  await scope.db.delete(workerQualifications).where(scope.where(workerQualifications, eq(workerQualifications.workerId, workerId)));
  if (rows.length > 0) await scope.db.insert(workerQualifications).values(rows.map((r) => scope.own({ ...r, workerId })));
}

export async function findAvailability(scope: TenantScope, workerIds?: string[]) {
  if (workerIds && workerIds.length === 0) return [];
  return scope.db
    .select()
    .from(workerAvailability)
    .where(scope.where(workerAvailability, workerIds ? inArray(workerAvailability.workerId, workerIds) : undefined))
    .orderBy(asc(workerAvailability.weekday), asc(workerAvailability.startTime));
}

export async function replaceAvailability(scope: TenantScope, workerId: string, rows: { weekday: number; startTime: string; endTime: string }[]) {
  await scope.db.delete(workerAvailability).where(scope.where(workerAvailability, eq(workerAvailability.workerId, workerId)));
  if (rows.length > 0) await scope.db.insert(workerAvailability).values(rows.map((r) => scope.own({ ...r, workerId })));
}

/** Absences overlapping [from, to) (all of the worker's when no range). */
export async function findAbsences(scope: TenantScope, filter: { workerIds?: string[]; from?: Date; to?: Date }) {
  if (filter.workerIds && filter.workerIds.length === 0) return [];
  return scope.db
    .select()
    .from(workerAbsences)
    .where(
      scope.where(
        workerAbsences,
        filter.workerIds ? inArray(workerAbsences.workerId, filter.workerIds) : undefined,
        filter.to ? lt(workerAbsences.startsAt, filter.to) : undefined,
        filter.from ? gt(workerAbsences.endsAt, filter.from) : undefined,
      ),
    )
    .orderBy(asc(workerAbsences.startsAt));
}

export async function insertAbsence(scope: TenantScope, row: Omit<typeof workerAbsences.$inferInsert, 'organisationId'>) {
  const [created] = await scope.db.insert(workerAbsences).values(scope.own(row)).returning();
  return created!;
}

export async function deleteAbsence(scope: TenantScope, workerId: string, id: string): Promise<boolean> {
  const deleted = await scope.db.delete(workerAbsences).where(scope.where(workerAbsences, eq(workerAbsences.workerId, workerId), eq(workerAbsences.id, id))).returning({ id: workerAbsences.id });
  return deleted.length > 0;
}

/**
 * Where to write to the households of these beneficiaries (files not erased): the household's e-mail, and the
 * e-mails of the people's contacts (emergency contacts first) for households without one.
 */
export async function findHouseholdEmailsOfBeneficiaries(scope: TenantScope, beneficiaryIds: string[]) {
  if (beneficiaryIds.length === 0) return { households: [], contacts: [] };
  const [people, contacts] = await Promise.all([
    scope.db
      .select({ beneficiaryId: beneficiaries.id, householdId: households.id, householdName: households.name, email: households.email })
      .from(beneficiaries)
      .innerJoin(households, eq(households.id, beneficiaries.householdId))
      .where(scope.where(beneficiaries, inArray(beneficiaries.id, beneficiaryIds), isNull(beneficiaries.erasedAt))),
    scope.db
      .select({ beneficiaryId: beneficiaryContacts.beneficiaryId, email: beneficiaryContacts.email, isEmergencyContact: beneficiaryContacts.isEmergencyContact })
      .from(beneficiaryContacts)
      .where(scope.where(beneficiaryContacts, inArray(beneficiaryContacts.beneficiaryId, beneficiaryIds), isNotNull(beneficiaryContacts.email)))
      .orderBy(desc(beneficiaryContacts.isEmergencyContact), asc(beneficiaryContacts.createdAt)),
  ]);
  return { households: people, contacts };
}

// ---------------------------------------------------------------- visits of a person (export, erasure)

export async function findVisitsOfBeneficiary(scope: TenantScope, beneficiaryId: string) {
  return scope.db.select().from(visits).where(scope.where(visits, eq(visits.beneficiaryId, beneficiaryId))).orderBy(asc(visits.startsAt));
}

// ---------------------------------------------------------------- for the requests feature

/** The household a user account is (households are not tenant rows: found by their user). */
export async function findHouseholdByUserId(db: Executor, userId: string): Promise<HouseholdRow | undefined> {
  const [row] = await db.select().from(households).where(eq(households.userId, userId)).orderBy(asc(households.createdAt)).limit(1);
  return row;
}

/** A household that signed up itself (no creating organisation). */
export async function insertOwnHousehold(db: Executor, row: Omit<typeof households.$inferInsert, 'createdByOrganisationId'>): Promise<HouseholdRow> {
  const [created] = await db.insert(households).values({ ...row, createdByOrganisationId: null }).returning();
  return created!;
}

/** The organisation's file of a person of a household, by first name (accents and case ignored), not erased. */
export async function findBeneficiaryOfHousehold(scope: TenantScope, householdId: string, firstName: string): Promise<BeneficiaryRow | undefined> {
  const [row] = await scope.db
    .select()
    .from(beneficiaries)
    .where(scope.where(beneficiaries, eq(beneficiaries.householdId, householdId), sql`${beneficiaries.erasedAt} is null`, sql`proxidom_fold(${beneficiaries.firstName}) = proxidom_fold(${firstName})`))
    .limit(1);
  return row;
}

// ---------------------------------------------------------------- for the billing, urssaf and visits features

/** APA/PCH plans of these beneficiaries in force during [firstDay, lastDay] (dates `YYYY-MM-DD`). */
export async function findFundingPlansInForce(scope: TenantScope, beneficiaryIds: string[], firstDay: string, lastDay: string) {
  if (beneficiaryIds.length === 0) return [];
  const rows = await scope.db
    .select({ beneficiaryId: carePlans.beneficiaryId, funder: carePlans.funder, hoursPerMonth: carePlans.hoursPerMonth, funderShareBp: carePlans.funderShareBp, hourlyAmountCents: carePlans.hourlyAmountCents })
    .from(carePlans)
    .where(
      scope.where(
        carePlans,
        inArray(carePlans.funder, ['apa', 'pch']),
        sql`${carePlans.startsOn} <= ${lastDay}`,
        or(isNull(carePlans.endsOn), sql`${carePlans.endsOn} >= ${firstDay}`),
        // Past a few thousand ids, the organisation's plans of the month are fewer to read than parameters to bind.
        beneficiaryIds.length > 2000 ? undefined : inArray(carePlans.beneficiaryId, beneficiaryIds),
      ),
    );
  const wanted = new Set(beneficiaryIds);
  return rows.filter((r) => wanted.has(r.beneficiaryId));
}

/** Identity and address of households, with their commune's name (households are not tenant rows). */
export async function findHouseholdIdentities(db: Executor, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: households.id,
      name: households.name,
      addressLine: households.addressLine,
      postalCode: households.postalCode,
      communeCode: households.communeCode,
      communeName: communes.name,
      email: households.email,
      phone: households.phone,
      userId: households.userId,
    })
    .from(households)
    .leftJoin(communes, eq(communes.code, households.communeCode))
    .where(inArray(households.id, ids));
}

/** Every household whose account is this user. */
export async function findHouseholdIdsByUserId(db: Executor, userId: string): Promise<string[]> {
  const rows = await db.select({ id: households.id }).from(households).where(eq(households.userId, userId));
  return rows.map((r) => r.id);
}

/** Whether the organisation keeps the file of someone of this household (erased files included). */
export async function hasBeneficiaryInHousehold(scope: TenantScope, householdId: string): Promise<boolean> {
  const [row] = await scope.db.select({ id: beneficiaries.id }).from(beneficiaries).where(scope.where(beneficiaries, eq(beneficiaries.householdId, householdId))).limit(1);
  return row !== undefined;
}

/** Names and household of the organisation's beneficiaries, by ids or of one household. */
export async function findBeneficiaryNames(scope: TenantScope, filter: { ids?: string[]; householdId?: string }) {
  if (filter.ids && filter.ids.length === 0) return [];
  return scope.db
    .select({ id: beneficiaries.id, householdId: beneficiaries.householdId, firstName: beneficiaries.firstName, lastName: beneficiaries.lastName })
    .from(beneficiaries)
    .where(scope.where(beneficiaries, filter.ids ? idIn(beneficiaries.id, filter.ids) : undefined, filter.householdId ? eq(beneficiaries.householdId, filter.householdId) : undefined));
}

/** The homes of these beneficiaries and the worker's transport mode (null when not the organisation's), in one query. */
export async function findTravelFacts(scope: TenantScope, workerId: string, beneficiaryIds: string[]) {
  if (beneficiaryIds.length === 0) return [];
  return scope.db
    .select({
      beneficiaryId: beneficiaries.id,
      latitude: beneficiaries.latitude,
      longitude: beneficiaries.longitude,
      transportMode: sql<string | null>`(select ${workers.transportMode} from ${workers} where ${workers.id} = ${workerId} and ${workers.organisationId} = ${scope.organisationId})`,
    })
    .from(beneficiaries)
    .where(scope.where(beneficiaries, idIn(beneficiaries.id, beneficiaryIds)));
}

/** Names of the organisation's workers with these ids. */
export async function findWorkerNames(scope: TenantScope, ids: string[]) {
  if (ids.length === 0) return [];
  return scope.db.select({ id: workers.id, firstName: workers.firstName, lastName: workers.lastName }).from(workers).where(scope.where(workers, idIn(workers.id, ids)));
}

/** Mode, hourly price and tasks of the organisation's contracts with these ids. */
export async function findContractTerms(scope: TenantScope, ids: string[]) {
  if (ids.length === 0) return [];
  return scope.db.select({ id: contracts.id, mode: contracts.mode, hourlyPriceCents: contracts.hourlyPriceCents, tasks: contracts.tasks }).from(contracts).where(scope.where(contracts, idIn(contracts.id, ids)));
}

/** The beneficiaries of the households a user holds, whichever organisation keeps their file, by name. */
export async function findBeneficiariesOfHouseholdUser(db: Executor, userId: string): Promise<{ beneficiaryId: string; organisationId: string }[]> {
  return db
    .select({ beneficiaryId: beneficiaries.id, organisationId: beneficiaries.organisationId })
    .from(beneficiaries)
    .innerJoin(households, eq(households.id, beneficiaries.householdId))
    .where(eq(households.userId, userId))
    .orderBy(asc(beneficiaries.lastName), asc(beneficiaries.firstName));
}

/** `column` is one of `ids`, with the ids bound as one array parameter (a month's visits name thousands of them). */
function idIn(column: AnyColumn, ids: readonly string[]): SQL {
  return sql`${column} = any(${`{${ids.join(',')}}`}::uuid[])`;
}
