import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock';
import { createTestApp, type Session, type TestApp } from '../../server/testing/test-app';

let t: TestApp;
let admin: Session;
let coordinator: Session;
beforeAll(async () => {
  t = await createTestApp({ clock: fixedClock('2026-03-20T09:00:00Z') });
  admin = await t.login('admin-a@test.proxidom');
  coordinator = await t.login('coordination-a@test.proxidom');
});
afterAll(() => t.close());

const newBeneficiary = (extra: Record<string, unknown> = {}) => ({
  firstName: 'Hélène',
  lastName: 'Lefèvre',
  birthDate: '1938-04-12',
  gir: 3,
  household: { name: 'Foyer Lefèvre', addressLine: '12 rue de Bourgogne', postalCode: '45000', communeCode: '45234', phone: '02 38 12 34 56' },
  accessDetails: 'Boîte à clés 4512, portail vert',
  notes: 'Se fatigue vite l’après-midi.',
  needs: ['aide au lever', 'courses'],
  activityCodes: ['assistance-personnes-agees-handicapees'],
  contacts: [{ kind: 'aidant', name: 'Marc Lefèvre', relationship: 'fils', phone: '06 12 34 56 78', isEmergencyContact: true }],
  carePlans: [{ funder: 'apa', hoursPerMonth: 22.5, funderShareBp: 8000, hourlyAmountCents: 2458, startsOn: '2026-01-01', endsOn: '2026-12-31', reference: 'APA-45-2026-0012' }],
  consents: [{ purpose: 'donnees_sante', granted: true, recordedOn: '2026-01-05' }],
  ...extra,
});

const upload = (session: Session, id: string, body: Buffer | string, headers: Record<string, string>) =>
  t.app.inject({ method: 'POST', url: `/api/beneficiaries/${id}/documents`, headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, ...headers }, payload: body });

