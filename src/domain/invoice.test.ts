import { describe, expect, it } from 'vitest';
import {
  checkInvoiceSequence,
  computeTaxCertificateAmounts,
  formatInvoiceNumber,
  getVatRateBp,
  isNoteRequired,
  isQuoteRequired,
  isTaxCertificateOnTime,
  MANDATAIRE_EMPLOYER_WARNING,
  missingInvoiceMentions,
  missingQuoteContents,
  nextInvoiceNumber,
  NO_TAX_ADVANTAGE_STATEMENT,
  parseInvoiceNumber,
  quoteMonthlyTtcCents,
  splitTtc,
  taxCertificateDeadline,
  VAT_FRANCHISE_MENTION,
  type Quote,
  type SapInvoice,
} from './invoice';

describe('invoice numbers', () => {
  it('formats and parses F-2026-000123', () => {
    expect(formatInvoiceNumber(2026, 123)).toBe('F-2026-000123');
    expect(parseInvoiceNumber('F-2026-000123')).toEqual({ prefix: 'F', year: 2026, sequence: 123 });
    expect(formatInvoiceNumber(2026, 1_234_567, 'AV')).toBe('AV-2026-1234567');
    expect(parseInvoiceNumber('F-2026-000000')).toBeNull();
    expect(parseInvoiceNumber('2026-123')).toBeNull();
    expect(() => formatInvoiceNumber(2026, 0)).toThrow();
  });

  it.each([
    [null, 2026, 'F-2026-000001'],
    ['F-2026-000123', 2026, 'F-2026-000124'],
    ['F-2025-000999', 2026, 'F-2026-000001'],
  ])('after %s in %i comes %s', (previous, year, expected) => {
    expect(nextInvoiceNumber(previous, year)).toBe(expected);
  });

  it('refuses to go back in time or to mix series', () => {
    expect(() => nextInvoiceNumber('F-2026-000001', 2025)).toThrow();
    expect(() => nextInvoiceNumber('AV-2026-000001', 2026, 'F')).toThrow();
  });

  it('finds gaps and duplicates in a series', () => {
    const report = checkInvoiceSequence([
      'F-2026-000001',
      'F-2026-000002',
      'F-2026-000004',
      'F-2026-000004',
      'F-2025-000002',
      'oops',
    ]);
    expect(report.gaps).toEqual(['F-2026-000003', 'F-2025-000001']);
    expect(report.duplicates).toEqual(['F-2026-000004']);
    expect(report.invalid).toEqual(['oops']);
    expect(checkInvoiceSequence(['F-2026-000001', 'F-2026-000002'])).toEqual({
      gaps: [],
      duplicates: [],
      invalid: [],
    });
  });
});

describe('VAT (§5.4)', () => {
  it.each([
    ['entretien-maison', false, 1000],
    ['assistance-personnes-agees-handicapees', false, 550],
    ['petits-travaux-jardinage', false, 2000],
    ['soutien-scolaire-cours', false, 1000],
    ['soutien-scolaire-cours', true, 2000],
    ['teleassistance-visioassistance', false, null],
  ] as const)('%s (other lessons: %s) → %s bp', (code, otherLessons, rate) => {
    expect(getVatRateBp(code, { otherLessons })).toBe(rate);
  });

  it('splits a TTC price into HT and VAT to the cent', () => {
    expect(splitTtc(25_00, 1000)).toEqual({ htCents: 22_73, vatCents: 2_27 });
    expect(splitTtc(24_58, 550)).toEqual({ htCents: 23_30, vatCents: 1_28 });
    expect(splitTtc(36_00, 2000)).toEqual({ htCents: 30_00, vatCents: 6_00 });
  });
});

const completeInvoice: SapInvoice = {
  number: 'F-2026-000123',
  issuedOn: '2026-02-01',
  organisation: {
    name: 'Aide et Vie Orléans',
    address: '12 rue Jeanne d’Arc, 45000 Orléans',
    siret: '88362194800016',
    declaration: { number: 'SAP883621948', date: '2020-03-01' },
  },
  beneficiary: { name: 'Mme Jeanne Martin', address: '3 rue de Bourgogne, 45000 Orléans' },
  lines: [
    {
      activityCode: 'entretien-maison',
      mode: 'prestataire',
      workerId: 'INT-0042',
      hourlyRateTtcCents: 25_00,
      durationMinutes: 600,
      priceTtcCents: 250_00,
      vatRateBp: 1000,
    },
  ],
  amountPaidCents: 250_00,
};

