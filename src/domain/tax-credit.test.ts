import { describe, expect, it } from 'vitest';
import {
  computeTaxCeiling,
  computeTaxCredit,
  isPaymentMeansEligible,
  PAYMENT_MEANS,
  type TaxHousehold,
} from './tax-credit';

const single: TaxHousehold = {
  dependentChildren: 0,
  membersOver65: 0,
  invalidity: false,
  firstYearDirectEmployment: false,
};
const euros = (n: number): number => Math.round(n * 100);

describe('computeTaxCeiling (CGI 199 sexdecies, SAP-REFERENCE §2.2)', () => {
  it.each<[string, Partial<TaxHousehold>, boolean, number, string]>([
    ['general case', {}, false, 12_000, 'general'],
    ['one dependent child', { dependentChildren: 1 }, false, 13_500, 'general'],
    ['one child in shared residence: +750 €', { sharedResidenceChildren: 1 }, false, 12_750, 'general'],
    ['retired couple, both over 65', { membersOver65: 2 }, false, 15_000, 'general'],
    [
      'three increments capped at 15 000 €',
      { dependentChildren: 2, membersOver65: 1 },
      false,
      15_000,
      'general',
    ],
    ['ascendant over 65 eligible to APA', { ascendantsOver65: 1 }, false, 13_500, 'general'],
    [
      'first year of direct employment',
      { firstYearDirectEmployment: true },
      true,
      15_000,
      'first_year_direct',
    ],
    [
      'first year with two children',
      { firstYearDirectEmployment: true, dependentChildren: 2 },
      true,
      18_000,
      'first_year_direct',
    ],
    [
      'first year, increments capped at 18 000 €',
      { firstYearDirectEmployment: true, dependentChildren: 3 },
      true,
      18_000,
      'first_year_direct',
    ],
    [
      'first year bonus needs emploi direct, not an organism',
      { firstYearDirectEmployment: true },
      false,
      12_000,
      'general',
    ],
    [
      'invalidity: 20 000 €, no increments',
      { invalidity: true, dependentChildren: 2 },
      false,
      20_000,
      'invalidity',
    ],
    [
      'invalidity beats the first-year ceiling',
      { invalidity: true, firstYearDirectEmployment: true },
      true,
      20_000,
      'invalidity',
    ],
  ])('%s → %i €', (_name, situation, direct, expectedEuros, kind) => {
    const ceiling = computeTaxCeiling({ ...single, ...situation }, direct);
    expect(ceiling.amountCents).toBe(euros(expectedEuros));
    expect(ceiling.kind).toBe(kind);
    expect(ceiling.explanation).toMatch(/199 sexdecies/);
  });
});

