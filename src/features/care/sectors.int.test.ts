import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type Session, type TestApp } from '../../server/testing/test-app';

const ORLEANS = '45234';
const SARAN = '45302';
const FLEURY = '45147';
const OLIVET = '45232';

let t: TestApp;
let adminA: Session;
/** Organisation A's records, made through the API. */
const a = { coordinatorUserId: '', workerUserId: '', north: '', centre: '', householdId: '', saranBeneficiaryId: '' };

beforeAll(async () => {
  t = await createTestApp();
  adminA = await t.login('admin-a@test.proxidom');
  a.coordinatorUserId = (await (await t.login('coordination-a@test.proxidom')).request('GET', '/api/me')).json().id;
  a.workerUserId = (await (await t.login('intervenant-a@test.proxidom')).request('GET', '/api/me')).json().id;
  const north = await adminA.request('POST', '/api/sectors', { name: 'Nord', communeCodes: [SARAN, FLEURY], coordinatorUserIds: [a.coordinatorUserId] });
  expect(north.statusCode).toBe(201);
  a.north = north.json().id;
  a.centre = (await adminA.request('POST', '/api/sectors', { name: 'Centre', communeCodes: [ORLEANS] })).json().id;
  a.householdId = (await adminA.request('POST', '/api/households', { name: 'Foyer Roux', communeCode: SARAN })).json().id;
  a.saranBeneficiaryId = (await adminA.request('POST', '/api/beneficiaries', { householdId: a.householdId, firstName: 'Odette', lastName: 'Roux', communeCode: SARAN, addressLine: '2 rue des Tilleuls' })).json().id;
});
afterAll(() => t.close());

