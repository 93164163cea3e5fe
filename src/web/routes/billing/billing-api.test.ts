import { describe, expect, it } from 'vitest';
import { ledgerOf, type InvoiceView } from './billing-api';

const invoice = (over: Partial<InvoiceView>): InvoiceView => ({
  id: 'i1',
  number: 'F-2026-000001',
  kind: 'invoice',
  organisationName: 'Aide & Présence Orléans',
  householdId: 'h1',
  householdName: 'Famille Lefèvre',
  month: '2026-10',
  issuedAt: '2026-11-02T09:00:00.000Z',
  totalTtcCents: 20_000,
  apaCents: 5_000,
  pchCents: 0,
  departement: 'Loiret (45)',
  householdShareCents: 15_000,
  status: 'issued',
  statusLabel: 'Émise',
  paymentMeans: null,
  paidCents: 0,
  paidNowCents: 0,
  paidByUrssafCents: 0,
  avanceImmediate: null,
  creditedInvoiceNumber: null,
  payments: [],
  ...over,
});

describe('the household ledger', () => {
  it('lists what is owed (net of APA) and what was paid, oldest first, with the balance still due', () => {
    const entries = ledgerOf([
      invoice({
        id: 'i2',
        number: 'F-2026-000009',
        issuedAt: '2026-12-01T09:00:00.000Z',
        householdShareCents: 8_000,
      }),
      invoice({
        payments: [
          {
            id: 'p1',
            amountCents: 15_000,
            means: 'transfer',
            meansLabel: 'Virement',
            paidOn: '2026-11-10',
            householdPartCents: null,
          },
        ],
      }),
    ]);
    expect(entries.map((e) => [e.date, e.debitCents, e.creditCents, e.balanceCents])).toEqual([
      ['2026-11-02', 15_000, 0, 15_000],
      ['2026-11-10', 0, 15_000, 0],
      ['2026-12-01', 8_000, 0, 8_000],
    ]);
    expect(entries[1]!.label).toBe('Paiement virement — facture F-2026-000001');
  });

  it('counts a credit note as money back', () => {
    const entries = ledgerOf([
      invoice({}),
      invoice({
        id: 'c1',
        kind: 'credit_note',
        number: 'F-2026-000002',
        householdShareCents: -15_000,
        issuedAt: '2026-11-03T09:00:00.000Z',
      }),
    ]);
    expect(entries.at(-1)).toMatchObject({
      label: 'Avoir F-2026-000002 — Aide & Présence Orléans',
      creditCents: 15_000,
      balanceCents: 0,
    });
  });
});
