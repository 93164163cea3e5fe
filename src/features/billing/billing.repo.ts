/**
 * Billing's SQL, on billing's own tables only: invoices, their lines and sequences, runs, payments, département
 * statements, tax certificates. What billing needs of other features comes from their services, composed by the
 * billing service: the validated visits from visits, the APA/PCH plans and households' identities from care, the
 * organisation's identity and names from directory, the demo account's organisation from accounts.
 */
import { and, asc, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { TenantScope } from '../../db/tenant-scope';
import {
  billingRuns,
  departementStatements,
  invoiceLines,
  invoiceSequences,
  invoices,
  payments,
  taxCertificates,
} from '../../db/schema';
import type { DraftLine } from './billing-rules';

export type InvoiceRow = typeof invoices.$inferSelect;
export type InvoiceLineRow = typeof invoiceLines.$inferSelect;
export type PaymentRow = typeof payments.$inferSelect;
export type BillingRunRow = typeof billingRuns.$inferSelect;
export type TaxCertificateRow = typeof taxCertificates.$inferSelect;

/** Columns of an invoice whose value is fixed at issue (the trigger of migration `billing` says the same). */
export const IMMUTABLE_INVOICE_COLUMNS = [
  'number',
  'kind',
  'organisationId',
  'householdId',
  'month',
  'issuedAt',
  'totalTtcCents',
  'totalHtCents',
  'totalVatCents',
  'apaCents',
  'pchCents',
  'householdShareCents',
  'snapshot',
  'creditedInvoiceId',
] as const;

// ---------------------------------------------------------------- what to bill

/**
 * Visits of a month already on a live invoice (a line not credited): they are not billed again. The visits
 * themselves come from the télégestion (visits service); a credit note frees its invoice's visits.
 */
export async function findInvoicedVisitIds(
  scope: TenantScope,
  month: string,
  householdId?: string,
): Promise<Set<string>> {
  const rows = await scope.db
    .select({ visitId: invoiceLines.visitId })
    .from(invoiceLines)
    .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
    .where(
      scope.where(
        invoices,
        eq(invoices.month, month),
        eq(invoices.kind, 'invoice'),
        householdId ? eq(invoices.householdId, householdId) : undefined,
        isNotNull(invoiceLines.visitId),
        eq(invoiceLines.isCredited, false),
      ),
    );
  return new Set(rows.map((r) => r.visitId!));
}

// ---------------------------------------------------------------- runs

/** The run of this month, created when missing; a re-run continues it. */
export async function startRun(
  scope: TenantScope,
  month: string,
  userId: string | null,
  now: Date,
): Promise<BillingRunRow> {
  const [row] = await scope.db
    .insert(billingRuns)
    .values(scope.own({ month, status: 'running', startedBy: userId, startedAt: now }))
    .onConflictDoUpdate({
      target: [billingRuns.organisationId, billingRuns.month],
      set: { status: 'running', error: null, startedBy: userId, startedAt: now, finishedAt: null },
    })
    .returning();
  return row!;
}

/** An invoice not cancelled by a credit note. */
const isLive = sql`${invoices.status} <> 'cancelled_by_credit_note'`;

export async function finishRun(
  scope: TenantScope,
  runId: string,
  status: 'completed' | 'failed',
  now: Date,
  error: string | null = null,
): Promise<BillingRunRow> {
  const [counts] = await scope.db
    .select({
      invoiceCount: sql<number>`count(distinct ${invoices.id})::int`,
      totalCents: sql<number>`coalesce(sum(${invoices.totalTtcCents}), 0)::int`,
    })
    .from(invoices)
    .where(scope.where(invoices, eq(invoices.billingRunId, runId), eq(invoices.kind, 'invoice'), isLive));
  const [lines] = await scope.db
    .select({ visitCount: sql<number>`count(*)::int` })
    .from(invoiceLines)
    .innerJoin(invoices, eq(invoices.id, invoiceLines.invoiceId))
    .where(scope.where(invoices, eq(invoices.billingRunId, runId), eq(invoices.kind, 'invoice'), isLive));
  const [row] = await scope.db
    .update(billingRuns)
    .set({
      status,
      finishedAt: now,
      error,
      invoiceCount: counts!.invoiceCount,
      totalCents: counts!.totalCents,
      visitCount: lines!.visitCount,
    })
    .where(scope.where(billingRuns, eq(billingRuns.id, runId)))
    .returning();
  return row!;
}

export async function findRunOfMonth(scope: TenantScope, month: string): Promise<BillingRunRow | undefined> {
  const [row] = await scope.db.select().from(billingRuns).where(scope.where(billingRuns, eq(billingRuns.month, month)));
  return row;
}

export async function findRuns(scope: TenantScope) {
  return scope.db.select().from(billingRuns).where(scope.where(billingRuns)).orderBy(desc(billingRuns.month));
}

// ---------------------------------------------------------------- issuing

export interface InvoiceToIssue {
  householdId: string;
  kind: 'invoice' | 'credit_note';
  month: string;
  billingRunId: string | null;
  creditedInvoiceId?: string | null;
  creditReason?: string | null;
  totalTtcCents: number;
  totalHtCents: number;
  totalVatCents: number;
  apaCents: number;
  pchCents: number;
  departementCode: string | null;
  householdShareCents: number;
  snapshot: unknown;
  lines: (Omit<DraftLine, 'visitId' | 'funder' | 'beneficiaryId'> & {
    visitId: string | null;
    beneficiaryId: string | null;
    funder: string | null;
  })[];
}

/**
 * Issues invoices inside the caller's transaction: takes the organisation's sequence row for the year with
 * `SELECT … FOR UPDATE`, numbers the invoices after it and stores the new last number. Rolled back together.
 */
export async function issueInvoices(
  tx: TenantScope,
  year: number,
  issuedAt: Date,
  batch: InvoiceToIssue[],
  formatNumber: (seq: number) => string,
): Promise<InvoiceRow[]> {
  if (batch.length === 0) return [];
  await tx.db
    .insert(invoiceSequences)
    .values({ organisationId: tx.organisationId, year, lastNumber: 0 })
    .onConflictDoNothing();
  const [seq] = await tx.db
    .select({ lastNumber: invoiceSequences.lastNumber })
    .from(invoiceSequences)
    .where(and(eq(invoiceSequences.organisationId, tx.organisationId), eq(invoiceSequences.year, year)))
    .for('update');
  const first = seq!.lastNumber + 1;
  const inserted = await tx.db
    .insert(invoices)
    .values(
      batch.map((b, i) =>
        tx.own({
          householdId: b.householdId,
          billingRunId: b.billingRunId,
          number: formatNumber(first + i),
          kind: b.kind,
          creditedInvoiceId: b.creditedInvoiceId ?? null,
          creditReason: b.creditReason ?? null,
          month: b.month,
          issuedAt,
          totalTtcCents: b.totalTtcCents,
          totalHtCents: b.totalHtCents,
          totalVatCents: b.totalVatCents,
          apaCents: b.apaCents,
          pchCents: b.pchCents,
          departementCode: b.departementCode,
          householdShareCents: b.householdShareCents,
          status: b.kind === 'invoice' && b.householdShareCents === 0 ? 'paid' : 'issued',
          snapshot: b.snapshot,
        }),
      ),
    )
    .returning();
  const byNumber = new Map(inserted.map((r) => [r.number, r]));
  // Lines go in as one JSON document per insert: building thousands of bound parameters costs more than the insert.
  const lineRows = batch.flatMap((b, i) => {
    const invoiceId = byNumber.get(formatNumber(first + i))!.id;
    return b.lines.map((l, position) => ({
      organisation_id: tx.organisationId,
      invoice_id: invoiceId,
      position,
      visit_id: l.visitId,
      beneficiary_id: l.beneficiaryId,
      beneficiary_name: l.beneficiaryName,
      service_date: l.serviceDate,
      start_time: l.startTime,
      worker_id: l.workerId,
      worker_ref: l.workerRef,
      worker_name: l.workerName,
      activity_code: l.activityCode,
      activity_label: l.activityLabel,
      mode: l.mode,
      duration_min: l.durationMin,
      hourly_price_ttc_cents: l.hourlyPriceTtcCents,
      amount_ttc_cents: l.amountTtcCents,
      amount_ht_cents: l.amountHtCents,
      vat_rate_bp: l.vatRateBp,
      vat_cents: l.vatCents,
      funder: l.funder,
      funder_cents: l.funderCents,
    }));
  });
  for (let i = 0; i < lineRows.length; i += 5000) {
    await tx.db.execute(sql`
      insert into invoice_lines (organisation_id, invoice_id, position, visit_id, beneficiary_id, beneficiary_name, service_date, start_time,
        worker_id, worker_ref, worker_name, activity_code, activity_label, mode, duration_min, hourly_price_ttc_cents, amount_ttc_cents,
        amount_ht_cents, vat_rate_bp, vat_cents, funder, funder_cents)
      select organisation_id, invoice_id, position, visit_id, beneficiary_id, beneficiary_name, service_date, start_time,
        worker_id, worker_ref, worker_name, activity_code, activity_label, mode, duration_min, hourly_price_ttc_cents, amount_ttc_cents,
        amount_ht_cents, vat_rate_bp, vat_cents, funder, funder_cents
      from jsonb_to_recordset(${JSON.stringify(lineRows.slice(i, i + 5000))}::jsonb) as x(organisation_id uuid, invoice_id uuid, position int,
        visit_id uuid, beneficiary_id uuid, beneficiary_name text, service_date date, start_time text, worker_id uuid, worker_ref text,
        worker_name text, activity_code text, activity_label text, mode text, duration_min int, hourly_price_ttc_cents int,
        amount_ttc_cents int, amount_ht_cents int, vat_rate_bp int, vat_cents int, funder text, funder_cents int)`);
  }
  await tx.db
    .update(invoiceSequences)
    .set({ lastNumber: first + batch.length - 1 })
    .where(and(eq(invoiceSequences.organisationId, tx.organisationId), eq(invoiceSequences.year, year)));
  return batch.map((_, i) => byNumber.get(formatNumber(first + i))!);
}

/** Adds the APA/PCH shares of invoices to the month's statements (negative amounts for credit notes). */
export async function addToStatements(
  tx: TenantScope,
  month: string,
  shares: {
    departementCode: string;
    funder: string;
    amountCents: number;
    minutes: number;
    invoices: number;
  }[],
  now: Date,
): Promise<void> {
  for (const s of shares) {
    await tx.db
      .insert(departementStatements)
      .values(
        tx.own({
          month,
          departementCode: s.departementCode,
          funder: s.funder,
          amountCents: s.amountCents,
          minutes: s.minutes,
          invoiceCount: s.invoices,
          updatedAt: now,
        }),
      )
      .onConflictDoUpdate({
        target: [
          departementStatements.organisationId,
          departementStatements.month,
          departementStatements.departementCode,
          departementStatements.funder,
        ],
        set: {
          amountCents: sql`${departementStatements.amountCents} + ${s.amountCents}`,
          minutes: sql`${departementStatements.minutes} + ${s.minutes}`,
          invoiceCount: sql`${departementStatements.invoiceCount} + ${s.invoices}`,
          updatedAt: now,
        },
      });
  }
}

export async function findStatements(scope: TenantScope, month: string | undefined) {
  return scope.db
    .select()
    .from(departementStatements)
    .where(scope.where(departementStatements, month ? eq(departementStatements.month, month) : undefined))
    .orderBy(
      desc(departementStatements.month),
      asc(departementStatements.departementCode),
      asc(departementStatements.funder),
    );
}

// ---------------------------------------------------------------- reading invoices

export async function findInvoices(
  scope: TenantScope,
  filter: { month?: string; householdId?: string; limit: number; offset: number },
) {
  const where = scope.where(
    invoices,
    filter.month ? eq(invoices.month, filter.month) : undefined,
    filter.householdId ? eq(invoices.householdId, filter.householdId) : undefined,
  );
  const [count] = await scope.db
    .select({ total: sql<number>`count(*)::int` })
    .from(invoices)
    .where(where);
  const items = await scope.db
    .select()
    .from(invoices)
    .where(where)
    .orderBy(desc(invoices.issuedAt), desc(invoices.number))
    .limit(filter.limit)
    .offset(filter.offset);
  return { total: count!.total, items };
}

export async function findInvoice(scope: TenantScope, id: string): Promise<InvoiceRow | undefined> {
  const [row] = await scope.db
    .select()
    .from(invoices)
    .where(scope.where(invoices, eq(invoices.id, id)));
  return row;
}

/** An invoice by id, whoever issued it (for the household's own reads; the caller checks the household). */
export async function findInvoiceAnyOrganisation(db: Executor, id: string): Promise<InvoiceRow | undefined> {
  const [row] = await db.select().from(invoices).where(eq(invoices.id, id));
  return row;
}

/** Invoices addressed to these households, whoever issued them, the latest first. */
export async function findInvoicesOfHouseholds(db: Executor, householdIds: string[]): Promise<InvoiceRow[]> {
  if (householdIds.length === 0) return [];
  return db
    .select()
    .from(invoices)
    .where(inArray(invoices.householdId, householdIds))
    .orderBy(desc(invoices.issuedAt), desc(invoices.number));
}

export async function findLines(db: Executor, invoiceIds: string[]): Promise<InvoiceLineRow[]> {
  if (invoiceIds.length === 0) return [];
  return db
    .select()
    .from(invoiceLines)
    .where(inArray(invoiceLines.invoiceId, invoiceIds))
    .orderBy(asc(invoiceLines.invoiceId), asc(invoiceLines.position));
}

export async function findPayments(db: Executor, invoiceIds: string[]): Promise<PaymentRow[]> {
  if (invoiceIds.length === 0) return [];
  return db
    .select()
    .from(payments)
    .where(inArray(payments.invoiceId, invoiceIds))
    .orderBy(asc(payments.paidOn), asc(payments.createdAt));
}

export async function findInvoiceNumbers(db: Executor, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: invoices.id, number: invoices.number })
    .from(invoices)
    .where(inArray(invoices.id, ids));
  return new Map(rows.map((r) => [r.id, r.number]));
}

