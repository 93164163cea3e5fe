/**
 * Integration-test data for the schedule: the shared fixture (organisations A and B) plus, for A, three
 * workers with homes (the first one linked to the intervenant-a account), four beneficiaries in Orléans
 * and a few visits from Monday 2 to Wednesday 4 March 2026. Plain inserts of core columns.
 */
import type { Fixture } from '../../db/testing/fixtures';
import type { Db } from '../../db/client';
import { beneficiaries, contracts, visits, workers } from '../../db/schema';

export interface ScheduleFixture {
  workerIds: [string, string, string];
  beneficiaryIds: string[];
  visitIds: string[];
  /** The visit that requires aide_toilette (W3 lacks it). */
  skilledVisitId: string;
  otherOrgVisitId: string;
}

const at = (day: string, hhmm: string): Date => new Date(`${day}T${hhmm}:00+01:00`);

export async function insertScheduleFixture(db: Db, fixture: Fixture): Promise<ScheduleFixture> {
  const orgA = fixture.orgA.id;
  const workerUser = await db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, fixture.orgA.accounts.worker) });
  const staff = await db
    .insert(workers)
    .values([
      { organisationId: orgA, userId: workerUser!.id, firstName: 'Awa', lastName: 'Diallo', email: 'awa@test.proxidom', homeLatitude: 47.9029, homeLongitude: 1.9093, skills: ['aide_toilette'], transportMode: 'car' },
      { organisationId: orgA, firstName: 'Bruno', lastName: 'Martin', email: 'bruno@test.proxidom', homeLatitude: 47.91, homeLongitude: 1.92, skills: ['aide_toilette'], transportMode: 'car' },
      { organisationId: orgA, firstName: 'Chloé', lastName: 'Petit', homeLatitude: 47.895, homeLongitude: 1.9, skills: [], transportMode: 'bike' },
    ])
    .returning({ id: workers.id });
  const household = await db.query.beneficiaries.findFirst({ where: (b, { eq }) => eq(b.id, fixture.orgA.beneficiaryIds[0]!) });
  const places = [
    [47.9029, 1.9093],
    [47.908, 1.915],
    [47.899, 1.925],
    [47.912, 1.905],
  ] as const;
  const people = await db
    .insert(beneficiaries)
    .values(places.map(([latitude, longitude], i) => ({ organisationId: orgA, householdId: household!.householdId, firstName: 'Marcel', lastName: `Usager ${i + 1}`, latitude, longitude, communeCode: '45234', addressLine: `${i + 1} rue de Bourgogne`, accessDetails: `Code porte ${1000 + i}` })))
    .returning({ id: beneficiaries.id });
  const [w1, w2, w3] = staff.map((s) => s.id) as [string, string, string];
  const [contract] = await db
    .insert(contracts)
    .values({ organisationId: orgA, householdId: household!.householdId, beneficiaryId: people[0]!.id, activityCode: 'assistance_personnes_agees', mode: 'prestataire', hourlyPriceCents: 2600, startsOn: '2026-01-01', tasks: ['Aide au lever', 'Toilette'] })
    .returning({ id: contracts.id });
  const rows: Array<typeof visits.$inferInsert> = [];
  const add = (day: string, hhmm: string, b: number, workerId: string | null, over: Partial<typeof visits.$inferInsert> = {}) => {
    const startsAt = at(day, hhmm);
    rows.push({ organisationId: orgA, beneficiaryId: people[b]!.id, workerId, activityCode: 'assistance_personnes_agees', startsAt, durationMin: 60, windowStartsAt: new Date(startsAt.getTime() - 30 * 60_000), windowEndsAt: new Date(startsAt.getTime() + 60 * 60_000), ...over });
  };
  for (const day of ['2026-03-02', '2026-03-03', '2026-03-04']) {
    add(day, '08:00', 0, w1, { requiredSkills: ['aide_toilette'], contractId: contract!.id });
    add(day, '10:00', 1, w1);
    add(day, '08:30', 2, w2, { requiredSkills: ['aide_toilette'] });
    add(day, '11:00', 3, w2);
    add(day, '14:00', 1, null);
    add(day, '15:00', 2, w3);
  }
  const inserted = await db.insert(visits).values(rows).returning({ id: visits.id });
  const [otherBeneficiary] = fixture.orgB.beneficiaryIds;
  const [other] = await db
    .insert(visits)
    .values({ organisationId: fixture.orgB.id, beneficiaryId: otherBeneficiary!, workerId: fixture.orgB.workerIds[0]!, activityCode: 'assistance_personnes_agees', startsAt: at('2026-03-03', '09:00'), durationMin: 60, windowStartsAt: at('2026-03-03', '08:30'), windowEndsAt: at('2026-03-03', '09:30') })
    .returning({ id: visits.id });
  return { workerIds: [w1, w2, w3], beneficiaryIds: people.map((p) => p.id), visitIds: inserted.map((v) => v.id), skilledVisitId: inserted[0]!.id, otherOrgVisitId: other!.id };
}
