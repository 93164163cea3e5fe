import { describe, expect, it } from 'vitest';
import {
  APA_PLAN_CEILINGS_CENTS,
  APA_THRESHOLDS_2023_CENTS,
  APA_UNCONFIRMED,
  apaParticipationCents,
  apaParticipationThresholds,
  computeApa,
  getApaPlanCeilingCents,
  getMtpCents,
  isApaEligible,
  isPchAideHumaineActivity,
} from './apa';

describe('APA plan ceilings (SAP-REFERENCE §6.1)', () => {
  it.each([
    [1, 2024, 1_955_60],
    [2, 2024, 1_581_44],
    [3, 2024, 1_143_09],
    [4, 2024, 762_87],
    [1, 2025, 2_045_56],
    [2, 2025, 1_654_18],
    [3, 2025, 1_195_67],
    [4, 2025, 797_96],
  ] as const)('GIR %i in %i: %i cents per month', (gir, year, cents) => {
    expect(getApaPlanCeilingCents(gir, year)).toBe(cents);
  });

  it('refuses GIR 5 and 6, which open no APA', () => {
    expect(() => getApaPlanCeilingCents(5)).toThrow(/GIR 5/);
    expect(isApaEligible(80, 5)).toBe(false);
    expect(isApaEligible(59, 2)).toBe(false);
    expect(isApaEligible(60, 4)).toBe(true);
  });

  it('matches the reference ratios to the MTP (⚠️ derived: MTP 2025 ≈ 1 266.60 €)', () => {
    for (const year of [2024, 2025] as const)
      for (const gir of [1, 2, 3, 4] as const)
        expect(Math.round(getMtpCents(year) * APA_UNCONFIRMED.planCeilingToMtpRatios[gir])).toBe(
          APA_PLAN_CEILINGS_CENTS[year][gir],
        );
  });
});

describe('APA participation thresholds', () => {
  it('gives the confirmed 2023 thresholds, 864.60 € and 3 184.11 € (§6.1)', () => {
    expect(apaParticipationThresholds(getMtpCents(2023))).toEqual({
      lowerCents: APA_THRESHOLDS_2023_CENTS.lower,
      upperCents: APA_THRESHOLDS_2023_CENTS.upper,
    });
  });
  it('gives ≈ 918 € and ≈ 3 382 € in 2025, as the reference computes (⚠️)', () => {
    expect(apaParticipationThresholds(getMtpCents(2025))).toEqual({
      lowerCents: 918_29,
      upperCents: 3_381_82,
    });
  });
});

describe('apaParticipationCents (R232-11 as implemented, ⚠️ tranche figures)', () => {
  const mtp = 1_266_60;
  // Hand-computed: S1 = 918.29, S2 = 3 381.82, tranche limits 401.51 and 630.77 €, x = (R − S1)/(S2 − S1).
  it.each([
    ['no participation at or below 0.725 × MTP', 918_29, 500_00, 0],
    ['90 % of the plan at or above 2.67 × MTP', 3_381_82, 797_96, 718_16],
    ['small plan (< 0.317 × MTP): 90 % × x of the plan', 3_000_00, 300_00, 228_15],
    ['plan over the three tranches, income 1 500 €', 1_500_00, 1_000_00, 142_23],
    ['GIR 2 full plan, income 2 000 €', 2_000_00, 1_654_18, 441_73],
    ['GIR 4 full plan, income 1 200 €', 1_200_00, 797_96, 57_39],
  ])('%s', (_name, income, plan, expected) => {
    expect(apaParticipationCents(income, plan, mtp)).toBe(expected);
  });

  it('never decreases when income rises', () => {
    let previous = 0;
    for (let income = 800_00; income <= 3_500_00; income += 25_00) {
      const p = apaParticipationCents(income, 1_654_18, mtp);
      expect(p).toBeGreaterThanOrEqual(previous);
      previous = p;
    }
    expect(previous).toBe(Math.round(1_654_18 * 0.9));
  });
});

describe('computeApa', () => {
  it('caps the plan at the GIR ceiling and splits it between beneficiary and Département', () => {
    const r = computeApa({ gir: 4, monthlyIncomeCents: 1_200_00, planAmountCents: 900_00 });
    expect(r.planCents).toBe(797_96);
    expect(r.participationCents).toBe(57_39);
    expect(r.departementShareCents).toBe(797_96 - 57_39);
    expect(r.explanations.map((e) => e.key)).toEqual(['apa.plan', 'apa.participation', 'apa.departement']);
    expect(r.explanations[0]!.text).toMatch(/ramené/);
  });

  it('applies the participation rate to the part of the plan used', () => {
    const r = computeApa({
      gir: 2,
      monthlyIncomeCents: 1_500_00,
      planAmountCents: 1_000_00,
      usedAmountCents: 500_00,
    });
    expect(r.participationOnPlanCents).toBe(142_23);
    expect(r.participationCents).toBe(71_12); // 142.23 / 2 = 71.115 → 71.12
    expect(r.departementShareCents).toBe(500_00 - 71_12);
  });

  it('charges nothing to a beneficiary with low resources', () => {
    const r = computeApa({ gir: 1, monthlyIncomeCents: 900_00, planAmountCents: 2_000_00 });
    expect(r.participationCents).toBe(0);
    expect(r.departementShareCents).toBe(2_000_00);
    expect(r.explanations[1]!.text).toMatch(/aucune participation/);
  });
});

describe('PCH basics (§6.3)', () => {
  it('does not fund housework, cooking or shopping through aide humaine', () => {
    expect(isPchAideHumaineActivity('entretien-maison')).toBe(false);
    expect(isPchAideHumaineActivity('preparation-repas')).toBe(false);
    expect(isPchAideHumaineActivity('livraison-courses')).toBe(false);
    expect(isPchAideHumaineActivity('assistance-personnes-agees-handicapees')).toBe(true);
  });
});