export async function findCreditNoteOf(
  scope: TenantScope,
  invoiceId: string,
): Promise<InvoiceRow | undefined> {
  const [row] = await scope.db
    .select()
    .from(invoices)
    .where(scope.where(invoices, eq(invoices.creditedInvoiceId, invoiceId)));
  return row;
}

/** Locks an invoice row for a change of its payment status. */
export async function lockInvoice(tx: TenantScope, id: string): Promise<InvoiceRow | undefined> {
  const [row] = await tx.db
    .select()
    .from(invoices)
    .where(tx.where(invoices, eq(invoices.id, id)))
    .for('update');
  return row;
}

/**
 * The only update an issued invoice accepts: its payment status and means. Amounts, number, household and
 * dates are refused here (and by the database trigger).
 */
export async function updateInvoicePaymentState(
  tx: TenantScope,
  id: string,
  change: { status: string; paymentMeans?: string | null },
): Promise<void> {
  await tx.db
    .update(invoices)
    .set({
      status: change.status,
      ...(change.paymentMeans === undefined ? {} : { paymentMeans: change.paymentMeans }),
    })
    .where(tx.where(invoices, eq(invoices.id, id)));
}

export async function insertPayment(
  tx: TenantScope,
  row: {
    invoiceId: string;
    amountCents: number;
    means: string;
    paidOn: string;
    householdPartCents?: number | null;
    recordedBy: string | null;
  },
): Promise<PaymentRow> {
  const [created] = await tx.db.insert(payments).values(tx.own(row)).returning();
  return created!;
}