describe('missingInvoiceMentions (D7233-1, §5.1)', () => {
  it('accepts a complete invoice', () => {
    expect(missingInvoiceMentions(completeInvoice)).toEqual([]);
  });

  it.each<[string, (i: SapInvoice) => SapInvoice, string, number | undefined]>([
    [
      'organisation address (1°)',
      (i) => ({ ...i, organisation: { ...i.organisation, address: '' } }),
      'organisation_identity',
      undefined,
    ],
    [
      'declaration (2°)',
      (i) => ({ ...i, organisation: { ...i.organisation, declaration: null } }),
      'declaration_number',
      undefined,
    ],
    ['beneficiary (3°)', (i) => ({ ...i, beneficiary: { name: 'X' } }), 'beneficiary_identity', undefined],
    ['nature (4°)', (i) => ({ ...i, lines: [{ ...i.lines[0]!, activityCode: null }] }), 'service_nature', 0],
    ['amount paid (5°)', (i) => ({ ...i, amountPaidCents: null }), 'amount_paid', undefined],
    ['intervenant id (6°)', (i) => ({ ...i, lines: [{ ...i.lines[0]!, workerId: '' }] }), 'worker_id', 0],
    [
      'hourly or flat price (7°)',
      (i) => ({ ...i, lines: [{ ...i.lines[0]!, hourlyRateTtcCents: null }] }),
      'hourly_rate_or_flat_price',
      0,
    ],
    [
      'time breakdown (8°)',
      (i) => ({ ...i, lines: [{ ...i.lines[0]!, durationMinutes: undefined }] }),
      'time_breakdown',
      0,
    ],
    [
      'price of each service (9°)',
      (i) => ({ ...i, lines: [{ ...i.lines[0]!, priceTtcCents: null }] }),
      'service_price',
      0,
    ],
    ['travel costs (10°)', (i) => ({ ...i, hasTravelCosts: true }), 'travel_costs', undefined],
    ['invoice number', (i) => ({ ...i, number: '123' }), 'invoice_number', undefined],
    ['issue date', (i) => ({ ...i, issuedOn: null }), 'issue_date', undefined],
    ['SIRET', (i) => ({ ...i, organisation: { ...i.organisation, siret: null } }), 'siret', undefined],
    ['VAT rate', (i) => ({ ...i, lines: [{ ...i.lines[0]!, vatRateBp: null }] }), 'vat', 0],
  ])('reports a missing %s', (_name, change, code, lineIndex) => {
    const found = missingInvoiceMentions(change(completeInvoice));
    expect(found.map((m) => m.code)).toEqual([code]);
    expect(found[0]!.lineIndex).toBe(lineIndex);
    expect(found[0]!.label).toMatch(/^[A-ZÉD]/);
  });

  it('asks for the agrément number for childcare under 3 (D7233-1 2°)', () => {
    const childcare: SapInvoice = {
      ...completeInvoice,
      lines: [{ ...completeInvoice.lines[0]!, activityCode: 'garde-enfants-moins-3-ans' }],
    };
    expect(missingInvoiceMentions(childcare).map((m) => m.code)).toEqual(['agrement_number']);
    const withAgrement = {
      ...childcare,
      organisation: { ...childcare.organisation, agrement: { number: 'AG-45-2024-01', date: '2024-01-15' } },
    };
    expect(missingInvoiceMentions(withAgrement)).toEqual([]);
  });

  it('asks an agréé but undeclared organisation for the no-tax-advantage statement (D7233-1 11°)', () => {
    const agreedOnly: SapInvoice = {
      ...completeInvoice,
      organisation: {
        ...completeInvoice.organisation,
        declaration: null,
        agrement: { number: 'AG-1', date: '2024-01-15' },
      },
    };
    expect(missingInvoiceMentions(agreedOnly).map((m) => m.code)).toEqual(['no_tax_advantage_statement']);
    expect(missingInvoiceMentions({ ...agreedOnly, mentions: [NO_TAX_ADVANTAGE_STATEMENT] })).toEqual([]);
  });

  it('asks an organisation under the VAT franchise for the art. 293 B mention', () => {
    const franchise: SapInvoice = {
      ...completeInvoice,
      organisation: { ...completeInvoice.organisation, vatFranchise: true },
      lines: [{ ...completeInvoice.lines[0]!, vatRateBp: null }],
    };
    expect(missingInvoiceMentions(franchise).map((m) => m.code)).toEqual(['vat']);
    expect(missingInvoiceMentions({ ...franchise, mentions: [VAT_FRANCHISE_MENTION] })).toEqual([]);
  });

  it('requires a note from 25 € TTC (§5.1)', () => {
    expect(isNoteRequired(24_99)).toBe(false);
    expect(isNoteRequired(25_00)).toBe(true);
  });
});

