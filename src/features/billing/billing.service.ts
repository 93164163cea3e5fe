/**
 * Billing use cases: the monthly run (one invoice per household, numbers without gaps), credit notes,
 * payments, département statements, the accounting export, tax certificates and the household's own reads.
 */
import type { Db } from '../../db/client';
import type { TenantScope } from '../../db/tenant-scope';
import { createTenantScope } from '../../db/tenant-scope';
import type { Actor } from '../../domain/access';
import { computeTaxCertificateAmounts, formatInvoiceNumber } from '../../domain/invoice';
import type { Clock } from '../../shared/clock';
import type { AccountsService } from '../accounts/accounts.service';
import type { CareService } from '../care/care.service';
import type { DirectoryService } from '../directory/directory.service';
import type { VisitsService } from '../visits/visits.service';
import { DomainError, notFound } from '../../shared/errors';
import {
  renderInvoicePdf,
  renderTaxCertificatesPdf,
  type InvoicePrint,
  type OrganisationPrint,
  type HouseholdPrint,
  type TaxCertificatePrint,
} from './billing-pdf';
import {
  PAYMENT_MEANS_FR,
  INVOICE_STATUS_FR,
  activityLabel,
  avanceImmediateSplit,
  csvAmount,
  departementName,
  departementOf,
  draftInvoice,
  frenchDate,
  type BillableVisit,
  isVatFranchise,
  localDateTime,
  monthBounds,
  monthLabel as monthLabelOf,
  monthOf,
  paymentStatus,
  previousMonth as previousMonthOf,
  toCsv,
  type PaymentMeansCode,
} from './billing-rules';
import * as repo from './billing.repo';
import { createPdfPool } from './pdf-pool';
import type { InvoiceRow, InvoiceLineRow, PaymentRow } from './billing.repo';

/** Households invoiced per transaction: a dead process loses at most the batch in flight, never a number. */
export const HOUSEHOLDS_PER_BATCH = 50;

export interface BillingFaults {
  /** Called inside each batch's transaction before it commits; throwing aborts that batch (tests of a crash). */
  beforeCommit?: (batchIndex: number) => void;
  /** Called once a batch committed, with the invoices issued so far by this run (progress of a killed run's test). */
  afterCommit?: (batchIndex: number, issuedNow: number) => void;
}

/** What billing asks of the télégestion: the month's validated visits, and the demo's past month. */
export type BillableVisitsSource = Pick<VisitsService, 'listValidatedVisits' | 'createDemoMonth'>;

/** What billing asks of care: the APA/PCH plans of the month, the households' identities and a user's households. */
export type BillingCareSource = Pick<
  CareService,
  'listFundingPlans' | 'listHouseholdIdentities' | 'listHouseholdIdsOfUser'
>;

/** What billing asks of the directory: the organisation as its documents print it, and organisations' names. */
export type BillingDirectorySource = Pick<
  DirectoryService,
  'findOrganisationIdentity' | 'listOrganisationSummaries'
>;

/** A validated visit with what its invoice line prints. */
type BillableVisitRow = BillableVisit & { householdId: string };

export interface AvanceInfo {
  statusCode: string | null;
  statusLabel: string | null;
  householdPartCents: number;
  advanceCents: number;
  transferAmountCents: number | null;
  rejectionCode: string | null;
  rejectionComment: string | null;
}

export interface InvoiceSnapshot {
  organisation: OrganisationPrint;
  household: HouseholdPrint;
}

function addressOf(parts: {
  addressLine: string | null;
  addressComplement?: string | null;
  postalCode: string | null;
  communeName: string | null;
}): string {
  const city = [parts.postalCode, parts.communeName].filter(Boolean).join(' ');
  return (
    [parts.addressLine, parts.addressComplement, city].filter((p) => p && p.trim()).join(', ') ||
    'Adresse non renseignée'
  );
}

