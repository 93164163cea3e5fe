import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { visits } from '../../db/schema';
import { createTenantScope } from '../../db/tenant-scope';
import { createTestDatabase } from '../../db/testing/test-database';
import { fixturePassword, insertFixture, type Fixture } from '../../db/testing/fixtures';
import { buildApp, type App } from '../../server/app';
import { loadConfig } from '../../server/config';
import { sessionCookieOf, type Session } from '../../server/testing/test-app';
import { fixedClock } from '../../shared/clock';

// Built by hand (not createTestApp) to reach the database: assignments belong to the schedule feature,
// so the test sets last week's worker directly to check continuity.
let database: Database;
let fixture: Fixture;
let app: App;
let admin: Session;

const login = async (email: string): Promise<Session> => {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: fixturePassword } });
  const cookie = sessionCookieOf(response);
  const csrfToken = response.json<{ csrfToken: string }>().csrfToken;
  return {
    cookie,
    csrfToken,
    request: (method, url, payload) => app.inject({ method, url, payload: payload as Record<string, unknown> | undefined, headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }) } }),
  };
};

beforeAll(async () => {
  database = await createTestDatabase();
  fixture = await insertFixture(database.db);
  app = await buildApp({ database, config: loadConfig({ NODE_ENV: 'test', PROXIDOM_DEMO: '1', PUBLIC_URL: 'http://localhost:3000' }), clock: fixedClock('2026-03-20T09:00:00Z') });
  await app.ready();
  admin = await login('admin-a@test.proxidom');
});
afterAll(async () => {
  await app.close();
  await database.close();
});

const contractBody = (beneficiaryId: string, extra: Record<string, unknown> = {}) => ({
  beneficiaryId,
  activityCode: 'assistance-personnes-agees-handicapees',
  mode: 'prestataire',
  hourlyPriceCents: 2600,
  startsOn: '2026-01-05',
  recurrence: [
    { weekdays: [1, 2, 3, 4, 5], start: '08:00', durationMin: 30, toleranceMin: 15 },
    { weekdays: [2, 5], start: '14:00', durationMin: 120 },
  ],
  requiredSkills: ['aide_toilette'],
  tasks: ['toilette', 'petit-déjeuner'],
  ...extra,
});

/** A fresh beneficiary of organisation A (generation works on the whole organisation, so each test gets its own). */
const newBeneficiary = async (lastName: string) =>
  (await admin.request('POST', '/api/beneficiaries', { firstName: 'Jeanne', lastName, household: { name: `Foyer ${lastName}`, communeCode: '45234' } })).json().id as string;

interface GeneratedVisit {
  id: string;
  contractId: string;
  workerId: string | null;
  startsAt: string;
  windowStartsAt: string;
  status: string;
  cancelledReason: string | null;
  assignment: string;
}
const visitsOf = (generated: { visits: GeneratedVisit[] }, contractId: string): GeneratedVisit[] => generated.visits.filter((v) => v.contractId === contractId);