export async function sumPayments(tx: TenantScope, invoiceId: string): Promise<number> {
  const [row] = await tx.db
    .select({ total: sql<number>`coalesce(sum(${payments.amountCents}), 0)::int` })
    .from(payments)
    .where(tx.where(payments, eq(payments.invoiceId, invoiceId)));
  return row!.total;
}

/** Every invoice number of the organisation (for the sequence check). */
export async function findAllNumbers(scope: TenantScope): Promise<string[]> {
  const rows = await scope.db.select({ number: invoices.number }).from(invoices).where(scope.where(invoices));
  return rows.map((r) => r.number);
}

/** Invoices, credit notes and payments of a month for the accounting export, by number. */
export async function findExportRows(scope: TenantScope, month: string) {
  const docs = await scope.db
    .select()
    .from(invoices)
    .where(scope.where(invoices, eq(invoices.month, month)))
    .orderBy(asc(invoices.number));
  const paid = await findPayments(
    scope.db,
    docs.map((d) => d.id),
  );
  return { docs, payments: paid };
}

// ---------------------------------------------------------------- tax certificates

/** Households the organisation invoiced during a year (by month of the services). */
export async function findInvoicedHouseholds(scope: TenantScope, year: number): Promise<string[]> {
  const rows = await scope.db
    .selectDistinct({ householdId: invoices.householdId })
    .from(invoices)
    .where(scope.where(invoices, sql`${invoices.month} like ${`${year}-%`}`, eq(invoices.kind, 'invoice')));
  return rows.map((r) => r.householdId);
}

