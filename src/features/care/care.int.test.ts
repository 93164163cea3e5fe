import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../server/testing/test-app';

let t: TestApp;
/** Organisation A's records, made through the API. */
const a = { householdId: '', beneficiaryId: '', documentId: '', contractId: '', suspensionId: '', workerId: '', absenceId: '', visitId: '' };

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.login('admin-a@test.proxidom');
  a.householdId = (await admin.request('POST', '/api/households', { name: 'Foyer Dupont', communeCode: '45234' })).json().id;
  a.beneficiaryId = (await admin.request('POST', '/api/beneficiaries', { householdId: a.householdId, firstName: 'Lucie', lastName: 'Dupont', gir: 2 })).json().id;
  const doc = await t.app.inject({
    method: 'POST',
    url: `/api/beneficiaries/${a.beneficiaryId}/documents`,
    headers: { cookie: admin.cookie, 'x-csrf-token': admin.csrfToken, 'content-type': 'application/pdf', 'x-file-name': 'plan.pdf' },
    payload: Buffer.from('%PDF-1.4 test'),
  });
  a.documentId = doc.json().id;
  a.contractId = (
    await admin.request('POST', '/api/contracts', {
      beneficiaryId: a.beneficiaryId,
      activityCode: 'assistance-personnes-agees-handicapees',
      mode: 'prestataire',
      hourlyPriceCents: 2600,
      startsOn: '2026-01-05',
      recurrence: [{ weekdays: [1, 2, 3, 4, 5], start: '08:00', durationMin: 30, toleranceMin: 15 }],
    })
  ).json().id;
  a.suspensionId = (await admin.request('POST', `/api/contracts/${a.contractId}/suspensions`, { startsOn: '2026-08-01', endsOn: '2026-08-15', reason: 'Vacances' })).json().id;
  a.workerId = t.fixture.orgA.workerIds[0]!;
  a.absenceId = t.fixture.orgA.absenceIds[0]!;
  a.visitId = (await admin.request('POST', '/api/schedule/generate', { weekStart: '2026-03-02' })).json().visits[0].id;
});
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** Every route of the care feature, with organisation A's ids and a valid body. */
const routes = (): { method: Method; url: string; payload?: unknown; adminOnly?: boolean; notTenantId?: boolean }[] => [
  { method: 'GET', url: '/api/households', notTenantId: true },
  { method: 'POST', url: '/api/households', payload: { name: 'Foyer X' }, notTenantId: true },
  { method: 'GET', url: '/api/beneficiaries', notTenantId: true },
  { method: 'POST', url: '/api/beneficiaries', payload: { householdId: a.householdId, firstName: 'X', lastName: 'Y' } },
  { method: 'GET', url: `/api/beneficiaries/${a.beneficiaryId}` },
  { method: 'PUT', url: `/api/beneficiaries/${a.beneficiaryId}`, payload: { notes: 'x' } },
  { method: 'GET', url: `/api/beneficiaries/${a.beneficiaryId}/documents/${a.documentId}` },
  { method: 'GET', url: `/api/beneficiaries/${a.beneficiaryId}/export` },
  { method: 'POST', url: `/api/beneficiaries/${a.beneficiaryId}/erase`, payload: { confirm: 'EFFACER' }, adminOnly: true },
  { method: 'GET', url: '/api/contracts', notTenantId: true },
  { method: 'GET', url: `/api/contracts?beneficiaryId=${a.beneficiaryId}` },
  { method: 'GET', url: `/api/contracts/${a.contractId}` },
  { method: 'POST', url: '/api/contracts', payload: { beneficiaryId: a.beneficiaryId, activityCode: 'entretien-maison', mode: 'prestataire', hourlyPriceCents: 2500, startsOn: '2026-01-05', recurrence: [] } },
  { method: 'PUT', url: `/api/contracts/${a.contractId}`, payload: { hourlyPriceCents: 2700 } },
  { method: 'POST', url: `/api/contracts/${a.contractId}/suspensions`, payload: { startsOn: '2026-09-01', endsOn: '2026-09-02', reason: 'Hôpital' } },
  { method: 'DELETE', url: `/api/contracts/${a.contractId}/suspensions/${a.suspensionId}` },
  { method: 'POST', url: '/api/schedule/generate', payload: { weekStart: '2026-03-09' }, notTenantId: true },
  { method: 'POST', url: `/api/visits/${a.visitId}/cancel`, payload: { reason: 'Test' } },
  { method: 'PATCH', url: `/api/visits/${a.visitId}/one-off`, payload: { durationMin: 45 } },
  { method: 'GET', url: '/api/workers', notTenantId: true },
  { method: 'POST', url: '/api/workers', payload: { firstName: 'X', lastName: 'Y' }, notTenantId: true },
  { method: 'GET', url: '/api/workers/qualification-alerts', notTenantId: true },
  { method: 'GET', url: `/api/workers/${a.workerId}` },
  { method: 'PUT', url: `/api/workers/${a.workerId}`, payload: { maxHoursPerDay: 8 } },
  { method: 'POST', url: `/api/workers/${a.workerId}/qualifications`, payload: { skillCode: 'sst', expiresOn: '2027-01-01' } },
  { method: 'GET', url: `/api/workers/${a.workerId}/absences` },
  { method: 'DELETE', url: `/api/workers/${a.workerId}/absences/${a.absenceId}` },
];