describe('sectors of an organisation', () => {
  it('lists the sectors with their communes by name, their coordinators and how many people they hold', async () => {
    const coordinator = await t.login('coordination-a@test.proxidom');
    const response = await coordinator.request('GET', '/api/sectors');
    expect(response.statusCode).toBe(200);
    const items = response.json().items as { id: string; name: string; communes: { code: string; name: string }[]; coordinators: { userId: string }[]; beneficiaryCount: number }[];
    expect(items.map((s) => s.name)).toEqual(['Centre', 'Nord']);
    const north = items.find((s) => s.id === a.north)!;
    expect(north.communes).toEqual([
      { code: FLEURY, name: 'Fleury-les-Aubrais' },
      { code: SARAN, name: 'Saran' },
    ]);
    expect(north.coordinators.map((c) => c.userId)).toEqual([a.coordinatorUserId]);
    expect(north.beneficiaryCount).toBe(1);
  });

  it('refuses, field by field and in French, a commune already in another sector, an unknown commune, a name taken and a coordinator who is not staff — writing nothing', async () => {
    const cases: { payload: unknown; field: string; message: RegExp }[] = [
      { payload: { name: 'Ouest', communeCodes: [OLIVET, SARAN] }, field: 'communeCodes', message: /Saran \(secteur « Nord »\)/ },
      { payload: { name: 'Ouest', communeCodes: ['45999'] }, field: 'communeCodes', message: /inconnue de la plateforme : 45999/ },
      { payload: { name: 'nord', communeCodes: [OLIVET] }, field: 'name', message: /porte déjà ce nom/ },
      { payload: { name: 'Ouest', communeCodes: [OLIVET], coordinatorUserIds: [a.workerUserId] }, field: 'coordinatorUserIds', message: /responsables de secteur ou administrateurs/ },
      { payload: { name: 'Ouest', communeCodes: [] }, field: 'communeCodes', message: /au moins une commune/ },
      { payload: { name: 'O', communeCodes: [OLIVET, OLIVET] }, field: 'name', message: /au moins 2 caractères/ },
    ];
    for (const c of cases) {
      const response = await adminA.request('POST', '/api/sectors', c.payload);
      expect(response.statusCode, JSON.stringify(c.payload)).toBe(400);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      const error = (response.json().errors as { field: string; message: string }[]).find((e) => e.field === c.field);
      expect(error?.message, JSON.stringify(c.payload)).toMatch(c.message);
    }
    const other = await t.login('admin-b@test.proxidom');
    const coordinatorB = (await (await t.login('coordination-b@test.proxidom')).request('GET', '/api/me')).json().id;
    const foreign = await adminA.request('POST', '/api/sectors', { name: 'Ouest', communeCodes: [OLIVET], coordinatorUserIds: [coordinatorB] });
    expect(foreign.statusCode).toBe(400);
    expect((await adminA.request('GET', '/api/sectors')).json().items).toHaveLength(2);
    expect((await other.request('GET', '/api/sectors')).json().items).toEqual([]);
  });

  it('puts a beneficiary in the sector of their commune, or in the one chosen on the file', async () => {
    const file = (await adminA.request('GET', `/api/beneficiaries/${a.saranBeneficiaryId}`)).json();
    expect(file.sectorId).toBeNull();
    expect(file.sector).toEqual({ id: a.north, name: 'Nord', isChosen: false });
    const moved = await adminA.request('PUT', `/api/beneficiaries/${a.saranBeneficiaryId}`, { sectorId: a.centre });
    expect(moved.statusCode).toBe(200);
    expect(moved.json().sector).toEqual({ id: a.centre, name: 'Centre', isChosen: true });
    const centre = (await adminA.request('GET', `/api/sectors/${a.centre}`)).json();
    expect(centre.beneficiaryCount).toBe(1);
    const back = await adminA.request('PUT', `/api/beneficiaries/${a.saranBeneficiaryId}`, { sectorId: null });
    expect(back.json().sector).toEqual({ id: a.north, name: 'Nord', isChosen: false });
  });

  it("gives a worker a home sector, and refuses another organisation's sector on a file or a worker", async () => {
    const workerId = t.fixture.orgA.workerIds[0]!;
    const updated = await adminA.request('PUT', `/api/workers/${workerId}`, { sectorId: a.north });
    expect(updated.statusCode).toBe(200);
    expect(updated.json().sectorId).toBe(a.north);
    expect((await adminA.request('GET', `/api/sectors/${a.north}`)).json().workerCount).toBe(1);

    const adminB = await t.login('admin-b@test.proxidom');
    const sectorB = (await adminB.request('POST', '/api/sectors', { name: 'Nord', communeCodes: [SARAN] })).json().id;
    for (const [url, payload] of [
      [`/api/workers/${workerId}`, { sectorId: sectorB }],
      [`/api/beneficiaries/${a.saranBeneficiaryId}`, { sectorId: sectorB }],
    ] as const) {
      const response = await adminA.request('PUT', url, payload);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().errors[0]).toEqual({ field: 'sectorId', message: "Ce secteur n'existe pas dans votre structure." });
    }
    const created = await adminA.request('POST', '/api/workers', { firstName: 'Léa', lastName: 'Nouvelle', sectorId: sectorB });
    expect(created.statusCode).toBe(400);
    expect((await adminA.request('GET', `/api/workers/${workerId}`)).json().sectorId).toBe(a.north);
  });

  it('changes and deletes a sector: its people fall back to their commune, its workers lose their home sector', async () => {
    const west = (await adminA.request('POST', '/api/sectors', { name: 'Ouest', communeCodes: [OLIVET] })).json().id;
    const renamed = await adminA.request('PUT', `/api/sectors/${west}`, { name: 'Sud', communeCodes: [OLIVET, '45272'] });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().communes.map((c: { name: string }) => c.name)).toEqual(['Olivet', 'Saint-Cyr-en-Val']);
    // Taking a commune of another sector is refused on a change too; its own communes are not « taken ».
    expect((await adminA.request('PUT', `/api/sectors/${west}`, { communeCodes: [ORLEANS] })).statusCode).toBe(400);
    expect((await adminA.request('PUT', `/api/sectors/${west}`, { name: 'Sud', communeCodes: [OLIVET] })).statusCode).toBe(200);

    const workerId = t.fixture.orgA.workerIds[0]!;
    await adminA.request('PUT', `/api/workers/${workerId}`, { sectorId: west });
    await adminA.request('PUT', `/api/beneficiaries/${a.saranBeneficiaryId}`, { sectorId: west });
    const deleted = await adminA.request('DELETE', `/api/sectors/${west}`);
    expect(deleted.statusCode).toBe(204);
    expect((await adminA.request('GET', `/api/sectors/${west}`)).statusCode).toBe(404);
    expect((await adminA.request('GET', `/api/workers/${workerId}`)).json().sectorId).toBeNull();
    const file = (await adminA.request('GET', `/api/beneficiaries/${a.saranBeneficiaryId}`)).json();
    expect([file.sectorId, file.sector?.name]).toEqual([null, 'Nord']);
  });

  it('records every change of a sector in the audit trail', async () => {
    const me = (await adminA.request('GET', '/api/me')).json();
    const id = (await adminA.request('POST', '/api/sectors', { name: 'Est', communeCodes: ['45284'] })).json().id;
    await adminA.request('PUT', `/api/sectors/${id}`, { coordinatorUserIds: [a.coordinatorUserId] });
    await adminA.request('DELETE', `/api/sectors/${id}`);
    const history = await t.app.services.audit.history('sector', id);
    expect(history.map((h) => h.action).sort()).toEqual(['create', 'delete', 'update']);
    expect(history.every((h) => h.actorUserId === me.id && h.organisationId === t.fixture.orgA.id)).toBe(true);
  });
});

