import { describe, expect, it } from 'vitest';
import { checkInvoiceSequence, formatInvoiceNumber } from '../../domain/invoice';
import { isValidIban } from '../urssaf/urssaf.types';
import { validateParticulier } from '../urssaf/simulator/simulator-state';
import {
  avanceImmediateSplit,
  csvAmount,
  csvField,
  departementOf,
  draftInvoice,
  monthBounds,
  paymentStatus,
  toCsv,
  visitAmountCents,
  workerRef,
  type BillableVisit,
  type FundingPlan,
} from './billing-rules';

const visit = (id: string, day: string, over: Partial<BillableVisit> = {}): BillableVisit => ({
  visitId: id,
  beneficiaryId: 'b1',
  beneficiaryName: 'Jeanne Martin',
  startsAt: new Date(`${day}T08:00:00Z`),
  durationMin: 60,
  workerId: '0f8e2a4c-1111-2222-3333-444455556666',
  workerName: 'Inès Durand',
  activityCode: 'assistance-personnes-agees-handicapees',
  mode: 'prestataire',
  hourlyPriceCents: 2_500,
  ...over,
});

describe('amounts of a visit and of an invoice', () => {
  it('prices a visit to the cent, half away from zero', () => {
    expect(visitAmountCents(45, 2_510)).toBe(1_883); // 18.825 €
    expect(visitAmountCents(90, 2_600)).toBe(3_900);
  });

  it('splits TTC into HT and VAT by activity rate (5.5 % for help to elderly people, 10 % housework, 0 under the franchise)', () => {
    const d = draftInvoice(
      [visit('v1', '2026-10-02'), visit('v2', '2026-10-03', { activityCode: 'entretien-maison' })],
      [],
      { vatFranchise: false },
    );
    expect(d.lines.map((l) => l.vatRateBp)).toEqual([550, 1000]);
    expect(d.totalTtcCents).toBe(5_000);
    expect(d.totalHtCents + d.totalVatCents).toBe(d.totalTtcCents);
    const franchise = draftInvoice([visit('v1', '2026-10-02')], [], { vatFranchise: true });
    expect(franchise.totalVatCents).toBe(0);
  });

  it('deducts the APA share over funded visits in time order until the plan hours are used', () => {
    const plan: FundingPlan = {
      beneficiaryId: 'b1',
      funder: 'apa',
      hoursPerMonth: 1.5,
      funderShareBp: null,
      hourlyAmountCents: 2_300,
    };
    const d = draftInvoice(
      [
        visit('v2', '2026-10-05'),
        visit('v1', '2026-10-02'),
        visit('v3', '2026-10-09', { activityCode: 'petits-travaux-jardinage' }),
      ],
      [plan],
      { vatFranchise: false },
    );
    expect(d.lines.map((l) => [l.visitId, l.funderCents])).toEqual([
      ['v1', 2_300],
      ['v2', 1_150],
      ['v3', 0],
    ]);
    expect(d.apaCents).toBe(3_450);
    expect(d.householdShareCents).toBe(7_500 - 3_450);
  });

  it('takes the funder share in basis points when the plan gives no hourly amount, never more than the line', () => {
    const plan: FundingPlan = {
      beneficiaryId: 'b1',
      funder: 'apa',
      hoursPerMonth: 10,
      funderShareBp: 8_000,
      hourlyAmountCents: null,
    };
    expect(draftInvoice([visit('v1', '2026-10-02')], [plan], { vatFranchise: false }).apaCents).toBe(2_000);
    const rich: FundingPlan = { ...plan, funderShareBp: null, hourlyAmountCents: 9_999 };
    expect(draftInvoice([visit('v1', '2026-10-02')], [rich], { vatFranchise: false }).apaCents).toBe(2_500);
  });

  it('prints a stable intervenant number and the département of the commune', () => {
    expect(workerRef('0f8e2a4c-1111-2222-3333-444455556666')).toBe('INT-0F8E2A4C');
    expect(departementOf('45234')).toBe('45');
    expect(departementOf('2A004')).toBe('2A');
    expect(departementOf('97411')).toBe('974');
    expect(departementOf(null)).toBeNull();
  });
});

describe('months, numbers, payments', () => {
  it('bounds a month in Paris time across the October DST change', () => {
    const { from, to, lastDay } = monthBounds('2026-10');
    expect(from.toISOString()).toBe('2026-09-30T22:00:00.000Z');
    expect(to.toISOString()).toBe('2026-10-31T23:00:00.000Z');
    expect(lastDay).toBe('2026-10-31');
  });

  it('numbers in an unbroken series per year (the run takes last + 1 under a row lock)', () => {
    const numbers = [1, 2, 3].map((n) => formatInvoiceNumber(2026, n));
    expect(numbers).toEqual(['F-2026-000001', 'F-2026-000002', 'F-2026-000003']);
    expect(checkInvoiceSequence([numbers[0]!, numbers[2]!]).gaps).toEqual(['F-2026-000002']);
  });

  it('derives the payment status, and the avance immédiate split (the household pays the odd cent)', () => {
    expect(paymentStatus(10_000, 0)).toBe('issued');
    expect(paymentStatus(10_000, 4_000)).toBe('partially_paid');
    expect(paymentStatus(10_000, 10_000)).toBe('paid');
    expect(paymentStatus(0, 0)).toBe('paid');
    expect(avanceImmediateSplit(15_601)).toEqual({ householdPartCents: 7_801, advanceCents: 7_800 });
  });
});

describe('accounting CSV', () => {
  it('uses `;`, decimal commas, quotes when needed and a UTF-8 BOM', () => {
    expect(csvAmount(123_456)).toBe('1234,56');
    expect(csvAmount(-5)).toBe('-0,05');
    expect(csvField('Dupont; fils')).toBe('"Dupont; fils"');
    expect(csvField('dit "le grand"')).toBe('"dit ""le grand"""');
    expect(toCsv(['Type', 'Montant'], [['Facture', '10,00']])).toBe(
      '\uFEFFType;Montant\r\nFacture;10,00\r\n',
    );
  });
});

describe('Urssaf payload rules', () => {
  it('checks IBANs (mod 97)', () => {
    expect(isValidIban('FR76 3000 6000 0112 3456 7890 189')).toBe(true);
    expect(isValidIban('FR7630006000011234567890180')).toBe(false);
  });

  it('refuses a landline, a bad IBAN and a French birth place without commune', () => {
    const codes = validateParticulier({
      civilite: '2',
      nomNaissance: 'Lefèvre',
      prenoms: 'Sophie',
      dateNaissance: '1968-04-12',
      lieuNaissance: { codePaysNaissance: '99100' },
      numeroTelephonePortable: '0238000000',
      adresseMail: 'a@b.fr',
      adressePostale: {
        libelleVoie: 'rue',
        libelleCommune: 'Orléans',
        codeCommune: '45234',
        codePostal: '45000',
        codePays: '99100',
      },
      coordonneeBancaire: { bic: 'BNPAFRPPXXX', iban: 'FR7630006000011234567890180', titulaire: 'S' },
    }).map((e) => e.code);
    expect(codes.sort()).toEqual(['ERR_IBAN', 'ERR_LIEU_NAISSANCE', 'ERR_TELEPHONE']);
  });
});
