/**
 * Weekly contract hours as working-time budgets for the optimiser. Pure.
 *
 * The optimiser sees one vehicle per worker, day and working interval, and has no constraint across
 * vehicles; a worker's week is therefore cut into per-vehicle budgets:
 *
 * - the week's budget is the contract's weekly hours minus the working time of the visits that stay
 *   (done, locked or pinned, and those of the same week outside the optimised period);
 * - it is spread over the worker's working intervals of that week in the period, in proportion to their
 *   length, each interval's part capped by its part of the day's maximum hours (what a capped interval
 *   cannot take goes to the others);
 * - working time is visit time plus travel between visits (home legs are not working time), as the KPIs
 *   count it: the optimiser's budget dimension counts each visit's duration plus a travel allowance,
 *   the first visit of a route excepted.
 *
 * A part may exceed its share by a tolerance (a busy Tuesday, a quiet Thursday); the week as a whole is
 * then brought back within the contract after the search (`fitToContracts`).
 */
import { mondayOf } from '../../shared/local-time';
import type { PlanVisit } from './planning';
import { localDayOf } from './shifts';

export interface ContractHoursOptions {
  /**
   * The workers' visits of the weeks the period touches that are not among the problem's visits (outside the
   * period): they stay, and count in their worker's week.
   */
  otherVisits?: readonly PlanVisit[];
  /** How much an interval's budget may exceed its share of the week (0.1 = 10 %). */
  tolerance?: number;
  /** Minutes of travel counted per visit after the first of a route (default `DEFAULT_TRAVEL_ALLOWANCE_MIN`). */
  travelAllowanceMin?: number;
}

/** Per visit, the expected travel from the previous visit, in minutes (inter-visit legs of the demo plans: ~10 min). */
export const DEFAULT_TRAVEL_ALLOWANCE_MIN = 10;
export const DEFAULT_BUDGET_TOLERANCE = 0.1;

export interface WorkerWeekBudget {
  workerId: string;
  /** Monday of the week (local date). */
  weekStart: string;
  contractMin: number;
  /** Working minutes of the visits that stay (travel allowance included). */
  keptMin: number;
  /** What is left for the visits the optimiser places: contract minus kept, at least 0. */
  freeMin: number;
}

export interface BudgetVehicle {
  workerId: string;
  localDate: string;
  start: number;
  end: number;
  /** Working minutes (allowance included) of the pinned visits inside this vehicle. */
  pinnedLoad: number;
}

export const weekKey = (workerId: string, localDate: string): string => `${workerId}|${mondayOf(localDate)}`;

/**
 * Each worker-week's budget. `kept`: the visits that stay with their worker (done, pinned, other visits of
 * those weeks); cancelled ones are ignored.
 */
export function weekBudgets(
  workers: ReadonlyArray<{ id: string; contractHoursPerWeek: number }>,
  weeks: readonly string[],
  kept: readonly PlanVisit[],
  allowanceMin: number,
): Map<string, WorkerWeekBudget> {
  const keptMin = new Map<string, number>();
  const seen = new Set<string>();
  for (const v of kept) {
    if (!v.workerId || v.status === 'cancelled' || seen.has(v.id)) continue;
    seen.add(v.id);
    const key = weekKey(v.workerId, localDayOf(v.startsAt));
    keptMin.set(key, (keptMin.get(key) ?? 0) + v.durationMin + allowanceMin);
  }
  const budgets = new Map<string, WorkerWeekBudget>();
  for (const w of workers) {
    for (const weekStart of weeks) {
      const key = `${w.id}|${weekStart}`;
      const contractMin = Math.round(w.contractHoursPerWeek * 60);
      const k = keptMin.get(key) ?? 0;
      budgets.set(key, { workerId: w.id, weekStart, contractMin, keptMin: k, freeMin: Math.max(0, contractMin - k) });
    }
  }
  return budgets;
}

/**
 * The budget dimension's capacity of each vehicle: its pinned load, plus its part of the week's free budget
 * (× (1 + tolerance)), plus one allowance (the route's first visit comes from home).
 */
export function vehicleBudgets(
  vehicles: readonly BudgetVehicle[],
  budgets: ReadonlyMap<string, WorkerWeekBudget>,
  maxMinutesPerDay: ReadonlyMap<string, number>,
  options: { tolerance: number; allowanceMin: number },
): number[] {
  const capacity = vehicles.map((v) => v.pinnedLoad + options.allowanceMin);
  const byWeek = new Map<string, number[]>();
  vehicles.forEach((v, i) => {
    const key = weekKey(v.workerId, v.localDate);
    byWeek.set(key, [...(byWeek.get(key) ?? []), i]);
  });
  for (const [key, indices] of byWeek) {
    const free = budgets.get(key)?.freeMin ?? 0;
    if (free <= 0) continue;
    // Each interval's cap: its share of the day's maximum (by length among the day's intervals), minus what is pinned in it.
    const dayLength = new Map<string, number>();
    for (const i of indices) dayLength.set(vehicles[i]!.localDate, (dayLength.get(vehicles[i]!.localDate) ?? 0) + vehicles[i]!.end - vehicles[i]!.start);
    const cap = new Map<number, number>();
    for (const i of indices) {
      const v = vehicles[i]!;
      const dayMax = maxMinutesPerDay.get(v.workerId) ?? Infinity;
      cap.set(i, Math.max(0, (dayMax * (v.end - v.start)) / dayLength.get(v.localDate)! - v.pinnedLoad));
    }
    // Water-filling in proportion to length: a capped interval gives what it cannot take to the others.
    const share = new Map<number, number>(indices.map((i) => [i, 0]));
    let open = indices.filter((i) => cap.get(i)! > 0);
    let left = free;
    while (left > 1e-6 && open.length > 0) {
      const total = open.reduce((s, i) => s + (vehicles[i]!.end - vehicles[i]!.start), 0);
      const nextOpen: number[] = [];
      let given = 0;
      for (const i of open) {
        const want = (left * (vehicles[i]!.end - vehicles[i]!.start)) / total;
        const room = cap.get(i)! - share.get(i)!;
        const take = Math.min(want, room);
        share.set(i, share.get(i)! + take);
        given += take;
        if (room - take > 1e-6) nextOpen.push(i);
      }
      left -= given;
      if (nextOpen.length === open.length) break;
      open = nextOpen;
    }
    for (const i of indices) capacity[i] = Math.floor(capacity[i]! + Math.min(share.get(i)! * (1 + options.tolerance), cap.get(i)!));
  }
  return capacity;
}
