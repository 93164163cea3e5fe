import { describe, expect, it } from 'vitest';
import { expandContractOccurrences, occurrenceKey, weekBounds, type RecurrenceSlot } from './recurrence';
import { addDays, isoWeekday, localDateOf, localTimeOf, localToInstant, resolveLocalTime } from '../shared/local-time';

const everyDay = (start: string, durationMin = 30, toleranceMin = 15): RecurrenceSlot[] =>
  [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start, durationMin, toleranceMin }));

describe('local time to instant in Europe/Paris', () => {
  it.each([
    ['2026-01-15', '08:00', '2026-01-15T07:00:00.000Z', 'none'],
    ['2026-07-15', '08:00', '2026-07-15T06:00:00.000Z', 'none'],
    ['2026-03-28', '23:30', '2026-03-28T22:30:00.000Z', 'none'],
    ['2026-03-29', '01:59', '2026-03-29T00:59:00.000Z', 'none'],
    ['2026-03-29', '02:00', '2026-03-29T01:00:00.000Z', 'skipped'],
    ['2026-03-29', '02:30', '2026-03-29T01:00:00.000Z', 'skipped'],
    ['2026-03-29', '03:00', '2026-03-29T01:00:00.000Z', 'none'],
    ['2026-03-29', '08:00', '2026-03-29T06:00:00.000Z', 'none'],
    ['2026-10-25', '01:30', '2026-10-24T23:30:00.000Z', 'none'],
    ['2026-10-25', '02:30', '2026-10-25T00:30:00.000Z', 'repeated'],
    ['2026-10-25', '03:00', '2026-10-25T02:00:00.000Z', 'none'],
    ['2026-10-25', '08:00', '2026-10-25T07:00:00.000Z', 'none'],
  ])('%s %s is %s (%s)', (date, time, iso, adjustment) => {
    const resolved = resolveLocalTime(date, time);
    expect(resolved.instant.toISOString()).toBe(iso);
    expect(resolved.adjustment).toBe(adjustment);
  });

  it('moves a skipped time to 03:00, the first minute after the spring gap', () => {
    expect(resolveLocalTime('2026-03-29', '02:30').effectiveTime).toBe('03:00');
    expect(localTimeOf(localToInstant('2026-03-29', '02:30'))).toBe('03:00');
  });

  it('reads instants back as local dates and times', () => {
    expect(localDateOf(new Date('2026-10-24T22:30:00Z'))).toBe('2026-10-25');
    expect(localTimeOf(new Date('2026-10-25T01:30:00Z'))).toBe('02:30');
  });

  it('does calendar arithmetic without time zones', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(isoWeekday('2026-03-23')).toBe(1);
    expect(isoWeekday('2026-10-25')).toBe(7);
  });

  it('bounds a local week by its Mondays at midnight, 167 hours long in spring and 169 in autumn', () => {
    const spring = weekBounds('2026-03-23');
    expect((spring.to.getTime() - spring.from.getTime()) / 3_600_000).toBe(167);
    const autumn = weekBounds('2026-10-19');
    expect((autumn.to.getTime() - autumn.from.getTime()) / 3_600_000).toBe(169);
    expect(autumn.lastDay).toBe('2026-10-25');
  });
});

