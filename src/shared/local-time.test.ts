import { describe, expect, it } from 'vitest';
import { addDays, isoWeekday, localDateOf, localToInstant, offsetMinutes, weekStartOf } from './local-time';

describe('localToInstant (Europe/Paris)', () => {
  it.each([
    ['2026-01-15', '08:00', '2026-01-15T07:00:00.000Z'], // winter, UTC+1
    ['2026-07-15', '08:00', '2026-07-15T06:00:00.000Z'], // summer, UTC+2
    ['2026-03-28', '07:30', '2026-03-28T06:30:00.000Z'], // Saturday before the spring change
    ['2026-03-29', '07:30', '2026-03-29T05:30:00.000Z'], // the spring change's Sunday, after 03:00
    ['2026-03-29', '01:30', '2026-03-29T00:30:00.000Z'], // the spring change's Sunday, before 02:00
    ['2026-10-24', '19:00', '2026-10-24T17:00:00.000Z'], // Saturday before the autumn change
    ['2026-10-25', '19:00', '2026-10-25T18:00:00.000Z'], // the autumn change's Sunday
  ])('reads %s %s as %s', (date, time, iso) => {
    expect(localToInstant(date, time).toISOString()).toBe(iso);
  });

  it('moves a time skipped by the spring change to the end of the gap (02:30 → 03:00 CEST)', () => {
    expect(localToInstant('2026-03-29', '02:30').toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });

  it('gives the first occurrence of a time repeated by the autumn change', () => {
    expect(localToInstant('2026-10-25', '02:30').toISOString()).toBe('2026-10-25T00:30:00.000Z');
  });

  it('rejects malformed dates and times', () => {
    expect(() => localToInstant('2026-1-5', '08:00')).toThrow(RangeError);
    expect(() => localToInstant('2026-01-05', '24:00')).toThrow(RangeError);
  });
});

describe('calendar helpers', () => {
  it('knows the offset of Paris in winter and summer', () => {
    expect(offsetMinutes(new Date('2026-01-01T12:00:00Z'), 'Europe/Paris')).toBe(60);
    expect(offsetMinutes(new Date('2026-07-01T12:00:00Z'), 'Europe/Paris')).toBe(120);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2026-12-30', 3)).toBe('2027-01-02');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });

  it('numbers weekdays from Monday = 1 to Sunday = 7', () => {
    expect(isoWeekday('2026-11-16')).toBe(1);
    expect(isoWeekday('2026-11-22')).toBe(7);
  });

  it('finds the Monday of the week in Paris, not in UTC', () => {
    // Sunday 22 November 2026, 23:30 in Paris = 22:30 UTC: still the week of Monday 16.
    expect(weekStartOf(new Date('2026-11-22T22:30:00Z'))).toBe('2026-11-16');
    // Monday 23 November 2026, 00:30 in Paris = Sunday 23:30 UTC: already the next week.
    expect(weekStartOf(new Date('2026-11-22T23:30:00Z'))).toBe('2026-11-23');
    expect(localDateOf(new Date('2026-11-22T23:30:00Z'))).toBe('2026-11-23');
  });
});
