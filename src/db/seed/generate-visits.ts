/**
 * The visits of a demo week (Monday to Sunday, Europe/Paris): one per contract slot, at its local time
 * turned into an instant, with its start window; then a quick greedy planning that gives most visits a
 * worker of the organisation who holds the skills, is available then (weekly slots, not away that week),
 * has the time and can get there, preferring the beneficiary's last worker. Visits it cannot place stay
 * without a worker (« à planifier »), for the schedule optimiser to show what it does. Pure.
 */
import type { Rng } from '../../shared/rng';
import type { WeeklySlot } from './generate-availability';
import { distanceKm, type Place } from './geography';
import type { PlannedContract } from './generate-people';
import { addDays, PARIS_TIME_ZONE, formatTime, localToInstant } from '../../shared/local-time';
import { quickUuid } from './random';
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

interface Draft {
  row: VisitRow;
  /** The contract slot it stands for (regular worker's key). */
  slotKey: string;
  weekday: number;
  /** Local minutes after midnight of the slot's nominal start. */
  nominalMin: number;
  place: Place;
  windowStart: number;
  windowEnd: number;
  nominal: number;
}

interface WorkerState {
  worker: WorkerRow;
  /** Availability by weekday (index 1–7). */
  slots: WeeklySlot[][];
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
  /** Worker id → weekly availability (generate-availability.ts); a worker without slots is never planned. */
  availability: ReadonlyMap<string, readonly WeeklySlot[]>;
  /** Only these organisations' contracts (all when absent). */
  organisationIds?: ReadonlySet<string>;
  /** Workers away the whole week (leave, sickness). */
  absentWorkerIds?: ReadonlySet<string>;
  /**
   * `contractId|weekday|HH:MM` → the slot's regular worker: preferred when available, set the first time the slot
   * is planned (a replacement during a leave does not take it over). Pass the same map from week to week.
   */
  regularWorkerOf?: Map<string, string>;
}

const REGULAR_WORKER_BONUS_MIN = 60;
const LAST_WORKER_BONUS_MIN = 25;

/** The visits of the week, planned. Slots before their contract's start are left out. */
export function generateVisits(rng: Rng, input: VisitsInput): VisitRow[] {
  const { contracts, beneficiaries, workers, weekStart, preferredWorkers } = input;
  const places = new Map(beneficiaries.map((b) => [b.id, { latitude: b.latitude, longitude: b.longitude }]));
  const instants = new Map<string, number>();
  const instant = (weekday: number, startMin: number): number => {
    const key = `${weekday}@${startMin}`;
    let t = instants.get(key);
    if (t === undefined) {
      t = localToInstant(addDays(weekStart, weekday - 1), formatTime(startMin), PARIS_TIME_ZONE).getTime();
      instants.set(key, t);
    }
    return t;
  };

  const drafts: Draft[] = [];
  for (const { row: contract, slots } of contracts) {
    if (input.organisationIds && !input.organisationIds.has(contract.organisationId)) continue;
    for (const slot of slots) {
      if (addDays(weekStart, slot.weekday - 1) < contract.startsOn) continue;
      const nominal = instant(slot.weekday, slot.startMin);
      const windowStart = nominal - slot.toleranceMin * MINUTE_MS;
      const windowEnd = nominal + slot.toleranceMin * MINUTE_MS;
      drafts.push({
        slotKey: `${contract.id}|${slot.weekday}|${slot.startMin}`,
        row: {
          id: quickUuid(rng),
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
        nominalMin: slot.startMin,
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
  for (const worker of workers) {
    if (input.absentWorkerIds?.has(worker.id)) continue;
    if (input.organisationIds && !input.organisationIds.has(worker.organisationId)) continue;
    const list = workersByOrg.get(worker.organisationId) ?? [];
    const byDay: WeeklySlot[][] = Array.from({ length: 8 }, () => []);
    for (const slot of input.availability.get(worker.id) ?? []) byDay[slot.weekday]?.push(slot);
    list.push({
      worker,
      slots: byDay,
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
  const regularWorkerOf = input.regularWorkerOf ?? new Map<string, string>();

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
        const slots = state.slots[visit.weekday]!;
        if (slots.length === 0) continue;
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
        // Busy until after the window closes: no need to compute the way there.
        if (state.startedDay && state.freeAt > visit.windowEnd) continue;
        const travel = travelMinutes(state.at, visit.place, state.worker.transportMode);
        const arrival = state.startedDay ? state.freeAt + travel * MINUTE_MS : visit.windowStart;
        // Planned on a 5-minute grid, as a coordinator would (Paris offsets are whole hours: the grid is local too).
        const start = Math.ceil(Math.max(arrival, visit.windowStart) / FIVE_MINUTES_MS) * FIVE_MINUTES_MS;
        if (start > visit.windowEnd) continue;
        // Inside one of the day's slots (the shift of a start within its window never crosses a DST change).
        const startMin = visit.nominalMin + (start - visit.nominal) / MINUTE_MS;
        if (!slots.some((s) => s.startMin <= startMin && startMin + duration <= s.endMin)) continue;
        const wait = state.startedDay ? (start - arrival) / MINUTE_MS : 0;
        let cost =
          travel +
          Math.abs(start - visit.nominal) / MINUTE_MS / 2 +
          Math.min(wait, 120) * 0.1 +
          state.weekMinutes / 600;
        if (regularWorkerOf.get(visit.slotKey) === state.worker.id) cost -= REGULAR_WORKER_BONUS_MIN;
        if (lastWorkerOf.get(visit.row.beneficiaryId) === state.worker.id) cost -= LAST_WORKER_BONUS_MIN;
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
      if (!regularWorkerOf.has(visit.slotKey)) regularWorkerOf.set(visit.slotKey, state.worker.id);
    }
  }
  return drafts.map((d) => d.row);
}

function home(worker: WorkerRow): Place {
  return { latitude: worker.homeLatitude, longitude: worker.homeLongitude };
}