describe('contracts', () => {
  it('creates a contract with its recurrence (one stored slot per weekday), changes and lists it', async () => {
    const beneficiaryId = await newBeneficiary('Contrat');
    const created = await admin.request('POST', '/api/contracts', contractBody(beneficiaryId));
    expect(created.statusCode).toBe(201);
    const contract = created.json();
    expect(contract.recurrence).toHaveLength(7);
    expect(contract.recurrence[0]).toEqual({ weekday: 1, start: '08:00', durationMin: 30, toleranceMin: 15 });
    expect(contract).toMatchObject({ weeklyMinutes: 5 * 30 + 2 * 120, requiredSkills: ['aide_toilette'], tasks: ['toilette', 'petit-déjeuner'], status: 'active', suspensions: [] });
    const changed = (await admin.request('PUT', `/api/contracts/${contract.id}`, { hourlyPriceCents: 2750, endsOn: '2026-12-31' })).json();
    expect(changed).toMatchObject({ hourlyPriceCents: 2750, endsOn: '2026-12-31', recurrence: contract.recurrence });
    const list = (await admin.request('GET', `/api/contracts?beneficiaryId=${beneficiaryId}`)).json();
    expect(list.map((c: { id: string }) => c.id)).toEqual([contract.id]);
    const file = (await admin.request('GET', `/api/beneficiaries/${beneficiaryId}`)).json();
    expect(file.contracts[0]).toMatchObject({ id: contract.id, hourlyPriceCents: 2750 });
  });

  it('answers 400 naming the fields at fault', async () => {
    const beneficiaryId = await newBeneficiary('Invalide');
    const bad = await admin.request('POST', '/api/contracts', contractBody(beneficiaryId, { activityCode: 'vol-spatial', hourlyPriceCents: -1, recurrence: [{ weekdays: [], start: '8h', durationMin: 30 }], endsOn: '2025-01-01' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['activityCode', 'hourlyPriceCents', 'recurrence.0.start', 'recurrence.0.weekdays']);
    const contract = (await admin.request('POST', '/api/contracts', contractBody(beneficiaryId))).json();
    const badEnd = await admin.request('PUT', `/api/contracts/${contract.id}`, { endsOn: '2025-12-31' });
    expect(badEnd.statusCode).toBe(400);
    expect(badEnd.json().errors[0].field).toBe('endsOn');
    const badSuspension = await admin.request('POST', `/api/contracts/${contract.id}/suspensions`, { startsOn: '2026-04-10', endsOn: '2026-04-01', reason: '' });
    expect(badSuspension.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['endsOn', 'reason']);
  });
});

describe('generating a week from the contracts', () => {
  it('creates the week once (idempotent), with windows, skills and Paris times', async () => {
    const beneficiaryId = await newBeneficiary('Semaine');
    const contract = (await admin.request('POST', '/api/contracts', contractBody(beneficiaryId))).json();
    const first = (await admin.request('POST', '/api/schedule/generate', { weekStart: '2026-06-01' })).json();
    const mine = visitsOf(first, contract.id);
    expect(mine).toHaveLength(7);
    expect(mine[0]).toMatchObject({ startsAt: '2026-06-01T06:00:00.000Z', windowStartsAt: '2026-06-01T05:45:00.000Z', windowEndsAt: '2026-06-01T06:15:00.000Z', durationMin: 30, requiredSkills: ['aide_toilette'], workerId: null, status: 'planned', assignment: 'unassigned' });
    expect(first.created).toBeGreaterThanOrEqual(7);
    const second = (await admin.request('POST', '/api/schedule/generate', { weekStart: '2026-06-01' })).json();
    expect(second).toMatchObject({ created: 0, kept: first.created, cancelledBySuspension: 0 });
    const bad = await admin.request('POST', '/api/schedule/generate', { weekStart: '2026-06-02' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('weekStart');
  });

  it('gets the daylight-saving weeks right (29 March and 25 October 2026)', async () => {
    const beneficiaryId = await newBeneficiary('Heure');
    const contract = (
      await admin.request('POST', '/api/contracts', contractBody(beneficiaryId, { recurrence: [{ weekdays: [6, 7], start: '08:00', durationMin: 30 }, { weekdays: [7], start: '02:30', durationMin: 30 }] }))
    ).json();
    const spring = (await admin.request('POST', '/api/schedule/generate', { weekStart: '2026-03-23' })).json();
    expect(visitsOf(spring, contract.id).map((v) => v.startsAt)).toEqual(['2026-03-28T07:00:00.000Z', '2026-03-29T01:00:00.000Z', '2026-03-29T06:00:00.000Z']);
    expect(spring.warnings.some((w: string) => /03:00/.test(w))).toBe(true);
    const autumn = (await admin.request('POST', '/api/schedule/generate', { weekStart: '2026-10-19' })).json();
    expect(visitsOf(autumn, contract.id).map((v) => v.startsAt)).toEqual(['2026-10-24T06:00:00.000Z', '2026-10-25T00:30:00.000Z', '2026-10-25T07:00:00.000Z']);
  });

  it('cancels the visits of a suspension with its reason, and restores them when it is lifted', async () => {
    const beneficiaryId = await newBeneficiary('Suspendu');
    const contract = (await admin.request('POST', '/api/contracts', contractBody(beneficiaryId))).json();
    const suspension = (await admin.request('POST', `/api/contracts/${contract.id}/suspensions`, { startsOn: '2026-06-09', endsOn: '2026-06-10', reason: 'Hospitalisation' })).json();
    const generated = (await admin.request('POST', '/api/schedule/generate', { weekStart: '2026-06-08' })).json();
    const mine = visitsOf(generated, contract.id);
    expect(mine.filter((v) => v.status === 'cancelled').map((v) => [v.startsAt.slice(0, 10), v.cancelledReason])).toEqual([
      ['2026-06-09', 'Contrat suspendu : Hospitalisation'],
      ['2026-06-09', 'Contrat suspendu : Hospitalisation'],
      ['2026-06-10', 'Contrat suspendu : Hospitalisation'],
    ]);
    expect(generated.cancelledBySuspension).toBe(3);
    // A suspension added after the generation cancels the planned visits it covers.
    await admin.request('POST', `/api/contracts/${contract.id}/suspensions`, { startsOn: '2026-06-12', endsOn: '2026-06-12', reason: 'Rendez-vous médical' });
    expect((await admin.request('POST', '/api/schedule/generate', { weekStart: '2026-06-08' })).json().cancelledBySuspension).toBe(2);
    expect((await admin.request('DELETE', `/api/contracts/${contract.id}/suspensions/${suspension.id}`)).statusCode).toBe(204);
    const again = (await admin.request('POST', '/api/schedule/generate', { weekStart: '2026-06-08' })).json();
    expect(again).toMatchObject({ created: 0, restored: 3 });
    expect((await admin.request('DELETE', `/api/contracts/${contract.id}/suspensions/${suspension.id}`)).statusCode).toBe(404);
  });

  it('keeps visits changed or cancelled by hand when the week is generated again', async () => {
    const beneficiaryId = await newBeneficiary('Modifie');
    const contract = (await admin.request('POST', '/api/contracts', contractBody(beneficiaryId))).json();
    const mine = visitsOf((await admin.request('POST', '/api/schedule/generate', { weekStart: '2026-06-15' })).json(), contract.id);
    const moved = await admin.request('PATCH', `/api/visits/${mine[0]!.id}/one-off`, { startsAt: '2026-06-15T08:30:00+02:00', durationMin: 45 });
    expect(moved.statusCode).toBe(200);
    expect(moved.json()).toMatchObject({ startsAt: '2026-06-15T06:30:00.000Z', durationMin: 45, isOneOff: true, windowStartsAt: '2026-06-15T06:15:00.000Z', windowEndsAt: '2026-06-15T06:45:00.000Z' });
    const cancelled = await admin.request('POST', `/api/visits/${mine[1]!.id}/cancel`, { reason: 'Rendez-vous chez le médecin' });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', cancelledReason: 'Rendez-vous chez le médecin', isOneOff: true });
    // A suspension over the moved visit does not touch it, and says so.
    await admin.request('POST', `/api/contracts/${contract.id}/suspensions`, { startsOn: '2026-06-15', endsOn: '2026-06-15', reason: 'Essai' });
    const again = (await admin.request('POST', '/api/schedule/generate', { weekStart: '2026-06-15' })).json();
    expect(again.created).toBe(0);
    expect(again.conflicts.map((c: { visitId: string }) => c.visitId)).toContain(mine[0]!.id);
    const rows = await database.db.select().from(visits).where(eq(visits.contractId, contract.id));
    expect(rows.find((v) => v.id === mine[0]!.id)).toMatchObject({ status: 'planned', durationMin: 45, isOneOff: true });
    expect(rows.find((v) => v.id === mine[1]!.id)).toMatchObject({ status: 'cancelled', cancelledReason: 'Rendez-vous chez le médecin' });
    const bad = await admin.request('PATCH', `/api/visits/${mine[2]!.id}/one-off`, {});
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('startsAt');
    expect((await admin.request('PATCH', `/api/visits/${mine[1]!.id}/one-off`, { durationMin: 60 })).statusCode).toBe(409);
    expect((await admin.request('POST', `/api/visits/${mine[2]!.id}/cancel`, { reason: '' })).json().errors[0].field).toBe('reason');
  });

  it('moves untouched future visits with their contract, cancels those whose slot left it, and leaves hand changes alone', async () => {
    const beneficiaryId = await newBeneficiary('Change');
    const contract = (await admin.request('POST', '/api/contracts', contractBody(beneficiaryId, { recurrence: [{ weekdays: [1, 3], start: '09:00', durationMin: 60 }] }))).json();
    const before = visitsOf((await admin.request('POST', '/api/schedule/generate', { weekStart: '2026-07-06' })).json(), contract.id);
    await admin.request('PATCH', `/api/visits/${before[1]!.id}/one-off`, { durationMin: 90 });
    await admin.request('PUT', `/api/contracts/${contract.id}`, { recurrence: [{ weekdays: [1], start: '10:00', durationMin: 45, toleranceMin: 10 }] });
    const again = (await admin.request('POST', '/api/schedule/generate', { weekStart: '2026-07-06' })).json();
    expect(again).toMatchObject({ created: 0, updatedByContract: 1, cancelledByContract: 0 });
    const rows = await database.db.select().from(visits).where(eq(visits.contractId, contract.id));
    expect(rows.find((v) => v.id === before[0]!.id)).toMatchObject({ startsAt: new Date('2026-07-06T08:00:00Z'), durationMin: 45, windowStartsAt: new Date('2026-07-06T07:50:00Z'), status: 'planned' });
    expect(rows.find((v) => v.id === before[1]!.id)).toMatchObject({ durationMin: 90, status: 'planned', isOneOff: true });
    await admin.request('PUT', `/api/contracts/${contract.id}`, { status: 'ended' });
    const ended = (await admin.request('POST', '/api/schedule/generate', { weekStart: '2026-07-06' })).json();
    expect(ended.cancelledByContract).toBe(1);
    const after = await database.db.select().from(visits).where(eq(visits.id, before[0]!.id));
    expect(after[0]).toMatchObject({ status: 'cancelled', cancelledReason: 'Ne fait plus partie du contrat' });
  });

  it("adopts the visits made without a key (the demo seed's week) instead of duplicating them", async () => {
    const beneficiaryId = await newBeneficiary('Demo');
    const contract = (await admin.request('POST', '/api/contracts', contractBody(beneficiaryId, { recurrence: [{ weekdays: [4], start: '09:00', durationMin: 60, toleranceMin: 30 }] }))).json();
    const [seeded] = await database.db
      .insert(visits)
      .values({ organisationId: fixture.orgA.id, contractId: contract.id, beneficiaryId, workerId: fixture.orgA.workerIds[0]!, activityCode: contract.activityCode, startsAt: new Date('2026-07-16T07:20:00Z'), durationMin: 60, windowStartsAt: new Date('2026-07-16T06:30:00Z'), windowEndsAt: new Date('2026-07-16T07:30:00Z'), requiredSkills: ['aide_toilette'] })
      .returning();
    const generated = (await admin.request('POST', '/api/schedule/generate', { weekStart: '2026-07-13' })).json();
    expect(visitsOf(generated, contract.id)).toEqual([]);
    expect(generated.adopted).toBe(1);
    const rows = await database.db.select().from(visits).where(eq(visits.contractId, contract.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: seeded!.id, occurrenceKey: `${contract.id}:2026-07-16:0`, startsAt: new Date('2026-07-16T07:20:00Z'), workerId: fixture.orgA.workerIds[0], requiredSkills: ['aide_toilette'] });
    // The week after: last week's (adopted) visit gives its worker.
    const next = visitsOf((await admin.request('POST', '/api/schedule/generate', { weekStart: '2026-07-20' })).json(), contract.id);
    expect(next.map((v) => [v.workerId, v.assignment, v.startsAt])).toEqual([[fixture.orgA.workerIds[0], 'continuity', '2026-07-23T07:20:00.000Z']]);
  });

  it('adopts last week’s keyless visits too, so that continuity and skills carry over from the demo week', async () => {
    const beneficiaryId = await newBeneficiary('DemoAvant');
    const contract = (await admin.request('POST', '/api/contracts', contractBody(beneficiaryId, { requiredSkills: [], recurrence: [{ weekdays: [2], start: '11:00', durationMin: 60, toleranceMin: 0 }] }))).json();
    await database.db.insert(visits).values({ organisationId: fixture.orgA.id, contractId: contract.id, beneficiaryId, workerId: fixture.orgA.workerIds[0]!, activityCode: contract.activityCode, startsAt: new Date('2026-07-28T09:00:00Z'), durationMin: 60, windowStartsAt: new Date('2026-07-28T09:00:00Z'), windowEndsAt: new Date('2026-07-28T09:00:00Z'), requiredSkills: ['aide_toilette'] });
    const next = (await admin.request('POST', '/api/schedule/generate', { weekStart: '2026-08-03' })).json();
    const [visit] = visitsOf(next, contract.id);
    expect(visit).toMatchObject({ workerId: fixture.orgA.workerIds[0], assignment: 'continuity' });
    const [row] = await database.db.select().from(visits).where(eq(visits.id, visit!.id));
    expect(row!.requiredSkills).toEqual(['aide_toilette']);
  });

  it("gives last week's worker again when still available, and says why not otherwise", async () => {
    const beneficiaryId = await newBeneficiary('Continuite');
    const contract = (await admin.request('POST', '/api/contracts', contractBody(beneficiaryId, { recurrence: [{ weekdays: [1, 2], start: '09:00', durationMin: 60 }] }))).json();
    const workerId = fixture.orgA.workerIds[0]!; // holds aide_toilette, no availability recorded (Monday–Friday 07:00–20:00)
    const week1 = visitsOf((await admin.request('POST', '/api/schedule/generate', { weekStart: '2026-06-22' })).json(), contract.id);
    for (const v of week1) await database.db.update(visits).set({ workerId }).where(eq(visits.id, v.id));
    // Absent on the Tuesday of the next week.
    const actor = { userId: (await admin.request('GET', '/api/me')).json().id, role: 'provider_admin' as const, organisationId: fixture.orgA.id, territoryId: null };
    await app.services.care.recordAbsence(createTenantScope(database.db, fixture.orgA.id), actor, workerId, { from: new Date('2026-06-30T00:00:00+02:00'), to: new Date('2026-07-01T00:00:00+02:00'), kind: 'maladie' });
    const week2 = (await admin.request('POST', '/api/schedule/generate', { weekStart: '2026-06-29' })).json();
    const mine = visitsOf(week2, contract.id);
    expect(mine.map((v) => [v.workerId, v.assignment])).toEqual([
      [workerId, 'continuity'],
      [null, 'unassigned'],
    ]);
    expect(week2.assignedByContinuity).toBeGreaterThanOrEqual(1);
    expect(week2.conflicts.find((c: { contractId: string }) => c.contractId === contract.id)).toMatchObject({ workerId, reason: expect.stringMatching(/absent/) });
  });
});

describe('workers', () => {
  it('creates a worker with qualifications, availability and preferences, and shows alerts', async () => {
    const response = await admin.request('POST', '/api/workers', {
      firstName: 'Awa',
      lastName: 'Diallo',
      phone: '06 11 22 33 44',
      communeCode: '45234',
      transportMode: 'bike',
      contractHoursPerWeek: 28,
      maxHoursPerDay: 8,
      skills: ['aide_toilette', 'menage'],
      qualifications: [
        { skillCode: 'deaes', obtainedOn: '2015-06-30' },
        { skillCode: 'sst', obtainedOn: '2024-04-01', expiresOn: '2026-04-30' },
        { skillCode: 'permis_b', obtainedOn: '2010-01-01', expiresOn: '2026-03-01' },
      ],
      availability: [{ weekday: 1, start: '07:30', end: '13:00' }, { weekday: 3, start: '07:30', end: '19:00' }],
      preferences: { preferredCommuneCodes: ['45234'], worksWeekends: true },
    });
    expect(response.statusCode).toBe(201);
    const worker = response.json();
    expect(worker).toMatchObject({ transportMode: 'bike', contractHoursPerWeek: 28, maxHoursPerDay: 8, phone: '0611223344', preferences: { preferredCommuneCodes: ['45234'], worksWeekends: true, acceptsPets: true } });
    expect(worker.homeLatitude).toBeCloseTo(47.9, 1);
    expect(worker.validSkills).toEqual(['aide_toilette', 'deaes', 'menage', 'sst']);
    expect(worker.alerts.map((a: { skillCode: string; status: string }) => [a.skillCode, a.status])).toEqual([['permis_b', 'expired'], ['sst', 'expiring']]);
    expect(worker.availability).toEqual([{ weekday: 1, start: '07:30', end: '13:00' }, { weekday: 3, start: '07:30', end: '19:00' }]);

    const renewed = await admin.request('POST', `/api/workers/${worker.id}/qualifications`, { skillCode: 'permis_b', obtainedOn: '2010-01-01', expiresOn: '2041-03-01' });
    expect(renewed.statusCode).toBe(201);
    const alerts = (await admin.request('GET', '/api/workers/qualification-alerts')).json();
    expect(alerts.filter((a: { workerId: string }) => a.workerId === worker.id).map((a: { skillCode: string; daysLeft: number }) => [a.skillCode, a.daysLeft])).toEqual([['sst', 41]]);

    const changed = (await admin.request('PUT', `/api/workers/${worker.id}`, { transportMode: 'public_transport', availability: [] })).json();
    expect(changed).toMatchObject({ transportMode: 'public_transport', availability: [], firstName: 'Awa' });
    expect(changed.qualifications).toHaveLength(3);
    const listed = (await admin.request('GET', '/api/workers')).json();
    expect(listed.find((w: { id: string }) => w.id === worker.id)).toMatchObject({ qualifications: expect.any(Array), alerts: expect.any(Array) });
  });

  it('answers 400 naming the fields at fault', async () => {
    const bad = await admin.request('POST', '/api/workers', { firstName: 'A', lastName: '', transportMode: 'trottinette', availability: [{ weekday: 9, start: '08:00', end: '07:00' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['availability.0.end', 'availability.0.weekday', 'lastName', 'transportMode']);
    const badQualification = await admin.request('POST', `/api/workers/${fixture.orgA.workerIds[0]}/qualifications`, { skillCode: 'astronaute' });
    expect(badQualification.json().errors[0].field).toBe('skillCode');
  });

  it('lists and deletes absences', async () => {
    const workerId = fixture.orgA.workerIds[0]!;
    const absences = (await admin.request('GET', `/api/workers/${workerId}/absences`)).json();
    expect(absences.map((a: { id: string }) => a.id)).toContain(fixture.orgA.absenceIds[0]);
    expect((await admin.request('DELETE', `/api/workers/${workerId}/absences/${fixture.orgA.absenceIds[0]}`)).statusCode).toBe(204);
    expect((await admin.request('DELETE', `/api/workers/${workerId}/absences/${fixture.orgA.absenceIds[0]}`)).statusCode).toBe(404);
  });
});

describe('what the schedule feature plans with', () => {
  const scopeA = () => createTenantScope(database.db, fixture.orgA.id);

  it('lists workers with the skills valid on the first day, availability and absences of the period', async () => {
    const care = app.services.care;
    const created = (await admin.request('POST', '/api/workers', { firstName: 'Léa', lastName: 'Planning', skills: ['menage'], qualifications: [{ skillCode: 'advf', expiresOn: '2026-05-31' }], availability: [{ weekday: 2, start: '08:00', end: '12:00' }] })).json();
    const actor = { userId: (await admin.request('GET', '/api/me')).json().id, role: 'provider_admin' as const, organisationId: fixture.orgA.id, territoryId: null };
    const absence = await care.recordAbsence(scopeA(), actor, created.id, { from: new Date('2026-05-26T07:00:00Z'), to: new Date('2026-05-27T17:00:00Z'), kind: 'conge', note: 'Pont' });
    const may = await care.listWorkersForPlanning(scopeA(), { from: new Date('2026-05-25T00:00:00+02:00'), to: new Date('2026-06-01T00:00:00+02:00') });
    expect(may.find((w) => w.id === created.id)).toMatchObject({ skills: ['advf', 'menage'], transportMode: 'car', contractHoursPerWeek: 35, maxHoursPerDay: 10, availability: [{ weekday: 2, start: '08:00', end: '12:00' }], absences: [{ id: absence.id, kind: 'conge' }] });
    const june = await care.listWorkersForPlanning(scopeA(), { from: new Date('2026-06-01T00:00:00+02:00'), to: new Date('2026-06-08T00:00:00+02:00') });
    expect(june.find((w) => w.id === created.id)).toMatchObject({ skills: ['menage'], absences: [] });
    expect(june.every((w) => fixture.orgB.workerIds.includes(w.id) === false)).toBe(true);
    await expect(care.recordAbsence(createTenantScope(database.db, fixture.orgB.id), actor, created.id, { from: new Date(), to: new Date(Date.now() + 3_600_000) })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('lists beneficiaries with place, access details and preferences; finds a worker by account', async () => {
    const care = app.services.care;
    const workerId = fixture.orgA.workerIds[0]!;
    const id = (
      await admin.request('POST', '/api/beneficiaries', { firstName: 'Rose', lastName: 'Planifiee', addressLine: '5 rue Jeanne d’Arc', communeCode: '45234', accessDetails: 'Code 1234', household: { name: 'Foyer Rose' }, preferences: { preferredWorkerIds: [], refusedWorkerIds: [workerId] } })
    ).json().id;
    const [b] = await care.listBeneficiariesForPlanning(scopeA(), [id, fixture.orgB.beneficiaryIds[0]!]);
    expect(b).toMatchObject({ id, firstName: 'Rose', addressLine: '5 rue Jeanne d’Arc', communeCode: '45234', accessDetails: 'Code 1234', preferredWorkerIds: [], refusedWorkerIds: [workerId] });
    expect(await care.listBeneficiariesForPlanning(scopeA(), [fixture.orgB.beneficiaryIds[0]!])).toEqual([]);
    expect(await care.findWorkerByUserId(scopeA(), '00000000-0000-4000-8000-000000000000')).toBeUndefined();
  });
});

describe('generation under concurrency', () => {
  it('gives the same visits once when two generations of a week run at the same time', async () => {
    const beneficiaryId = await newBeneficiary('Concurrence');
    const contract = (await admin.request('POST', '/api/contracts', contractBody(beneficiaryId))).json();
    const [a, b] = await Promise.all([admin.request('POST', '/api/schedule/generate', { weekStart: '2026-09-07' }), admin.request('POST', '/api/schedule/generate', { weekStart: '2026-09-07' })]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    expect(visitsOf(a.json(), contract.id).length + visitsOf(b.json(), contract.id).length).toBe(7);
    const rows = await database.db.select().from(visits).where(eq(visits.contractId, contract.id));
    expect(rows).toHaveLength(7);
  });
});