describe('beneficiaries', () => {
  it('creates a beneficiary with a new household, placed near the commune centre, and gives the whole file back', async () => {
    const workerId = t.fixture.orgA.workerIds[0]!;
    const response = await coordinator.request('POST', '/api/beneficiaries', newBeneficiary({ preferences: { preferredWorkerIds: [workerId], refusedWorkerIds: [] } }));
    expect(response.statusCode).toBe(201);
    const file = response.json();
    expect(file).toMatchObject({ firstName: 'Hélène', lastName: 'Lefèvre', gir: 3, addressLine: '12 rue de Bourgogne', communeCode: '45234', communeName: 'Orléans', household: { name: 'Foyer Lefèvre' } });
    expect(file.latitude).toBeCloseTo(47.9, 1);
    expect(file.longitude).toBeCloseTo(1.9, 1);
    expect(file.contacts).toEqual([expect.objectContaining({ name: 'Marc Lefèvre', phone: '0612345678', isEmergencyContact: true })]);
    expect(file.carePlans).toEqual([expect.objectContaining({ funder: 'apa', hoursPerMonth: 22.5, funderShareBp: 8000 })]);
    expect(file.preferences).toEqual({ preferredWorkerIds: [workerId], refusedWorkerIds: [] });
    expect(file.consents[0]).toMatchObject({ purpose: 'donnees_sante', granted: true, recordedByUserId: expect.any(String) });
    expect(file.contracts).toEqual([]);
    const history = await t.app.services.audit.history('beneficiary', file.id);
    expect(history.map((h) => h.action)).toEqual(['create']);
    expect((await t.app.services.audit.history('household', file.householdId)).map((h) => h.action)).toEqual(['create']);
  });

  it('keeps a given point, and adds a person to an existing household', async () => {
    const household = (await admin.request('POST', '/api/households', { name: 'Foyer Roux', communeCode: '45302' })).json();
    expect(household.latitude).not.toBeNull();
    const response = await admin.request('POST', '/api/beneficiaries', { householdId: household.id, firstName: 'Paul', lastName: 'Roux', latitude: 47.91, longitude: 1.92, communeCode: '45234', addressLine: '1 place du Martroi' });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ householdId: household.id, latitude: 47.91, longitude: 1.92 });
    const lives = (await admin.request('POST', '/api/beneficiaries', { householdId: household.id, firstName: 'Anne', lastName: 'Roux' })).json();
    expect(lives).toMatchObject({ communeCode: '45302', latitude: household.latitude, longitude: household.longitude });
    const found = (await admin.request('GET', '/api/households?q=roux')).json();
    expect(found.map((h: { id: string }) => h.id)).toEqual([household.id]);
  });

  it('answers 400 naming each field at fault, and writes nothing', async () => {
    const before = (await admin.request('GET', '/api/beneficiaries')).json().total;
    const bad = await admin.request('POST', '/api/beneficiaries', { firstName: '', lastName: 'X', gir: 7, household: { name: 'F' }, contacts: [{ kind: 'cousin', name: 'A' }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['contacts.0.kind', 'firstName', 'gir']);
    const foreignWorker = await admin.request('POST', '/api/beneficiaries', newBeneficiary({ preferences: { preferredWorkerIds: [t.fixture.orgB.workerIds[0]], refusedWorkerIds: [] } }));
    expect(foreignWorker.statusCode).toBe(400);
    expect(foreignWorker.json().errors[0].field).toBe('preferences');
    const unknownCommune = await admin.request('POST', '/api/beneficiaries', newBeneficiary({ household: { name: 'Foyer Z', communeCode: '75056' } }));
    expect(unknownCommune.statusCode).toBe(400);
    expect(unknownCommune.json().errors[0].field).toBe('household.communeCode');
    expect((await admin.request('GET', '/api/beneficiaries')).json().total).toBe(before);
    expect((await admin.request('GET', '/api/households?q=Foyer Z')).json()).toEqual([]);
  });

  it('finds people without minding accents or case, and filters by commune and GIR', async () => {
    await admin.request('POST', '/api/beneficiaries', newBeneficiary({ firstName: 'Émile', lastName: 'Pâris', gir: 1 }));
    const byName = (await admin.request('GET', '/api/beneficiaries?q=PARIS emile')).json();
    expect(byName.items.map((b: { lastName: string }) => b.lastName)).toEqual(['Pâris']);
    const accentless = (await admin.request('GET', '/api/beneficiaries?q=lefevre')).json();
    expect(accentless.items.length).toBeGreaterThan(0);
    const gir1 = (await admin.request('GET', '/api/beneficiaries?gir=1&communeCode=45234')).json();
    expect(gir1.items.map((b: { firstName: string }) => b.firstName)).toEqual(['Émile']);
    expect(gir1.items[0].communeName).toBe('Orléans');
    const bad = await admin.request('GET', '/api/beneficiaries?gir=9');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('gir');
  });

  it('moves the point when the address changes and the form sends the old point back, keeps a new point', async () => {
    const file = (await admin.request('POST', '/api/beneficiaries', newBeneficiary())).json();
    const moved = (await admin.request('PUT', `/api/beneficiaries/${file.id}`, { addressLine: file.addressLine, postalCode: '45140', communeCode: '45285', latitude: file.latitude, longitude: file.longitude })).json();
    expect(moved.communeName).toBe('Saint-Jean-de-la-Ruelle');
    expect(moved.latitude).not.toBe(file.latitude);
    const pinned = (await admin.request('PUT', `/api/beneficiaries/${file.id}`, { latitude: 47.91, longitude: 1.87 })).json();
    expect([pinned.latitude, pinned.longitude]).toEqual([47.91, 1.87]);
    const unchanged = (await admin.request('PUT', `/api/beneficiaries/${file.id}`, { addressLine: pinned.addressLine, communeCode: '45285', latitude: 47.91, longitude: 1.87, notes: 'x' })).json();
    expect([unchanged.latitude, unchanged.longitude]).toEqual([47.91, 1.87]);
  });

  it('changes only the fields sent, replaces the lists sent, and audits the change', async () => {
    const file = (await admin.request('POST', '/api/beneficiaries', newBeneficiary())).json();
    const workerId = t.fixture.orgA.workerIds[0]!;
    const response = await coordinator.request('PUT', `/api/beneficiaries/${file.id}`, { gir: 2, contacts: [], preferences: { preferredWorkerIds: [], refusedWorkerIds: [workerId] }, addressLine: '3 rue Royale' });
    expect(response.statusCode).toBe(200);
    const changed = response.json();
    expect(changed).toMatchObject({ gir: 2, firstName: 'Hélène', contacts: [], preferences: { preferredWorkerIds: [], refusedWorkerIds: [workerId] }, addressLine: '3 rue Royale', accessDetails: 'Boîte à clés 4512, portail vert' });
    expect(changed.carePlans).toHaveLength(1);
    expect(changed.latitude).not.toBe(file.latitude);
    const history = await t.app.services.audit.history('beneficiary', file.id);
    expect(history[0]).toMatchObject({ action: 'update', details: { fields: ['addressLine', 'contacts', 'gir', 'preferences'] } });
    const bad = await coordinator.request('PUT', `/api/beneficiaries/${file.id}`, { phone: 'abc', carePlans: [{ funder: 'apa', hoursPerMonth: -1, startsOn: '2026-01-01' }] });
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['carePlans.0.hoursPerMonth', 'phone']);
  });
});

