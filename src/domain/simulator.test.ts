import { describe, expect, it } from 'vitest';
import { simulateHouseholdCost, type SimulatorHousehold, type SimulatorInput } from './simulator';

const single: SimulatorHousehold = {
  dependentChildren: 0,
  membersOver65: 0,
  invalidity: false,
  firstYearDirectEmployment: false,
};
const retiredCouple: SimulatorHousehold = { ...single, membersOver65: 2 };

interface Case {
  name: string;
  input: SimulatorInput;
  expected: {
    monthlyGross: number;
    yearlyGross: number;
    monthlyApa?: number;
    yearlyCredit: number;
    yearlyPaidNow: number;
    yearlyRefundedLater: number;
    yearlyNet: number;
    monthlyPaidNow?: number;
  };
}

// Amounts in cents, computed by hand (see each comment).
const CASES: Case[] = [
  {
    // 10 h × 25 € = 250 €/month, 3 000 €/yr; couple over 65: ceiling 15 000 €; credit 50 % = 1 500 €;
    // with the avance immédiate the couple pays 125 €/month.
    name: '10 h/month of housework at 25 €/h for a retired couple, with the avance immédiate',
    input: {
      lines: [
        { activityCode: 'entretien-maison', hoursPerMonth: 10, hourlyPriceCents: 25_00, mode: 'prestataire' },
      ],
      household: retiredCouple,
    },
    expected: {
      monthlyGross: 250_00,
      yearlyGross: 3_000_00,
      yearlyCredit: 1_500_00,
      yearlyPaidNow: 1_500_00,
      yearlyRefundedLater: 0,
      yearlyNet: 1_500_00,
      monthlyPaidNow: 125_00,
    },
  },
  {
    name: 'the same without the avance immédiate: 250 €/month now, 1 500 € refunded the next year',
    input: {
      lines: [
        { activityCode: 'entretien-maison', hoursPerMonth: 10, hourlyPriceCents: 25_00, mode: 'prestataire' },
      ],
      household: retiredCouple,
      wantsAvanceImmediate: false,
    },
    expected: {
      monthlyGross: 250_00,
      yearlyGross: 3_000_00,
      yearlyCredit: 1_500_00,
      yearlyPaidNow: 3_000_00,
      yearlyRefundedLater: 1_500_00,
      yearlyNet: 1_500_00,
      monthlyPaidNow: 250_00,
    },
  },
  {
    // 20 h × 30 € = 600 €/month = 7 200 €/yr; gardening sub-ceiling 5 000 € (D7233-5) → credit 2 500 €.
    name: 'gardening above its 5 000 € sub-ceiling (§2.3)',
    input: {
      lines: [
        {
          activityCode: 'petits-travaux-jardinage',
          hoursPerMonth: 20,
          hourlyPriceCents: 30_00,
          mode: 'prestataire',
        },
      ],
      household: single,
    },
    expected: {
      monthlyGross: 600_00,
      yearlyGross: 7_200_00,
      yearlyCredit: 2_500_00,
      yearlyPaidNow: 4_700_00,
      yearlyRefundedLater: 0,
      yearlyNet: 4_700_00,
    },
  },
  {
    // 60 h × 25 € = 1 500 €/month = 18 000 €/yr; single person: ceiling 12 000 € → credit 6 000 € (§2.2).
    name: 'a single person spending above the 12 000 € ceiling',
    input: {
      lines: [
        { activityCode: 'entretien-maison', hoursPerMonth: 60, hourlyPriceCents: 25_00, mode: 'prestataire' },
      ],
      household: single,
    },
    expected: {
      monthlyGross: 1_500_00,
      yearlyGross: 18_000_00,
      yearlyCredit: 6_000_00,
      yearlyPaidNow: 12_000_00,
      yearlyRefundedLater: 0,
      yearlyNet: 12_000_00,
    },
  },
  {
    // 25 h × 22 € + 8 h × 24 € = 550 + 192 = 742 €/month = 8 904 €/yr; 2 children: ceiling 15 000 €;
    // credit 4 452 €.
    name: 'a family with two children: childcare after school and housework',
    input: {
      lines: [
        {
          activityCode: 'garde-enfants-plus-3-ans',
          hoursPerMonth: 25,
          hourlyPriceCents: 22_00,
          mode: 'prestataire',
        },
        { activityCode: 'entretien-maison', hoursPerMonth: 8, hourlyPriceCents: 24_00, mode: 'prestataire' },
      ],
      household: { ...single, dependentChildren: 2 },
    },
    expected: {
      monthlyGross: 742_00,
      yearlyGross: 8_904_00,
      yearlyCredit: 4_452_00,
      yearlyPaidNow: 4_452_00,
      yearlyRefundedLater: 0,
      yearlyNet: 4_452_00,
    },
  },
  {
    // Emploi direct, first year, 1 child: ceiling 15 000 + 1 500 = 16 500 € (§2.2);
    // 100 h × 15 € = 1 500 €/month = 18 000 €/yr → credit 8 250 €.
    name: 'first year of direct employment of a nanny, one child',
    input: {
      lines: [
        {
          activityCode: 'garde-enfants-plus-3-ans',
          hoursPerMonth: 100,
          hourlyPriceCents: 15_00,
          mode: 'emploi_direct',
        },
      ],
      household: { ...single, dependentChildren: 1, firstYearDirectEmployment: true },
    },
    expected: {
      monthlyGross: 1_500_00,
      yearlyGross: 18_000_00,
      yearlyCredit: 8_250_00,
      yearlyPaidNow: 9_750_00,
      yearlyRefundedLater: 0,
      yearlyNet: 9_750_00,
    },
  },
  {
    // GIR 2, plan 1 000 €, resources 1 500 €/month (2025): participation 142.23 € (apa.test.ts), APA 857.77 €.
    // 50 h × 24 € = 1 200 €/month; household share 1 200 − 857.77 = 342.23 €/month = 4 106.76 €/yr.
    // One member over 65: ceiling 13 500 €; credit 2 053.38 €. No avance immédiate for APA beneficiaries (§4.2).
    name: 'a GIR 2 person with an APA plan of 1 000 €/month and 1 500 € of monthly resources',
    input: {
      lines: [
        {
          activityCode: 'assistance-personnes-agees-handicapees',
          hoursPerMonth: 50,
          hourlyPriceCents: 24_00,
          mode: 'prestataire',
        },
      ],
      household: { ...single, membersOver65: 1 },
      dependentPerson: { gir: 2, apaPlanMonthlyCents: 1_000_00, monthlyIncomeCents: 1_500_00 },
    },
    expected: {
      monthlyGross: 1_200_00,
      yearlyGross: 14_400_00,
      monthlyApa: 857_77,
      yearlyCredit: 2_053_38,
      yearlyPaidNow: 4_106_76,
      yearlyRefundedLater: 2_053_38,
      yearlyNet: 2_053_38,
    },
  },
  {
    name: 'cash payment: no tax credit (D7233-3, §2.4)',
    input: {
      lines: [
        {
          activityCode: 'entretien-maison',
          hoursPerMonth: 10,
          hourlyPriceCents: 25_00,
          mode: 'emploi_direct',
        },
      ],
      household: single,
      paymentMeans: 'especes',
    },
    expected: {
      monthlyGross: 250_00,
      yearlyGross: 3_000_00,
      yearlyCredit: 0,
      yearlyPaidNow: 3_000_00,
      yearlyRefundedLater: 0,
      yearlyNet: 3_000_00,
    },
  },
  {
    name: 'shopping delivery alone is outside an offre globale: no credit',
    input: {
      lines: [
        { activityCode: 'livraison-courses', hoursPerMonth: 4, hourlyPriceCents: 20_00, mode: 'prestataire' },
      ],
      household: single,
    },
    expected: {
      monthlyGross: 80_00,
      yearlyGross: 960_00,
      yearlyCredit: 0,
      yearlyPaidNow: 960_00,
      yearlyRefundedLater: 0,
      yearlyNet: 960_00,
    },
  },
  {
    // 4 h × 20 € delivery + 4 h × 25 € housework = 180 €/month = 2 160 €/yr → credit 1 080 €.
    name: 'shopping delivery together with housework counts (offre globale)',
    input: {
      lines: [
        { activityCode: 'livraison-courses', hoursPerMonth: 4, hourlyPriceCents: 20_00, mode: 'prestataire' },
        { activityCode: 'entretien-maison', hoursPerMonth: 4, hourlyPriceCents: 25_00, mode: 'prestataire' },
      ],
      household: single,
    },
    expected: {
      monthlyGross: 180_00,
      yearlyGross: 2_160_00,
      yearlyCredit: 1_080_00,
      yearlyPaidNow: 1_080_00,
      yearlyRefundedLater: 0,
      yearlyNet: 1_080_00,
    },
  },
];

