import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../server/testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const validProfile = () => ({
  name: 'Structure A',
  siret: '73282932000074',
  legalForm: 'association',
  address: { street: '12 rue Jeanne d’Arc', postalCode: '45000', communeCode: '45234', city: 'Orléans' },
  phone: '02 38 12 34 56',
  email: 'Contact@Structure-A.fr',
  description: 'Aide à domicile et ménage à Orléans.',
  activities: [
    { activityCode: 'entretien-maison', modes: ['prestataire'] },
    { activityCode: 'petits-travaux-jardinage', modes: ['prestataire', 'mandataire'] },
  ],
  regime: { declaration: { number: 'SAP732829320', date: '2020-01-15' } },
  publics: ['tout_public'],
  openingHours: [
    { day: 'lundi', opens: '09:00', closes: '12:30' },
    { day: 'lundi', opens: '13:30', closes: '17:00' },
  ],
  prices: [{ activityCode: 'entretien-maison', mode: 'prestataire', unit: 'heure', priceTtcCents: 2500 }],
  labels: ['Qualisap'],
  communesServed: ['45234', '45232'],
  acceptingNewClients: true,
});

describe('the provider edits its profile', () => {
  it('saves a valid profile, audits the changed fields, and the directory shows it at once', async () => {
    const admin = await t.login(t.fixture.orgA.accounts.provider_admin);
    const response = await admin.request('PUT', '/api/organisation/profile', validProfile());
    expect(response.statusCode, response.body).toBe(200);
    const saved = response.json();
    expect(saved).toMatchObject({
      id: t.fixture.orgA.id,
      email: 'contact@structure-a.fr',
      phone: '0238123456',
      communesServed: expect.arrayContaining(['45232', '45234']),
    });
    expect(saved.openingHours).toHaveLength(2);
    expect((await admin.request('GET', '/api/organisation/profile')).json()).toEqual(saved);

    const history = await t.app.services.audit.history('organisation', t.fixture.orgA.id);
    const entry = history.find((e) => e.action === 'update');
    expect(entry?.details).toMatchObject({
      changedFields: expect.arrayContaining(['address', 'activities', 'communesServed', 'phone']),
    });
    expect((entry?.details as { changedFields: string[] }).changedFields).not.toContain('name');

    const found = (
      await t.app.inject({ method: 'GET', url: '/api/directory/organisations?q=jardinage&commune=45232' })
    ).json();
    expect(found.items.map((i: { id: string }) => i.id)).toEqual([t.fixture.orgA.id]);
    const page = (
      await t.app.inject({ method: 'GET', url: `/api/directory/organisations/${t.fixture.orgA.id}` })
    ).json();
    expect(page.activities.find((a: { code: string }) => a.code === 'entretien-maison').prices).toEqual([
      { mode: 'prestataire', unit: 'heure', priceTtcCents: 2500 },
    ]);
    expect(page.openingHours[0]).toEqual({ day: 'lundi', opens: '09:00', closes: '12:30' });
  });

  it('refuses bad input naming each field, and writes nothing', async () => {
    const admin = await t.login(t.fixture.orgA.accounts.provider_admin);
    const before = (await admin.request('GET', '/api/organisation/profile')).json();
    const bad = {
      ...validProfile(),
      name: 'Nouveau nom',
      siret: '73282932000075',
      phone: '12',
      email: 'pas-un-email',
      address: { ...validProfile().address, postalCode: '75001' },
    };
    const response = await admin.request('PUT', '/api/organisation/profile', bad);
    expect(response.statusCode).toBe(400);
    const fields = response.json().errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['siret', 'phone', 'email', 'address.postalCode']));
    expect((await admin.request('GET', '/api/organisation/profile')).json()).toEqual(before);
  });

  it('refuses an activity that needs an agrément the organisation does not hold', async () => {
    const admin = await t.login(t.fixture.orgA.accounts.provider_admin);
    const body = {
      ...validProfile(),
      activities: [{ activityCode: 'garde-enfants-moins-3-ans', modes: ['prestataire'] }],
      prices: [],
    };
    const response = await admin.request('PUT', '/api/organisation/profile', body);
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { field: string }) => e.field)).toContain('regime.agrement');
  });

  it('refuses an unknown commune and the SIRET of another organisation', async () => {
    const admin = await t.login(t.fixture.orgA.accounts.provider_admin);
    const response = await admin.request('PUT', '/api/organisation/profile', {
      ...validProfile(),
      siret: '55208131766522',
      communesServed: ['45999'],
    });
    expect(response.statusCode).toBe(400);
    expect(
      response
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['communesServed.0', 'siret']);
  });

  it('lets the coordinator read but not write; other roles and anonymous visitors get nothing', async () => {
    const coordinator = await t.login(t.fixture.orgA.accounts.coordinator);
    expect((await coordinator.request('GET', '/api/organisation/profile')).json()).toMatchObject({
      id: t.fixture.orgA.id,
    });
    expect((await coordinator.request('PUT', '/api/organisation/profile', validProfile())).statusCode).toBe(
      403,
    );
    const worker = await t.login(t.fixture.orgA.accounts.worker);
    expect((await worker.request('GET', '/api/organisation/profile')).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/organisation/profile' })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'PUT', url: '/api/organisation/profile', payload: validProfile() }))
        .statusCode,
    ).toBe(401);
  });

  it('keeps each organisation to its own profile', async () => {
    const adminB = await t.login(t.fixture.orgB.accounts.provider_admin);
    expect((await adminB.request('GET', '/api/organisation/profile')).json()).toMatchObject({
      id: t.fixture.orgB.id,
      name: 'Structure B',
    });
    // B sending A's SIRET cannot take over A's row: it is refused as another organisation's SIRET.
    const response = await adminB.request('PUT', '/api/organisation/profile', {
      ...validProfile(),
      name: 'Structure B',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual(['siret']);
    const a = (
      await t.app.inject({ method: 'GET', url: `/api/directory/organisations/${t.fixture.orgA.id}` })
    ).json();
    expect(a.name).toBe('Structure A');
  });
});
