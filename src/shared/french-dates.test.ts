import { describe, expect, it } from 'vitest';
import { frenchDate, longFrenchDate, monthLabel, previousMonth } from './french-dates';

describe('French dates', () => {
  it('names months and steps back across a year', () => {
    expect(monthLabel('2026-11')).toBe('novembre 2026');
    expect(monthLabel('2027-02')).toBe('février 2027');
    expect(previousMonth('2026-11')).toBe('2026-10');
    expect(previousMonth('2027-01')).toBe('2026-12');
  });
  it('writes dates the French way', () => {
    expect(frenchDate('2026-11-22')).toBe('22/11/2026');
    expect(frenchDate('2026-11-22T09:30:00+01:00')).toBe('22/11/2026');
    expect(longFrenchDate('2026-11-22')).toBe('22 novembre 2026');
    expect(longFrenchDate('2026-03-01')).toBe('1er mars 2026');
    expect(longFrenchDate('pas une date')).toBe('pas une date');
  });
});
