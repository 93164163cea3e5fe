/**
 * The visits of the demo week (Monday to Sunday, Europe/Paris): one per contract slot, at its local time
 * turned into an instant, with its start window; then a quick greedy planning that gives most visits a
 * worker of the organisation who holds the skills, has the time and can get there. Visits it cannot place
 * stay without a worker (« à planifier »), for the schedule optimiser to show what it does. Pure.
 */
import type { Rng } from '../../shared/rng';
import { distanceKm, type Place } from './geography';
import { SMALL_BUSINESS_MAX_WORKERS, type PlannedContract } from './generate-people';
import { addDays, DEMO_TIME_ZONE, formatMinutes, localToInstant } from './local-time';
import { chance, randomUuid } from './random';
import type { BeneficiaryRow, VisitRow, WorkerRow } from './rows';

const MINUTE_MS = 60_000;
const FIVE_MINUTES_MS = 5 * MINUTE_MS;

/** Door-to-door travel time in minutes, from the straight-line distance (×1.3 for the road network). */
export function travelMinutes(from: Place, to: Place, transportMode: string): number {
  const km = distanceKm(from, to) * 1.3;
  if (km < 0.05) return 0;
  switch (transportMode) {
    case 'walk':
      return Math.ceil((km / 4.5) * 60);
    case 'bike':
      return Math.ceil((km / 14) * 60) + 2;
    case 'public_transport':
      return Math.ceil((km / 15) * 60) + 8;
    default:
      return Math.ceil((km / 28) * 60) + 3;
  }
}

/**
 * The weekdays (1–7) a worker works this week: home-care staff work one weekend in two (and then have two
 * weekdays off); the others rest on Sunday and often on Saturday.
 */
export function workingDays(rng: Rng, worksWeekends: boolean): Set<number> {
  if (worksWeekends && chance(rng, 0.5)) {
    const off = rng.shuffle([1, 2, 3, 4, 5]).slice(0, 2);
    return new Set([1, 2, 3, 4, 5, 6, 7].filter((d) => !off.includes(d)));
  }
  if (!worksWeekends && chance(rng, 0.4)) {
    const off = rng.int(1, 5);
    return new Set([1, 2, 3, 4, 5, 6].filter((d) => d !== off));
  }
  return new Set([1, 2, 3, 4, 5]);
}

interface Draft {
  row: VisitRow;
  weekday: number;
  place: Place;
  windowStart: number;
  windowEnd: number;
  nominal: number;
}

interface WorkerState {
  worker: WorkerRow;
  days: Set<number>;
  skills: Set<string>;
  weekMinutes: number;
  day: number;
  dayMinutes: number;
  freeAt: number;
  at: Place;
  startedDay: boolean;
}

export interface VisitsInput {
  contracts: readonly PlannedContract[];
  beneficiaries: readonly BeneficiaryRow[];
  workers: readonly WorkerRow[];
  /** Monday of the demo week, local date in Europe/Paris. */
  weekStart: string;
  /** Beneficiary id → worker to prefer when feasible. */
  preferredWorkers: ReadonlyMap<string, string>;
  /** Workers who rest at the weekend whatever their organisation (the demo worker). */
  weekdayOnlyWorkers?: ReadonlySet<string>;
}