describe('documents', () => {
  it('keeps a document, lists it in the file and gives it back with its name, audited', async () => {
    const file = (await admin.request('POST', '/api/beneficiaries', newBeneficiary())).json();
    const content = Buffer.from('%PDF-1.4 plan d’aide');
    const response = await upload(coordinator, file.id, content, { 'content-type': 'application/pdf', 'x-file-name': encodeURIComponent('Plan d’aide APA.pdf') });
    expect(response.statusCode).toBe(201);
    const doc = response.json();
    expect(doc).toMatchObject({ name: 'Plan d’aide APA.pdf', contentType: 'application/pdf', sizeBytes: content.length });
    const listed = (await coordinator.request('GET', `/api/beneficiaries/${file.id}`)).json().documents;
    expect(listed).toEqual([expect.objectContaining({ id: doc.id, fileName: 'Plan d’aide APA.pdf' })]);
    const download = await coordinator.request('GET', `/api/beneficiaries/${file.id}/documents/${doc.id}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toMatch(/^application\/pdf/);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename=".*"; filename\*=UTF-8''Plan%20d%E2%80%99aide%20APA\.pdf$/);
    expect(download.rawPayload.equals(content)).toBe(true);
    const history = await t.app.services.audit.history('beneficiary', file.id);
    expect(history.slice(0, 3).map((h) => h.action)).toEqual(['read', 'read', 'create']);
  });

  it('accepts a JSON file as bytes, refuses a missing name, an empty file and more than 5 MB', async () => {
    const file = (await admin.request('POST', '/api/beneficiaries', newBeneficiary())).json();
    expect((await upload(admin, file.id, '{"a":1}', { 'content-type': 'application/json', 'x-file-name': 'a.json' })).statusCode).toBe(201);
    const noName = await upload(admin, file.id, 'x', { 'content-type': 'text/plain' });
    expect(noName.statusCode).toBe(400);
    expect(noName.json().errors[0].field).toBe('x-file-name');
    expect((await upload(admin, file.id, '', { 'content-type': 'text/plain', 'x-file-name': 'vide.txt' })).statusCode).toBe(400);
    const big = await upload(admin, file.id, Buffer.alloc(5 * 1024 * 1024 + 10), { 'content-type': 'application/octet-stream', 'x-file-name': 'gros.bin' });
    expect(big.statusCode).toBe(400);
    expect(big.json().detail + big.json().errors?.[0]?.message).toMatch(/5 Mo/);
    const huge = await upload(admin, file.id, Buffer.alloc(7 * 1024 * 1024), { 'content-type': 'application/octet-stream', 'x-file-name': 'enorme.bin' });
    expect(huge.statusCode).toBe(413);
    expect((await admin.request('GET', `/api/beneficiaries/${file.id}`)).json().documents).toHaveLength(1);
  });
});

describe('RGPD', () => {
  const createWithContractAndVisits = async () => {
    const file = (await admin.request('POST', '/api/beneficiaries', newBeneficiary())).json();
    await upload(admin, file.id, 'ordonnance', { 'content-type': 'text/plain', 'x-file-name': 'ordonnance.txt' });
    const contract = (
      await admin.request('POST', '/api/contracts', {
        beneficiaryId: file.id,
        activityCode: 'assistance-personnes-agees-handicapees',
        mode: 'prestataire',
        hourlyPriceCents: 2650,
        startsOn: '2026-03-02',
        recurrence: [{ weekdays: [1, 3, 5], start: '09:00', durationMin: 60, toleranceMin: 15 }],
        tasks: ['toilette'],
      })
    ).json();
    await admin.request('POST', '/api/schedule/generate', { weekStart: '2026-03-16' });
    await admin.request('POST', '/api/schedule/generate', { weekStart: '2026-03-23' });
    return { file, contract };
  };

  it('exports everything about the person in one JSON file, audited', async () => {
    const { file, contract } = await createWithContractAndVisits();
    const response = await coordinator.request('GET', `/api/beneficiaries/${file.id}/export`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="export-rgpd-/);
    const data = response.json();
    expect(data.beneficiary).toMatchObject({ id: file.id, firstName: 'Hélène', birthDate: '1938-04-12', gir: 3, accessDetails: 'Boîte à clés 4512, portail vert', notes: 'Se fatigue vite l’après-midi.', needs: ['aide au lever', 'courses'] });
    expect(data.beneficiary.contacts).toHaveLength(1);
    expect(data.beneficiary.carePlans).toHaveLength(1);
    expect(data.beneficiary.consents).toHaveLength(1);
    expect(data.beneficiary.contracts.map((c: { id: string }) => c.id)).toEqual([contract.id]);
    expect(data.household).toMatchObject({ name: 'Foyer Lefèvre', phone: '0238123456' });
    expect(data.documents).toEqual([expect.objectContaining({ name: 'ordonnance.txt', contentBase64: Buffer.from('ordonnance').toString('base64') })]);
    expect(data.visits).toHaveLength(6);
    expect(data.accessLog.map((e: { action: string }) => e.action)).toContain('create');
    const history = await t.app.services.audit.history('beneficiary', file.id);
    expect(history[0]!.action).toBe('export');
  });

  it('erases personal data for good, keeps the contracts’ money facts and past visits, shown as « Personne effacée »', async () => {
    const { file, contract } = await createWithContractAndVisits();
    const withoutConfirmation = await admin.request('POST', `/api/beneficiaries/${file.id}/erase`, { confirm: 'oui' });
    expect(withoutConfirmation.statusCode).toBe(400);
    expect(withoutConfirmation.json().errors[0].field).toBe('confirm');

    const response = await admin.request('POST', `/api/beneficiaries/${file.id}/erase`, { confirm: 'EFFACER' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ displayName: 'Personne effacée', cancelledVisits: 3 });

    const erased = (await admin.request('GET', `/api/beneficiaries/${file.id}`)).json();
    expect(erased).toMatchObject({ firstName: 'Personne', lastName: 'effacée', birthDate: null, gir: null, addressLine: null, phone: null, accessDetails: null, notes: null, needs: [], contacts: [], documents: [], consents: [], preferences: { preferredWorkerIds: [], refusedWorkerIds: [] }, isErased: true });
    expect(erased.contracts).toEqual([expect.objectContaining({ id: contract.id, hourlyPriceCents: 2650, activityCode: 'assistance-personnes-agees-handicapees', mode: 'prestataire', status: 'ended' })]);
    expect(erased.carePlans).toEqual([expect.objectContaining({ funder: 'apa', hoursPerMonth: 22.5 })]);
    const exported = (await admin.request('GET', `/api/beneficiaries/${file.id}/export`)).json();
    // The week of 16 March happened (the clock says 20 March, 09:00 UTC): those visits stay for the invoices.
    expect(exported.visits.filter((v: { status: string }) => v.status === 'planned')).toHaveLength(3);
    expect(exported.visits.filter((v: { cancelledReason: string | null }) => v.cancelledReason === 'Dossier effacé (RGPD)')).toHaveLength(3);
    expect(JSON.stringify(exported)).not.toMatch(/Hélène|Lefèvre.*Marc|Boîte à clés|ordonnance/);

    const history = await t.app.services.audit.history('beneficiary', file.id);
    expect(history.find((h) => h.action === 'erase')).toBeDefined();
    expect((await admin.request('POST', `/api/beneficiaries/${file.id}/erase`, { confirm: 'EFFACER' })).statusCode).toBe(409);
    expect((await admin.request('PUT', `/api/beneficiaries/${file.id}`, { firstName: 'Retour' })).statusCode).toBe(409);
  });
});
