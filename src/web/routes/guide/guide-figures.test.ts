import { describe, expect, it } from 'vitest';
import { TAX_SUB_CEILINGS_CENTS } from '../../../domain/activities';
import { TAX_CREDIT_CEILINGS_CENTS } from '../../../domain/tax-credit';
import {
  ACTIVITY_COUNT,
  APA_CEILINGS_LATEST,
  OFFRE_GLOBALE_ACTIVITIES,
  PART_I_COUNT,
  PART_II_COUNT,
  SUB_CEILING_ACTIVITIES,
  creditRate,
  euros,
  exampleResult,
  lowerFirst,
  maxCredit,
} from './guide-figures';
import { GUIDE_PAGES, formatFrenchDate } from './guide-pages';

describe('the figures the guide shows come from the rules (reference §1–2, §6)', () => {
  it('26 activities: 5 in part I, 21 in part II; 10 sold only in an offre globale', () => {
    expect([ACTIVITY_COUNT, PART_I_COUNT, PART_II_COUNT]).toEqual([26, 5, 21]);
    expect(OFFRE_GLOBALE_ACTIVITIES).toHaveLength(10);
  });

  it('the rate reads « 50 % » and the largest credits are half the ceilings', () => {
    expect(creditRate).toBe('50\u00a0%');
    expect(euros(maxCredit(TAX_CREDIT_CEILINGS_CENTS.baseMax))).toBe('7\u00a0500\u00a0€');
    expect(euros(maxCredit(TAX_CREDIT_CEILINGS_CENTS.firstYearDirectMax))).toBe('9\u00a0000\u00a0€');
    expect(euros(maxCredit(TAX_CREDIT_CEILINGS_CENTS.invalidity))).toBe('10\u00a0000\u00a0€');
  });

  it('lists the three D7233-5 sub-ceilings', () => {
    expect(SUB_CEILING_ACTIVITIES.map((a) => a.taxSubCeilingCents).sort((a, b) => a - b)).toEqual(
      Object.values(TAX_SUB_CEILINGS_CENTS).sort((a, b) => a - b),
    );
  });

  it('shows the APA plan ceilings of the latest known year', () => {
    expect(APA_CEILINGS_LATEST[3]).toBe(1_195_67);
  });

  it('the worked example: 10 h at 25 € for a retired couple cost 125 € a month, paid at once with the avance immédiate', () => {
    const withAvance = exampleResult(true);
    expect(withAvance.monthly.grossCents).toBe(250_00);
    expect(withAvance.monthly.paidNowCents).toBe(125_00);
    const without = exampleResult(false);
    expect(without.monthly.paidNowCents).toBe(250_00);
    expect(without.yearly.refundedLaterCents).toBe(1_500_00);
  });
});

describe('text helpers', () => {
  it('lowers the first letter of a label but not of an acronym', () => {
    expect(lowerFirst('Carte bancaire')).toBe('carte bancaire');
    expect(lowerFirst('CESU déclaratif')).toBe('CESU déclaratif');
    expect(lowerFirst('Élan')).toBe('élan');
  });

  it('writes dates the French way, with « 1er »', () => {
    expect(formatFrenchDate('2026-11-22')).toBe('22 novembre 2026');
    expect(formatFrenchDate('2026-03-01')).toBe('1er mars 2026');
    expect(formatFrenchDate('pas une date')).toBe('pas une date');
  });

  it('every guide page has a title, a summary and a date', () => {
    for (const page of GUIDE_PAGES) {
      expect(page.title.length).toBeGreaterThan(0);
      expect(page.summary.length).toBeGreaterThan(0);
      expect(page.updatedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });
});