describe('simulateHouseholdCost', () => {
  it.each(CASES)('$name', ({ input, expected }) => {
    const r = simulateHouseholdCost(input);
    expect(r.monthly.grossCents).toBe(expected.monthlyGross);
    expect(r.yearly.grossCents).toBe(expected.yearlyGross);
    expect(r.monthly.apaCents).toBe(expected.monthlyApa ?? 0);
    expect(r.yearly.taxCreditCents).toBe(expected.yearlyCredit);
    expect(r.yearly.paidNowCents).toBe(expected.yearlyPaidNow);
    expect(r.yearly.refundedLaterCents).toBe(expected.yearlyRefundedLater);
    expect(r.yearly.netCostCents).toBe(expected.yearlyNet);
    if (expected.monthlyPaidNow !== undefined) expect(r.monthly.paidNowCents).toBe(expected.monthlyPaidNow);
    // invariants
    expect(r.yearly.paidNowCents - r.yearly.refundedLaterCents).toBe(r.yearly.netCostCents);
    expect(r.yearly.householdShareCents + r.yearly.apaCents).toBe(r.yearly.grossCents);
  });

  it('explains every figure in French', () => {
    const r = simulateHouseholdCost(CASES[6]!.input);
    const keys = r.explanations.map((e) => e.key);
    for (const key of [
      'apa.plan',
      'apa.participation',
      'apa.departement',
      'simulator.monthly.gross',
      'simulator.yearly.gross',
      'simulator.monthly.apa',
      'simulator.monthly.householdShare',
      'taxCredit.ceiling',
      'taxCredit.credit',
      'simulator.monthly.taxCredit',
      'simulator.avanceImmediate',
      'simulator.monthly.paidNow',
      'simulator.yearly.refundedLater',
      'simulator.monthly.netCost',
      'simulator.yearly.netCost',
    ])
      expect(keys).toContain(key);
    for (const e of r.explanations) expect(e.text).toMatch(/[a-zé]/);
    expect(r.avanceImmediate.available).toBe(false);
    expect(r.avanceImmediate.explanation).toMatch(/APA/);
    expect(r.lines[0]!.explanation).toMatch(/50 h par mois à 24,00\u00a0€/);
  });

  it('refuses the avance immédiate to a household that never filed a tax return (§4.2)', () => {
    const r = simulateHouseholdCost({
      ...CASES[0]!.input,
      household: { ...retiredCouple, hasFiledTaxReturn: false },
    });
    expect(r.avanceImmediate.used).toBe(false);
    expect(r.yearly.refundedLaterCents).toBe(1_500_00);
  });

  it('warns when a GIR 5 person asks for APA and when a GIR 3 person has no plan yet', () => {
    const base = CASES[6]!.input;
    expect(simulateHouseholdCost({ ...base, dependentPerson: { gir: 5 } }).warnings.join(' ')).toMatch(
      /caisse de retraite/,
    );
    const noPlan = simulateHouseholdCost({ ...base, dependentPerson: { gir: 3 } });
    expect(noPlan.apa).toBeNull();
    expect(noPlan.warnings.join(' ')).toMatch(/demander l'APA/);
  });

  it('counts no APA under 60 and points to the PCH', () => {
    const r = simulateHouseholdCost({
      ...CASES[6]!.input,
      dependentPerson: { gir: 2, ageYears: 45, apaPlanMonthlyCents: 1_000_00 },
    });
    expect(r.apa).toBeNull();
    expect(r.monthly.apaCents).toBe(0);
    expect(r.warnings.join(' ')).toMatch(/PCH/);
  });

  it('spreads the APA only over the lines the plan funds, to the cent', () => {
    const r = simulateHouseholdCost({
      lines: [
        {
          activityCode: 'assistance-personnes-agees-handicapees',
          hoursPerMonth: 10,
          hourlyPriceCents: 25_00,
          mode: 'prestataire',
        },
        { activityCode: 'entretien-maison', hoursPerMonth: 5, hourlyPriceCents: 25_00, mode: 'prestataire' },
        {
          activityCode: 'petits-travaux-jardinage',
          hoursPerMonth: 2,
          hourlyPriceCents: 30_00,
          mode: 'prestataire',
        },
      ],
      household: { ...single, membersOver65: 1 },
      dependentPerson: { gir: 4, apaPlanMonthlyCents: 300_00, monthlyIncomeCents: 900_00 },
    });
    expect(r.monthly.apaCents).toBe(300_00); // resources under 0.725 × MTP: no participation
    expect(r.lines.map((l) => l.monthlyApaCents)).toEqual([200_00, 100_00, 0]);
  });
});