/** The visits of the week, planned. */
export function generateVisits(rng: Rng, input: VisitsInput): VisitRow[] {
  const { contracts, beneficiaries, workers, weekStart, preferredWorkers } = input;
  const places = new Map(beneficiaries.map((b) => [b.id, { latitude: b.latitude, longitude: b.longitude }]));
  const instants = new Map<string, number>();
  const instant = (weekday: number, startMin: number): number => {
    const key = `${weekday}@${startMin}`;
    let t = instants.get(key);
    if (t === undefined) {
      t = localToInstant(addDays(weekStart, weekday - 1), formatMinutes(startMin), DEMO_TIME_ZONE).getTime();
      instants.set(key, t);
    }
    return t;
  };

  const drafts: Draft[] = [];
  for (const { row: contract, slots } of contracts) {
    for (const slot of slots) {
      const nominal = instant(slot.weekday, slot.startMin);
      const windowStart = nominal - slot.toleranceMin * MINUTE_MS;
      const windowEnd = nominal + slot.toleranceMin * MINUTE_MS;
      drafts.push({
        row: {
          id: randomUuid(rng),
          organisationId: contract.organisationId,
          contractId: contract.id,
          beneficiaryId: contract.beneficiaryId,
          workerId: null,
          activityCode: contract.activityCode,
          startsAt: new Date(nominal),
          durationMin: slot.durationMin,
          windowStartsAt: new Date(windowStart),
          windowEndsAt: new Date(windowEnd),
          requiredSkills: [...slot.requiredSkills],
          status: 'planned',
          isLocked: false,
        },
        weekday: slot.weekday,
        place: places.get(contract.beneficiaryId)!,
        windowStart,
        windowEnd,
        nominal,
      });
    }
  }

  // Plan each organisation on its own, day by day, visits in order of their window.
  const byOrg = new Map<string, Draft[]>();
  for (const d of drafts) {
    const list = byOrg.get(d.row.organisationId) ?? [];
    list.push(d);
    byOrg.set(d.row.organisationId, list);
  }
  const workersByOrg = new Map<string, WorkerState[]>();
  const staffCount = new Map<string, number>();
  for (const worker of workers)
    staffCount.set(worker.organisationId, (staffCount.get(worker.organisationId) ?? 0) + 1);
  for (const worker of workers) {
    const list = workersByOrg.get(worker.organisationId) ?? [];
    const homeCare = worker.skills.includes('aide_toilette');
    const days = input.weekdayOnlyWorkers?.has(worker.id)
      ? new Set([1, 2, 3, 4, 5])
      : (staffCount.get(worker.organisationId) ?? 0) <= SMALL_BUSINESS_MAX_WORKERS
        ? new Set([1, 2, 3, 4, 5, 6])
        : workingDays(rng, homeCare);
    list.push({
      worker,
      days,
      skills: new Set(worker.skills),
      weekMinutes: 0,
      day: 0,
      dayMinutes: 0,
      freeAt: 0,
      at: home(worker),
      startedDay: false,
    });
    workersByOrg.set(worker.organisationId, list);
  }
  const lastWorkerOf = new Map<string, string>();

  for (const [orgId, list] of byOrg) {
    const staff = workersByOrg.get(orgId) ?? [];
    list.sort(
      (a, b) =>
        a.weekday - b.weekday ||
        a.windowStart - b.windowStart ||
        b.row.durationMin - a.row.durationMin ||
        (a.row.id < b.row.id ? -1 : 1),
    );
    for (const visit of list) {
      let best: { state: WorkerState; start: number; cost: number } | undefined;
      for (const state of staff) {
        if (!state.days.has(visit.weekday)) continue;
        if (!visit.row.requiredSkills.every((s) => state.skills.has(s))) continue;
        if (state.day !== visit.weekday) {
          state.day = visit.weekday;
          state.dayMinutes = 0;
          state.startedDay = false;
          state.at = home(state.worker);
        }
        const duration = visit.row.durationMin;
        if (state.dayMinutes + duration > state.worker.maxHoursPerDay * 60) continue;
        if (state.weekMinutes + duration > state.worker.contractHoursPerWeek * 60) continue;
        const travel = travelMinutes(state.at, visit.place, state.worker.transportMode);
        const arrival = state.startedDay ? state.freeAt + travel * MINUTE_MS : visit.windowStart;
        // Planned on a 5-minute grid, as a coordinator would (Paris offsets are whole hours: the grid is local too).
        const start = Math.ceil(Math.max(arrival, visit.windowStart) / FIVE_MINUTES_MS) * FIVE_MINUTES_MS;
        if (start > visit.windowEnd) continue;
        const wait = state.startedDay ? (start - arrival) / MINUTE_MS : 0;
        let cost =
          travel +
          Math.abs(start - visit.nominal) / MINUTE_MS / 2 +
          Math.min(wait, 120) * 0.1 +
          state.weekMinutes / 600;
        if (lastWorkerOf.get(visit.row.beneficiaryId) === state.worker.id) cost -= 25;
        if (preferredWorkers.get(visit.row.beneficiaryId) === state.worker.id) cost -= 1000;
        if (!best || cost < best.cost) best = { state, start, cost };
      }
      if (!best) continue;
      const { state, start } = best;
      visit.row.workerId = state.worker.id;
      visit.row.startsAt = new Date(start);
      state.freeAt = start + visit.row.durationMin * MINUTE_MS;
      state.at = visit.place;
      state.startedDay = true;
      state.dayMinutes += visit.row.durationMin;
      state.weekMinutes += visit.row.durationMin;
      lastWorkerOf.set(visit.row.beneficiaryId, state.worker.id);
    }
  }
  return drafts.map((d) => d.row);
}

function home(worker: WorkerRow): Place {
  return { latitude: worker.homeLatitude, longitude: worker.homeLongitude };
}
