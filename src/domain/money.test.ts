import { describe, expect, it } from 'vitest';
import { applyRate, formatDuration, formatEuros, formatRate, priceForMinutes, roundCents } from './money';

const nb = '\u00a0';

describe('money helpers', () => {
  it.each([
    [0, `0,00${nb}€`],
    [5, `0,05${nb}€`],
    [123456, `1${nb}234,56${nb}€`],
    [1_200_000, `12${nb}000,00${nb}€`],
    [-2500, `-25,00${nb}€`],
  ])('formatEuros(%i) = %s', (cents, text) => {
    expect(formatEuros(cents)).toBe(text);
  });

  it('drops cents on whole amounts when asked', () => {
    expect(formatEuros(1_200_000, { wholeEuros: true })).toBe(`12${nb}000${nb}€`);
    expect(formatEuros(1_250, { wholeEuros: true })).toBe(`12,50${nb}€`);
  });

  it('rounds half away from zero', () => {
    expect(roundCents(0.5)).toBe(1);
    expect(roundCents(-0.5)).toBe(-1);
    expect(roundCents(-0.4)).toBe(0);
    expect(() => roundCents(Number.NaN)).toThrow();
  });

  it('applies rates in basis points and prices minutes', () => {
    expect(applyRate(3_000_00, 5000)).toBe(1_500_00);
    expect(applyRate(101, 5000)).toBe(51);
    expect(priceForMinutes(90, 25_00)).toBe(37_50);
    expect(formatRate(550)).toBe(`5,5${nb}%`);
    expect(formatRate(5000)).toBe(`50${nb}%`);
    expect(formatDuration(90)).toBe(`1${nb}h${nb}30`);
    expect(formatDuration(600)).toBe(`10${nb}h`);
    expect(formatDuration(45)).toBe(`45${nb}min`);
  });
});