describe('tenancy of the care routes', () => {
  it('answers 401 to an anonymous visitor on every route', async () => {
    for (const route of [...routes(), { method: 'POST' as const, url: `/api/beneficiaries/${a.beneficiaryId}/documents`, payload: 'x' }]) {
      const response = await t.app.inject({ method: route.method, url: route.url, payload: route.payload as string });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it('answers 403 to a household, a worker and the territory on every route', async () => {
    for (const email of ['foyer@test.proxidom', 'intervenant-a@test.proxidom', 'territoire@test.proxidom']) {
      const session = await t.login(email);
      for (const route of routes()) {
        const response = await session.request(route.method, route.url, route.payload);
        expect(response.statusCode, `${email} ${route.method} ${route.url}`).toBe(403);
      }
    }
  });

  it('answers 403 to a coordinator on the erasure, which is for the organisation admin', async () => {
    const coordinator = await t.login('coordination-a@test.proxidom');
    const response = await coordinator.request('POST', `/api/beneficiaries/${a.beneficiaryId}/erase`, { confirm: 'EFFACER' });
    expect(response.statusCode).toBe(403);
  });

  it("answers 404 to another organisation's admin on every route that names one of A's records, and changes nothing", async () => {
    const adminB = await t.login('admin-b@test.proxidom');
    for (const route of routes().filter((r) => !r.notTenantId)) {
      const response = await adminB.request(route.method, route.url, route.payload);
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(404);
    }
    const upload = await t.app.inject({
      method: 'POST',
      url: `/api/beneficiaries/${a.beneficiaryId}/documents`,
      headers: { cookie: adminB.cookie, 'x-csrf-token': adminB.csrfToken, 'content-type': 'text/plain', 'x-file-name': 'x.txt' },
      payload: 'intrus',
    });
    expect(upload.statusCode).toBe(404);
    const adminA = await t.login('admin-a@test.proxidom');
    const file = (await adminA.request('GET', `/api/beneficiaries/${a.beneficiaryId}`)).json();
    expect(file.lastName).toBe('Dupont');
    expect(file.documents).toHaveLength(1);
    expect(file.contracts[0].hourlyPriceCents).toBe(2600);
    expect(file.contracts[0].suspensions).toHaveLength(1);
  });

  it("lists only one's own beneficiaries, households, contracts, workers and alerts", async () => {
    const adminB = await t.login('admin-b@test.proxidom');
    const list = (await adminB.request('GET', '/api/beneficiaries')).json();
    expect(list.items.map((b: { id: string }) => b.id).sort()).toEqual([...t.fixture.orgB.beneficiaryIds].sort());
    const households = (await adminB.request('GET', '/api/households')).json();
    expect(households.map((h: { name: string }) => h.name)).toEqual(['Foyer B']);
    expect((await adminB.request('GET', '/api/contracts')).json()).toEqual([]);
    const workers = (await adminB.request('GET', '/api/workers')).json();
    expect(workers.map((w: { id: string }) => w.id)).toEqual(t.fixture.orgB.workerIds);
    const generated = (await adminB.request('POST', '/api/schedule/generate', { weekStart: '2026-03-02' })).json();
    expect(generated.created).toBe(0);
  });

  it('answers 400 with the field to a malformed id', async () => {
    const admin = await t.login('admin-a@test.proxidom');
    const response = await admin.request('GET', '/api/beneficiaries/pas-un-uuid');
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('id');
  });
});

describe('audit trail', () => {
  it("records who read a beneficiary's file, and each listing", async () => {
    const coordinator = await t.login('coordination-a@test.proxidom');
    const id = t.fixture.orgA.beneficiaryIds[1]!;
    expect((await coordinator.request('GET', `/api/beneficiaries/${id}`)).statusCode).toBe(200);
    await coordinator.request('GET', '/api/beneficiaries?q=bern');
    const me = (await coordinator.request('GET', '/api/me')).json();
    const history = await t.app.services.audit.history('beneficiary', id);
    expect(history.map((h) => [h.action, h.actorUserId, h.organisationId])).toEqual([
      ['list', me.id, t.fixture.orgA.id],
      ['read', me.id, t.fixture.orgA.id],
    ]);
    expect(history[0]!.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('OpenAPI document of the care routes', () => {
  it('describes every care route, with the no-geocoder note', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    for (const path of ['/api/beneficiaries', '/api/beneficiaries/{id}', '/api/beneficiaries/{id}/export', '/api/beneficiaries/{id}/documents', '/api/contracts', '/api/schedule/generate', '/api/workers/qualification-alerts', '/api/households']) {
      expect(doc.paths[path], path).toBeDefined();
    }
    expect(doc.paths['/api/beneficiaries'].post.description).toMatch(/géocodeur/);
  });
});

describe('bad input never gives a 5xx', () => {
  it('answers odd queries without a 5xx and odd bodies with a 4xx', async () => {
    const admin = await t.login('admin-a@test.proxidom');
    const workerId = t.fixture.orgA.workerIds[0]!;
    const odd: { method: 'GET' | 'POST' | 'PUT' | 'PATCH'; url: string; payload?: unknown }[] = [
      { method: 'GET', url: '/api/beneficiaries?q=%00abc' },
      { method: 'GET', url: '/api/households?q=%00' },
      { method: 'GET', url: '/api/beneficiaries?page=0&pageSize=9999' },
      { method: 'POST', url: '/api/beneficiaries', payload: { firstName: 'A\u0000', lastName: 'B', household: { name: 'F' } } },
      { method: 'POST', url: '/api/beneficiaries', payload: { firstName: 'A', lastName: 'B', householdId: a.householdId, postalCode: '75001', communeCode: '45234' } },
      { method: 'POST', url: '/api/beneficiaries', payload: [] },
      { method: 'POST', url: '/api/beneficiaries', payload: { firstName: 1, lastName: null, household: 'x', contacts: 'x', carePlans: [null] } },
      { method: 'PUT', url: `/api/beneficiaries/${a.beneficiaryId}`, payload: { gir: '3', needs: [1], consents: [{ purpose: 'x' }], carePlans: [{ funder: 'apa', hoursPerMonth: 1e308, startsOn: '2026-13-01' }] } },
      { method: 'POST', url: '/api/contracts', payload: { beneficiaryId: a.beneficiaryId, activityCode: 'entretien-maison', mode: 'prestataire', hourlyPriceCents: 1e12, startsOn: '2026-02-30', recurrence: [{ weekdays: [1, 1], start: '23:50', durationMin: 30 }] } },
      { method: 'PUT', url: `/api/contracts/${a.contractId}`, payload: { status: 'paused', recurrence: 'tous les jours' } },
      { method: 'POST', url: '/api/schedule/generate', payload: { weekStart: 'lundi' } },
      { method: 'PATCH', url: `/api/visits/${a.visitId}/one-off`, payload: { startsAt: '2026-03-02 08:00', durationMin: 0 } },
      { method: 'POST', url: '/api/workers', payload: { firstName: 'A', lastName: 'B', qualifications: [{ skillCode: 'sst' }, { skillCode: 'sst' }], contractHoursPerWeek: 35.5, homeLatitude: 95 } },
      { method: 'PUT', url: `/api/workers/${workerId}`, payload: { availability: [{ weekday: 1, start: '8:00', end: '12:00' }], preferences: { preferredCommuneCodes: ['x'] } } },
      { method: 'POST', url: `/api/workers/${workerId}/qualifications`, payload: { skillCode: 'sst', obtainedOn: '2026-01-01', expiresOn: '2025-01-01' } },
    ];
    for (const route of odd) {
      const response = await admin.request(route.method, route.url, route.payload);
      if (route.method !== 'GET') expect(response.statusCode, `${route.method} ${route.url} ${JSON.stringify(route.payload)}`).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, `${route.method} ${route.url} ${JSON.stringify(route.payload)}`).toBeLessThan(500);
    }
    const duplicates = await admin.request('PUT', `/api/beneficiaries/${a.beneficiaryId}`, { preferences: { preferredWorkerIds: [workerId, workerId], refusedWorkerIds: [] } });
    expect(duplicates.statusCode).toBe(200);
    expect(duplicates.json().preferences.preferredWorkerIds).toEqual([workerId]);
  });
});
