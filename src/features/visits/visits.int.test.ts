import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { randomUUID } from 'node:crypto';
import { checkEvents, visitActuals, visits, workers } from '../../db/schema';
import * as repo from './visits.repo';
import type { Database } from '../../db/client';
import { createTestDatabase } from '../../db/testing/test-database';
import { fixturePassword, insertFixture, type Fixture } from '../../db/testing/fixtures';
import { createTenantScope } from '../../db/tenant-scope';
import { buildApp, type App } from '../../server/app';
import { loadConfig } from '../../server/config';
import { sessionCookieOf, type Session } from '../../server/testing/test-app';
import { at, insertTelegestionFixture, iso, type TelegestionFixture } from './testing';

let now = at('08:00');
const clock = { now: () => new Date(now) };
let app: App;
let database: Database;
let fixture: Fixture;
let data: TelegestionFixture;

async function login(email: string): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: fixturePassword } });
  if (response.statusCode !== 200) throw new Error(`login ${email}: ${response.statusCode}`);
  const cookie = sessionCookieOf(response);
  const csrfToken = response.json<{ csrfToken: string }>().csrfToken;
  return {
    cookie,
    csrfToken,
    request: (method, url, payload) => app.inject({ method, url, payload: payload as Record<string, unknown> | undefined, headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }) } }),
  };
}

let workerA: Session;
let workerB: Session;
let coordA: Session;
let coordB: Session;
let household: Session;

