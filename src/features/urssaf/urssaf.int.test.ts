import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  insertBillingHousehold,
  insertRegimes,
  createBillingTestApp,
  type BillingHousehold,
  type BillingTestApp,
} from '../billing/testing';
import { startUrssafSimulator, type UrssafSimulator } from './simulator/simulator.server';
import { createUrssafClient, UrssafApiError } from './urssaf.client';
import type { InputParticulier } from './urssaf.types';

const MONTH = '2026-10';
const clock = { now: () => new Date('2026-11-05T09:00:00Z') };

export const particulier = (over: Partial<InputParticulier> = {}): InputParticulier => ({
  civilite: '2',
  nomNaissance: 'Lefèvre',
  prenoms: 'Sophie',
  dateNaissance: '1968-04-12',
  lieuNaissance: {
    codePaysNaissance: '99100',
    departementNaissance: '045',
    communeNaissance: { codeCommune: '45234', libelleCommune: 'Orléans' },
  },
  numeroTelephonePortable: '0639981234',
  adresseMail: 'sophie.lefevre@example.org',
  adressePostale: {
    numeroVoie: '12',
    codeTypeVoie: 'R',
    libelleVoie: 'de Bourgogne',
    libelleCommune: 'Orléans',
    codeCommune: '45234',
    codePostal: '45000',
    codePays: '99100',
  },
  coordonneeBancaire: {
    bic: 'BNPAFRPPXXX',
    iban: 'FR7630006000011234567890189',
    titulaire: 'Sophie Lefèvre',
  },
  ...over,
});

