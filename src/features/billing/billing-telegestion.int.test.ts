/**
 * Billing from the télégestion: only validated visits are invoiced, for their actual duration; a credit note
 * frees its invoice's visits, which a targeted re-run invoices again with the corrected figures, numbered next in
 * the unbroken series; the database keeps a visit off two live invoices and the old documents unchanged.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eq, inArray, sql } from 'drizzle-orm';
import { invoiceLines, invoices, users, workers } from '../../db/schema';
import { checkInvoiceSequence } from '../../domain/invoice';
import { createTenantScope } from '../../db/tenant-scope';
import {
  createBillingTestApp,
  insertBillingHousehold,
  insertRegimes,
  type BillingHousehold,
  type BillingTestApp,
} from './testing';

const MONTH = '2026-10';
const clock = { now: () => new Date('2026-11-05T09:00:00Z') };
/** October 2026 in Paris is UTC+2 (summer time until the 25th). */
const iso = (day: number, hhmm: string) => `2026-10-${String(day).padStart(2, '0')}T${hhmm}:00+02:00`;

type Client = Awaited<ReturnType<BillingTestApp['login']>>;
interface Line {
  visitId: string;
  durationMin: number;
  amountTtcCents: number;
}

describe('billing reads the télégestion: validated visits only, re-invoicing after a credit note', () => {
  let t: BillingTestApp;
  let worker: Client;
  let coordinator: Client;
  /** Visits of the 2nd to the 7th of October at 09:00, 60 min planned, 26 €/h. */
  let family: BillingHousehold;
  let neighbour: BillingHousehold;

  beforeAll(async () => {
    t = await createBillingTestApp({ clock });
    await insertRegimes(t.db, t.fixture.orgA.id, '73282932000074');
    const [user] = await t.db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, t.fixture.orgA.accounts.worker));
    const workerId = t.fixture.orgA.workerIds[0]!;
    await t.db.update(workers).set({ userId: user!.id }).where(eq(workers.id, workerId));
    const planned = {
      organisationId: t.fixture.orgA.id,
      month: MONTH,
      durationMin: 60,
      hourlyPriceCents: 2_600,
      status: 'planned' as const,
      workerId,
    };
    family = await insertBillingHousehold(t.db, { ...planned, tag: 'pointée', visitCount: 6 });
    neighbour = await insertBillingHousehold(t.db, { ...planned, tag: 'voisine', visitCount: 1 });
    worker = await t.login(t.fixture.orgA.accounts.worker);
    coordinator = await t.login(t.fixture.orgA.accounts.coordinator);
  });

  afterAll(async () => {
    await t?.close();
  });

  const point = async (visitId: string, kind: 'check-in' | 'check-out', at: string) => {
    const response = await worker.request('POST', `/api/visits/${visitId}/${kind}`, {
      at,
      idempotencyKey: `${visitId}-${kind}`,
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<{ visit: { validationStatus: string } }>().visit;
  };
  const invoicesOf = async (householdId: string) =>
    (await coordinator.request('GET', `/api/invoices?householdId=${householdId}`)).json<{
      items: { id: string; number: string; status: string; totalTtcCents: number }[];
    }>().items;
  const linesOf = async (invoiceId: string): Promise<Line[]> =>
    (await coordinator.request('GET', `/api/invoices/${invoiceId}`)).json<{ lines: Line[] }>().lines;

  it('invoices only the visits validated through the télégestion, for their actual duration', async () => {
    const [v0, v1, v2, v3, v4] = family.visitIds as [string, string, string, string, string, string];
    // v0: on time, 55 minutes (within the tolerances): valid by itself.
    await point(v0, 'check-in', iso(2, '09:02'));
    expect((await point(v0, 'check-out', iso(2, '09:57'))).validationStatus).toBe('valid');
    // v1: 30 minutes (too short): an anomaly the coordinator validates in the queue.
    await point(v1, 'check-in', iso(3, '09:00'));
    expect((await point(v1, 'check-out', iso(3, '09:30'))).validationStatus).toBe('anomaly');
    expect(
      (
        await coordinator.request('POST', `/api/telegestion/anomalies/${v1}/validate`, {
          reason: 'Personne hospitalisée en fin de visite',
        })
      ).statusCode,
    ).toBe(200);
    // v2: 20 minutes, left in the queue: not billed.
    await point(v2, 'check-in', iso(4, '09:00'));
    await point(v2, 'check-out', iso(4, '09:20'));
    // v3: checked in, never out: not billed.
    await point(v3, 'check-in', iso(5, '09:00'));
    // v4: no check at all (phone forgotten), corrected by the coordinator with the family's times: billed.
    const corrected = await coordinator.request('POST', `/api/telegestion/anomalies/${v4}/correct`, {
      actualStart: iso(6, '09:10'),
      actualEnd: iso(6, '10:10'),
      reason: 'Téléphone oublié ; heures confirmées par la famille',
    });
    expect(corrected.statusCode, corrected.body).toBe(200);
    // v5 was missed: never checked, never reviewed.

    const run = await coordinator.request('POST', '/api/billing/runs', { month: MONTH });
    expect(run.statusCode, run.body).toBe(200);
    expect(run.json()).toMatchObject({ status: 'completed', invoices: 1, visits: 3, issuedNow: 1 });
    const [invoice] = await invoicesOf(family.householdId);
    expect(invoice!.number).toBe('F-2026-000001');
    const lines = await linesOf(invoice!.id);
    expect(lines.map((l) => [l.visitId, l.durationMin, l.amountTtcCents])).toEqual([
      [v0, 55, 2_383],
      [v1, 30, 1_300],
      [v4, 60, 2_600],
    ]);
    expect(invoice!.totalTtcCents).toBe(2_383 + 1_300 + 2_600);
    // The neighbour's visit was never pointed: no invoice.
    expect(await invoicesOf(neighbour.householdId)).toEqual([]);
  });

  it('a credit note frees the invoice’s visits: corrected, they are invoiced again with the next number; old documents unchanged', async () => {
    const [v0, v1, v2] = family.visitIds as [string, string, string];
    const [original] = await invoicesOf(family.householdId);
    const note = await coordinator.request('POST', `/api/invoices/${original!.id}/credit-note`, {
      reason: 'Durées à corriger',
    });
    expect(note.statusCode).toBe(201);
    expect(note.json().number).toBe('F-2026-000002');
    const documents = async () => ({
      invoices: await t.db
        .select()
        .from(invoices)
        .where(inArray(invoices.id, [original!.id, note.json().id]))
        .orderBy(invoices.number),
      lines: await t.db
        .select()
        .from(invoiceLines)
        .where(inArray(invoiceLines.invoiceId, [original!.id, note.json().id]))
        .orderBy(invoiceLines.invoiceId, invoiceLines.position),
    });
    const before = await documents();
    expect(before.invoices.map((i) => i.status)).toEqual(['cancelled_by_credit_note', 'issued']);
    // The database credited the cancelled invoice's lines with it.
    expect(before.lines.filter((l) => l.invoiceId === original!.id).every((l) => l.isCredited)).toBe(true);

    // The coordinator corrects v0 (the family confirms a full hour) and v2 (left in the queue until now).
    for (const [visitId, day] of [
      [v0, 2],
      [v2, 4],
    ] as const) {
      const response = await coordinator.request('POST', `/api/telegestion/anomalies/${visitId}/correct`, {
        actualStart: iso(day, '09:00'),
        actualEnd: iso(day, '10:00'),
        reason: 'Heures confirmées par la famille',
      });
      expect(response.statusCode, response.body).toBe(200);
    }

    // A re-run for this household only: the neighbour is left for the monthly run.
    const rerun = await coordinator.request('POST', '/api/billing/runs', {
      month: MONTH,
      householdId: family.householdId,
    });
    expect(rerun.statusCode, rerun.body).toBe(200);
    expect(rerun.json()).toMatchObject({ status: 'completed', issuedNow: 1, invoices: 1 });
    const items = await invoicesOf(family.householdId);
    const fresh = items.find((i) => i.number === 'F-2026-000003')!;
    expect(fresh.status).toBe('issued');
    expect((await linesOf(fresh.id)).map((l) => [l.visitId, l.durationMin, l.amountTtcCents])).toEqual([
      [v0, 60, 2_600],
      [v1, 30, 1_300],
      [v2, 60, 2_600],
      [family.visitIds[4], 60, 2_600],
    ]);
    expect(fresh.totalTtcCents).toBe(9_100);
    expect(await documents()).toEqual(before);
    const scope = createTenantScope(t.db, t.fixture.orgA.id);
    expect(checkInvoiceSequence(await t.app.services.billing.listInvoiceNumbers(scope))).toEqual({
      gaps: [],
      duplicates: [],
      invalid: [],
    });

    // Nothing left to bill for the family; the run of the month finds nothing more either.
    const again = (await coordinator.request('POST', '/api/billing/runs', { month: MONTH })).json();
    expect(again).toMatchObject({ issuedNow: 0, invoices: 1 });
  });

  it('the database keeps a visit off two live invoices and a cancelled invoice cancelled', async () => {
    const items = await invoicesOf(family.householdId);
    const original = items.find((i) => i.number === 'F-2026-000001')!;
    const fresh = items.find((i) => i.number === 'F-2026-000003')!;
    // A second live line for a visit already on the live invoice: refused by the partial unique index.
    await expect(
      t.db
        .execute(sql`insert into invoice_lines (organisation_id, invoice_id, position, visit_id, beneficiary_name, service_date, start_time, worker_ref, worker_name,
        activity_code, activity_label, mode, duration_min, hourly_price_ttc_cents, amount_ttc_cents, amount_ht_cents, vat_rate_bp, vat_cents)
        select organisation_id, ${original.id}, 99, visit_id, beneficiary_name, service_date, start_time, worker_ref, worker_name, activity_code, activity_label,
          mode, duration_min, hourly_price_ttc_cents, amount_ttc_cents, amount_ht_cents, vat_rate_bp, vat_cents
        from invoice_lines where invoice_id = ${fresh.id} and position = 0`),
    ).rejects.toThrow();
    // A cancelled invoice cannot come back to life, nor its lines; a live invoice's lines are not credited by hand.
    await expect(
      t.db.execute(sql`update invoices set status = 'issued' where id = ${original.id}`),
    ).rejects.toThrow();
    await expect(
      t.db.execute(sql`update invoice_lines set is_credited = false where invoice_id = ${original.id}`),
    ).rejects.toThrow();
    await expect(
      t.db.execute(sql`update invoice_lines set is_credited = true where invoice_id = ${fresh.id}`),
    ).rejects.toThrow();
    // Payment states still move on a live invoice.
    await t.db.execute(sql`update invoices set status = 'partially_paid' where id = ${fresh.id}`);
    await t.db.execute(sql`update invoices set status = 'issued' where id = ${fresh.id}`);
  });

  it('refuses a targeted run for a household that is not a valid id', async () => {
    const response = await coordinator.request('POST', '/api/billing/runs', {
      month: MONTH,
      householdId: 'pas-un-id',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors.map((e: { field: string }) => e.field)).toEqual(['householdId']);
  });
});
