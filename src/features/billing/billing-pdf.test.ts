import { describe, expect, it } from 'vitest';
import { renderInvoicePdf, type InvoicePrint, type InvoiceLinePrint } from './billing-pdf';
import { extractPdfText } from './pdf-text';

const line = (workerRef: string): InvoiceLinePrint => ({
  serviceDate: '2026-10-02',
  startTime: '09:00',
  beneficiaryName: 'Jeanne Martin',
  activityLabel: 'Entretien de la maison et travaux ménagers',
  workerName: 'Inès Auxiliaire',
  workerRef,
  durationMin: 60,
  hourlyPriceTtcCents: 2500,
  amountTtcCents: 2500,
  vatRateBp: 1000,
  funder: null,
  funderCents: 0,
});

const invoice = (refs: string[]): InvoicePrint => ({
  kind: 'invoice',
  number: 'F-2026-000001',
  issuedAt: new Date('2026-11-05T08:00:00Z'),
  month: '2026-10',
  creditedNumber: null,
  creditReason: null,
  organisation: {
    name: 'Aide & Présence Orléans',
    address: '1 place du Martroi, 45000 Orléans',
    siret: '73282932000074',
    phone: null,
    email: null,
    declaration: { number: 'SAP732829320', date: '2019-03-01' },
    agrement: null,
    autorisation: null,
    vatFranchise: false,
  },
  household: { name: 'Foyer Martin', address: '12 rue de Bourgogne, 45000 Orléans' },
  lines: refs.map(line),
  totalTtcCents: 2500 * refs.length,
  totalHtCents: 2273 * refs.length,
  totalVatCents: 227 * refs.length,
  apaCents: 0,
  pchCents: 0,
  departementCode: '45',
  householdShareCents: 2500 * refs.length,
  payments: [],
  avanceImmediate: null,
});

describe('invoice PDF', () => {
  it('never cuts a worker’s register number, however wide its letters (a legal mention)', async () => {
    // Capitals such as W and M are the widest in Helvetica; the last one is longer than any column.
    const refs = ['INT-D6ED4FBE', 'INT-WWWWMMMM', 'REGISTRE-2026-000123-ORLEANS'];
    const text = extractPdfText(await renderInvoicePdf(invoice(refs))).replace(/\n/g, ' ');
    for (const ref of refs) expect(text).toContain(ref);
    expect(text).not.toMatch(/INT-[A-Z0-9]*…/);
  });
});