describe('tenancy of the sector routes', () => {
  type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';
  const routes = (): { method: Method; url: string; payload?: unknown; isWrite?: boolean; namesRecord?: boolean }[] => [
    { method: 'GET', url: '/api/sectors' },
    { method: 'GET', url: `/api/sectors/${a.north}`, namesRecord: true },
    { method: 'POST', url: '/api/sectors', payload: { name: 'Intrus', communeCodes: ['45308'] }, isWrite: true },
    { method: 'PUT', url: `/api/sectors/${a.north}`, payload: { name: 'Piraté' }, isWrite: true, namesRecord: true },
    { method: 'DELETE', url: `/api/sectors/${a.north}`, isWrite: true, namesRecord: true },
  ];

  it('answers 401 without a session on every route', async () => {
    for (const r of routes()) {
      const response = await t.app.inject({ method: r.method, url: r.url, payload: r.payload as Record<string, unknown> | undefined });
      expect(response.statusCode, `${r.method} ${r.url}`).toBe(401);
    }
  });

  it('answers 403 to a household, a worker and the territory, and to a coordinator on the changes', async () => {
    for (const email of ['foyer@test.proxidom', 'intervenant-a@test.proxidom', 'territoire@test.proxidom']) {
      const session = await t.login(email);
      for (const r of routes()) expect((await session.request(r.method, r.url, r.payload)).statusCode, `${email} ${r.method} ${r.url}`).toBe(403);
    }
    const coordinator = await t.login('coordination-a@test.proxidom');
    for (const r of routes().filter((x) => x.isWrite)) expect((await coordinator.request(r.method, r.url, r.payload)).statusCode, `${r.method} ${r.url}`).toBe(403);
  });

  it('lists the people of a sector — chosen on the file, else by commune — with their sector, and refuses an unknown one', async () => {
    const coordinator = await t.login('coordination-a@test.proxidom');
    const idsIn = async (sectorId: string): Promise<string[]> => {
      const response = await coordinator.request('GET', `/api/beneficiaries?sectorId=${sectorId}&pageSize=200`);
      expect(response.statusCode).toBe(200);
      return (response.json().items as { id: string }[]).map((b) => b.id);
    };
    expect(await idsIn(a.north)).toContain(a.saranBeneficiaryId);
    expect(await idsIn(a.centre)).not.toContain(a.saranBeneficiaryId);
    const all = (await coordinator.request('GET', '/api/beneficiaries?q=Roux')).json().items as { id: string; sectorName: string | null }[];
    expect(all.find((b) => b.id === a.saranBeneficiaryId)?.sectorName).toBe('Nord');
    await adminA.request('PUT', `/api/beneficiaries/${a.saranBeneficiaryId}`, { sectorId: a.centre });
    try {
      expect(await idsIn(a.centre)).toContain(a.saranBeneficiaryId);
      expect(await idsIn(a.north)).not.toContain(a.saranBeneficiaryId);
    } finally {
      await adminA.request('PUT', `/api/beneficiaries/${a.saranBeneficiaryId}`, { sectorId: null });
    }
    const coordinatorB = await t.login('coordination-b@test.proxidom');
    expect((await coordinatorB.request('GET', `/api/beneficiaries?sectorId=${a.north}`)).statusCode).toBe(404);
    const bad = await coordinator.request('GET', '/api/beneficiaries?sectorId=nord');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field)).toContain('sectorId');
  });

  it("answers 404 to another organisation's admin on every route naming A's sector, and changes nothing", async () => {
    const adminB = await t.login('admin-b@test.proxidom');
    for (const r of routes().filter((x) => x.namesRecord)) expect((await adminB.request(r.method, r.url, r.payload)).statusCode, `${r.method} ${r.url}`).toBe(404);
    const north = (await adminA.request('GET', `/api/sectors/${a.north}`)).json();
    expect(north.name).toBe('Nord');
  });
});

describe('bad input to the sector routes', () => {
  it('answers odd bodies with a 4xx naming the field, never a 5xx, and the routes are in the OpenAPI document', async () => {
    const odd: { method: 'POST' | 'PUT'; url: string; payload: unknown; field?: string }[] = [
      { method: 'POST', url: '/api/sectors', payload: { name: 'Nu\u0000l', communeCodes: [OLIVET] }, field: 'name' },
      { method: 'POST', url: '/api/sectors', payload: { name: 'Ouest', communeCodes: 'Olivet' }, field: 'communeCodes' },
      { method: 'POST', url: '/api/sectors', payload: { name: 'Ouest', communeCodes: ['4523'] }, field: 'communeCodes.0' },
      { method: 'POST', url: '/api/sectors', payload: { name: 'Ouest', communeCodes: [OLIVET], coordinatorUserIds: ['moi'] }, field: 'coordinatorUserIds.0' },
      { method: 'POST', url: '/api/sectors', payload: [] },
      { method: 'PUT', url: `/api/sectors/${a.north}`, payload: { name: 'x'.repeat(81) }, field: 'name' },
      { method: 'PUT', url: '/api/sectors/pas-un-uuid', payload: { name: 'Nord' }, field: 'id' },
    ];
    for (const route of odd) {
      const response = await adminA.request(route.method, route.url, route.payload);
      expect(response.statusCode, JSON.stringify(route.payload)).toBe(400);
      if (route.field) expect(response.json().errors.map((e: { field: string }) => e.field), JSON.stringify(route.payload)).toContain(route.field);
    }
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(Object.keys(doc.paths['/api/sectors'])).toEqual(expect.arrayContaining(['get', 'post']));
    expect(Object.keys(doc.paths['/api/sectors/{id}'])).toEqual(expect.arrayContaining(['get', 'put', 'delete']));
  });
});