describe('computeTaxCredit', () => {
  it('gives the maximum credits of the reference table: 7 500, 9 000 and 10 000 € (§2.2)', () => {
    const big = [
      { activityCode: 'entretien-maison' as const, mode: 'prestataire' as const, amountCents: euros(30_000) },
    ];
    expect(computeTaxCredit({ ...single, membersOver65: 2 }, big).creditCents).toBe(euros(7_500));
    expect(
      computeTaxCredit({ ...single, firstYearDirectEmployment: true, dependentChildren: 2 }, [
        { ...big[0]!, mode: 'emploi_direct' },
      ]).creditCents,
    ).toBe(euros(9_000));
    expect(computeTaxCredit({ ...single, invalidity: true }, big).creditCents).toBe(euros(10_000));
  });

  it('credits 50 % of spending net of aids (§2.1)', () => {
    const r = computeTaxCredit(single, [
      {
        activityCode: 'assistance-personnes-agees-handicapees',
        mode: 'prestataire',
        amountCents: euros(3_000),
        aids: { apaCents: euros(1_000) },
      },
    ]);
    expect(r.expenses[0]!.netCents).toBe(euros(2_000));
    expect(r.creditCents).toBe(euros(1_000));
  });

  it.each([
    ['petits-travaux-jardinage', 7_200, 5_000],
    ['petits-travaux-jardinage', 4_000, 4_000],
    ['petit-bricolage', 800, 500],
    ['assistance-informatique', 3_500, 3_000],
    ['entretien-maison', 11_000, 11_000],
  ] as const)(
    'applies the D7233-5 sub-ceiling to %s: %i € spent → %i € retained (§2.3)',
    (code, spent, retained) => {
      const r = computeTaxCredit(single, [
        { activityCode: code, mode: 'prestataire', amountCents: euros(spent) },
      ]);
      expect(r.activities[0]!.retainedCents).toBe(euros(retained));
      expect(r.creditCents).toBe(euros(retained / 2));
    },
  );

  it('applies the sub-ceiling once per activity across several expenses', () => {
    const r = computeTaxCredit(single, [
      { activityCode: 'petit-bricolage', mode: 'prestataire', amountCents: euros(300) },
      { activityCode: 'petit-bricolage', mode: 'emploi_direct', amountCents: euros(300) },
    ]);
    expect(r.activities).toHaveLength(1);
    expect(r.eligibleSpendingCents).toBe(euros(500));
  });

  it('drops cash payments (D7233-3, §2.4)', () => {
    expect(isPaymentMeansEligible('especes')).toBe(false);
    for (const m of PAYMENT_MEANS.filter((p) => p !== 'especes'))
      expect(isPaymentMeansEligible(m)).toBe(true);
    const r = computeTaxCredit(single, [
      {
        activityCode: 'entretien-maison',
        mode: 'prestataire',
        amountCents: euros(1_000),
        paymentMeans: 'especes',
      },
    ]);
    expect(r.creditCents).toBe(0);
    expect(r.expenses[0]!.ineligibilityReasons[0]).toMatch(/espèces/);
  });

  it('counts offre-globale activities only inside an offre globale (§1.3 notes)', () => {
    const delivery = {
      activityCode: 'livraison-courses' as const,
      mode: 'prestataire' as const,
      amountCents: euros(200),
    };
    expect(computeTaxCredit(single, [delivery]).creditCents).toBe(0);
    expect(computeTaxCredit(single, [{ ...delivery, inOffreGlobale: true }]).creditCents).toBe(euros(100));
  });

  it('counts téléassistance for a dependent person without an offre globale', () => {
    const tele = {
      activityCode: 'teleassistance-visioassistance' as const,
      mode: 'prestataire' as const,
      amountCents: euros(300),
    };
    expect(computeTaxCredit(single, [tele]).creditCents).toBe(0);
    expect(computeTaxCredit(single, [{ ...tele, forDependentPerson: true }]).creditCents).toBe(euros(150));
  });

  it('counts beauty and pet care only for a dependent person', () => {
    const pets = {
      activityCode: 'soins-animaux-compagnie' as const,
      mode: 'prestataire' as const,
      amountCents: euros(400),
    };
    expect(computeTaxCredit(single, [pets]).creditCents).toBe(0);
    expect(computeTaxCredit(single, [{ ...pets, forDependentPerson: true }]).creditCents).toBe(euros(200));
  });

  it('drops petit bricolage interventions longer than 2 hours (D7233-5)', () => {
    const r = computeTaxCredit(single, [
      {
        activityCode: 'petit-bricolage',
        mode: 'prestataire',
        amountCents: euros(100),
        longestInterventionMinutes: 150,
      },
    ]);
    expect(r.creditCents).toBe(0);
  });

  it('explains every figure in French', () => {
    const r = computeTaxCredit({ ...single, membersOver65: 2 }, [
      { activityCode: 'entretien-maison', mode: 'prestataire', amountCents: euros(3_000) },
    ]);
    expect(r.explanations.map((e) => e.key)).toEqual([
      'taxCredit.activity.entretien-maison',
      'taxCredit.eligibleSpending',
      'taxCredit.ceiling',
      'taxCredit.retainedSpending',
      'taxCredit.credit',
    ]);
    expect(r.creditCents).toBe(euros(1_500));
    expect(r.explanations.at(-1)!.text).toContain('1\u00a0500,00\u00a0€');
  });
});

describe('computeTaxCredit properties', () => {
  it('never credits more than half the net spending, nor half the ceiling, and grows with spending', async () => {
    const fc = await import('fast-check');
    const codes = [
      'entretien-maison',
      'petits-travaux-jardinage',
      'petit-bricolage',
      'assistance-informatique',
      'garde-enfants-plus-3-ans',
    ] as const;
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            code: fc.constantFrom(...codes),
            amount: fc.integer({ min: 0, max: 2_000_000 }),
            aid: fc.integer({ min: 0, max: 500_000 }),
          }),
          { maxLength: 6 },
        ),
        fc.integer({ min: 0, max: 4 }),
        fc.integer({ min: 0, max: 2 }),
        fc.boolean(),
        (items, children, over65, invalidity) => {
          const household = { ...single, dependentChildren: children, membersOver65: over65, invalidity };
          const expenses = items.map((i) => ({
            activityCode: i.code,
            mode: 'prestataire' as const,
            amountCents: i.amount,
            aids: { otherCents: i.aid },
          }));
          const r = computeTaxCredit(household, expenses);
          const net = r.expenses.reduce((s, e) => s + e.netCents, 0);
          expect(r.creditCents).toBeLessThanOrEqual(Math.round(net / 2) + 1);
          expect(r.creditCents).toBeLessThanOrEqual(r.ceiling.amountCents / 2);
          const more = computeTaxCredit(household, [
            ...expenses,
            { activityCode: 'entretien-maison', mode: 'prestataire', amountCents: 10_000 },
          ]);
          expect(more.creditCents).toBeGreaterThanOrEqual(r.creditCents);
        },
      ),
      { numRuns: 200, seed: 42 },
    );
  });
});
