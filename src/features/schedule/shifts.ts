/** Local days and working intervals (availability minus absences), Europe/Paris. Pure. */
import { addDays, isoWeekday, localDateOf, localToInstant, PARIS_TIME_ZONE } from '../../shared/local-time';
import { availabilityOf, type PlanningWorker } from './planning';


export interface Interval {
  start: number;
  end: number;
}

/** The local dates from `fromDate` to `toDate`, both included. */
export function daysOf(fromDate: string, toDate: string): string[] {
  const days: string[] = [];
  for (let d = fromDate; d <= toDate && days.length < 62; d = addDays(d, 1)) days.push(d);
  return days;
}

/** The instants that bound a period of local days: [fromDate 00:00, day after toDate 00:00). */
export function periodBounds(fromDate: string, toDate: string): { from: Date; to: Date } {
  return { from: localToInstant(fromDate, '00:00', PARIS_TIME_ZONE), to: localToInstant(addDays(toDate, 1), '00:00', PARIS_TIME_ZONE) };
}

// Intl-based conversions cost microseconds each and the planner asks for the same ones thousands of
// times (each visit's day, each slot's instants): both are memoised (pure functions of their inputs).
const dayCache = new Map<number, string>();
const instantCache = new Map<string, number>();
const remember = <K, V>(cache: Map<K, V>, key: K, compute: () => V): V => {
  let value = cache.get(key);
  if (value === undefined) {
    if (cache.size > 200_000) cache.clear();
    value = compute();
    cache.set(key, value);
  }
  return value;
};

/** The local date (Europe/Paris) of an instant. */
export const localDayOf = (instant: Date): string => remember(dayCache, instant.getTime(), () => localDateOf(instant, PARIS_TIME_ZONE));

/** The instant (ms) of a local date and "HH:MM" in Europe/Paris. */
export const instantOf = (localDate: string, hhmm: string): number => remember(instantCache, `${localDate} ${hhmm}`, () => localToInstant(localDate, hhmm, PARIS_TIME_ZONE).getTime());

/** `a` minus every interval of `cuts` (all in ms). */
export function subtractIntervals(a: Interval, cuts: readonly Interval[]): Interval[] {
  let parts: Interval[] = [a];
  for (const c of cuts) {
    const next: Interval[] = [];
    for (const p of parts) {
      if (c.end <= p.start || c.start >= p.end) next.push(p);
      else {
        if (c.start > p.start) next.push({ start: p.start, end: c.start });
        if (c.end < p.end) next.push({ start: c.end, end: p.end });
      }
    }
    parts = next;
  }
  return parts;
}

/** The availability slots of a worker on a local date, as instants (ms), before absences. */
export function availabilityOn(worker: PlanningWorker, localDate: string): Interval[] {
  const weekday = isoWeekday(localDate);
  return availabilityOf(worker)
    .filter((s) => s.weekday === weekday)
    .map((s) => ({ start: instantOf(localDate, s.start), end: instantOf(localDate, s.end) }))
    .filter((i) => i.end > i.start)
    .sort((x, y) => x.start - y.start);
}

export const absencesOf = (worker: PlanningWorker): Interval[] => worker.absences.map((a) => ({ start: a.startsAt.getTime(), end: a.endsAt.getTime() }));

/** When the worker can work on a local date: availability minus absences (ms). */
export function shiftsOn(worker: PlanningWorker, localDate: string): Interval[] {
  const cuts = absencesOf(worker);
  return availabilityOn(worker, localDate).flatMap((slot) => subtractIntervals(slot, cuts));
}

/** Whether [start, end) lies inside one of the intervals. */
export const isInside = (start: number, end: number, intervals: readonly Interval[]): boolean => intervals.some((i) => start >= i.start && end <= i.end);

export const overlaps = (start: number, end: number, intervals: readonly Interval[]): boolean => intervals.some((i) => start < i.end && end > i.start);