export async function findYearInvoices(scope: TenantScope, year: number) {
  return scope.db
    .select()
    .from(invoices)
    .where(scope.where(invoices, sql`${invoices.month} like ${`${year}-%`}`, eq(invoices.kind, 'invoice')));
}

export async function upsertTaxCertificates(
  scope: TenantScope,
  rows: Omit<typeof taxCertificates.$inferInsert, 'organisationId'>[],
): Promise<number> {
  for (let i = 0; i < rows.length; i += 200) {
    await scope.db
      .insert(taxCertificates)
      .values(rows.slice(i, i + 200).map((r) => scope.own(r)))
      .onConflictDoUpdate({
        target: [taxCertificates.organisationId, taxCertificates.householdId, taxCertificates.year],
        set: {
          totalInvoicedCents: sql`excluded.total_invoiced_cents`,
          apaCents: sql`excluded.apa_cents`,
          pchCents: sql`excluded.pch_cents`,
          cesuPrefinanceCents: sql`excluded.cesu_prefinance_cents`,
          avanceImmediateCents: sql`excluded.avance_immediate_cents`,
          spendingNetOfAidsCents: sql`excluded.spending_net_of_aids_cents`,
          amountPaidByClientCents: sql`excluded.amount_paid_by_client_cents`,
          excludedCashCents: sql`excluded.excluded_cash_cents`,
          content: sql`excluded.content`,
          issuedAt: sql`excluded.issued_at`,
        },
      });
  }
  return rows.length;
}

/**
 * Certificates of households: of one organisation (staff), or of every organisation (the household); latest year
 * first (the service orders each year's by the issuing organisation's name).
 */
export async function findTaxCertificates(
  db: Executor,
  householdIds: string[],
  filter: { year?: number; organisationId?: string },
): Promise<TaxCertificateRow[]> {
  if (householdIds.length === 0) return [];
  return db
    .select()
    .from(taxCertificates)
    .where(
      and(
        inArray(taxCertificates.householdId, householdIds),
        filter.year === undefined ? undefined : eq(taxCertificates.year, filter.year),
        filter.organisationId === undefined
          ? undefined
          : eq(taxCertificates.organisationId, filter.organisationId),
      ),
    )
    .orderBy(desc(taxCertificates.year));
}

/** Whether the organisation has invoiced this household (its staff may then read the household's certificates). */
export async function hasInvoicedHousehold(scope: TenantScope, householdId: string): Promise<boolean> {
  const [row] = await scope.db
    .select({ id: invoices.id })
    .from(invoices)
    .where(scope.where(invoices, eq(invoices.householdId, householdId)))
    .limit(1);
  return row !== undefined;
}