beforeAll(async () => {
  database = await createTestDatabase();
  fixture = await insertFixture(database.db);
  data = await insertTelegestionFixture(database.db, fixture);
  app = await buildApp({ database, config: loadConfig({ NODE_ENV: 'test', PROXIDOM_DEMO: '1', PUBLIC_URL: 'http://localhost:3000' }), clock });
  await app.ready();
  [workerA, workerB, coordA, coordB, household] = await Promise.all([
    login(fixture.orgA.accounts.worker),
    login(fixture.orgB.accounts.worker),
    login(fixture.orgA.accounts.coordinator),
    login(fixture.orgB.accounts.coordinator),
    login(fixture.accounts.household),
  ]);
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const key = (name: string) => `test-key-${name}-0000`;

describe('check-in and check-out from the phone', () => {
  it('answers 401 without a session, 403 to staff, 404 for another organisation’s visit', async () => {
    const body = { at: iso('09:00'), idempotencyKey: key('anon') };
    expect((await app.inject({ method: 'POST', url: `/api/visits/${data.visitIds[0]}/check-in`, payload: body })).statusCode).toBe(401);
    expect((await coordA.request('POST', `/api/visits/${data.visitIds[0]}/check-in`, body)).statusCode).toBe(403);
    expect((await workerB.request('POST', `/api/visits/${data.visitIds[0]}/check-in`, body)).statusCode).toBe(404);
    expect((await workerA.request('POST', `/api/visits/${data.otherVisitId}/check-in`, body)).statusCode).toBe(404);
  });

  it('refuses bad input naming the fields, a time far in the future, a check-out before any check-in', async () => {
    const bad = await workerA.request('POST', `/api/visits/${data.visitIds[0]}/check-in`, { at: 'demain', idempotencyKey: 'x' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['at', 'idempotencyKey']);
    now = at('09:00');
    const future = await workerA.request('POST', `/api/visits/${data.visitIds[0]}/check-in`, { at: iso('10:00'), idempotencyKey: key('future') });
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].field).toBe('at');
    const early = await workerA.request('POST', `/api/visits/${data.visitIds[0]}/check-out`, { at: iso('09:00'), idempotencyKey: key('early-out') });
    expect(early.statusCode).toBe(409);
    expect(early.json().detail).toMatch(/Pointez d'abord l'arrivée/);
  });

  it('records a check-in once: a retry with the same key gives the same answer, concurrent duplicates too', async () => {
    now = at('09:05');
    const body = { at: iso('09:02'), idempotencyKey: key('in-1'), position: { latitude: 47.903, longitude: 1.909, accuracyMetres: 12 } };
    const first = await workerA.request('POST', `/api/visits/${data.visitIds[0]}/check-in`, body);
    expect(first.statusCode).toBe(200);
    expect(first.json().event).toMatchObject({ kind: 'check_in', at: iso('09:02'), position: { latitude: 47.903, longitude: 1.909, accuracyMetres: 12 } });
    expect(first.json().visit).toMatchObject({ state: 'in_progress', validationStatus: 'pending' });
    now = at('09:30');
    const again = await workerA.request('POST', `/api/visits/${data.visitIds[0]}/check-in`, body);
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe(first.body);
    const burst = await Promise.all(Array.from({ length: 5 }, () => workerA.request('POST', `/api/visits/${data.visitIds[0]}/check-in`, body)));
    expect(burst.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(burst.map((r) => r.body))).toEqual(new Set([first.body]));
    // Another key for the same check: refused, the visit never counts twice.
    const other = await workerA.request('POST', `/api/visits/${data.visitIds[0]}/check-in`, { at: iso('09:03'), idempotencyKey: key('in-1-bis') });
    expect(other.statusCode).toBe(409);
    // The key of a check-in cannot be reused for another visit.
    expect((await workerA.request('POST', `/api/visits/${data.visitIds[1]}/check-in`, body)).statusCode).toBe(409);
  });

  it('checks out and reports; the visit is done and valid', async () => {
    now = at('10:05');
    const out = await workerA.request('POST', `/api/visits/${data.visitIds[0]}/check-out`, { at: iso('10:01'), idempotencyKey: key('out-1') });
    expect(out.statusCode).toBe(200);
    expect(out.json().event.position).toBeNull();
    expect(out.json().visit).toMatchObject({ state: 'complete', validationStatus: 'valid', actualMin: 59, anomalies: [] });
    expect((await workerB.request('POST', `/api/visits/${data.visitIds[0]}/report`, { tasksDone: [], idempotencyKey: key('report-b') })).statusCode).toBe(404);
    const report = await workerA.request('POST', `/api/visits/${data.visitIds[0]}/report`, { tasksDone: ['Toilette', 'Petit-déjeuner'], transmission: 'Mme a peu mangé ce matin.', idempotencyKey: key('report-1') });
    expect(report.statusCode).toBe(200);
    expect(report.json()).toMatchObject({ tasksDone: ['Toilette', 'Petit-déjeuner'], transmission: 'Mme a peu mangé ce matin.' });
  });
});

describe('batch sync after working offline', () => {
  const actions = () => [
    { type: 'check_in', visitId: data.visitIds[1], at: iso('11:25'), idempotencyKey: key('sync-in') },
    { type: 'check_out', visitId: data.visitIds[1], at: iso('12:05'), idempotencyKey: key('sync-out') },
    { type: 'report', visitId: data.visitIds[1], tasksDone: ['Courses'], transmission: 'Frigo vide, penser aux courses jeudi.', idempotencyKey: key('sync-report') },
  ];

  it('replays the queue in order, one answer per action; a second sync counts nothing twice', async () => {
    now = at('12:30');
    const first = await workerA.request('POST', '/api/telegestion/sync', { actions: actions() });
    expect(first.statusCode).toBe(200);
    const results = first.json().results;
    expect(results.map((r: { status: number }) => r.status)).toEqual([200, 200, 200]);
    // 25 min late (tolerance 15) and 40 min of 90 (below 80 %).
    expect(results[1].body.visit.anomalies.map((a: { code: string }) => a.code)).toEqual(['late', 'too_short']);
    const second = await workerA.request('POST', '/api/telegestion/sync', { actions: actions() });
    expect(second.json().results.map((r: { status: number }) => r.status)).toEqual([200, 200, 200]);
    expect(JSON.stringify(second.json().results.slice(0, 2))).toBe(JSON.stringify(results.slice(0, 2)));
    const activity = (await workerA.request('GET', '/api/me/activity?month=2026-03')).json();
    const visit = activity.visits.find((v: { visitId: string }) => v.visitId === data.visitIds[1]);
    expect(visit.checkEvents.map((e: { kind: string }) => e.kind)).toEqual(['check_in', 'check_out']);
  });

  it('reports each failing action without stopping the others', async () => {
    const response = await workerA.request('POST', '/api/telegestion/sync', {
      actions: [
        { type: 'check_out', visitId: data.visitIds[3], at: iso('12:00'), idempotencyKey: key('sync-bad-out') },
        { type: 'check_in', visitId: data.otherVisitId, at: iso('12:00'), idempotencyKey: key('sync-foreign') },
      ],
    });
    expect(response.json().results.map((r: { status: number }) => r.status)).toEqual([409, 404]);
    expect(response.json().results[0].error.detail).toMatch(/arrivée/);
  });

  it('names the field of a malformed action', async () => {
    const response = await workerA.request('POST', '/api/telegestion/sync', { actions: [{ type: 'check_in', visitId: data.visitIds[2], at: 'hier', idempotencyKey: key('x') }] });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('actions.0.at');
  });
});

describe("the worker's day and fair view", () => {
  it("gives today's visits with access details, tasks, previous transmissions, own checks and the travel credited", async () => {
    now = at('12:40');
    const response = await workerA.request('GET', '/api/me/today');
    expect(response.statusCode).toBe(200);
    const day = response.json();
    expect(day.today).toBe('2026-03-02');
    expect(day.visits.map((v: { id: string }) => v.id)).toEqual(data.visitIds);
    expect(day.visits[0]).toMatchObject({ accessDetails: 'Code 1234B', addressLine: '1 place du Martroi' });
    expect(day.visits[0].checkEvents.map((e: { kind: string }) => e.kind)).toEqual(['check_in', 'check_out']);
    expect(day.visits[2].previousTransmissions[0]).toMatchObject({ text: 'Mme a peu mangé ce matin.', byMe: true });
    // 09:02 at Orléans centre, then 11:25 in Olivet: one leg (≈ 5.8 km by car).
    expect(day.travel.legs).toHaveLength(1);
    expect(day.travel.legs[0]).toMatchObject({ fromVisitId: data.visitIds[0], toVisitId: data.visitIds[1], km: 5.8, minutes: 16 });
    expect((await coordA.request('GET', '/api/me/today')).statusCode).toBe(403);
  });
});

describe("the coordinator's review", () => {
  it('shows planned against actual for a day', async () => {
    now = at('17:30');
    const response = await coordA.request('GET', '/api/telegestion/planned-vs-actual?date=2026-03-02');
    expect(response.statusCode).toBe(200);
    const items = response.json().items;
    expect(items).toHaveLength(4);
    expect(items[0]).toMatchObject({ visitId: data.visitIds[0], plannedMin: 60, actualMin: 59, startDelayMin: 2, workerName: 'Sami Intervenant A' });
    expect(items[2]).toMatchObject({ state: 'missed', validationStatus: 'anomaly' });
    expect((await coordB.request('GET', '/api/telegestion/planned-vs-actual?date=2026-03-02')).json().items.map((i: { visitId: string }) => i.visitId)).toEqual([data.otherVisitId]);
    expect((await coordA.request('GET', '/api/telegestion/planned-vs-actual?date=2 mars')).statusCode).toBe(400);
  });

  it('lists the anomaly queue, validates with a reason and corrects only with one', async () => {
    const queue = (await coordA.request('GET', '/api/telegestion/anomalies?status=pending')).json().items;
    expect(queue.map((i: { visitId: string }) => i.visitId).sort()).toEqual([data.visitIds[1], data.visitIds[2], data.visitIds[3]].sort());
    expect((await coordB.request('POST', `/api/telegestion/anomalies/${data.visitIds[1]}/validate`, { reason: 'x' })).statusCode).toBe(404);
    expect((await coordB.request('POST', `/api/telegestion/anomalies/${data.visitIds[2]}/correct`, { actualStart: iso('14:00'), actualEnd: iso('15:00'), reason: 'Essai' })).statusCode).toBe(404);
    expect((await workerA.request('POST', `/api/telegestion/anomalies/${data.visitIds[2]}/validate`, {})).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: '/api/telegestion/anomalies' })).statusCode).toBe(401);
    const validated = await coordA.request('POST', `/api/telegestion/anomalies/${data.visitIds[1]}/validate`, { reason: 'Retard prévenu, bouchons sur le pont' });
    expect(validated.statusCode).toBe(200);
    expect(validated.json()).toMatchObject({ validationStatus: 'valid', review: { reason: 'Retard prévenu, bouchons sur le pont' } });
    const noReason = await coordA.request('POST', `/api/telegestion/anomalies/${data.visitIds[2]}/correct`, { actualStart: iso('14:00'), actualEnd: iso('15:00') });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().errors[0].field).toBe('reason');
    const corrected = await coordA.request('POST', `/api/telegestion/anomalies/${data.visitIds[2]}/correct`, { actualStart: iso('14:05'), actualEnd: iso('15:00'), reason: 'Téléphone déchargé ; heures confirmées par la famille' });
    expect(corrected.statusCode).toBe(200);
    expect(corrected.json()).toMatchObject({ validationStatus: 'corrected', actualMin: 55, anomalies: [{ code: 'missed' }] });
    expect((await coordA.request('GET', '/api/telegestion/anomalies?status=pending')).json().items.map((i: { visitId: string }) => i.visitId)).toEqual([data.visitIds[3]]);
    expect((await coordA.request('GET', '/api/telegestion/anomalies?status=reviewed')).json().items).toHaveLength(2);
  });

  it('shows the worker every review of her visits, with its reason, and her travel', async () => {
    const activity = (await workerA.request('GET', '/api/me/activity?month=2026-03')).json();
    const corrected = activity.visits.find((v: { visitId: string }) => v.visitId === data.visitIds[2]);
    expect(corrected.review.reason).toBe('Téléphone déchargé ; heures confirmées par la famille');
    expect(activity.totals).toMatchObject({ validatedMinutes: 59 + 40 + 55, corrections: 1 });
    expect(activity.totals.travelMinutes).toBeGreaterThan(0);
  });

  it('gives billing the validated visits with their actual times', async () => {
    const list = await app.services.visits.listValidatedVisits(createTenantScope(database.db, fixture.orgA.id), { from: at('00:00'), to: at('23:59') });
    expect(list.map((v) => [v.visitId, v.actualMin, v.validationStatus])).toEqual([
      [data.visitIds[0], 59, 'valid'],
      [data.visitIds[1], 40, 'valid'],
      [data.visitIds[2], 55, 'corrected'],
    ]);
  });
});

