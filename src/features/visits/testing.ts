/** Test data for télégestion: linked worker accounts, a day of visits, an APA plan and a household account. */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/client';
import { beneficiaries, carePlans, households, users, visits, workers } from '../../db/schema';
import type { Fixture } from '../../db/testing/fixtures';

/** Monday 2 March 2026 in Paris (UTC+1). */
export const DAY = '2026-03-02';
export const at = (hhmm: string, day = DAY): Date => new Date(`${day}T${hhmm}:00+01:00`);
export const iso = (hhmm: string, day = DAY): string => `${day}T${hhmm}:00+01:00`;

export interface TelegestionFixture {
  /** Worker A's visits of the day: 09:00 (60 min, beneficiary A0), 11:00 (90 min, A1), 14:00 (60 min, A0), 16:00 (60 min, A1). */
  visitIds: [string, string, string, string];
  /** A visit of organisation B's worker (another tenant). */
  otherVisitId: string;
  workerAId: string;
  workerBId: string;
}

export async function insertTelegestionFixture(db: Db, fixture: Fixture): Promise<TelegestionFixture> {
  const link = async (email: string, workerId: string) => {
    const [user] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
    await db.update(workers).set({ userId: user!.id, transportMode: 'car' }).where(eq(workers.id, workerId));
  };
  const workerAId = fixture.orgA.workerIds[0]!;
  const workerBId = fixture.orgB.workerIds[0]!;
  await link(fixture.orgA.accounts.worker, workerAId);
  await link(fixture.orgB.accounts.worker, workerBId);

  // Two homes about 4.5 km apart (Orléans centre, Olivet), with a door code.
  const [a0, a1] = fixture.orgA.beneficiaryIds as [string, string];
  await db.update(beneficiaries).set({ latitude: 47.9029, longitude: 1.9093, communeCode: '45234', addressLine: '1 place du Martroi', accessDetails: 'Code 1234B', birthDate: '1938-04-12' }).where(eq(beneficiaries.id, a0));
  await db.update(beneficiaries).set({ latitude: 47.8633, longitude: 1.9006, communeCode: '45232', addressLine: '3 rue de la Source', accessDetails: null }).where(eq(beneficiaries.id, a1));
  await db.insert(carePlans).values({ organisationId: fixture.orgA.id, beneficiaryId: a0, funder: 'apa', hoursPerMonth: 20, reference: 'APA-45-2026-001', startsOn: '2026-01-01' });

  // The household account holds organisation A's household.
  const [household] = await db.select({ householdId: beneficiaries.householdId }).from(beneficiaries).where(eq(beneficiaries.id, a0));
  const [householdUser] = await db.select({ id: users.id }).from(users).where(eq(users.email, fixture.accounts.household));
  await db.update(households).set({ userId: householdUser!.id }).where(inArray(households.id, [household!.householdId]));

  const visit = (organisationId: string, beneficiaryId: string, workerId: string, hhmm: string, durationMin: number) => {
    const startsAt = at(hhmm);
    return { organisationId, beneficiaryId, workerId, activityCode: 'assistance_personnes_agees', startsAt, durationMin, windowStartsAt: new Date(startsAt.getTime() - 15 * 60_000), windowEndsAt: new Date(startsAt.getTime() + 15 * 60_000) };
  };
  const rows = await db
    .insert(visits)
    .values([
      visit(fixture.orgA.id, a0, workerAId, '09:00', 60),
      visit(fixture.orgA.id, a1, workerAId, '11:00', 90),
      visit(fixture.orgA.id, a0, workerAId, '14:00', 60),
      visit(fixture.orgA.id, a1, workerAId, '16:00', 60),
      visit(fixture.orgB.id, fixture.orgB.beneficiaryIds[0]!, workerBId, '09:00', 60),
    ])
    .returning({ id: visits.id });
  return { visitIds: [rows[0]!.id, rows[1]!.id, rows[2]!.id, rows[3]!.id], otherVisitId: rows[4]!.id, workerAId, workerBId };
}
