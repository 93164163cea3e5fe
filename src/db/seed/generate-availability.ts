/**
 * The weekly availability of the demo workers (worker_availability), the pattern the week's planning and the
 * past weeks follow. Home-care staff of the larger services cover the weekend in turn: about a third work
 * Saturday and Sunday and have two weekdays off; part-timers work four days at most (often not on Wednesday)
 * and some mornings only; some work a split shift (morning and evening, the afternoon off). One-person businesses
 * work Monday to Saturday. Pure.
 */
import type { workerAvailability } from '../schema';
import type { Rng } from '../../shared/rng';
import { SMALL_BUSINESS_MAX_WORKERS } from './generate-people';
import { formatTime } from '../../shared/local-time';
import { chance, randomUuid } from './random';
import type { WorkerRow } from './rows';

/** One weekly slot in local minutes after midnight (Europe/Paris). */
export interface WeeklySlot {
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  startMin: number;
  endMin: number;
}

export type AvailabilityRow = typeof workerAvailability.$inferInsert & { id: string };

export interface Availability {
  rows: AvailabilityRow[];
  /** Worker id → weekly slots (every worker has some). */
  slotsByWorker: Map<string, WeeklySlot[]>;
}

const H = 60;
/** Home care starts with the first toilettes (07:00) and ends with the last couchers (20:30). */
const FULL_DAY: readonly [number, number][] = [[7 * H, 20 * H + 30]];
const MORNINGS: readonly [number, number][] = [[7 * H, 14 * H]];
const SPLIT_SHIFT: readonly [number, number][] = [
  [7 * H, 13 * H + 30],
  [16 * H + 30, 20 * H + 30],
];

export function generateAvailability(
  rng: Rng,
  input: { workers: readonly WorkerRow[]; weekdayOnlyWorkers: ReadonlySet<string> },
): Availability {
  const staffCount = new Map<string, number>();
  for (const w of input.workers)
    staffCount.set(w.organisationId, (staffCount.get(w.organisationId) ?? 0) + 1);
  const rows: AvailabilityRow[] = [];
  const slotsByWorker = new Map<string, WeeklySlot[]>();
  for (const w of input.workers) {
    let days: number[];
    let hours: readonly [number, number][] = FULL_DAY;
    if (input.weekdayOnlyWorkers.has(w.id)) {
      days = [1, 2, 3, 4, 5];
    } else if ((staffCount.get(w.organisationId) ?? 0) <= SMALL_BUSINESS_MAX_WORKERS) {
      days = [1, 2, 3, 4, 5, 6];
    } else {
      const homeCare = w.skills.includes('aide_toilette');
      const partTime = w.contractHoursPerWeek <= 26;
      if (homeCare && chance(rng, 0.35)) {
        // Weekend rota: Saturday and Sunday, and two weekdays off.
        const off = rng.shuffle([1, 2, 3, 4, 5]).slice(0, 2);
        days = [1, 2, 3, 4, 5, 6, 7].filter((d) => !off.includes(d));
      } else if (!homeCare && chance(rng, 0.3)) {
        days = [1, 2, 3, 4, 5, 6];
      } else {
        days = [1, 2, 3, 4, 5];
      }
      // Part-timers work four days at most: a weekday off, often Wednesday.
      while (partTime && days.length > 4) {
        const weekdays = days.filter((d) => d <= 5);
        const off = chance(rng, 0.5) && weekdays.includes(3) ? 3 : rng.pick(weekdays);
        days = days.filter((d) => d !== off);
      }
      if (homeCare) {
        const r = rng.next();
        hours = partTime && r < 0.3 ? MORNINGS : r > 0.8 ? SPLIT_SHIFT : FULL_DAY;
      }
    }
    const slots = days.flatMap((weekday) =>
      hours.map(([startMin, endMin]) => ({ weekday, startMin, endMin })),
    );
    slotsByWorker.set(w.id, slots);
    for (const s of slots) {
      rows.push({
        id: randomUuid(rng),
        organisationId: w.organisationId,
        workerId: w.id,
        weekday: s.weekday,
        startTime: formatTime(s.startMin),
        endTime: formatTime(s.endMin),
      });
    }
  }
  return { rows, slotsByWorker };
}