describe('the care-plan ledger', () => {
  it('gives staff the month: funded, planned, delivered and explained gaps; 404 for another organisation', async () => {
    const response = await coordA.request('GET', `/api/beneficiaries/${fixture.orgA.beneficiaryIds[0]}/ledger?from=2026-03&to=2026-03`);
    expect(response.statusCode).toBe(200);
    const month = response.json().months[0];
    expect(month).toMatchObject({ month: '2026-03', funders: ['apa'], fundedMinutes: 1200, plannedMinutes: 120, deliveredMinutes: 59 + 55 });
    expect(month.gaps.map((g: { cause: string; minutes: number }) => [g.cause, g.minutes])).toEqual([
      ['shortened', 6],
      ['not_scheduled', 1080],
    ]);
    expect((await coordB.request('GET', `/api/beneficiaries/${fixture.orgA.beneficiaryIds[0]}/ledger`)).statusCode).toBe(404);
    expect((await coordA.request('GET', `/api/beneficiaries/${fixture.orgA.beneficiaryIds[0]}/ledger?from=2026-05&to=2026-03`)).statusCode).toBe(400);
  });

  it("gives the household its beneficiaries' ledgers across providers, nothing to others", async () => {
    const response = await household.request('GET', '/api/me/ledger?from=2026-03&to=2026-03');
    expect(response.statusCode).toBe(200);
    const items = response.json().items;
    expect(items.map((i: { beneficiary: { id: string } }) => i.beneficiary.id).sort()).toEqual([...fixture.orgA.beneficiaryIds].sort());
    expect(items.find((i: { beneficiary: { id: string } }) => i.beneficiary.id === fixture.orgA.beneficiaryIds[0]).months[0].fundedMinutes).toBe(1200);
    expect((await workerA.request('GET', '/api/me/ledger')).statusCode).toBe(403);
  });
});

