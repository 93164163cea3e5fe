import { sql } from 'drizzle-orm';
import { tenantColumns } from './columns';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './identity';
import { organisations } from './organisations';
import { beneficiaries, households, visits, workers } from './care';

/**
 * The last invoice number used per organisation and year. Taken with `SELECT … FOR UPDATE` and incremented in
 * the transaction that inserts the invoice: a transaction that dies rolls back both, so numbers have no gap.
 */
export const invoiceSequences = pgTable(
  'invoice_sequences',
  {
    organisationId: uuid('organisation_id')
      .notNull()
      .references(() => organisations.id, { onDelete: 'cascade' }),
    year: smallint('year').notNull(),
    lastNumber: integer('last_number').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.year] })],
);

/** One invoicing of a month for an organisation; a re-run of the same month continues the same row. */
export const billingRuns = pgTable(
  'billing_runs',
  {
    ...tenantColumns(),
    /** `YYYY-MM`. */
    month: text('month').notNull(),
    /** running, completed, failed. */
    status: text('status').notNull().default('running'),
    invoiceCount: integer('invoice_count').notNull().default(0),
    visitCount: integer('visit_count').notNull().default(0),
    totalCents: integer('total_cents').notNull().default(0),
    error: text('error'),
    startedBy: uuid('started_by').references(() => users.id, { onDelete: 'set null' }),
    startedAt: timestamp('started_at', { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('billing_runs_organisation_month_idx').on(t.organisationId, t.month)],
);

/**
 * An invoice or a credit note. Amounts are euro cents, fixed at issue (a trigger refuses any later change of
 * them); only the payment status and means move. `snapshot` keeps the organisation's and household's identity
 * as printed, so the PDF is regenerated identically from stored data.
 */
export const invoices = pgTable(
  'invoices',
  {
    ...tenantColumns(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    billingRunId: uuid('billing_run_id').references(() => billingRuns.id, { onDelete: 'set null' }),
    /** `F-2026-000123`, unbroken per organisation and year of issue (invoices and credit notes share it). */
    number: text('number').notNull(),
    /** invoice, credit_note. */
    kind: text('kind').notNull().default('invoice'),
    /** For a credit note: the invoice it cancels. */
    creditedInvoiceId: uuid('credited_invoice_id'),
    creditReason: text('credit_reason'),
    /** `YYYY-MM` of the services. */
    month: text('month').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
    totalTtcCents: integer('total_ttc_cents').notNull(),
    totalHtCents: integer('total_ht_cents').notNull(),
    totalVatCents: integer('total_vat_cents').notNull(),
    /** APA/PCH share billed to the département, deducted from what the household owes. */
    apaCents: integer('apa_cents').notNull().default(0),
    pchCents: integer('pch_cents').notNull().default(0),
    /** Département paying the APA/PCH share (code, e.g. « 45 »), null when none. */
    departementCode: text('departement_code'),
    /** What the household owes: total TTC − APA − PCH. */
    householdShareCents: integer('household_share_cents').notNull(),
    /** issued, paid, partially_paid, cancelled_by_credit_note (a credit note stays issued). */
    status: text('status').notNull().default('issued'),
    /** Means of the payments received (the last one when several), null while unpaid. */
    paymentMeans: text('payment_means'),
    /** {organisation: {...}, household: {...}} as printed. */
    snapshot: jsonb('snapshot').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('invoices_organisation_number_idx').on(t.organisationId, t.number),
    index('invoices_organisation_month_idx').on(t.organisationId, t.month),
    index('invoices_household_idx').on(t.householdId),
  ],
);

/**
 * One visit invoiced. A visit is on at most one line of a live invoice (partial unique index on visit_id where the
 * line is not credited): a run never bills twice; once a credit note cancels the invoice, its lines are marked
 * credited (by the database, when the invoice's status becomes cancelled_by_credit_note) and the visit can be
 * invoiced again.
 */
export const invoiceLines = pgTable(
  'invoice_lines',
  {
    ...tenantColumns(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    /** Null on credit-note lines (they copy the invoice's lines with opposite amounts). */
    visitId: uuid('visit_id').references(() => visits.id, { onDelete: 'set null' }),
    beneficiaryId: uuid('beneficiary_id').references(() => beneficiaries.id, { onDelete: 'set null' }),
    beneficiaryName: text('beneficiary_name').notNull(),
    /** Local date (Europe/Paris) and start time « HH:MM » of the visit. */
    serviceDate: date('service_date').notNull(),
    startTime: text('start_time').notNull(),
    workerId: uuid('worker_id').references(() => workers.id, { onDelete: 'set null' }),
    /** The intervenant's identification number in the staff register, as printed. */
    workerRef: text('worker_ref').notNull(),
    workerName: text('worker_name').notNull(),
    activityCode: text('activity_code').notNull(),
    activityLabel: text('activity_label').notNull(),
    mode: text('mode').notNull(),
    durationMin: integer('duration_min').notNull(),
    hourlyPriceTtcCents: integer('hourly_price_ttc_cents').notNull(),
    amountTtcCents: integer('amount_ttc_cents').notNull(),
    amountHtCents: integer('amount_ht_cents').notNull(),
    vatRateBp: integer('vat_rate_bp').notNull(),
    vatCents: integer('vat_cents').notNull(),
    /** The APA or PCH share of this line, billed to the département. */
    funder: text('funder'),
    funderCents: integer('funder_cents').notNull().default(0),
    /** True once the line's invoice is cancelled by a credit note (set by trigger, never back to false). */
    isCredited: boolean('is_credited').notNull().default(false),
  },
  (t) => [
    uniqueIndex('invoice_lines_live_visit_idx')
      .on(t.visitId)
      .where(sql`${t.visitId} is not null and not ${t.isCredited}`),
    index('invoice_lines_visit_idx').on(t.visitId),
    index('invoice_lines_invoice_idx').on(t.invoiceId, t.position),
  ],
);

/** The APA/PCH share of a month, per organisation, département and funder (the statement sent to the département). */
export const departementStatements = pgTable(
  'departement_statements',
  {
    ...tenantColumns(),
    month: text('month').notNull(),
    departementCode: text('departement_code').notNull(),
    /** apa, pch. */
    funder: text('funder').notNull(),
    amountCents: integer('amount_cents').notNull().default(0),
    minutes: integer('minutes').notNull().default(0),
    invoiceCount: integer('invoice_count').notNull().default(0),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('departement_statements_key_idx').on(t.organisationId, t.month, t.departementCode, t.funder),
  ],
);

/** A payment received for an invoice. */
export const payments = pgTable(
  'payments',
  {
    ...tenantColumns(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    amountCents: integer('amount_cents').notNull(),
    /** transfer, card, cesu_prefinance, cash, cheque, avance_immediate. */
    means: text('means').notNull(),
    paidOn: date('paid_on').notNull(),
    /** With the avance immédiate: the part the household paid (debited by the Urssaf); the rest is the tax credit advanced. */
    householdPartCents: integer('household_part_cents'),
    recordedBy: uuid('recorded_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('payments_invoice_idx').on(t.invoiceId)],
);

/** The yearly attestation fiscale of a household for one organisation; a new batch replaces it. */
export const taxCertificates = pgTable(
  'tax_certificates',
  {
    ...tenantColumns(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    year: smallint('year').notNull(),
    totalInvoicedCents: integer('total_invoiced_cents').notNull(),
    apaCents: integer('apa_cents').notNull(),
    pchCents: integer('pch_cents').notNull(),
    cesuPrefinanceCents: integer('cesu_prefinance_cents').notNull(),
    avanceImmediateCents: integer('avance_immediate_cents').notNull(),
    spendingNetOfAidsCents: integer('spending_net_of_aids_cents').notNull(),
    amountPaidByClientCents: integer('amount_paid_by_client_cents').notNull(),
    /** Invoices left out because paid (even partly) in cash (D7233-3). */
    excludedCashCents: integer('excluded_cash_cents').notNull().default(0),
    /** {organisation, household, interventions: [{workerName, workerRef, activityCode, period, durationMin, hourlyPriceTtcCents}]} as printed. */
    content: jsonb('content').notNull(),
    issuedAt: timestamp('issued_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('tax_certificates_key_idx').on(t.organisationId, t.householdId, t.year),
    index('tax_certificates_household_idx').on(t.householdId, t.year),
  ],
);

/** A household registered with the Urssaf avance immédiate by an organisation (tiers de prestation). */
export const urssafClients = pgTable(
  'urssaf_clients',
  {
    ...tenantColumns(),
    householdId: uuid('household_id')
      .notNull()
      .references(() => households.id),
    /** The Urssaf's idClient (UUID). */
    idClient: text('id_client').notNull(),
    /** Birth date of the particulier, sent with each payment request (ISO date). */
    birthDate: date('birth_date').notNull(),
    /** registered (the particulier must still activate its account on particulier.urssaf.fr), active. */
    status: text('status').notNull().default('registered'),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('urssaf_clients_key_idx').on(t.organisationId, t.householdId)],
);

/** An invoice sent to the Urssaf as a demande de paiement, and what the Urssaf says of it. */
export const urssafPaymentRequests = pgTable(
  'urssaf_payment_requests',
  {
    ...tenantColumns(),
    invoiceId: uuid('invoice_id')
      .notNull()
      .references(() => invoices.id, { onDelete: 'cascade' }),
    idDemandePaiement: text('id_demande_paiement'),
    /** Urssaf status code (10, 20, 30, 40, 50, 60, 70, 110…), null when the request was refused at once. */
    statusCode: text('status_code'),
    statusLabel: text('status_label'),
    rejectionCode: text('rejection_code'),
    rejectionComment: text('rejection_comment'),
    /** Errors returned when the request was not accepted: [{code, message, description}]. */
    errors: jsonb('errors'),
    transferAmountCents: integer('transfer_amount_cents'),
    transferDate: date('transfer_date'),
    /** The household's part (its reste à charge) and the tax credit advanced, in cents. */
    householdPartCents: integer('household_part_cents').notNull(),
    advanceCents: integer('advance_cents').notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }).notNull(),
    checkedAt: timestamp('checked_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('urssaf_payment_requests_invoice_idx').on(t.invoiceId),
    index('urssaf_payment_requests_organisation_idx').on(t.organisationId, t.statusCode),
  ],
);
