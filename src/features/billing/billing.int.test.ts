import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { checkInvoiceSequence, missingInvoiceMentions, type SapInvoice } from '../../domain/invoice';
import { createTenantScope } from '../../db/tenant-scope';
import { createBillingService } from './billing.service';
import { extractPdfText } from './pdf-text';
import {
  createBillingTestApp,
  insertBillingHousehold,
  insertRegimes,
  type BillingHousehold,
  type BillingTestApp,
} from './testing';

const MONTH = '2026-10';
const clock = { now: () => new Date('2026-11-05T09:00:00Z') };

describe('billing: monthly run, invoices, payments, certificates', () => {
  let t: BillingTestApp;
  let famille: BillingHousehold;
  let apaHousehold: BillingHousehold;
  let cashHousehold: BillingHousehold;
  let otherOrgHousehold: BillingHousehold;

  beforeAll(async () => {
    t = await createBillingTestApp({ clock });
  });

  afterAll(async () => {
    await t?.close();
  });

  const dbOf = () => t.db;

  it('has the fixture data in place', async () => {
    const db = dbOf();
    await insertRegimes(db, t.fixture.orgA.id, '73282932000074');
    famille = await insertBillingHousehold(db, {
      organisationId: t.fixture.orgA.id,
      month: MONTH,
      tag: 'famille',
      email: 'famille-a@test.proxidom',
      visitCount: 4,
      durationMin: 90,
      hourlyPriceCents: 2_600,
    });
    apaHousehold = await insertBillingHousehold(db, {
      organisationId: t.fixture.orgA.id,
      month: MONTH,
      tag: 'apa',
      email: 'apa-a@test.proxidom',
      visitCount: 10,
      durationMin: 60,
      hourlyPriceCents: 2_500,
      apa: { hoursPerMonth: 8, hourlyAmountCents: 2_300 },
    });
    cashHousehold = await insertBillingHousehold(db, {
      organisationId: t.fixture.orgA.id,
      month: MONTH,
      tag: 'cash',
      email: 'cash-a@test.proxidom',
      visitCount: 2,
      durationMin: 120,
      hourlyPriceCents: 2_400,
      activityCode: 'entretien-maison',
    });
    await insertBillingHousehold(db, {
      organisationId: t.fixture.orgA.id,
      month: '2026-11',
      tag: 'future',
      visitCount: 3,
      status: 'planned',
    });
    otherOrgHousehold = await insertBillingHousehold(db, {
      organisationId: t.fixture.orgB.id,
      month: MONTH,
      tag: 'b',
      email: 'foyer-b@test.proxidom',
      visitCount: 2,
    });
    expect(famille.visitIds).toHaveLength(4);
  });

  it('invoices the month: one invoice per household, numbers from F-2026-000001, APA deducted', async () => {
    const coordinator = await t.login(t.fixture.orgA.accounts.coordinator);
    const response = await coordinator.request('POST', '/api/billing/runs', { month: MONTH });
    expect(response.statusCode).toBe(200);
    const run = response.json();
    expect(run.invoices).toBe(3);
    // 4 × 1.5 h × 26 € + 10 × 1 h × 25 € + 2 × 2 h × 24 €
    expect(run.total).toBe(15_600 + 25_000 + 9_600);
    const list = (await coordinator.request('GET', `/api/invoices?month=${MONTH}`)).json();
    expect(list.items.map((i: { number: string }) => i.number).sort()).toEqual([
      'F-2026-000001',
      'F-2026-000002',
      'F-2026-000003',
    ]);
    const apa = list.items.find((i: { householdId: string }) => i.householdId === apaHousehold.householdId);
    // 8 funded hours at 23 € → 184 €, the household owes 250 − 184 = 66 €.
    expect(apa.apaCents).toBe(18_400);
    expect(apa.householdShareCents).toBe(6_600);
    expect(apa.departement).toBe('Loiret (45)');
    const statements = (
      await coordinator.request('GET', `/api/departement-statements?month=${MONTH}`)
    ).json();
    expect(statements.items).toEqual([
      expect.objectContaining({
        departementCode: '45',
        funder: 'apa',
        amountCents: 18_400,
        minutes: 480,
        invoiceCount: 1,
      }),
    ]);
  });

  it('a second run of the same month invoices nothing twice', async () => {
    const coordinator = await t.login(t.fixture.orgA.accounts.coordinator);
    const again = (await coordinator.request('POST', '/api/billing/runs', { month: MONTH })).json();
    expect(again.issuedNow).toBe(0);
    expect(again.invoices).toBe(3);
    const list = (await coordinator.request('GET', `/api/invoices?month=${MONTH}`)).json();
    expect(list.total).toBe(3);
    // The current month is not over and its visits are only planned: nothing to bill yet.
    const current = (await coordinator.request('POST', '/api/billing/runs', { month: '2026-11' })).json();
    expect(current.invoices).toBe(0);
  });

  it('prints every D7233-1 mention on the invoice and its PDF', async () => {
    const coordinator = await t.login(t.fixture.orgA.accounts.coordinator);
    const list = (
      await coordinator.request('GET', `/api/invoices?householdId=${apaHousehold.householdId}`)
    ).json();
    const invoice = (await coordinator.request('GET', `/api/invoices/${list.items[0].id}`)).json();
    const sap: SapInvoice = {
      number: invoice.number,
      issuedOn: invoice.issuedAt.slice(0, 10),
      organisation: {
        name: invoice.organisation.name,
        address: invoice.organisation.address,
        siret: invoice.organisation.siret,
        declaration: invoice.organisation.declaration,
        agrement: invoice.organisation.agrement,
        vatFranchise: invoice.organisation.vatFranchise,
      },
      beneficiary: invoice.household,
      lines: invoice.lines.map(
        (l: {
          activityCode: string;
          workerRef: string;
          hourlyPriceTtcCents: number;
          durationMin: number;
          amountTtcCents: number;
          vatRateBp: number;
        }) => ({
          activityCode: l.activityCode,
          mode: 'prestataire',
          workerId: l.workerRef,
          hourlyRateTtcCents: l.hourlyPriceTtcCents,
          durationMinutes: l.durationMin,
          priceTtcCents: l.amountTtcCents,
          vatRateBp: l.vatRateBp,
        }),
      ),
      amountPaidCents: invoice.paidCents,
      hasTravelCosts: false,
    };
    expect(missingInvoiceMentions(sap)).toEqual([]);

    const billing = t.app.services.billing;
    const scope = createTenantScope(dbOf(), t.fixture.orgA.id);
    const actor = {
      userId: 'x',
      role: 'coordinator' as const,
      organisationId: t.fixture.orgA.id,
      territoryId: null,
    };
    const { pdf } = await billing.getInvoicePdf(actor, () => scope, invoice.id, { compress: false });
    const text = extractPdfText(pdf);
    for (const expected of [
      invoice.number,
      'Structure A',
      'SIRET 73282932000074',
      'Déclaration SAP n° SAP732829320',
      'Agrément n° N/010319/F/045/Q/012',
      'Foyer apa',
      '12 rue de Bourgogne',
      'Assistance aux personnes',
      invoice.lines[0].workerRef,
      'Inès Auxiliaire apa',
      '25,00 €',
      '1 h',
      'Frais de déplacement',
      'Part APA prise en charge par le Département Loiret (45)',
      '-184,00 €',
      'Montant effectivement acquitté',
      'TVA 5,5 %',
    ])
      expect(text.replace(/\n/g, ' ')).toContain(expected);
    // The same data gives the same bytes.
    const again = await billing.getInvoicePdf(actor, () => scope, invoice.id, { compress: false });
    expect(Buffer.compare(again.pdf, pdf)).toBe(0);
  });

  it('guards every route: 401 without a session, 403 for a worker, 404 from another organisation or household', async () => {
    const coordinatorA = await t.login(t.fixture.orgA.accounts.coordinator);
    const invoiceId = (
      await coordinatorA.request('GET', `/api/invoices?householdId=${famille.householdId}`)
    ).json().items[0].id;
    const anonymous = await t.app.inject({ method: 'GET', url: `/api/invoices/${invoiceId}` });
    expect(anonymous.statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: 'POST', url: '/api/billing/runs', payload: { month: MONTH } }))
        .statusCode,
    ).toBe(401);
    const worker = await t.login(t.fixture.orgA.accounts.worker);
    for (const [method, url] of [
      ['GET', `/api/invoices/${invoiceId}`],
      ['GET', `/api/invoices/${invoiceId}/pdf`],
      ['GET', '/api/invoices'],
      ['GET', '/api/billing/runs'],
      ['GET', `/api/billing/export.csv?month=${MONTH}`],
      ['GET', '/api/departement-statements'],
    ] as const)
      expect((await worker.request(method, url)).statusCode, url).toBe(403);
    expect((await worker.request('POST', '/api/billing/runs', { month: MONTH })).statusCode).toBe(403);

    const coordinatorB = await t.login(t.fixture.orgB.accounts.coordinator);
    expect((await coordinatorB.request('GET', `/api/invoices/${invoiceId}`)).statusCode).toBe(404);
    expect((await coordinatorB.request('GET', `/api/invoices/${invoiceId}/pdf`)).statusCode).toBe(404);
    expect(
      (await coordinatorB.request('POST', `/api/invoices/${invoiceId}/credit-note`, { reason: 'Erreur' }))
        .statusCode,
    ).toBe(404);
    expect(
      (
        await coordinatorB.request('POST', `/api/invoices/${invoiceId}/payments`, {
          amountCents: 100,
          means: 'card',
          paidOn: '2026-11-06',
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (await coordinatorB.request('GET', `/api/invoices?householdId=${famille.householdId}`)).json().total,
    ).toBe(0);

    const own = await t.login('famille-a@test.proxidom');
    expect((await own.request('GET', `/api/invoices/${invoiceId}`)).statusCode).toBe(200);
    const pdf = await own.request('GET', `/api/invoices/${invoiceId}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await own.request('GET', '/api/invoices')).statusCode).toBe(403);
    const stranger = await t.login('cash-a@test.proxidom');
    expect((await stranger.request('GET', `/api/invoices/${invoiceId}`)).statusCode).toBe(404);
    expect((await stranger.request('GET', `/api/invoices/${invoiceId}/pdf`)).statusCode).toBe(404);
    const mine = (await own.request('GET', '/api/me/invoices')).json();
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([invoiceId]);
    expect((await coordinatorA.request('GET', '/api/me/invoices')).statusCode).toBe(403);
    void otherOrgHousehold;
  });

  it('refuses any change of an issued invoice’s amounts (database trigger)', async () => {
    await expect(
      dbOf().execute(sql`update invoices set total_ttc_cents = total_ttc_cents + 1`),
    ).rejects.toThrow();
    await expect(dbOf().execute(sql`update invoice_lines set amount_ttc_cents = 1`)).rejects.toThrow();
  });

  it('records payments; cash is printed and left out of the tax certificate', async () => {
    const coordinator = await t.login(t.fixture.orgA.accounts.coordinator);
    const cashInvoice = (
      await coordinator.request('GET', `/api/invoices?householdId=${cashHousehold.householdId}`)
    ).json().items[0];
    const tooMuch = await coordinator.request('POST', `/api/invoices/${cashInvoice.id}/payments`, {
      amountCents: cashInvoice.householdShareCents + 1,
      means: 'cash',
      paidOn: '2026-11-06',
    });
    expect(tooMuch.statusCode).toBe(422);
    const bad = await coordinator.request('POST', `/api/invoices/${cashInvoice.id}/payments`, {
      amountCents: 0,
      means: 'bitcoin',
      paidOn: 'hier',
    });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .errors.map((e: { field: string }) => e.field)
        .sort(),
    ).toEqual(['amountCents', 'means', 'paidOn']);
    const paid = await coordinator.request('POST', `/api/invoices/${cashInvoice.id}/payments`, {
      amountCents: cashInvoice.householdShareCents,
      means: 'cash',
      paidOn: '2026-11-06',
    });
    expect(paid.statusCode).toBe(201);
    expect(paid.json().status).toBe('paid');

    const familleInvoice = (
      await coordinator.request('GET', `/api/invoices?householdId=${famille.householdId}`)
    ).json().items[0];
    await coordinator.request('POST', `/api/invoices/${familleInvoice.id}/payments`, {
      amountCents: 10_000,
      means: 'cesu_prefinance',
      paidOn: '2026-11-06',
    });
    const rest = await coordinator.request('POST', `/api/invoices/${familleInvoice.id}/payments`, {
      amountCents: 5_600,
      means: 'transfer',
      paidOn: '2026-11-07',
    });
    expect(rest.json().status).toBe('paid');

    const billing = t.app.services.billing;
    const scope = createTenantScope(dbOf(), t.fixture.orgA.id);
    const actor = {
      userId: 'x',
      role: 'coordinator' as const,
      organisationId: t.fixture.orgA.id,
      territoryId: null,
    };
    const text = extractPdfText(
      (await billing.getInvoicePdf(actor, () => scope, cashInvoice.id, { compress: false })).pdf,
    ).replace(/\n/g, ' ');
    expect(text).toContain("Facture réglée en espèces : ce paiement n'ouvre pas droit au crédit d'impôt");

    const batch = await coordinator.request('POST', '/api/billing/tax-certificates', { year: 2026 });
    expect(batch.json().certificates).toBe(3);
    const certificates = (await coordinator.request('GET', '/api/billing/tax-certificates?year=2026')).json()
      .items;
    const cash = certificates.find(
      (c: { householdId: string }) => c.householdId === cashHousehold.householdId,
    );
    expect(cash).toMatchObject({
      totalInvoicedCents: 0,
      excludedCashCents: 9_600,
      amountPaidByClientCents: 0,
    });
    const fam = certificates.find((c: { householdId: string }) => c.householdId === famille.householdId);
    expect(fam).toMatchObject({
      totalInvoicedCents: 15_600,
      cesuPrefinanceCents: 10_000,
      spendingNetOfAidsCents: 5_600,
    });

    const own = await t.login('famille-a@test.proxidom');
    expect((await own.request('GET', '/api/me/tax-certificates')).json().items).toHaveLength(1);
    const pdf = await own.request('GET', `/api/households/${famille.householdId}/tax-certificates/2026/pdf`);
    expect(pdf.statusCode).toBe(200);
    const certText = extractPdfText(
      await billing.getTaxCertificatesPdf(actor, () => scope, famille.householdId, 2026, { compress: false }),
    ).replace(/\n/g, ' ');
    for (const expected of [
      'ATTESTATION FISCALE ANNUELLE 2026',
      'Structure A',
      'Déclaration SAP n°',
      'Foyer famille',
      'Inès Auxiliaire famille',
      'octobre 2026',
      '6 h',
      'Dont payé en CESU préfinancés',
      'ne déclarez que la part',
    ])
      expect(certText).toContain(expected);
    expect(
      (
        await (
          await t.login('cash-a@test.proxidom')
        ).request('GET', `/api/households/${famille.householdId}/tax-certificates/2026/pdf`)
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await (
          await t.login(t.fixture.orgB.accounts.coordinator)
        ).request('GET', `/api/households/${famille.householdId}/tax-certificates/2026/pdf`)
      ).statusCode,
    ).toBe(404);
  });

  it('cancels an invoice by a credit note numbered in the same series', async () => {
    const coordinator = await t.login(t.fixture.orgA.accounts.coordinator);
    const apaInvoice = (
      await coordinator.request('GET', `/api/invoices?householdId=${apaHousehold.householdId}`)
    ).json().items[0];
    const response = await coordinator.request('POST', `/api/invoices/${apaInvoice.id}/credit-note`, {
      reason: 'Heures facturées en double',
    });
    expect(response.statusCode).toBe(201);
    const note = response.json();
    expect(note).toMatchObject({
      kind: 'credit_note',
      number: 'F-2026-000004',
      creditedInvoiceNumber: apaInvoice.number,
      totalTtcCents: -apaInvoice.totalTtcCents,
    });
    expect((await coordinator.request('GET', `/api/invoices/${apaInvoice.id}`)).json().status).toBe(
      'cancelled_by_credit_note',
    );
    expect(
      (await coordinator.request('POST', `/api/invoices/${apaInvoice.id}/credit-note`, { reason: 'encore' }))
        .statusCode,
    ).toBe(409);
    const statements = (
      await coordinator.request('GET', `/api/departement-statements?month=${MONTH}`)
    ).json();
    expect(statements.items[0]).toMatchObject({ amountCents: 0, minutes: 0, invoiceCount: 0 });
    const billing = t.app.services.billing;
    const scope = createTenantScope(dbOf(), t.fixture.orgA.id);
    const actor = {
      userId: 'x',
      role: 'coordinator' as const,
      organisationId: t.fixture.orgA.id,
      territoryId: null,
    };
    const text = extractPdfText(
      (await billing.getInvoicePdf(actor, () => scope, note.id, { compress: false })).pdf,
    ).replace(/\n/g, ' ');
    expect(text).toContain(`Avoir annulant la facture n° ${apaInvoice.number}`);
  });

  it('exports the month for the accountant: `;`, BOM, one line per invoice, credit note and payment', async () => {
    const coordinator = await t.login(t.fixture.orgA.accounts.coordinator);
    const response = await coordinator.request('GET', `/api/billing/export.csv?month=${MONTH}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    const body = response.rawPayload.toString('utf8');
    expect(body.startsWith('\uFEFFType;Date;Numéro de pièce')).toBe(true);
    const lines = body.trim().split('\r\n');
    expect(lines.filter((l) => l.startsWith('Facture;'))).toHaveLength(3);
    expect(lines.filter((l) => l.startsWith('Avoir;'))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('Paiement;'))).toHaveLength(3);
    expect(lines.find((l) => l.includes('Espèces'))).toContain('96,00');
  });

  it('a run killed midway leaves no gap in the numbers and the re-run completes it', async () => {
    const db = dbOf();
    const month = '2026-09';
    const households = [];
    for (let i = 0; i < 120; i++)
      households[i] = await insertBillingHousehold(db, {
        organisationId: t.fixture.orgA.id,
        month,
        tag: `crash-${i}`,
        visitCount: 1,
      });
    const crashing = createBillingService({
      db,
      clock,
      visits: t.app.services.visits,
      care: t.app.services.care,
      directory: t.app.services.directory,
      accounts: t.app.services.accounts,
      faults: {
        beforeCommit: (batch) => {
          if (batch === 1) throw new Error('process killed');
        },
      },
    });
    const scope = createTenantScope(db, t.fixture.orgA.id);
    await expect(crashing.runMonth(scope, null, month)).rejects.toThrow('process killed');
    const coordinator = await t.login(t.fixture.orgA.accounts.coordinator);
    const runs = (await coordinator.request('GET', '/api/billing/runs')).json().items;
    expect(runs.find((r: { month: string }) => r.month === month)).toMatchObject({
      status: 'failed',
      invoices: 50,
    });
    expect(checkInvoiceSequence(await t.app.services.billing.listInvoiceNumbers(scope))).toEqual({
      gaps: [],
      duplicates: [],
      invalid: [],
    });

    // One household not billed yet (which ones the crash left out depends on the run's order) is billed on its
    // own meanwhile: the month stays failed until it is run in full.
    let unbilled: string | undefined;
    for (const h of households) {
      const invoiced = (await coordinator.request('GET', `/api/invoices?householdId=${h.householdId}`)).json().total;
      if (invoiced === 0) {
        unbilled = h.householdId;
        break;
      }
    }
    const targeted = await coordinator.request('POST', '/api/billing/runs', { month, householdId: unbilled });
    expect(targeted.json()).toMatchObject({ status: 'failed', invoices: 51, issuedNow: 1 });
    const resumed = (await coordinator.request('POST', '/api/billing/runs', { month })).json();
    expect(resumed).toMatchObject({ status: 'completed', invoices: 120, issuedNow: 69 });
    const numbers = await t.app.services.billing.listInvoiceNumbers(scope);
    expect(numbers).toHaveLength(4 + 120);
    expect(checkInvoiceSequence(numbers)).toEqual({ gaps: [], duplicates: [], invalid: [] });
  });

  it('demo: a past month of done visits is copied from the current week, then invoiced', async () => {
    const coordinator = await t.login(t.fixture.orgA.accounts.coordinator);
    const created = await coordinator.request('POST', '/api/billing/demo/done-visits', { month: '2026-08' });
    expect(created.statusCode).toBe(201);
    // The « future » household's 3 visits of the week of 2 November, on each matching weekday of August.
    expect(created.json().visits).toBeGreaterThanOrEqual(12);
    expect(
      (await coordinator.request('POST', '/api/billing/demo/done-visits', { month: '2026-08' })).statusCode,
    ).toBe(409);
    expect(
      (await coordinator.request('POST', '/api/billing/demo/done-visits', { month: '2026-12' })).statusCode,
    ).toBe(422);
    const run = (await coordinator.request('POST', '/api/billing/runs', { month: '2026-08' })).json();
    expect(run).toMatchObject({ status: 'completed', invoices: 1, visits: created.json().visits });
  });

  it('two runs of the same month at once never bill a visit twice; the loser is told so (409)', async () => {
    const month = '2026-07';
    for (let i = 0; i < 60; i++)
      await insertBillingHousehold(t.db, {
        organisationId: t.fixture.orgA.id,
        month,
        tag: `race-${i}`,
        visitCount: 1,
      });
    const scope = createTenantScope(t.db, t.fixture.orgA.id);
    const billing = t.app.services.billing;
    const results = await Promise.allSettled([
      billing.runMonth(scope, null, month),
      billing.runMonth(scope, null, month),
    ]);
    for (const r of results)
      if (r.status === 'rejected') expect((r.reason as { code?: string }).code).toBe('conflict');
    const coordinator = await t.login(t.fixture.orgA.accounts.coordinator);
    const final = (await coordinator.request('POST', '/api/billing/runs', { month })).json();
    expect(final).toMatchObject({ status: 'completed', invoices: 60, visits: 60 });
    expect(checkInvoiceSequence(await billing.listInvoiceNumbers(scope))).toEqual({
      gaps: [],
      duplicates: [],
      invalid: [],
    });
  });
});