describe('exports', () => {
  it('writes the département delivery file of APA/PCH visits done, for the département asked', async () => {
    const response = await coordA.request('GET', '/api/exports/departement.csv?month=2026-03&departement=45');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/csv/);
    const lines = response.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]!.split(';').slice(0, 3)).toEqual(['siret_prestataire', 'raison_sociale', 'financeur']);
    // Beneficiary A0 has the APA plan: visits 1 and 3 (A1 has none).
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('APA-45-2026-001');
    expect(lines[2]).toContain('CORRIGE');
    expect((await coordA.request('GET', '/api/exports/departement.csv?month=2026-03&departement=75')).body.trim().split('\r\n')).toHaveLength(1);
    expect((await coordA.request('GET', '/api/exports/departement.csv?month=mars&departement=45')).statusCode).toBe(400);
    expect((await workerA.request('GET', '/api/exports/departement.csv?month=2026-03&departement=45')).statusCode).toBe(403);
  });

  it('prepares payroll per worker: hours, travel, km, visits, anomalies', async () => {
    const response = await coordA.request('GET', '/api/exports/payroll.csv?month=2026-03');
    expect(response.statusCode).toBe(200);
    const lines = response.body.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('identifiant_intervenant;nom;prenom;mois;interventions_pointees;heures_travaillees;minutes_travaillees;temps_trajet_heures;temps_trajet_min;km_trajets;anomalies');
    const row = lines.find((l) => l.startsWith(data.workerAId))!.split(';');
    expect(row.slice(3, 7)).toEqual(['2026-03', '3', '2,57', '154']);
    expect(Number(row[8])).toBeGreaterThan(0);
    expect(row[10]).toBe('2');
    const other = (await coordB.request('GET', '/api/exports/payroll.csv?month=2026-03')).body;
    expect(other).not.toContain(data.workerAId);
  });
});

