import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client';
import { eq, inArray } from 'drizzle-orm';
import { visits, workers } from '../../db/schema';
import { createTestDatabase } from '../../db/testing/test-database';
import { fixturePassword, insertFixture, type Fixture } from '../../db/testing/fixtures';
import { buildApp, type App } from '../../server/app';
import { loadConfig } from '../../server/config';
import { sessionCookieOf, type Session } from '../../server/testing/test-app';
import { fixedClock } from '../../shared/clock';
import { insertScheduleFixture, type ScheduleFixture } from './schedule-fixture';

// Wednesday 4 March 2026, 10:00 in Paris: the week runs from Monday 2 March.
const clock = fixedClock('2026-03-04T10:00:00+01:00');
const WEEK = '2026-03-02';

let app: App;
let fixture: Fixture;
let data: ScheduleFixture;
let closeDb: () => Promise<void>;
let db: Db;
const sessions = new Map<string, Session>();

async function login(email: string): Promise<Session> {
  const known = sessions.get(email);
  if (known) return known;
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: fixturePassword } });
  if (response.statusCode !== 200) throw new Error(`login ${email}: ${response.statusCode}`);
  const cookie = sessionCookieOf(response);
  const csrfToken = response.json<{ csrfToken: string }>().csrfToken;
  const session: Session = {
    cookie,
    csrfToken,
    request: (method, url, payload) => app.inject({ method, url, payload: payload as Record<string, unknown> | undefined, headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }) } }),
  };
  sessions.set(email, session);
  return session;
}

const coordinator = () => login('coordination-a@test.proxidom');

async function waitForRun(session: Session, id: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 150; i++) {
    const run = (await session.request('GET', `/api/schedule/optimisations/${id}`)).json();
    if (run.status !== 'running') return run;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('run did not finish');
}

beforeAll(async () => {
  const database = await createTestDatabase();
  fixture = await insertFixture(database.db);
  data = await insertScheduleFixture(database.db, fixture);
  app = await buildApp({ database, config: loadConfig({ NODE_ENV: 'test', PROXIDOM_DEMO: '1', PUBLIC_URL: 'http://localhost:3000' }), clock });
  await app.ready();
  closeDb = () => database.close();
  db = database.db;
});
afterAll(async () => {
  await app.close();
  await closeDb();
});

