import { formatEuros } from '../../../domain/money';

export interface InvoiceView {
  id: string;
  number: string;
  kind: 'invoice' | 'credit_note';
  organisationName: string;
  householdId: string;
  householdName: string;
  month: string;
  issuedAt: string;
  totalTtcCents: number;
  apaCents: number;
  pchCents: number;
  departement: string | null;
  householdShareCents: number;
  status: string;
  statusLabel: string;
  paymentMeans: string | null;
  paidCents: number;
  paidNowCents: number;
  paidByUrssafCents: number;
  avanceImmediate: {
    statusCode: string | null;
    statusLabel: string | null;
    rejectionCode: string | null;
    rejectionComment: string | null;
  } | null;
  creditedInvoiceNumber: string | null;
  payments: {
    id: string;
    amountCents: number;
    means: string;
    meansLabel: string;
    paidOn: string;
    householdPartCents: number | null;
  }[];
}

export interface LedgerEntry {
  key: string;
  date: string;
  label: string;
  debitCents: number;
  creditCents: number;
  balanceCents: number;
}

/**
 * The household's account with its providers, oldest first: each invoice (what it owes, net of APA/PCH) and each
 * credit note or payment received; the balance is what is still due.
 */
export function ledgerOf(invoices: readonly InvoiceView[]): LedgerEntry[] {
  const entries: Omit<LedgerEntry, 'balanceCents'>[] = [];
  for (const inv of invoices) {
    const what = `${inv.kind === 'credit_note' ? 'Avoir' : 'Facture'} ${inv.number} — ${inv.organisationName}`;
    if (inv.householdShareCents >= 0)
      entries.push({
        key: inv.id,
        date: inv.issuedAt.slice(0, 10),
        label: what,
        debitCents: inv.householdShareCents,
        creditCents: 0,
      });
    else
      entries.push({
        key: inv.id,
        date: inv.issuedAt.slice(0, 10),
        label: what,
        debitCents: 0,
        creditCents: -inv.householdShareCents,
      });
    for (const p of inv.payments)
      entries.push({
        key: p.id,
        date: p.paidOn,
        label: `Paiement ${p.meansLabel.toLowerCase()} — facture ${inv.number}`,
        debitCents: 0,
        creditCents: p.amountCents,
      });
  }
  entries.sort((a, b) => a.date.localeCompare(b.date) || b.debitCents - a.debitCents);
  let balance = 0;
  return entries.map((e) => {
    balance += e.debitCents - e.creditCents;
    return { ...e, balanceCents: balance };
  });
}

export interface RunView {
  id: string;
  month: string;
  status: string;
  invoices: number;
  total: number;
  visits: number;
  issuedNow: number | null;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
}

export interface StatementView {
  id: string;
  month: string;
  departement: string;
  funder: string;
  amountCents: number;
  minutes: number;
  invoiceCount: number;
}

export interface CertificateView {
  id: string;
  organisationName: string;
  householdId: string;
  householdName?: string;
  year: number;
  totalInvoicedCents: number;
  apaCents: number;
  pchCents: number;
  cesuPrefinanceCents: number;
  avanceImmediateCents: number;
  amountPaidByClientCents: number;
  excludedCashCents: number;
}

export interface UrssafRequestView {
  id: string;
  invoiceId: string;
  statusCode: string | null;
  statusLabel: string | null;
  rejectionCode: string | null;
  rejectionLabel: string | null;
  errors: { code: string; message: string }[];
}

export const euros = (cents: number): string => formatEuros(cents);

export { monthLabel, previousMonth } from '../../../shared/french-dates';

export { useLoad as useApi } from '../../api/use-load';