describe('devis (arrêté du 17 mars 2015, §5.2)', () => {
  it.each([
    [99_99, false, false],
    [100_00, false, true],
    [50_00, true, true],
  ])('monthly %i cents, requested %s → required %s', (monthly, requested, expected) => {
    expect(isQuoteRequired(monthly, requested)).toBe(expected);
  });

  const quote: Quote = {
    issuedOn: '2026-01-10',
    organisation: {
      name: 'Aide et Vie Orléans',
      address: '12 rue Jeanne d’Arc, 45000 Orléans',
      declaration: { number: 'SAP883621948', date: '2020-03-01' },
    },
    client: { name: 'M. Paul Durand', address: '8 rue Royale, 45000 Orléans' },
    lines: [
      {
        activityCode: 'entretien-maison',
        mode: 'prestataire',
        hourlyPriceHtCents: 22_73,
        hourlyPriceTtcCents: 25_00,
        hoursPerMonth: 10,
      },
    ],
    annexFees: [],
    isFree: true,
    taxAdvantageShownSeparately: true,
  };

  it('accepts a complete quote and computes its monthly price', () => {
    expect(missingQuoteContents(quote)).toEqual([]);
    expect(quoteMonthlyTtcCents(quote)).toBe(250_00);
  });

  it('lists what a quote lacks', () => {
    const bad: Quote = {
      ...quote,
      annexFees: null,
      isFree: false,
      lines: [{ activityCode: null, mode: null, hourlyPriceTtcCents: 25_00 }],
    };
    expect(missingQuoteContents(bad).map((m) => m.code)).toEqual([
      'service_activity',
      'service_mode',
      'price_ht_ttc',
      'annex_fees',
      'free_of_charge',
    ]);
  });

  it('asks for the employer warning in mandataire mode', () => {
    const mandataire: Quote = { ...quote, lines: [{ ...quote.lines[0]!, mode: 'mandataire' }] };
    expect(missingQuoteContents(mandataire).map((m) => m.code)).toEqual(['mandataire_warning']);
    expect(missingQuoteContents({ ...mandataire, mentions: [MANDATAIRE_EMPLOYER_WARNING] })).toEqual([]);
  });
});

describe('attestation fiscale (D7233-4, §2.5)', () => {
  it('is due by 31 March of the next year', () => {
    expect(taxCertificateDeadline(2025)).toBe('2026-03-31');
    expect(isTaxCertificateOnTime(2025, '2026-03-31')).toBe(true);
    expect(isTaxCertificateOnTime(2025, '2026-04-01')).toBe(false);
  });

  it('deducts APA, PCH, CESU préfinancé, then the avance immédiate', () => {
    expect(
      computeTaxCertificateAmounts({
        totalInvoicedCents: 3_000_00,
        apaCents: 1_000_00,
        cesuPrefinanceCents: 200_00,
        avanceImmediateCents: 500_00,
      }),
    ).toEqual({
      totalInvoicedCents: 3_000_00,
      apaCents: 1_000_00,
      pchCents: 0,
      cesuPrefinanceCents: 200_00,
      spendingNetOfAidsCents: 1_800_00,
      avanceImmediateCents: 500_00,
      amountPaidByClientCents: 1_300_00,
    });
  });
});