describe('expandContractOccurrences', () => {
  const contract = (recurrence: RecurrenceSlot[], extra: Partial<Parameters<typeof expandContractOccurrences>[0]> = {}) => ({
    recurrence,
    startsOn: '2026-01-01',
    endsOn: null,
    ...extra,
  });

  it('places every 08:00 visit of the spring-forward week at 07:00Z until Saturday and 06:00Z on Sunday', () => {
    const occurrences = expandContractOccurrences(contract(everyDay('08:00')), { from: '2026-03-23', to: '2026-03-29' });
    expect(occurrences.map((o) => [o.localDate, o.startsAt.toISOString()])).toEqual([
      ['2026-03-23', '2026-03-23T07:00:00.000Z'],
      ['2026-03-24', '2026-03-24T07:00:00.000Z'],
      ['2026-03-25', '2026-03-25T07:00:00.000Z'],
      ['2026-03-26', '2026-03-26T07:00:00.000Z'],
      ['2026-03-27', '2026-03-27T07:00:00.000Z'],
      ['2026-03-28', '2026-03-28T07:00:00.000Z'],
      ['2026-03-29', '2026-03-29T06:00:00.000Z'],
    ]);
    expect(occurrences.every((o) => localTimeOf(o.startsAt) === '08:00' && o.warning === null)).toBe(true);
  });

  it('places every 08:00 visit of the autumn week at 06:00Z until Saturday and 07:00Z on Sunday', () => {
    const occurrences = expandContractOccurrences(contract(everyDay('08:00')), { from: '2026-10-19', to: '2026-10-25' });
    expect(occurrences.map((o) => o.startsAt.toISOString())).toEqual([
      '2026-10-19T06:00:00.000Z',
      '2026-10-20T06:00:00.000Z',
      '2026-10-21T06:00:00.000Z',
      '2026-10-22T06:00:00.000Z',
      '2026-10-23T06:00:00.000Z',
      '2026-10-24T06:00:00.000Z',
      '2026-10-25T07:00:00.000Z',
    ]);
  });

  it('moves a 02:30 slot on the spring-forward night to 03:00 with a French warning', () => {
    const [sunday] = expandContractOccurrences(contract([{ weekday: 7, start: '02:30', durationMin: 60, toleranceMin: 0 }]), { from: '2026-03-23', to: '2026-03-29' });
    expect(sunday!.startsAt.toISOString()).toBe('2026-03-29T01:00:00.000Z');
    expect(sunday!.effectiveLocalStart).toBe('03:00');
    expect(sunday!.warning).toMatch(/heure d'été.*03:00/);
  });

  it('places a 02:30 slot of the autumn night at the first 02:30 (summer time) with a warning', () => {
    const [sunday] = expandContractOccurrences(contract([{ weekday: 7, start: '02:30', durationMin: 60, toleranceMin: 0 }]), { from: '2026-10-19', to: '2026-10-25' });
    expect(sunday!.startsAt.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(sunday!.warning).toMatch(/deux fois/);
  });

  it('gives every weekday 8:00–8:30 with a ±15 min window, and Tuesdays and Fridays 14:00–16:00', () => {
    const weekdays = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', durationMin: 30, toleranceMin: 15 }));
    const afternoons = [2, 5].map((weekday) => ({ weekday, start: '14:00', durationMin: 120, toleranceMin: 0 }));
    const occurrences = expandContractOccurrences(contract([...weekdays, ...afternoons]), { from: '2026-06-01', to: '2026-06-07' });
    expect(occurrences).toHaveLength(7);
    const monday = occurrences[0]!;
    expect(monday.windowStartsAt.toISOString()).toBe('2026-06-01T05:45:00.000Z');
    expect(monday.windowEndsAt.toISOString()).toBe('2026-06-01T06:15:00.000Z');
    expect(occurrences.filter((o) => o.localStart === '14:00').map((o) => o.localDate)).toEqual(['2026-06-02', '2026-06-05']);
  });

  it('skips suspended days, or flags them when asked', () => {
    const c = contract(everyDay('10:00'), { suspensions: [{ startsOn: '2026-06-03', endsOn: '2026-06-04', reason: 'Hospitalisation' }] });
    expect(expandContractOccurrences(c, { from: '2026-06-01', to: '2026-06-07' }).map((o) => o.localDate)).not.toContain('2026-06-03');
    expect(expandContractOccurrences(c, { from: '2026-06-01', to: '2026-06-07' })).toHaveLength(5);
    const all = expandContractOccurrences(c, { from: '2026-06-01', to: '2026-06-07' }, { includeSuspended: true });
    expect(all.filter((o) => o.suspension).map((o) => o.localDate)).toEqual(['2026-06-03', '2026-06-04']);
  });

  it('keeps to the contract dates', () => {
    const c = contract(everyDay('10:00'), { startsOn: '2026-06-03', endsOn: '2026-06-05' });
    expect(expandContractOccurrences(c, { from: '2026-06-01', to: '2026-06-07' }).map((o) => o.localDate)).toEqual(['2026-06-03', '2026-06-04', '2026-06-05']);
  });

  it('keys occurrences by contract, local date and slot', () => {
    expect(occurrenceKey('c1', '2026-06-01', 2)).toBe('c1:2026-06-01:2');
  });
});