describe('Urssaf API client against the simulator', () => {
  let sim: UrssafSimulator;
  beforeAll(async () => {
    sim = await startUrssafSimulator({ clock });
  });
  afterAll(async () => {
    await sim?.close();
  });

  it('refuses wrong client credentials with a French message (OAuth 401)', async () => {
    const client = createUrssafClient(
      { baseUrl: sim.baseUrl, clientId: sim.clientId, clientSecret: 'faux' },
      { clock },
    );
    const error = await client.registerParticulier(particulier()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UrssafApiError);
    expect((error as UrssafApiError).status).toBe(401);
    expect((error as UrssafApiError).message).toContain("L'Urssaf a refusé l'authentification");
    const raw = await fetch(`${sim.baseUrl}/atp/v1/tiersPrestations/particulier`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(raw.status).toBe(401);
  });

  it('checks the registration payload: mobile number, IBAN, birth place', async () => {
    const client = createUrssafClient(
      { baseUrl: sim.baseUrl, clientId: sim.clientId, clientSecret: sim.clientSecret },
      { clock },
    );
    const error = (await client
      .registerParticulier(
        particulier({
          numeroTelephonePortable: '0238000000',
          coordonneeBancaire: { bic: 'BNPAFRPPXXX', iban: 'FR7630006000011234567890180', titulaire: 'S' },
          lieuNaissance: { codePaysNaissance: '99100' },
        }),
      )
      .catch((e: unknown) => e)) as UrssafApiError;
    expect(error.status).toBe(400);
    expect(error.errors.map((e) => e.code).sort()).toEqual([
      'ERR_IBAN',
      'ERR_LIEU_NAISSANCE',
      'ERR_TELEPHONE',
    ]);
  });

  it('registers, sends, lets 48 hours pass, and the request goes 10 → 20 → 30 → 50 → 70 with the transfer', async () => {
    const client = createUrssafClient(
      { baseUrl: sim.baseUrl, clientId: sim.clientId, clientSecret: sim.clientSecret },
      { clock },
    );
    const { idClient } = await client.registerParticulier(particulier());
    const demande = {
      idTiersFacturation: '73282932000074',
      idClient,
      dateNaissanceClient: '1968-04-12',
      numFactureTiers: 'F-2026-000901',
      dateFacture: '2026-11-02',
      dateDebutEmploi: '2026-10-02',
      dateFinEmploi: '2026-10-30',
      mntAcompte: 0,
      mntFactureTTC: 156,
      mntFactureHT: 147.87,
      inputPrestations: [
        {
          codeActivite: 'I-3',
          codeNature: 'assistance-personnes-agees-handicapees',
          quantite: 6,
          unite: 'HEURE' as const,
          mntUnitaireTTC: 26,
          mntPrestationTTC: 156,
          mntPrestationHT: 147.87,
          mntPrestationTVA: 8.13,
          dateDebutEmploi: '2026-10-02',
          dateFinEmploi: '2026-10-30',
        },
      ],
    };
    const [sent] = await client.sendDemandesPaiement([
      demande,
      { ...demande, numFactureTiers: 'F-2026-000902', dateFinEmploi: '2026-11-02' },
      demande,
    ]);
    expect(sent!.statut).toEqual({ code: '10', libelle: 'Intégrée' });
    const answers = await client.sendDemandesPaiement([
      { ...demande, numFactureTiers: 'F-2026-000903', dateFinEmploi: '2026-11-02' },
      demande,
    ]);
    expect(answers[0]!.errors!.map((e) => e.code)).toContain('ERR_PERIODE');
    expect(answers[1]!.errors!.map((e) => e.code)).toContain('ERR_FACTURE_DOUBLON');

    const statusOf = async () =>
      (await client.searchDemandesPaiement({ idDemandePaiements: [sent!.idDemandePaiement!] }))
        .infoDemandePaiements[0]!;
    expect((await statusOf()).statut.code).toBe('20');
    sim.state.advance(47);
    expect((await statusOf()).statut.code).toBe('20');
    sim.state.advance(1);
    expect((await statusOf()).statut).toEqual({ code: '30', libelle: 'Validée' });
    sim.state.advance(24);
    expect((await statusOf()).statut.code).toBe('50');
    sim.state.advance(24);
    const paid = await statusOf();
    expect(paid.statut).toEqual({ code: '70', libelle: 'Payée' });
    expect(paid.infoVirement).toEqual({ mntVirement: 156, dateVirement: '2026-11-09' });
    const byNumber = await client.searchDemandesPaiement({ numFactureTiers: ['F-2026-000901'] });
    expect(byNumber.infoDemandePaiements).toHaveLength(1);
  });
});

describe('avance immédiate through the API: register → send → 48 h → payée; a contested request', () => {
  let sim: UrssafSimulator;
  let t: BillingTestApp;
  let famille: BillingHousehold;
  let contested: BillingHousehold;
  let apa: BillingHousehold;

  beforeAll(async () => {
    sim = await startUrssafSimulator({ clock });
    t = await createBillingTestApp({
      clock,
      env: {
        URSSAF_BASE_URL: sim.baseUrl,
        URSSAF_CLIENT_ID: sim.clientId,
        URSSAF_CLIENT_SECRET: sim.clientSecret,
        URSSAF_SIMULATOR: '1',
      },
    });
    await insertRegimes(t.db, t.fixture.orgA.id, '73282932000074');
    famille = await insertBillingHousehold(t.db, {
      organisationId: t.fixture.orgA.id,
      month: MONTH,
      tag: 'famille',
      email: 'famille-u@test.proxidom',
      visitCount: 4,
      durationMin: 90,
    });
    contested = await insertBillingHousehold(t.db, {
      organisationId: t.fixture.orgA.id,
      month: MONTH,
      tag: 'conteste',
      visitCount: 2,
      // Actual durations are billed to the minute: 2 × 55 min must reach the Urssaf with quantity × price = amount.
      durationMin: 55,
    });
    apa = await insertBillingHousehold(t.db, {
      organisationId: t.fixture.orgA.id,
      month: MONTH,
      tag: 'apa',
      visitCount: 2,
      apa: { hoursPerMonth: 10, funderShareBp: 8000 },
    });
    const coordinator = await t.login(t.fixture.orgA.accounts.coordinator);
    expect((await coordinator.request('POST', '/api/billing/runs', { month: MONTH })).json().invoices).toBe(
      3,
    );
  });
  afterAll(async () => {
    await t?.close();
    await sim?.close();
  });

  const invoiceOf = async (householdId: string) => {
    const coordinator = await t.login(t.fixture.orgA.accounts.coordinator);
    return (await coordinator.request('GET', `/api/invoices?householdId=${householdId}`)).json().items[0];
  };

  it('guards the routes: 401, 403 for a worker, 404 from another organisation', async () => {
    const invoice = await invoiceOf(famille.householdId);
    expect(
      (await t.app.inject({ method: 'POST', url: `/api/invoices/${invoice.id}/urssaf/send` })).statusCode,
    ).toBe(401);
    const worker = await t.login(t.fixture.orgA.accounts.worker);
    expect((await worker.request('POST', `/api/invoices/${invoice.id}/urssaf/send`)).statusCode).toBe(403);
    expect((await worker.request('POST', '/api/urssaf/sync')).statusCode).toBe(403);
    const other = await t.login(t.fixture.orgB.accounts.coordinator);
    expect((await other.request('POST', `/api/invoices/${invoice.id}/urssaf/send`)).statusCode).toBe(404);
    expect(
      (await other.request('POST', `/api/households/${famille.householdId}/urssaf/register`, particulier()))
        .statusCode,
    ).toBe(404);
    expect((await other.request('GET', `/api/households/${famille.householdId}/urssaf`)).statusCode).toBe(
      404,
    );
  });

  it('refuses to send before registration, and for an APA beneficiary', async () => {
    const coordinator = await t.login(t.fixture.orgA.accounts.coordinator);
    const before = await coordinator.request(
      'POST',
      `/api/invoices/${(await invoiceOf(famille.householdId)).id}/urssaf/send`,
    );
    expect(before.statusCode).toBe(422);
    expect(before.json().detail).toContain("n'est pas inscrit");
    await coordinator.request(
      'POST',
      `/api/households/${apa.householdId}/urssaf/register`,
      particulier({ prenoms: 'Paul' }),
    );
    const apaSend = await coordinator.request(
      'POST',
      `/api/invoices/${(await invoiceOf(apa.householdId)).id}/urssaf/send`,
    );
    expect(apaSend.statusCode).toBe(422);
    expect(apaSend.json().detail).toContain('APA');
  });

  it('registers the household, sends its invoice, 48 h pass, and the invoice is paid; the household sees both halves', async () => {
    const coordinator = await t.login(t.fixture.orgA.accounts.coordinator);
    const bad = await coordinator.request(
      'POST',
      `/api/households/${famille.householdId}/urssaf/register`,
      particulier({ numeroTelephonePortable: '0238000000' }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('numeroTelephonePortable');
    const registered = await coordinator.request(
      'POST',
      `/api/households/${famille.householdId}/urssaf/register`,
      particulier(),
    );
    expect(registered.statusCode).toBe(201);
    const invoice = await invoiceOf(famille.householdId);
    const sent = await coordinator.request('POST', `/api/invoices/${invoice.id}/urssaf/send`);
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({
      statusCode: '20',
      statusLabel: 'En attente de validation',
      householdPartCents: 7_800,
      advanceCents: 7_800,
    });
    expect((await coordinator.request('POST', `/api/invoices/${invoice.id}/urssaf/send`)).statusCode).toBe(
      409,
    );

    const own = await t.login('famille-u@test.proxidom');
    let mine = (await own.request('GET', '/api/me/invoices')).json().items[0];
    expect(mine).toMatchObject({
      status: 'issued',
      paidNowCents: 7_800,
      paidByUrssafCents: 7_800,
      avanceImmediate: { statusCode: '20' },
    });

    const after48 = (
      await coordinator.request('POST', '/api/urssaf/simulator/advance', { hours: 48 })
    ).json();
    expect(after48.changed).toBe(1);
    await coordinator.request('POST', '/api/urssaf/simulator/advance', { hours: 48 });
    mine = (await own.request('GET', '/api/me/invoices')).json().items[0];
    expect(mine).toMatchObject({
      status: 'paid',
      statusLabel: 'Payée',
      paymentMeans: 'avance_immediate',
      avanceImmediate: { statusCode: '70', statusLabel: 'Payée', transferAmountCents: 15_600 },
    });
    expect(mine.payments).toEqual([
      expect.objectContaining({ means: 'avance_immediate', amountCents: 15_600, householdPartCents: 7_800 }),
    ]);

    await coordinator.request('POST', '/api/billing/tax-certificates', { year: 2026 });
    const certificate = (await own.request('GET', '/api/me/tax-certificates')).json().items[0];
    expect(certificate).toMatchObject({
      totalInvoicedCents: 15_600,
      avanceImmediateCents: 7_800,
      spendingNetOfAidsCents: 15_600,
      amountPaidByClientCents: 7_800,
    });
  });

  it('a contested request ends « Refusée » with the reason code, and the invoice stays due', async () => {
    const coordinator = await t.login(t.fixture.orgA.accounts.coordinator);
    await coordinator.request(
      'POST',
      `/api/households/${contested.householdId}/urssaf/register`,
      particulier({ prenoms: 'Marc', adresseMail: 'marc@example.org' }),
    );
    const invoice = await invoiceOf(contested.householdId);
    expect((await coordinator.request('POST', `/api/invoices/${invoice.id}/urssaf/send`)).statusCode).toBe(
      201,
    );
    await coordinator.request('POST', `/api/urssaf/simulator/households/${contested.householdId}/answer`, {
      answer: 'contester',
      code: 'CONTEST_FACT_REGLEE',
    });
    const requests = (await coordinator.request('GET', '/api/urssaf/payment-requests')).json().items;
    expect(requests.find((r: { invoiceId: string }) => r.invoiceId === invoice.id)).toMatchObject({
      statusCode: '40',
      statusLabel: 'Refusée',
      rejectionCode: 'CONTEST_FACT_REGLEE',
      rejectionLabel: 'Facture contestée : déjà réglée',
    });
    expect((await invoiceOf(contested.householdId)).status).toBe('issued');
    const again = await coordinator.request('POST', `/api/invoices/${invoice.id}/urssaf/send`);
    expect(again.statusCode).toBe(422);
    expect(again.json().detail).toContain('avoir');
    // Nothing is left in progress: the periodic job has no organisation to read.
    expect(await t.app.services.urssaf.syncAll()).toEqual({ organisations: 0, paid: 0, failed: 0 });
  });
});