export function createBillingService(deps: {
  db: Db;
  clock: Clock;
  /** The visits service: only visits validated through the télégestion are billed, for their actual duration. */
  visits: BillableVisitsSource;
  care: BillingCareSource;
  directory: BillingDirectorySource;
  /** The accounts service: the organisation of the demo account (demo history only). */
  accounts: Pick<AccountsService, 'findOrganisationIdOfEmail'>;
  faults?: BillingFaults;
  /** Avance immédiate facts of invoices (from the Urssaf feature), for the household's view and the PDF. */
  avanceOf?: (invoiceIds: string[]) => Promise<Map<string, AvanceInfo>>;
}) {
  const { db, clock } = deps;
  const inTransaction = <T>(scope: TenantScope, fn: (tx: TenantScope) => Promise<T>): Promise<T> =>
    db.transaction((tx) => fn(scope.withExecutor(tx)));
  const avanceOf = (ids: string[]) =>
    deps.avanceOf ? deps.avanceOf(ids) : Promise.resolve(new Map<string, AvanceInfo>());

  async function organisationPrint(scope: TenantScope): Promise<OrganisationPrint> {
    const org = await deps.directory.findOrganisationIdentity(scope.organisationId);
    if (!org) throw notFound('Structure');
    const regime = (kind: string) => {
      const r = org.regimes.find((x) => x.kind === kind);
      return r ? { number: r.number, date: r.startsOn } : null;
    };
    return {
      name: org.name,
      address: addressOf(org),
      siret: org.siret,
      phone: org.phone,
      email: org.email,
      declaration: regime('declaration'),
      agrement: regime('agrement'),
      autorisation: regime('autorisation'),
      vatFranchise: isVatFranchise(org.legalForm),
    };
  }

  // ---------------------------------------------------------------- the monthly run

  /**
   * The visits of a month to bill: validated through the télégestion (checked in and out within the
   * tolerances, or validated or corrected by staff), at their actual start and duration, priced, and not
   * on a live invoice yet (a credit note frees its invoice's visits).
   */
  async function billableVisits(
    scope: TenantScope,
    month: string,
    householdId: string | undefined,
  ): Promise<BillableVisitRow[]> {
    const [validated, invoiced] = await Promise.all([
      deps.visits.listValidatedVisits(scope, monthBounds(month), { householdId }),
      repo.findInvoicedVisitIds(scope, month, householdId),
    ]);
    return validated.flatMap((v) =>
      v.hourlyPriceCents === null || invoiced.has(v.visitId)
        ? []
        : [
            {
              visitId: v.visitId,
              householdId: v.householdId,
              beneficiaryId: v.beneficiaryId,
              beneficiaryName: v.beneficiaryName,
              startsAt: v.actualStartAt,
              durationMin: v.actualMin,
              workerId: v.workerId,
              workerName: v.workerName,
              activityCode: v.activityCode,
              mode: v.mode,
              hourlyPriceCents: v.hourlyPriceCents,
            },
          ],
    );
  }

  /**
   * Invoices a month: every household with billable visits not yet invoiced gets one invoice. Batches of
   * households are issued in their own transactions (sequence row locked, numbers and lines inserted together),
   * so a crash leaves complete invoices and no gap; running the month again continues where it stopped, and
   * bills again the visits of invoices cancelled by a credit note since. `householdId` narrows the run to one
   * household (a targeted re-run after a credit note).
   */
  async function runMonth(
    scope: TenantScope,
    actor: Actor | null,
    month: string,
    options: { householdId?: string } = {},
  ) {
    const bounds = monthBounds(month);
    const now = clock.now();
    // A targeted re-run is not the month's run: the month keeps its state (a month that failed midway stays
    // failed until it is run in full), only its counts follow the invoices.
    const monthBefore = options.householdId ? await repo.findRunOfMonth(scope, month) : undefined;
    const run = await repo.startRun(scope, month, actor?.userId ?? null, now);
    const finish = (status: 'completed' | 'failed', error: string | null = null) =>
      monthBefore
        ? repo.finishRun(scope, run.id, monthBefore.status === 'failed' ? 'failed' : 'completed', clock.now(), monthBefore.error)
        : repo.finishRun(scope, run.id, status, clock.now(), error);
    let issuedNow = 0;
    try {
      const visits = await billableVisits(scope, month, options.householdId);
      const byHousehold = new Map<string, BillableVisitRow[]>();
      for (const v of visits) {
        const list = byHousehold.get(v.householdId);
        if (list) list.push(v);
        else byHousehold.set(v.householdId, [v]);
      }
      const householdIds = [...byHousehold.keys()];
      if (householdIds.length > 0) {
        const org = await organisationPrint(scope);
        const plans = await deps.care.listFundingPlans(
          scope,
          [...new Set(visits.map((v) => v.beneficiaryId))],
          bounds,
        );
        const plansOf = new Map<string, typeof plans>();
        for (const p of plans) plansOf.set(p.beneficiaryId, [...(plansOf.get(p.beneficiaryId) ?? []), p]);
        const identities = new Map(
          (await deps.care.listHouseholdIdentities(householdIds)).map((h) => [h.id, h]),
        );
        const year = Number(localDateTime(now).date.slice(0, 4));
        for (let b = 0; b * HOUSEHOLDS_PER_BATCH < householdIds.length; b++) {
          const ids = householdIds.slice(b * HOUSEHOLDS_PER_BATCH, (b + 1) * HOUSEHOLDS_PER_BATCH);
          const batch: repo.InvoiceToIssue[] = ids.map((householdId) => {
            const hv = byHousehold.get(householdId)!;
            const beneficiaryIds = new Set(hv.map((v) => v.beneficiaryId));
            const draft = draftInvoice(
              hv,
              [...beneficiaryIds].flatMap((id) => plansOf.get(id) ?? []),
              { vatFranchise: org.vatFranchise },
            );
            const h = identities.get(householdId);
            const snapshot: InvoiceSnapshot = {
              organisation: org,
              household: { name: h?.name ?? 'Foyer', address: h ? addressOf(h) : 'Adresse non renseignée' },
            };
            return {
              householdId,
              kind: 'invoice',
              month,
              billingRunId: run.id,
              totalTtcCents: draft.totalTtcCents,
              totalHtCents: draft.totalHtCents,
              totalVatCents: draft.totalVatCents,
              apaCents: draft.apaCents,
              pchCents: draft.pchCents,
              departementCode:
                draft.apaCents + draft.pchCents > 0 ? (departementOf(h?.communeCode) ?? '00') : null,
              householdShareCents: draft.householdShareCents,
              snapshot,
              lines: draft.lines,
            };
          });
          await inTransaction(scope, async (tx) => {
            await repo.issueInvoices(tx, year, now, batch, (seq) => formatInvoiceNumber(year, seq));
            await repo.addToStatements(tx, month, statementShares(batch), now);
            deps.faults?.beforeCommit?.(b);
          });
          issuedNow += batch.length;
          deps.faults?.afterCommit?.(b, issuedNow);
        }
      }
      const finished = await finish('completed');
      return runView(finished, issuedNow);
    } catch (error) {
      await finish('failed', error instanceof Error ? error.message.slice(0, 500) : 'erreur');
      // Two runs of the same month at once: the second to commit a batch meets the unique visit of a line.
      const text =
        error instanceof Error
          ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}`
          : '';
      if (text.includes('invoice_lines_live_visit_idx'))
        throw new DomainError(
          'conflict',
          `Une autre facturation de ${monthLabelOf(month)} est en cours : attendez qu'elle finisse puis relancez (rien n'est facturé deux fois).`,
        );
      throw error;
    }
  }

  function statementShares(batch: repo.InvoiceToIssue[]) {
    const shares = new Map<
      string,
      { departementCode: string; funder: string; amountCents: number; minutes: number; invoices: number }
    >();
    for (const inv of batch) {
      const sign = inv.kind === 'credit_note' ? -1 : 1;
      const counted = new Set<string>();
      for (const l of inv.lines) {
        if (!l.funder || l.funderCents === 0 || !inv.departementCode) continue;
        const key = `${inv.departementCode}|${l.funder}`;
        const s = shares.get(key) ?? {
          departementCode: inv.departementCode,
          funder: l.funder,
          amountCents: 0,
          minutes: 0,
          invoices: 0,
        };
        s.amountCents += l.funderCents;
        s.minutes += sign * l.durationMin;
        if (!counted.has(key)) {
          s.invoices += sign;
          counted.add(key);
        }
        shares.set(key, s);
      }
    }
    return [...shares.values()];
  }

  function runView(run: repo.BillingRunRow, issuedNow: number | null = null) {
    return {
      id: run.id,
      month: run.month,
      status: run.status,
      /** Invoices of the month's run (all passes). */
      invoices: run.invoiceCount,
      /** Their total TTC, in cents. */
      total: run.totalCents,
      totalCents: run.totalCents,
      visits: run.visitCount,
      issuedNow,
      startedAt: run.startedAt.toISOString(),
      finishedAt: run.finishedAt?.toISOString() ?? null,
      error: run.error,
    };
  }

  // ---------------------------------------------------------------- views

  async function invoiceViews(rows: InvoiceRow[], extra: { organisationNames?: Map<string, string> } = {}) {
    const ids = rows.map((r) => r.id);
    const [paid, avances, credited] = await Promise.all([
      repo.findPayments(db, ids),
      avanceOf(ids),
      repo.findInvoiceNumbers(
        db,
        rows.flatMap((r) => (r.creditedInvoiceId ? [r.creditedInvoiceId] : [])),
      ),
    ]);
    return rows.map((r) => {
      const own = paid.filter((p) => p.invoiceId === r.id);
      const paidCents = own.reduce((s, p) => s + p.amountCents, 0);
      const avance = avances.get(r.id) ?? null;
      const snapshot = r.snapshot as InvoiceSnapshot;
      const aiPaid = own.filter((p) => p.means === 'avance_immediate');
      const paidNowCents = avance
        ? avance.householdPartCents
        : own.reduce(
            (s, p) =>
              s + (p.means === 'avance_immediate' ? (p.householdPartCents ?? p.amountCents) : p.amountCents),
            0,
          );
      return {
        id: r.id,
        number: r.number,
        kind: r.kind as 'invoice' | 'credit_note',
        organisationId: r.organisationId,
        organisationName: extra.organisationNames?.get(r.organisationId) ?? snapshot.organisation.name,
        householdId: r.householdId,
        householdName: snapshot.household.name,
        month: r.month,
        issuedAt: r.issuedAt.toISOString(),
        totalTtcCents: r.totalTtcCents,
        totalHtCents: r.totalHtCents,
        totalVatCents: r.totalVatCents,
        apaCents: r.apaCents,
        pchCents: r.pchCents,
        departement: r.departementCode ? departementName(r.departementCode) : null,
        householdShareCents: r.householdShareCents,
        status: r.status,
        statusLabel: INVOICE_STATUS_FR[r.status] ?? r.status,
        paymentMeans: r.paymentMeans,
        paidCents,
        /** What the household paid itself: its payments, or its half when the avance immédiate applies. */
        paidNowCents,
        /** What the Urssaf advanced (the tax credit) for this invoice. */
        paidByUrssafCents: avance
          ? avance.advanceCents
          : aiPaid.reduce((s, p) => s + (p.amountCents - (p.householdPartCents ?? p.amountCents)), 0),
        avanceImmediate: avance,
        creditedInvoiceId: r.creditedInvoiceId,
        creditedInvoiceNumber: r.creditedInvoiceId ? (credited.get(r.creditedInvoiceId) ?? null) : null,
        creditReason: r.creditReason,
        payments: own.map(paymentView),
      };
    });
  }

  function paymentView(p: PaymentRow) {
    return {
      id: p.id,
      amountCents: p.amountCents,
      means: p.means,
      meansLabel: PAYMENT_MEANS_FR[p.means as PaymentMeansCode] ?? p.means,
      paidOn: p.paidOn,
      householdPartCents: p.householdPartCents,
    };
  }

  async function requireInvoice(scope: TenantScope, id: string): Promise<InvoiceRow> {
    const row = await repo.findInvoice(scope, id);
    if (!row) throw notFound('Facture');
    return row;
  }

  /** An invoice the actor may read: the issuing organisation's staff, or the household it is addressed to. */
  async function readableInvoice(actor: Actor, scopeOf: () => TenantScope, id: string): Promise<InvoiceRow> {
    if (actor.role === 'household') {
      const row = await repo.findInvoiceAnyOrganisation(db, id);
      const mine = await deps.care.listHouseholdIdsOfUser(actor.userId);
      if (!row || !mine.includes(row.householdId)) throw notFound('Facture');
      return row;
    }
    return requireInvoice(scopeOf(), id);
  }

  async function printOf(row: InvoiceRow): Promise<InvoicePrint> {
    const [lines, paid, avances, credited] = await Promise.all([
      repo.findLines(db, [row.id]),
      repo.findPayments(db, [row.id]),
      avanceOf([row.id]),
      repo.findInvoiceNumbers(db, row.creditedInvoiceId ? [row.creditedInvoiceId] : []),
    ]);
    const snapshot = row.snapshot as InvoiceSnapshot;
    const avance = avances.get(row.id);
    return {
      kind: row.kind as 'invoice' | 'credit_note',
      number: row.number,
      issuedAt: row.issuedAt,
      month: row.month,
      creditedNumber: row.creditedInvoiceId ? (credited.get(row.creditedInvoiceId) ?? null) : null,
      creditReason: row.creditReason,
      organisation: snapshot.organisation,
      household: snapshot.household,
      lines: lines.map(linePrint),
      totalTtcCents: row.totalTtcCents,
      totalHtCents: row.totalHtCents,
      totalVatCents: row.totalVatCents,
      apaCents: row.apaCents,
      pchCents: row.pchCents,
      departementCode: row.departementCode,
      householdShareCents: row.householdShareCents,
      payments: paid.map((p) => ({
        amountCents: p.amountCents,
        means: p.means as PaymentMeansCode,
        paidOn: p.paidOn,
      })),
      avanceImmediate:
        avance && avance.statusCode !== null && avance.statusCode !== '40'
          ? {
              householdPartCents: avance.householdPartCents,
              advanceCents: avance.advanceCents,
              statusLabel: avance.statusLabel,
            }
          : null,
    };
  }

  function linePrint(l: InvoiceLineRow) {
    return {
      serviceDate: l.serviceDate,
      startTime: l.startTime,
      beneficiaryName: l.beneficiaryName,
      activityLabel: l.activityLabel,
      workerName: l.workerName,
      workerRef: l.workerRef,
      durationMin: l.durationMin,
      hourlyPriceTtcCents: l.hourlyPriceTtcCents,
      amountTtcCents: l.amountTtcCents,
      vatRateBp: l.vatRateBp,
      funder: l.funder,
      funderCents: l.funderCents,
    };
  }

  // ---------------------------------------------------------------- tax certificates

  async function issueTaxCertificates(scope: TenantScope, year: number) {
    const now = clock.now();
    const org = await organisationPrint(scope);
    const rows = await repo.findYearInvoices(scope, year);
    const ids = rows.map((r) => r.id);
    const [lines, paid] = await Promise.all([repo.findLines(db, ids), repo.findPayments(db, ids)]);
    const linesOf = groupBy(lines, (l) => l.invoiceId);
    const paidOf = groupBy(paid, (p) => p.invoiceId);
    const byHousehold = groupBy(rows, (r) => r.householdId);
    const certificates: Parameters<typeof repo.upsertTaxCertificates>[1] = [];
    for (const [householdId, invs] of byHousehold) {
      let total = 0,
        apa = 0,
        pch = 0,
        cesu = 0,
        advance = 0,
        excludedCash = 0;
      const recap = new Map<
        string,
        {
          workerName: string;
          workerRef: string;
          activityLabel: string;
          period: string;
          durationMin: number;
          hourlyPriceTtcCents: number;
        }
      >();
      for (const inv of invs) {
        if (inv.status === 'cancelled_by_credit_note') continue;
        const ps = paidOf.get(inv.id) ?? [];
        if (ps.some((p) => p.means === 'cash')) {
          excludedCash += inv.householdShareCents;
          continue;
        }
        if (inv.status !== 'paid') continue;
        total += inv.totalTtcCents;
        apa += inv.apaCents;
        pch += inv.pchCents;
        cesu += ps.filter((p) => p.means === 'cesu_prefinance').reduce((s, p) => s + p.amountCents, 0);
        advance += ps
          .filter((p) => p.means === 'avance_immediate')
          .reduce((s, p) => s + (p.amountCents - (p.householdPartCents ?? p.amountCents)), 0);
        for (const l of linesOf.get(inv.id) ?? []) {
          const key = `${inv.month}|${l.workerRef}|${l.activityCode}|${l.hourlyPriceTtcCents}`;
          const r = recap.get(key) ?? {
            workerName: l.workerName,
            workerRef: l.workerRef,
            activityLabel: activityLabel(l.activityCode),
            period: inv.month,
            durationMin: 0,
            hourlyPriceTtcCents: l.hourlyPriceTtcCents,
          };
          r.durationMin += l.durationMin;
          recap.set(key, r);
        }
      }
      const amounts = computeTaxCertificateAmounts({
        totalInvoicedCents: total,
        apaCents: apa,
        pchCents: pch,
        cesuPrefinanceCents: cesu,
        avanceImmediateCents: advance,
      });
      const snapshot = invs[0]!.snapshot as InvoiceSnapshot;
      certificates.push({
        householdId,
        year,
        totalInvoicedCents: amounts.totalInvoicedCents,
        apaCents: amounts.apaCents,
        pchCents: amounts.pchCents,
        cesuPrefinanceCents: amounts.cesuPrefinanceCents,
        avanceImmediateCents: amounts.avanceImmediateCents,
        spendingNetOfAidsCents: amounts.spendingNetOfAidsCents,
        amountPaidByClientCents: amounts.amountPaidByClientCents,
        excludedCashCents: excludedCash,
        content: {
          organisation: org,
          household: snapshot.household,
          interventions: [...recap.values()].sort(
            (a, b) => a.period.localeCompare(b.period) || a.workerName.localeCompare(b.workerName),
          ),
        },
        issuedAt: now,
      });
    }
    await repo.upsertTaxCertificates(scope, certificates);
    return { year, certificates: certificates.length, issuedAt: now.toISOString() };
  }

  /**
   * Certificates with the name of the organisation that issued each (one query to the directory), latest year
   * first, then by that name (code-point order, as the database's C collation sorted them).
   */
  async function withOrganisationNames(rows: repo.TaxCertificateRow[]) {
    const organisations = await deps.directory.listOrganisationSummaries(rows.map((r) => r.organisationId));
    return rows
      .map((certificate) => ({
        certificate,
        organisationName: organisations.get(certificate.organisationId)?.name ?? '',
      }))
      .sort(
        (a, b) =>
          b.certificate.year - a.certificate.year ||
          (a.organisationName < b.organisationName ? -1 : a.organisationName > b.organisationName ? 1 : 0),
      );
  }

  function certificatePrint(c: repo.TaxCertificateRow): TaxCertificatePrint {
    const content = c.content as {
      organisation: OrganisationPrint;
      household: HouseholdPrint;
      interventions: TaxCertificatePrint['interventions'];
    };
    return {
      year: c.year,
      issuedAt: c.issuedAt,
      organisation: content.organisation,
      household: content.household,
      interventions: content.interventions,
      totalInvoicedCents: c.totalInvoicedCents,
      apaCents: c.apaCents,
      pchCents: c.pchCents,
      cesuPrefinanceCents: c.cesuPrefinanceCents,
      avanceImmediateCents: c.avanceImmediateCents,
      spendingNetOfAidsCents: c.spendingNetOfAidsCents,
      amountPaidByClientCents: c.amountPaidByClientCents,
      excludedCashCents: c.excludedCashCents,
    };
  }

  function certificateView(c: repo.TaxCertificateRow, organisationName: string) {
    return {
      id: c.id,
      organisationId: c.organisationId,
      organisationName,
      householdId: c.householdId,
      year: c.year,
      totalInvoicedCents: c.totalInvoicedCents,
      apaCents: c.apaCents,
      pchCents: c.pchCents,
      cesuPrefinanceCents: c.cesuPrefinanceCents,
      avanceImmediateCents: c.avanceImmediateCents,
      spendingNetOfAidsCents: c.spendingNetOfAidsCents,
      amountPaidByClientCents: c.amountPaidByClientCents,
      excludedCashCents: c.excludedCashCents,
      issuedAt: c.issuedAt.toISOString(),
    };
  }

  const service = {
    runMonth,

    async listRuns(scope: TenantScope) {
      return (await repo.findRuns(scope)).map((r) => runView(r));
    },

    async listInvoices(
      scope: TenantScope,
      filter: { month?: string; householdId?: string; page: number; pageSize: number },
    ) {
      const { total, items } = await repo.findInvoices(scope, {
        ...filter,
        limit: filter.pageSize,
        offset: (filter.page - 1) * filter.pageSize,
      });
      return { total, page: filter.page, pageSize: filter.pageSize, items: await invoiceViews(items) };
    },

    async getInvoice(actor: Actor, scopeOf: () => TenantScope, id: string) {
      const row = await readableInvoice(actor, scopeOf, id);
      const [view] = await invoiceViews([row]);
      const lines = await repo.findLines(db, [row.id]);
      return {
        ...view!,
        organisation: (row.snapshot as InvoiceSnapshot).organisation,
        household: (row.snapshot as InvoiceSnapshot).household,
        lines: lines.map((l) => ({
          ...linePrint(l),
          id: l.id,
          visitId: l.visitId,
          workerId: l.workerId,
          activityCode: l.activityCode,
          amountHtCents: l.amountHtCents,
          vatCents: l.vatCents,
        })),
      };
    },

    async getInvoicePdf(
      actor: Actor,
      scopeOf: () => TenantScope,
      id: string,
      options: { compress?: boolean } = {},
    ) {
      const row = await readableInvoice(actor, scopeOf, id);
      return { number: row.number, kind: row.kind, pdf: await renderInvoicePdf(await printOf(row), options) };
    },

    /**
     * Renders every invoice of a month (the benchmark's « PDFs included »; a mailing would do the same), in
     * `threads` worker threads when more than one (pdfkit is CPU-bound).
     */
    async renderMonthPdfs(
      scope: TenantScope,
      month: string,
      options: { threads?: number } = {},
    ): Promise<{ count: number; bytes: number }> {
      const pool = (options.threads ?? 1) > 1 ? createPdfPool(options.threads!) : null;
      let count = 0;
      let bytes = 0;
      const jobs: Promise<void>[] = [];
      try {
        for (let page = 1; ; page++) {
          const { items } = await repo.findInvoices(scope, { month, limit: 500, offset: (page - 1) * 500 });
          if (items.length === 0) break;
          const ids = items.map((i) => i.id);
          const [lines, paid] = await Promise.all([repo.findLines(db, ids), repo.findPayments(db, ids)]);
          const linesOf = groupBy(lines, (l) => l.invoiceId);
          const paidOf = groupBy(paid, (p) => p.invoiceId);
          const prints = items.map((row): InvoicePrint => {
            const snapshot = row.snapshot as InvoiceSnapshot;
            return {
              kind: row.kind as 'invoice',
              number: row.number,
              issuedAt: row.issuedAt,
              month: row.month,
              creditedNumber: null,
              creditReason: row.creditReason,
              organisation: snapshot.organisation,
              household: snapshot.household,
              lines: (linesOf.get(row.id) ?? []).map(linePrint),
              totalTtcCents: row.totalTtcCents,
              totalHtCents: row.totalHtCents,
              totalVatCents: row.totalVatCents,
              apaCents: row.apaCents,
              pchCents: row.pchCents,
              departementCode: row.departementCode,
              householdShareCents: row.householdShareCents,
              payments: (paidOf.get(row.id) ?? []).map((p) => ({
                amountCents: p.amountCents,
                means: p.means as PaymentMeansCode,
                paidOn: p.paidOn,
              })),
              avanceImmediate: null,
            };
          });
          if (pool) {
            for (let i = 0; i < prints.length; i += 50)
              jobs.push(
                pool.render(prints.slice(i, i + 50)).then((r) => {
                  count += r.count;
                  bytes += r.bytes;
                }),
              );
          } else {
            for (const print of prints) {
              bytes += (await renderInvoicePdf(print)).length;
              count++;
            }
          }
        }
        await Promise.all(jobs);
      } finally {
        await pool?.close();
      }
      return { count, bytes };
    },

    /** Cancels an invoice by a credit note of the opposite amounts, numbered in the same series. */
    async createCreditNote(scope: TenantScope, id: string, reason: string) {
      const now = clock.now();
      const year = Number(localDateTime(now).date.slice(0, 4));
      const created = await inTransaction(scope, async (tx) => {
        const original = await repo.lockInvoice(tx, id);
        if (!original) throw notFound('Facture');
        if (original.kind !== 'invoice')
          throw new DomainError('unprocessable', 'Un avoir ne peut pas être annulé par un autre avoir.');
        if (original.status === 'cancelled_by_credit_note')
          throw new DomainError('conflict', `La facture ${original.number} est déjà annulée par un avoir.`);
        const lines = await repo.findLines(tx.db, [original.id]);
        const credit: repo.InvoiceToIssue = {
          householdId: original.householdId,
          kind: 'credit_note',
          month: original.month,
          billingRunId: null,
          creditedInvoiceId: original.id,
          creditReason: reason,
          totalTtcCents: -original.totalTtcCents,
          totalHtCents: -original.totalHtCents,
          totalVatCents: -original.totalVatCents,
          apaCents: -original.apaCents,
          pchCents: -original.pchCents,
          departementCode: original.departementCode,
          householdShareCents: -original.householdShareCents,
          snapshot: original.snapshot,
          lines: lines.map((l) => ({
            visitId: null,
            beneficiaryId: l.beneficiaryId,
            beneficiaryName: l.beneficiaryName,
            serviceDate: l.serviceDate,
            startTime: l.startTime,
            workerId: l.workerId,
            workerRef: l.workerRef,
            workerName: l.workerName,
            activityCode: l.activityCode,
            activityLabel: l.activityLabel,
            mode: l.mode,
            durationMin: l.durationMin,
            hourlyPriceTtcCents: l.hourlyPriceTtcCents,
            amountTtcCents: -l.amountTtcCents,
            amountHtCents: -l.amountHtCents,
            vatRateBp: l.vatRateBp,
            vatCents: -l.vatCents,
            funder: l.funder,
            funderCents: -l.funderCents,
          })),
        };
        const [note] = await repo.issueInvoices(tx, year, now, [credit], (seq) =>
          formatInvoiceNumber(year, seq),
        );
        await repo.updateInvoicePaymentState(tx, original.id, { status: 'cancelled_by_credit_note' });
        await repo.addToStatements(tx, original.month, statementShares([credit]), now);
        return note!;
      });
      const [view] = await invoiceViews([created]);
      return view!;
    },

    /** Records a payment; the invoice becomes partially paid or paid. Cash is accepted but loses the tax credit. */
    async recordPayment(
      scope: TenantScope,
      actor: Actor | null,
      id: string,
      input: {
        amountCents: number;
        means: PaymentMeansCode;
        paidOn: string;
        householdPartCents?: number | null;
      },
    ) {
      await inTransaction(scope, async (tx) => {
        const invoice = await repo.lockInvoice(tx, id);
        if (!invoice) throw notFound('Facture');
        if (invoice.kind !== 'invoice') throw new DomainError('unprocessable', 'Un avoir ne se paie pas.');
        if (invoice.status === 'cancelled_by_credit_note')
          throw new DomainError('unprocessable', `La facture ${invoice.number} est annulée par un avoir.`);
        const already = await repo.sumPayments(tx, id);
        const due =
          input.means === 'avance_immediate'
            ? invoice.householdShareCents
            : invoice.householdShareCents - already;
        if (input.amountCents > due)
          throw new DomainError(
            'unprocessable',
            `Le paiement dépasse le reste dû (${csvAmount(Math.max(0, due))} €).`,
            [{ field: 'amountCents', message: 'Le montant dépasse le reste dû.' }],
          );
        await repo.insertPayment(tx, {
          invoiceId: id,
          amountCents: input.amountCents,
          means: input.means,
          paidOn: input.paidOn,
          householdPartCents: input.householdPartCents ?? null,
          recordedBy: actor?.userId ?? null,
        });
        await repo.updateInvoicePaymentState(tx, id, {
          status: paymentStatus(invoice.householdShareCents, already + input.amountCents),
          paymentMeans: input.means,
        });
      });
      const [view] = await invoiceViews([(await repo.findInvoice(scope, id))!]);
      return view!;
    },

    async listStatements(scope: TenantScope, month: string | undefined) {
      return (await repo.findStatements(scope, month)).map((s) => ({
        id: s.id,
        month: s.month,
        departementCode: s.departementCode,
        departement: departementName(s.departementCode),
        funder: s.funder,
        amountCents: s.amountCents,
        minutes: s.minutes,
        invoiceCount: s.invoiceCount,
        updatedAt: s.updatedAt.toISOString(),
      }));
    },

    /** The accounting export of a month: one line per invoice, credit note and payment. */
    async exportCsv(scope: TenantScope, month: string): Promise<string> {
      const { docs, payments } = await repo.findExportRows(scope, month);
      const households = await deps.care.listHouseholdIdentities([
        ...new Set(docs.map((d) => d.householdId)),
      ]);
      const householdNameOf = new Map(households.map((h) => [h.id, h.name]));
      const numberOf = new Map(docs.map((d) => [d.id, d]));
      const rows: (string | number | null)[][] = [];
      for (const i of docs) {
        rows.push([
          i.kind === 'invoice' ? 'Facture' : 'Avoir',
          frenchDate(i.issuedAt.toISOString()),
          i.number,
          i.kind === 'credit_note' ? (numberOf.get(i.creditedInvoiceId ?? '')?.number ?? '') : '',
          householdNameOf.get(i.householdId) ?? '',
          i.month,
          csvAmount(i.totalHtCents),
          csvAmount(i.totalVatCents),
          csvAmount(i.totalTtcCents),
          csvAmount(i.apaCents + i.pchCents),
          csvAmount(i.householdShareCents),
          '',
          INVOICE_STATUS_FR[i.status] ?? i.status,
        ]);
      }
      for (const p of payments) {
        const i = numberOf.get(p.invoiceId)!;
        rows.push([
          'Paiement',
          frenchDate(p.paidOn),
          i.number,
          '',
          householdNameOf.get(i.householdId) ?? '',
          i.month,
          '',
          '',
          '',
          '',
          csvAmount(p.amountCents),
          PAYMENT_MEANS_FR[p.means as PaymentMeansCode] ?? p.means,
          '',
        ]);
      }
      return toCsv(
        [
          'Type',
          'Date',
          'Numéro de pièce',
          'Facture d’origine',
          'Client',
          'Période',
          'Montant HT',
          'TVA',
          'Montant TTC',
          'Part APA/PCH (Département)',
          'Montant client / réglé',
          'Moyen de paiement',
          'Statut',
        ],
        rows,
      );
    },

    issueTaxCertificates,

    /** The certificates PDF of a household and year: the staff's organisation only, or every provider for the household itself. */
    async getTaxCertificatesPdf(
      actor: Actor,
      scopeOf: () => TenantScope,
      householdId: string,
      year: number,
      options: { compress?: boolean } = {},
    ) {
      let found;
      if (actor.role === 'household') {
        const mine = await deps.care.listHouseholdIdsOfUser(actor.userId);
        if (!mine.includes(householdId)) throw notFound('Attestation fiscale');
        found = await repo.findTaxCertificates(db, [householdId], { year });
      } else {
        const scope = scopeOf();
        if (!(await repo.hasInvoicedHousehold(scope, householdId))) throw notFound('Attestation fiscale');
        found = await repo.findTaxCertificates(db, [householdId], {
          year,
          organisationId: scope.organisationId,
        });
      }
      if (found.length === 0) throw notFound('Attestation fiscale');
      const rows = await withOrganisationNames(found);
      return renderTaxCertificatesPdf(
        rows.map((r) => certificatePrint(r.certificate)),
        options,
      );
    },

    /** The household's invoices across providers, with what it paid now and what the Urssaf paid. */
    async listMyInvoices(actor: Actor) {
      const mine = await deps.care.listHouseholdIdsOfUser(actor.userId);
      const rows = await repo.findInvoicesOfHouseholds(db, mine);
      const organisations = await deps.directory.listOrganisationSummaries(rows.map((r) => r.organisationId));
      return {
        items: await invoiceViews(rows, {
          organisationNames: new Map([...organisations.values()].map((o) => [o.id, o.name])),
        }),
      };
    },

    async listMyTaxCertificates(actor: Actor) {
      const mine = await deps.care.listHouseholdIdsOfUser(actor.userId);
      const rows = await withOrganisationNames(await repo.findTaxCertificates(db, mine, {}));
      return { items: rows.map((r) => certificateView(r.certificate, r.organisationName)) };
    },

    async listTaxCertificates(scope: TenantScope, year: number) {
      const ids = await repo.findInvoicedHouseholds(scope, year);
      const rows = await withOrganisationNames(
        await repo.findTaxCertificates(db, ids, { year, organisationId: scope.organisationId }),
      );
      return {
        items: rows.map((r) => ({
          ...certificateView(r.certificate, r.organisationName),
          householdName: (r.certificate.content as { household: HouseholdPrint }).household.name,
        })),
      };
    },

    /** Whether the organisation has invoiced this household (for the Urssaf feature: is it a client?). */
    hasInvoicedHousehold: (scope: TenantScope, householdId: string) =>
      repo.hasInvoicedHousehold(scope, householdId),

    /** Facts the Urssaf feature needs to send an invoice. */
    async getInvoiceForUrssaf(scope: TenantScope, id: string) {
      const row = await requireInvoice(scope, id);
      const lines = await repo.findLines(db, [row.id]);
      return { invoice: row, lines };
    },

    /** Whether numbers of the organisation form an unbroken series (used by tests and the run page). */
    async listInvoiceNumbers(scope: TenantScope) {
      return repo.findAllNumbers(scope);
    },

    /** The month of the local date, e.g. for the default of the run form. */
    currentMonth: () => monthOf(clock.now()),

    /**
     * Demo only: a past month of visits checked in and out as planned and validated, copied week by week from
     * the organisation's current week (the visits service writes them), so the month can be invoiced in the demo.
     */
    createDemoMonth: (scope: TenantScope, month: string) => deps.visits.createDemoMonth(scope, month),

    /**
     * Demo only, at start-up: the demo organisation (coordination@proxidom.test's) gets last month's done visits
     * when it has none, so that « facturer le mois précédent » works out of the box. Idempotent.
     */
    async ensureDemoHistory(
      demoAccountEmail = 'coordination@proxidom.test',
    ): Promise<{ month: string; visits: number } | null> {
      const organisationId = await deps.accounts.findOrganisationIdOfEmail(demoAccountEmail);
      if (!organisationId) return null;
      const scope = createTenantScope(db, organisationId);
      const month = previousMonthOf(monthOf(clock.now()));
      return service.createDemoMonth(scope, month).catch((error: unknown) => {
        if (error instanceof DomainError && error.code === 'conflict') return null;
        throw error;
      });
    },

    /** Scope for the organisation of an invoice (the Urssaf sync runs per organisation). */
    scopeFor: (organisationId: string) => createTenantScope(db, organisationId),
  };
  return service;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}

export type BillingService = ReturnType<typeof createBillingService>;
export { avanceImmediateSplit };
