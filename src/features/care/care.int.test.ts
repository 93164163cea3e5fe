import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../server/testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('tenancy of the care routes', () => {
  const tenantRoutes = () => [
    { method: 'GET' as const, url: '/api/beneficiaries' },
    { method: 'GET' as const, url: `/api/beneficiaries/${t.fixture.orgA.beneficiaryIds[0]}` },
    { method: 'GET' as const, url: '/api/workers' },
    { method: 'GET' as const, url: '/api/organisation/members' },
    { method: 'POST' as const, url: '/api/organisation/invitations', payload: { email: 'x@test.proxidom', role: 'worker' } },
  ];

  it('answers 401 to an anonymous visitor on every tenant-scoped route', async () => {
    for (const route of tenantRoutes()) {
      const response = await t.app.inject({ method: route.method, url: route.url, payload: route.payload });
      expect(response.statusCode, `${route.method} ${route.url}`).toBe(401);
    }
  });

  it("answers 403 to a household, a worker and the territory on provider staff's routes", async () => {
    for (const email of ['foyer@test.proxidom', 'intervenant-a@test.proxidom', 'territoire@test.proxidom']) {
      const session = await t.login(email);
      for (const route of tenantRoutes()) {
        const response = await session.request(route.method, route.url, route.payload);
        expect(response.statusCode, `${email} ${route.method} ${route.url}`).toBe(403);
      }
    }
  });

  it("does not give another organisation's beneficiary, and lists only one's own", async () => {
    const adminB = await t.login('admin-b@test.proxidom');
    const other = await adminB.request('GET', `/api/beneficiaries/${t.fixture.orgA.beneficiaryIds[0]}`);
    expect(other.statusCode).toBe(404);
    const list = (await adminB.request('GET', '/api/beneficiaries')).json();
    expect(list.items.map((b: { id: string }) => b.id).sort()).toEqual([...t.fixture.orgB.beneficiaryIds].sort());
    const workers = (await adminB.request('GET', '/api/workers')).json();
    expect(workers.map((w: { id: string }) => w.id)).toEqual(t.fixture.orgB.workerIds);
    const members = (await adminB.request('GET', '/api/organisation/members')).json();
    expect(members.members.every((m: { email: string }) => m.email.endsWith('-b@test.proxidom'))).toBe(true);
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