describe('tenancy of the schedule routes', () => {
  const routes = () => [
    { method: 'POST' as const, url: '/api/schedule/optimisations', payload: { from: WEEK, to: WEEK } },
    { method: 'GET' as const, url: '/api/schedule/optimisations' },
    { method: 'GET' as const, url: `/api/schedule/optimisations/${data.visitIds[0]}` },
    { method: 'POST' as const, url: `/api/schedule/optimisations/${data.visitIds[0]}/cancel` },
    { method: 'POST' as const, url: `/api/schedule/optimisations/${data.visitIds[0]}/apply` },
    { method: 'POST' as const, url: `/api/schedule/changes/${data.visitIds[0]}/undo` },
    { method: 'GET' as const, url: `/api/schedule/week?start=${WEEK}` },
    { method: 'POST' as const, url: '/api/schedule/check', payload: { visitId: data.visitIds[0], workerId: null } },
    { method: 'PATCH' as const, url: `/api/visits/${data.visitIds[0]}/assignment`, payload: { workerId: null } },
    { method: 'POST' as const, url: `/api/workers/${data.workerIds[0]}/absences`, payload: { from: '2026-03-05T00:00:00+01:00', to: '2026-03-06T00:00:00+01:00' } },
  ];

  it('answers 401 to an anonymous visitor on every route', async () => {
    for (const r of [...routes(), { method: 'GET' as const, url: '/api/me/schedule', payload: undefined }]) {
      const response = await app.inject({ method: r.method, url: r.url, payload: r.payload });
      expect(response.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('answers 403 to a household, a worker and the territory on the coordinators’ routes, and to a coordinator on the worker’s view', async () => {
    for (const email of ['foyer@test.proxidom', 'intervenant-a@test.proxidom', 'territoire@test.proxidom']) {
      const session = await login(email);
      for (const r of routes()) expect((await session.request(r.method, r.url, r.payload)).statusCode, `${email} ${r.method} ${r.url}`).toBe(403);
    }
    expect((await (await coordinator()).request('GET', '/api/me/schedule')).statusCode).toBe(403);
  });

  it('answers 404 to another organisation on its visits, workers, runs and batches, and shows none of A’s data', async () => {
    const a = await coordinator();
    const run = (await a.request('POST', '/api/schedule/optimisations', { from: WEEK, to: WEEK, timeLimitSeconds: 0.5 })).json();
    await waitForRun(a, run.id);
    const patch = (await a.request('PATCH', `/api/visits/${data.visitIds[1]}/assignment`, { workerId: data.workerIds[1] })).json();
    const b = await login('coordination-b@test.proxidom');
    const checks = [
      await b.request('GET', `/api/schedule/optimisations/${run.id}`),
      await b.request('POST', `/api/schedule/optimisations/${run.id}/apply`),
      await b.request('POST', `/api/schedule/optimisations/${run.id}/cancel`),
      await b.request('POST', `/api/schedule/changes/${patch.batchId}/undo`),
      await b.request('POST', '/api/schedule/check', { visitId: data.visitIds[0], workerId: null }),
      await b.request('PATCH', `/api/visits/${data.visitIds[0]}/assignment`, { workerId: null }),
      await b.request('PATCH', `/api/visits/${data.otherOrgVisitId}/assignment`, { workerId: data.workerIds[0] }),
      await b.request('POST', `/api/workers/${data.workerIds[0]}/absences`, { from: '2026-03-05T00:00:00+01:00', to: '2026-03-06T00:00:00+01:00' }),
    ];
    for (const response of checks) expect(response.statusCode, response.body).toBe(404);
    expect((await b.request('GET', '/api/schedule/optimisations')).json().items).toEqual([]);
    expect((await a.request('GET', '/api/schedule/optimisations')).json().items.map((r: { id: string }) => r.id)).toContain(run.id);
    const week = (await b.request('GET', `/api/schedule/week?start=${WEEK}`)).json();
    expect(week.visits.map((v: { id: string }) => v.id)).toEqual([data.otherOrgVisitId]);
    expect(week.workers.map((w: { id: string }) => w.id)).toEqual(fixture.orgB.workerIds);
    expect((await a.request('POST', `/api/schedule/changes/${patch.batchId}/undo`)).statusCode).toBe(200);
  });

  it('answers 400 naming the fields on bad dates, ids and periods', async () => {
    const a = await coordinator();
    const bad = await a.request('POST', '/api/schedule/optimisations', { from: '02/03/2026', to: WEEK });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toEqual(['from']);
    const reversed = await a.request('POST', '/api/schedule/optimisations', { from: WEEK, to: '2026-03-01' });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors[0].field).toBe('to');
    expect((await a.request('GET', '/api/schedule/optimisations/pas-un-uuid')).json().errors[0].field).toBe('id');
    const absence = await a.request('POST', `/api/workers/${data.workerIds[0]}/absences`, { from: '2026-03-05 08:00', to: '2026-03-05T09:00:00+01:00' });
    expect(absence.statusCode).toBe(400);
    expect(absence.json().errors[0].field).toBe('from');
    expect((await a.request('GET', '/api/schedule/week?start=lundi')).json().errors[0].field).toBe('start');
  });
});

describe('optimisation runs', () => {
  it('runs in the background, proposes a plan with its figures, applies it all and undoes it', async () => {
    const a = await coordinator();
    const before = (await a.request('GET', `/api/schedule/week?start=${WEEK}`)).json();
    const started = await a.request('POST', '/api/schedule/optimisations', { from: WEEK, to: '2026-03-04', timeLimitSeconds: 1 });
    expect(started.statusCode).toBe(202);
    const run = await waitForRun(a, started.json().id);
    expect(run.status).toBe('done');
    expect(run.progress).toBe(1);
    const current = run.current as Record<string, unknown>;
    const proposal = run.proposal as Record<string, unknown> & { assignments: Array<{ visitId: string; workerId: string | null; startsAt: string }>; unassigned: unknown[] };
    for (const figures of [current, proposal]) {
      expect(Object.keys(figures)).toEqual(expect.arrayContaining(['travelMinutes', 'travelKm', 'unassignedVisits', 'continuityRate', 'hoursByWorker']));
    }
    expect(current.unassignedVisits).toBe(3);
    expect(proposal.unassignedVisits).toBeLessThan(3);
    expect(proposal.assignments).toHaveLength(18);
    // The skilled visits never go to the worker without the skill.
    const skilled = before.visits.filter((v: { requiredSkills: string[] }) => v.requiredSkills.length > 0).map((v: { id: string }) => v.id);
    expect(proposal.assignments.filter((x) => skilled.includes(x.visitId) && x.workerId === data.workerIds[2])).toEqual([]);

    const applied = await a.request('POST', `/api/schedule/optimisations/${started.json().id}/apply`);
    expect(applied.statusCode, applied.body).toBe(200);
    expect(applied.json().changedVisits).toBeGreaterThan(0);
    expect((await a.request('POST', `/api/schedule/optimisations/${started.json().id}/apply`)).statusCode).toBe(409);
    const after = (await a.request('GET', `/api/schedule/week?start=${WEEK}`)).json();
    expect(after.kpis.unassignedVisits).toBe(proposal.unassignedVisits);

    const undone = await a.request('POST', `/api/schedule/changes/${applied.json().batchId}/undo`);
    expect(undone.statusCode).toBe(200);
    const restored = (await a.request('GET', `/api/schedule/week?start=${WEEK}`)).json();
    expect(restored.visits.map((v: { id: string; workerId: string; startsAt: string }) => [v.id, v.workerId, v.startsAt])).toEqual(before.visits.map((v: { id: string; workerId: string; startsAt: string }) => [v.id, v.workerId, v.startsAt]));
    expect((await a.request('POST', `/api/schedule/changes/${applied.json().batchId}/undo`)).statusCode).toBe(409);
  });

  it('refuses to apply a proposal when a visit changed since the run started', async () => {
    const a = await coordinator();
    const started = (await a.request('POST', '/api/schedule/optimisations', { from: WEEK, to: WEEK, timeLimitSeconds: 0.5 })).json();
    const moved = (await a.request('PATCH', `/api/visits/${data.visitIds[4]}/assignment`, { workerId: data.workerIds[1] })).json();
    await waitForRun(a, started.id);
    const response = await a.request('POST', `/api/schedule/optimisations/${started.id}/apply`);
    expect(response.statusCode).toBe(409);
    expect(response.json().detail).toMatch(/changé/);
    expect((await a.request('POST', `/api/schedule/changes/${moved.batchId}/undo`)).statusCode).toBe(200);
  });

  it('can be cancelled and still gives its best proposal', async () => {
    const a = await coordinator();
    const started = (await a.request('POST', '/api/schedule/optimisations', { from: WEEK, to: '2026-03-04', timeLimitSeconds: 20 })).json();
    await new Promise((r) => setTimeout(r, 1500));
    expect((await a.request('POST', `/api/schedule/optimisations/${started.id}/cancel`)).statusCode).toBe(200);
    const run = await waitForRun(a, started.id);
    expect(run.status).toBe('done');
    expect((run.proposal as { assignments: unknown[] }).assignments).toHaveLength(18);
  });
});

describe('optimisation and weekly contract hours', () => {
  it('counts the week’s other visits in a worker’s contract hours, and says why a visit stays out', async () => {
    const a = await coordinator();
    const [w1] = data.workerIds;
    const at = (day: string, hhmm: string): Date => new Date(`${day}T${hhmm}:00+02:00`);
    const visit = (day: string, hhmm: string, workerId: string | null) => ({
      organisationId: fixture.orgA.id,
      beneficiaryId: data.beneficiaryIds[1]!,
      workerId,
      activityCode: 'assistance_personnes_agees',
      startsAt: at(day, hhmm),
      durationMin: 60,
      windowStartsAt: at(day, hhmm),
      windowEndsAt: at(day, hhmm),
    });
    // Week of Monday 13 April 2026: Awa (3 h a week) already has 3 h on Monday–Wednesday; the others get no hours.
    const inserted = await db
      .insert(visits)
      .values([visit('2026-04-13', '09:00', w1), visit('2026-04-14', '09:00', w1), visit('2026-04-15', '09:00', w1), visit('2026-04-16', '10:00', null)])
      .returning({ id: visits.id });
    const staff = await db.select({ id: workers.id, hours: workers.contractHoursPerWeek }).from(workers).where(eq(workers.organisationId, fixture.orgA.id));
    await db.update(workers).set({ contractHoursPerWeek: 0 }).where(eq(workers.organisationId, fixture.orgA.id));
    await db.update(workers).set({ contractHoursPerWeek: 3 }).where(eq(workers.id, w1));
    try {
      const started = await a.request('POST', '/api/schedule/optimisations', { from: '2026-04-16', to: '2026-04-16', timeLimitSeconds: 0.5 });
      const run = await waitForRun(a, started.json().id);
      const proposal = run.proposal as { assignments: Array<{ visitId: string; workerId: string | null }>; unassigned: Array<{ visitId: string; reason: string }> };
      expect(proposal.assignments).toEqual([expect.objectContaining({ visitId: inserted[3]!.id, workerId: null })]);
      expect(proposal.unassigned).toEqual([{ visitId: inserted[3]!.id, reason: expect.stringMatching(/^Heures de contrat épuisées/) }]);
      // With an hour more on her contract, Awa takes it.
      await db.update(workers).set({ contractHoursPerWeek: 4 }).where(eq(workers.id, w1));
      const again = await waitForRun(a, (await a.request('POST', '/api/schedule/optimisations', { from: '2026-04-16', to: '2026-04-16', timeLimitSeconds: 0.5 })).json().id);
      expect((again.proposal as typeof proposal).assignments).toEqual([expect.objectContaining({ visitId: inserted[3]!.id, workerId: w1 })]);
      // The day's figures judge her hours on the week: Monday–Wednesday count, against the weekly contract.
      const hoursOf = (figures: unknown) => (figures as { hoursByWorker: Array<{ workerId: string }> }).hoursByWorker.find((h) => h.workerId === w1);
      expect(hoursOf(again.current)).toEqual({ workerId: w1, plannedHours: 3, contractHours: 4 });
      expect(hoursOf(again.proposal)).toEqual({ workerId: w1, plannedHours: 4, contractHours: 4 });
    } finally {
      for (const w of staff) await db.update(workers).set({ contractHoursPerWeek: w.hours }).where(eq(workers.id, w.id));
      await db.delete(visits).where(inArray(visits.id, inserted.map((v) => v.id)));
    }
  });
});

describe('board, check and assignment', () => {
  it('shows the week with travel, and a drag onto a worker without the skill is flagged, applied on demand and undone', async () => {
    const a = await coordinator();
    const week = (await a.request('GET', `/api/schedule/week?start=${WEEK}`)).json();
    expect(week.from).toBe(WEEK);
    expect(week.to).toBe('2026-03-08');
    expect(week.workers.find((w: { id: string }) => w.id === data.workerIds[0])).toMatchObject({ name: 'Awa Diallo', contractHoursPerWeek: 35, homeLatitude: 47.9029 });
    expect(week.visits).toHaveLength(18);
    expect(week.visits[0]).toMatchObject({ beneficiaryName: expect.stringContaining('Marcel'), communeCode: '45234', status: 'planned', isLocked: false });
    expect(week.travel.some((l: { fromVisitId: string | null }) => l.fromVisitId === null)).toBe(true);

    const check = await a.request('POST', '/api/schedule/check', { visitId: data.skilledVisitId, workerId: data.workerIds[2] });
    expect(check.statusCode).toBe(200);
    expect(check.json().conflicts.map((c: { code: string }) => c.code)).toContain('skill_missing');
    expect(check.json().conflicts[0].message).toMatch(/qualification/);

    const patched = await a.request('PATCH', `/api/visits/${data.skilledVisitId}/assignment`, { workerId: data.workerIds[2], isLocked: true });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().visit).toMatchObject({ id: data.skilledVisitId, workerId: data.workerIds[2], isLocked: true });
    expect(patched.json().conflicts.map((c: { code: string }) => c.code)).toContain('skill_missing');
    const board = (await a.request('GET', `/api/schedule/week?start=${WEEK}&workerId=${data.workerIds[2]}`)).json();
    expect(board.conflicts.some((c: { visitId: string; code: string }) => c.visitId === data.skilledVisitId && c.code === 'skill_missing')).toBe(true);
    expect(board.visits.every((v: { workerId: string }) => v.workerId === data.workerIds[2])).toBe(true);

    expect((await a.request('POST', `/api/schedule/changes/${patched.json().batchId}/undo`)).statusCode).toBe(200);
    const back = (await a.request('GET', `/api/schedule/week?start=${WEEK}`)).json();
    expect(back.visits.find((v: { id: string }) => v.id === data.skilledVisitId)).toMatchObject({ workerId: data.workerIds[0], isLocked: false });
    expect((await a.request('GET', `/api/schedule/week?start=${WEEK}&communeCode=45000`)).json().visits).toEqual([]);
    expect(week.workers[0].availability).toHaveLength(5);
  });

  it('refuses to undo a change when the visit changed again since, and a move of a cancelled visit', async () => {
    const a = await coordinator();
    const visitId = data.visitIds[5]!;
    const first = (await a.request('PATCH', `/api/visits/${visitId}/assignment`, { workerId: data.workerIds[0] })).json();
    const second = (await a.request('PATCH', `/api/visits/${visitId}/assignment`, { workerId: data.workerIds[1], startsAt: '2026-03-02T15:15:00+01:00' })).json();
    expect(second.visit.startsAt).toBe('2026-03-02T14:15:00.000Z');
    const refused = await a.request('POST', `/api/schedule/changes/${first.batchId}/undo`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().detail).toMatch(/modifiée depuis/);
    expect((await a.request('POST', `/api/schedule/changes/${second.batchId}/undo`)).statusCode).toBe(200);
    expect((await a.request('POST', `/api/schedule/changes/${first.batchId}/undo`)).statusCode).toBe(200);
    expect((await a.request('PATCH', `/api/visits/${visitId}/assignment`, { workerId: null, startsAt: 'demain' })).json().errors[0].field).toBe('startsAt');
  });
});

describe('repair after an absence', () => {
  it('gives the absent worker’s visits to others, moves nobody else, and says who changed', async () => {
    const a = await coordinator();
    const before = (await a.request('GET', `/api/schedule/week?start=${WEEK}`)).json();
    const absent = data.workerIds[1];
    const response = await a.request('POST', `/api/workers/${absent}/absences`, { from: '2026-03-03T00:00:00+01:00', to: '2026-03-04T00:00:00+01:00', kind: 'maladie' });
    expect(response.statusCode, response.body).toBe(201);
    const result = response.json();
    expect(result.absenceId).toMatch(/^[0-9a-f-]{36}$/);
    const orphans = before.visits.filter((v: { workerId: string; startsAt: string }) => v.workerId === absent && v.startsAt.startsWith('2026-03-03'));
    expect(orphans).toHaveLength(2);
    expect([...result.reassignedVisits.map((r: { visitId: string }) => r.visitId), ...result.unassignedVisits.map((u: { visitId: string }) => u.visitId)].sort()).toEqual(orphans.map((v: { id: string }) => v.id).sort());
    expect(result.reassignedVisits.length).toBeGreaterThan(0);
    for (const r of result.reassignedVisits) {
      expect(r.fromWorkerId).toBe(absent);
      expect(r.toWorkerId).not.toBe(absent);
    }
    expect(result.changedWorkers[0]).toBe(absent);
    const after = (await a.request('GET', `/api/schedule/week?start=${WEEK}`)).json();
    const orphanIds = new Set(orphans.map((v: { id: string }) => v.id));
    const unchanged = (w: { visits: Array<{ id: string; workerId: string; startsAt: string }> }) => w.visits.filter((v) => !orphanIds.has(v.id)).map((v) => [v.id, v.workerId, v.startsAt]);
    expect(unchanged(after)).toEqual(unchanged(before));
    // The new visits add no conflict to the days that received them.
    const newConflicts = after.conflicts.filter((c: { visitId: string; code: string }) => orphanIds.has(c.visitId) && c.code !== 'over_contract_hours');
    expect(newConflicts).toEqual([]);
    // The absent worker and each worker who got a visit are told, in French, through the outbox.
    const mails = await app.services.mail.listRecent(20);
    expect(mails.find((m) => m.toAddress === 'bruno@test.proxidom')?.subject).toBe('Votre planning a été modifié');
    if (result.reassignedVisits.some((r: { toWorkerId: string }) => r.toWorkerId === data.workerIds[0])) {
      expect(mails.find((m) => m.toAddress === 'awa@test.proxidom')?.bodyText).toMatch(/ajoutées à votre planning/);
    }
  });
});

describe("the worker's view", () => {
  it('shows their own week with travel, and access details only on today’s visits', async () => {
    const worker = await login('intervenant-a@test.proxidom');
    const response = await worker.request('GET', `/api/me/schedule?week=${WEEK}`);
    expect(response.statusCode, response.body).toBe(200);
    const view = response.json();
    expect(view.today).toBe('2026-03-04');
    expect(view.visits.length).toBeGreaterThanOrEqual(6);
    for (const v of view.visits) {
      expect(v.addressLine).toMatch(/rue de Bourgogne/);
      if (v.localDate === '2026-03-04') expect(v.accessDetails).toMatch(/^Code porte/);
      else expect(v.accessDetails).toBeNull();
    }
    expect(view.visits[0].travelFromPrevious.fromVisitId).toBeNull();
    expect(view.visits.find((v: { startsAt: string }) => v.startsAt === '2026-03-02T07:00:00.000Z').tasks).toEqual(['Aide au lever', 'Toilette']);
    const history = await app.services.audit.history('beneficiary', view.visits[0].beneficiaryId);
    expect(history.some((h) => h.action === 'read')).toBe(true);
  });
});

/** A visit of organisation A written directly (Thursday 5 March 2026 unless said), 60 minutes, ±30 minutes. */
async function insertVisit(beneficiaryId: string, workerId: string | null, hhmm: string, over: Partial<typeof visits.$inferInsert> = {}): Promise<string> {
  const startsAt = new Date(`2026-03-05T${hhmm}:00+01:00`);
  const [row] = await db
    .insert(visits)
    .values({ organisationId: fixture.orgA.id, beneficiaryId, workerId, activityCode: 'assistance-personnes-agees-handicapees', startsAt, durationMin: 60, windowStartsAt: new Date(startsAt.getTime() - 30 * 60_000), windowEndsAt: new Date(startsAt.getTime() + 30 * 60_000), ...over })
    .returning({ id: visits.id });
  return row!.id;
}

async function createBeneficiary(session: Session, household: Record<string, unknown>, person: Record<string, unknown> = {}): Promise<string> {
  const response = await session.request('POST', '/api/beneficiaries', { firstName: 'Simone', lastName: String(household.name).replace('Foyer ', ''), household, ...person });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

describe('the board filtered by sector', () => {
  it('shows the visits of the sector’s people and the sector’s workers, lists the sectors with their coordinators, and refuses another organisation’s sector', async () => {
    const admin = await login('admin-a@test.proxidom');
    const me = (await (await coordinator()).request('GET', '/api/me')).json();
    const centre = (await admin.request('POST', '/api/sectors', { name: 'Centre', communeCodes: ['45234'], coordinatorUserIds: [me.id] })).json().id;
    const north = (await admin.request('POST', '/api/sectors', { name: 'Nord', communeCodes: ['45302'] })).json().id;
    const saranId = await createBeneficiary(admin, { name: 'Foyer Saranais', communeCode: '45302', addressLine: '4 rue de la Mairie' });
    const saranVisit = await insertVisit(saranId, null, '10:00');
    expect((await admin.request('PUT', `/api/workers/${data.workerIds[2]}`, { sectorId: north })).statusCode).toBe(200);

    const a = await coordinator();
    const northBoard = (await a.request('GET', `/api/schedule/week?start=${WEEK}&sectorId=${north}`)).json();
    expect(northBoard.visits.map((v: { id: string }) => v.id)).toEqual([saranVisit]);
    expect(northBoard.visits[0].sectorId).toBe(north);
    expect(northBoard.workers.map((w: { id: string }) => w.id)).toEqual([data.workerIds[2]]);
    expect(northBoard.sectors).toEqual([
      { id: centre, name: 'Centre', coordinatorUserIds: [me.id] },
      { id: north, name: 'Nord', coordinatorUserIds: [] },
    ]);

    const centreBoard = (await a.request('GET', `/api/schedule/week?start=${WEEK}&sectorId=${centre}`)).json();
    expect(centreBoard.visits.length).toBeGreaterThanOrEqual(18);
    expect(centreBoard.visits.every((v: { sectorId: string; communeCode: string }) => v.sectorId === centre && v.communeCode === '45234')).toBe(true);
    // Chloé (sector Nord) still shows: she has visits in the centre this week; a worker shows only with a visit there or a home there.
    expect(centreBoard.workers.map((w: { id: string }) => w.id)).toEqual(expect.arrayContaining([...data.workerIds]));
    for (const w of centreBoard.workers as { id: string; sectorId: string | null }[]) {
      expect(w.sectorId === centre || centreBoard.visits.some((v: { workerId: string }) => v.workerId === w.id)).toBe(true);
    }
    const all = (await a.request('GET', `/api/schedule/week?start=${WEEK}`)).json();
    expect(all.visits.length).toBe(centreBoard.visits.length + 1);

    const b = await login('coordination-b@test.proxidom');
    const foreign = await b.request('GET', `/api/schedule/week?start=${WEEK}&sectorId=${north}`);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().detail).toBe('Secteur introuvable.');
    expect((await a.request('GET', `/api/schedule/week?start=${WEEK}&sectorId=pas-un-uuid`)).json().errors[0].field).toBe('sectorId');
  });
});

describe('households told after a repair', () => {
  it('writes one French e-mail per household whose visits changed — new time and worker’s first name, or a call to come when nobody could take it — and none to the others', async () => {
    const a = await coordinator();
    const absent = await a.request('POST', '/api/workers', { firstName: 'Denise', lastName: 'Absente', email: 'denise@test.proxidom', skills: ['aide_toilette', 'lsf'], homeLatitude: 47.905, homeLongitude: 1.91 });
    expect(absent.statusCode, absent.body).toBe(201);
    const absentId = absent.json().id as string;
    const lenoir = await createBeneficiary(a, { name: 'Foyer Lenoir', communeCode: '45234', addressLine: '8 rue Bannier', email: 'lenoir@test.proxidom' });
    const garnier = await createBeneficiary(a, { name: 'Foyer Garnier', communeCode: '45234', addressLine: '3 rue Royale' }, { contacts: [{ kind: 'famille', name: 'Paul Garnier', relationship: 'fils', email: 'paul.garnier@test.proxidom', isEmergencyContact: true }] });
    const roy = await createBeneficiary(a, { name: 'Foyer Roy', communeCode: '45234', addressLine: '12 rue de la Lionne', email: 'roy@test.proxidom' });
    const blanc = await createBeneficiary(a, { name: 'Foyer Blanc', communeCode: '45234', addressLine: '5 quai du Châtelet', email: 'blanc@test.proxidom' });
    const lenoirMorning = await insertVisit(lenoir, absentId, '09:00');
    const lenoirEvening = await insertVisit(lenoir, absentId, '17:00');
    const garnierVisit = await insertVisit(garnier, absentId, '11:30');
    await insertVisit(roy, data.workerIds[1], '09:00');
    // Sign language: nobody else in the team has it.
    const blancVisit = await insertVisit(blanc, absentId, '14:30', { requiredSkills: ['lsf'] });

    const response = await a.request('POST', `/api/workers/${absentId}/absences`, { from: '2026-03-05T00:00:00+01:00', to: '2026-03-06T00:00:00+01:00', kind: 'maladie' });
    expect(response.statusCode, response.body).toBe(201);
    const result = response.json();
    const reassigned = new Map((result.reassignedVisits as { visitId: string; toWorkerId: string; startsAt: string }[]).map((r) => [r.visitId, r]));
    expect([...reassigned.keys()].sort()).toEqual([lenoirMorning, lenoirEvening, garnierVisit].sort());
    expect(result.unassignedVisits.map((u: { visitId: string }) => u.visitId)).toEqual([blancVisit]);

    const mails = await app.services.mail.listRecent(500);
    const to = (address: string) => mails.filter((m) => m.toAddress === address);
    const firstNames = new Map(((await a.request('GET', '/api/workers')).json() as { id: string; firstName: string }[]).map((w) => [w.id, w.firstName]));
    const line = (visitId: string) => {
      const r = reassigned.get(visitId)!;
      const when = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long', hour: '2-digit', minute: '2-digit' }).format(new Date(r.startsAt));
      return new RegExp(`- ${when}.* : avec ${firstNames.get(r.toWorkerId)}\\.`);
    };

    expect(to('lenoir@test.proxidom')).toHaveLength(1);
    const lenoirMail = to('lenoir@test.proxidom')[0]!;
    expect(lenoirMail.subject).toBe('Changement d’intervenant·e pour vos interventions');
    expect(lenoirMail.bodyText).toMatch(/^Bonjour,/);
    expect(lenoirMail.bodyText).toMatch(line(lenoirMorning));
    expect(lenoirMail.bodyText).toMatch(line(lenoirEvening));
    expect(lenoirMail.bodyText).toMatch(/jeudi 5 mars/);
    expect(lenoirMail.bodyText).toContain('Structure A');
    expect(lenoirMail.bodyText).not.toMatch(/appellera/);

    // No e-mail on the household: the emergency contact's.
    expect(to('paul.garnier@test.proxidom')).toHaveLength(1);
    expect(to('paul.garnier@test.proxidom')[0]!.bodyText).toMatch(line(garnierVisit));

    const blancMails = to('blanc@test.proxidom');
    expect(blancMails).toHaveLength(1);
    expect(blancMails[0]!.subject).toBe('Vos interventions : un remplacement est en cours');
    expect(blancMails[0]!.bodyText).toMatch(/pas encore trouvé de remplaçant·e pour cette intervention :\n- jeudi 5 mars à 14:30\./);
    expect(blancMails[0]!.bodyText).toMatch(/Structure A vous appellera pour convenir avec vous d’une solution\./);

    expect(to('roy@test.proxidom')).toEqual([]);
    expect(to('denise@test.proxidom').map((m) => m.subject)).toEqual(['Votre planning a été modifié']);
  });
});