describe('checks at the same time (no lock: the write applies only to the actuals as read)', () => {
  const JANUARY = '2026-01-05';
  let visitIds: string[];

  beforeAll(async () => {
    const startsAt = at('09:00', JANUARY);
    const rows = await database.db
      .insert(visits)
      .values(
        [0, 1, 2].map(() => ({ organisationId: fixture.orgA.id, beneficiaryId: fixture.orgA.beneficiaryIds[0]!, workerId: data.workerAId, activityCode: 'assistance_personnes_agees', startsAt, durationMin: 60, windowStartsAt: startsAt, windowEndsAt: startsAt })),
      )
      .returning({ id: visits.id });
    visitIds = rows.map((r) => r.id);
  });

  const eventsOf = (visitId: string) => database.db.select().from(checkEvents).where(eq(checkEvents.visitId, visitId));

  it('the same check-in sent five times at once is recorded once, and every answer is the first one', async () => {
    const body = { at: iso('09:01', JANUARY), idempotencyKey: key('concurrent-same') };
    const answers = await Promise.all([0, 1, 2, 3, 4].map(() => workerA.request('POST', `/api/visits/${visitIds[0]}/check-in`, body)));
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(await eventsOf(visitIds[0]!)).toHaveLength(1);
  });

  it('two check-ins of one visit with different keys at once: one recorded, the other told so (409)', async () => {
    const answers = await Promise.all(
      ['a', 'b', 'c'].map((k, i) => workerA.request('POST', `/api/visits/${visitIds[1]}/check-in`, { at: iso(`09:0${i + 1}`, JANUARY), idempotencyKey: key(`concurrent-${k}`) })),
    );
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409]);
    const events = await eventsOf(visitIds[1]!);
    expect(events).toHaveLength(1);
    const [actual] = await database.db.select().from(visitActuals).where(eq(visitActuals.visitId, visitIds[1]!));
    // The actuals are those of the check-in that was recorded.
    expect(actual!.actualStartAt!.getTime()).toBe(events[0]!.at.getTime());
  });

  it('a check written on actuals that changed since its read writes nothing (stale), deterministically', async () => {
    const visitId = visitIds[0]!;
    const scope = createTenantScope(database.db, fixture.orgA.id);
    const [user] = await database.db.select({ userId: workers.userId }).from(workers).where(eq(workers.id, data.workerAId));
    const read = (await repo.findVisitForCheck(scope, visitId, user!.userId!))!;
    expect(read.meId).toBe(data.workerAId);
    // Between the read and the write, the coordinator corrects the visit.
    expect((await coordA.request('POST', `/api/telegestion/anomalies/${visitId}/correct`, { actualStart: iso('09:00', JANUARY), actualEnd: iso('10:00', JANUARY), reason: 'Fin confirmée par la famille' })).statusCode).toBe(200);
    const outAt = at('09:30', JANUARY);
    const result = await repo.recordCheck(
      scope,
      { id: randomUUID(), visitId, workerId: data.workerAId, kind: 'check_out', at: outAt, atText: iso('09:30', JANUARY), receivedAt: now, idempotencyKey: key('stale-out'), response: {} },
      { actualStartAt: read.actual!.actualStartAt, actualEndAt: read.actual!.actualEndAt, checkedStartAt: read.actual!.checkedStartAt, checkedEndAt: read.actual!.checkedEndAt, reviewedAt: read.actual!.reviewedAt },
      { workerId: data.workerAId, actualStartAt: read.actual!.actualStartAt, actualEndAt: outAt, checkedStartAt: read.actual!.checkedStartAt, checkedEndAt: outAt, validationStatus: 'anomaly', anomalyCodes: ['too_short'] },
      true,
    );
    expect(result).toBe('stale');
    expect((await eventsOf(visitId)).map((e) => e.kind)).toEqual(['check_in']);
    const [actual] = await database.db.select().from(visitActuals).where(eq(visitActuals.visitId, visitId));
    expect(actual).toMatchObject({ validationStatus: 'corrected', actualEndAt: at('10:00', JANUARY), checkedEndAt: null });
    // Through the service, the same check-out reads again and is recorded on the corrected visit.
    const checkOut = await workerA.request('POST', `/api/visits/${visitId}/check-out`, { at: iso('09:30', JANUARY), idempotencyKey: key('stale-out') });
    expect(checkOut.statusCode, checkOut.body).toBe(200);
    const [after] = await database.db.select().from(visitActuals).where(eq(visitActuals.visitId, visitId));
    expect(after).toMatchObject({ validationStatus: 'corrected', actualEndAt: at('10:00', JANUARY), checkedEndAt: outAt });
  });

  it('a check-out racing the coordinator’s correction never undoes the correction', async () => {
    const visitId = visitIds[2]!;
    expect((await workerA.request('POST', `/api/visits/${visitId}/check-in`, { at: iso('09:00', JANUARY), idempotencyKey: key('race-in') })).statusCode).toBe(200);
    const [checkOut, correction] = await Promise.all([
      workerA.request('POST', `/api/visits/${visitId}/check-out`, { at: iso('09:20', JANUARY), idempotencyKey: key('race-out') }),
      coordA.request('POST', `/api/telegestion/anomalies/${visitId}/correct`, { actualStart: iso('09:00', JANUARY), actualEnd: iso('10:00', JANUARY), reason: 'Heures confirmées par la famille' }),
    ]);
    expect(checkOut.statusCode, checkOut.body).toBe(200);
    expect(correction.statusCode, correction.body).toBe(200);
    const [actual] = await database.db.select().from(visitActuals).where(eq(visitActuals.visitId, visitId));
    // Whichever came first, the corrected times and status stand; the check-out is kept as what the phone said.
    expect(actual).toMatchObject({ validationStatus: 'corrected', actualStartAt: at('09:00', JANUARY), actualEndAt: at('10:00', JANUARY), checkedEndAt: at('09:20', JANUARY) });
    expect((await eventsOf(visitId)).map((e) => e.kind).sort()).toEqual(['check_in', 'check_out']);
  });
});
