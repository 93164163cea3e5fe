/**
 * Turns the schedule's records into the optimiser's input (VROOM JSON with our `proxidom` extensions)
 * and its output back into assignments. Pure.
 *
 * - One optimiser vehicle per worker, day and working interval (availability minus absences), leaving
 *   from home and coming back to it; capacity = the day's maximum working minutes (maxHoursPerDay), each
 *   visit "delivers" its duration, so a day never holds more visit time than the maximum.
 * - Travel: matrices per transport mode built here (haversine × detour at the mode's speed, plus parking
 *   time), because the optimiser's coordinate mode has one speed for every vehicle.
 * - Visits: window = [window_starts_at, window_ends_at] on the start, service = duration, required skills,
 *   preferred workers (the beneficiary's preferred + usual workers: soft cost), forbidden = refused workers.
 * - Pinned visits (locked ones, those the coordinator placed outside the worker's availability, and in a
 *   repair every visit but the orphans) need a skill only their
 *   worker has and a window reduced to their planned start, with top priority; their worker's day is
 *   widened to hold them if it must.
 */
import { mondayOf } from '../../shared/local-time';
import { DEFAULT_BUDGET_TOLERANCE, DEFAULT_TRAVEL_ALLOWANCE_MIN, vehicleBudgets, weekBudgets, type ContractHoursOptions, type WorkerWeekBudget } from './contract-hours';
import { homeOf, placeOf, TRANSPORT_MODES, travelBetween, travelMatrices, type LatLon, type PlanningBeneficiary, type PlanningWorker, type PlanVisit } from './planning';
import { absencesOf, availabilityOn, daysOf, isInside, localDayOf, overlaps, periodBounds, shiftsOn, type Interval } from './shifts';

/**
 * Soft cost of a visit done by a worker the beneficiary does not know, in seconds of travel. 45 min: with
 * weekly contract hours modelled, a known worker's hours are limited, and at 15 min the search gave them to
 * strangers' visits nearby (continuity 64 % on the 40 × 1,200 benchmark, 71 % at 45 min; BENCHMARKS.md).
 */
export const PREFERENCE_COST = 2700;
const MIN_SHIFT_MS = 15 * 60_000;
const PIN_SKILL_BASE = 100_000;

export interface BuildProblemInput {
  fromDate: string;
  toDate: string;
  workers: readonly PlanningWorker[];
  beneficiaries: readonly PlanningBeneficiary[];
  /** Planned visits of the period (cancelled and done ones are left out by the caller or here). */
  visits: readonly PlanVisit[];
  /** Workers who did each beneficiary's visits in the previous weeks (continuity of care). */
  usualWorkers?: ReadonlyMap<string, readonly string[]>;
  /** Visits that must stay with their worker at their time, besides the locked ones. */
  pinnedVisitIds?: ReadonlySet<string>;
  /** Keep visits placed outside their worker's availability (not absent) where they are (default true). */
  pinOutsideAvailability?: boolean;
  /** Seed the search with the current assignments (default true). */
  withCurrentPlan?: boolean;
  /**
   * Weekly contract hours as working-time budgets of the vehicles (contract-hours.ts); absent: only the daily
   * maximum (a repair, whose problem holds the affected days only, may go over a contract rather than leave a
   * visit out — the board flags it).
   */
  contractHours?: ContractHoursOptions;
}

export interface VehicleRef {
  workerId: string;
  localDate: string;
  start: number;
  end: number;
}

export interface BuiltProblem {
  /** VROOM JSON input for `startOptimisation` / `solveVroom`. */
  input: {
    vehicles: Record<string, unknown>[];
    jobs: Record<string, unknown>[];
    matrices: Record<string, { durations: number[][]; distances: number[][] }>;
  };
  /** Time 0 of the problem, ms since the epoch; times in the problem are seconds after it. */
  originMs: number;
  /** vehicles[i] has VROOM id i + 1. */
  vehicles: VehicleRef[];
  /** jobs[i] (a visit id) has VROOM id i + 1. */
  jobVisitIds: string[];
  /** Visits of the period left out of the problem, kept as they are (locked without a worker, pinned without a day). */
  keptAsIs: string[];
  pinned: Set<string>;
  /** Contract-hours budgets per worker and week (`${workerId}|${monday}`); absent when not modelled. */
  contract?: { budgets: Map<string, WorkerWeekBudget>; allowanceMin: number };
}

/** Visits the optimiser works on: planned ones. */
export const isPlannable = (v: PlanVisit): boolean => v.status === 'planned';

/** The usual and preferred workers of each beneficiary, merged. */
export function knownWorkersOf(beneficiaries: readonly PlanningBeneficiary[], usual: ReadonlyMap<string, readonly string[]> = new Map()): Map<string, Set<string>> {
  const known = new Map<string, Set<string>>();
  for (const b of beneficiaries) known.set(b.id, new Set([...b.preferredWorkerIds, ...(usual.get(b.id) ?? [])]));
  return known;
}

export function buildProblem(input: BuildProblemInput): BuiltProblem {
  const { from } = periodBounds(input.fromDate, input.toDate);
  const originMs = from.getTime();
  const sec = (ms: number): number => Math.round((ms - originMs) / 1000);
  const workerById = new Map(input.workers.map((w) => [w.id, w]));
  const beneficiaryById = new Map(input.beneficiaries.map((b) => [b.id, b]));
  // A visit the coordinator gave to a worker outside the worker's recorded availability (but not during an
  // absence) stays as placed: availability is often incomplete, and a proposal should not drop such visits.
  const isPlacedOutsideAvailability = (v: PlanVisit): boolean => {
    const w = v.workerId ? workerById.get(v.workerId) : undefined;
    if (!w || input.pinOutsideAvailability === false) return false;
    const start = v.startsAt.getTime();
    const end = start + v.durationMin * 60_000;
    return !isInside(start, end, availabilityOn(w, localDayOf(v.startsAt))) && !overlaps(start, end, absencesOf(w));
  };
  const lockedOrPinned = (v: PlanVisit): boolean => v.isLocked || (input.pinnedVisitIds?.has(v.id) ?? false) || isPlacedOutsideAvailability(v);

  // Which visits go in: planned ones; a pinned visit needs its worker among the workers given.
  const keptAsIs: string[] = [];
  const pinned = new Set<string>();
  const jobs: PlanVisit[] = [];
  for (const v of input.visits) {
    if (!isPlannable(v)) continue;
    if (lockedOrPinned(v)) {
      if (!v.workerId || !workerById.has(v.workerId)) {
        keptAsIs.push(v.id);
        continue;
      }
      pinned.add(v.id);
    }
    jobs.push(v);
  }

  // Locations: index 0 is "anywhere" (no travel to or from it) for workers without a home.
  const places: Array<LatLon | null> = [null];
  const placeIndex = new Map<string, number>();
  const locate = (p: LatLon | null): number => {
    if (!p) return 0;
    const key = `${p.latitude.toFixed(6)},${p.longitude.toFixed(6)}`;
    let i = placeIndex.get(key);
    if (i === undefined) {
      i = places.length;
      places.push(p);
      placeIndex.set(key, i);
    }
    return i;
  };

  // Working intervals per worker and day, widened for the pinned visits.
  const days = daysOf(input.fromDate, input.toDate);
  const vehicles: VehicleRef[] = [];
  const pinnedByWorkerDay = new Map<string, PlanVisit[]>();
  for (const v of jobs) {
    if (!pinned.has(v.id)) continue;
    const key = `${v.workerId}|${localDayOf(v.startsAt)}`;
    pinnedByWorkerDay.set(key, [...(pinnedByWorkerDay.get(key) ?? []), v]);
  }
  for (const w of input.workers) {
    const home = homeOf(w);
    for (const day of days) {
      const intervals: Interval[] = shiftsOn(w, day).filter((i) => i.end - i.start >= MIN_SHIFT_MS);
      for (const v of pinnedByWorkerDay.get(`${w.id}|${day}`) ?? []) {
        const place = placeOf(beneficiaryById.get(v.beneficiaryId));
        const homeTravelMs = travelBetween(home, place, w.transportMode).seconds * 1000;
        const need = { start: v.startsAt.getTime() - homeTravelMs, end: v.startsAt.getTime() + v.durationMin * 60_000 + homeTravelMs };
        if (isInside(need.start, need.end, intervals)) continue;
        const touching = intervals.filter((i) => i.start <= need.end && i.end >= need.start);
        const merged = touching.reduce((acc, i) => ({ start: Math.min(acc.start, i.start), end: Math.max(acc.end, i.end) }), need);
        intervals.splice(0, intervals.length, ...intervals.filter((i) => !touching.includes(i)), merged);
        intervals.sort((a, b) => a.start - b.start);
      }
      for (const i of intervals) vehicles.push({ workerId: w.id, localDate: day, start: i.start, end: i.end });
    }
  }

  const pinnedOf = (veh: VehicleRef): PlanVisit[] =>
    (pinnedByWorkerDay.get(`${veh.workerId}|${veh.localDate}`) ?? []).filter((v) => v.startsAt.getTime() >= veh.start && v.startsAt.getTime() < veh.end);
  const pinnedMinutes = vehicles.map((veh) => pinnedOf(veh).reduce((s, v) => s + v.durationMin, 0));

  // Weekly contract hours: a second capacity dimension, working minutes (visit + travel allowance).
  let contract: BuiltProblem['contract'];
  let budgetCapacity: number[] | null = null;
  if (input.contractHours) {
    const options = input.contractHours;
    const allowanceMin = options.travelAllowanceMin ?? DEFAULT_TRAVEL_ALLOWANCE_MIN;
    const inProblem = new Set(jobs.map((v) => v.id));
    const kept = [
      ...input.visits.filter((v) => v.status === 'done'),
      ...jobs.filter((v) => pinned.has(v.id)),
      ...(options.otherVisits ?? []).filter((v) => !inProblem.has(v.id)),
    ];
    const weeks = [...new Set(days.map(mondayOf))];
    const budgets = weekBudgets(input.workers, weeks, kept, allowanceMin);
    budgetCapacity = vehicleBudgets(
      vehicles.map((veh, vi) => ({ ...veh, pinnedLoad: pinnedMinutes[vi]! + pinnedOf(veh).length * allowanceMin })),
      budgets,
      new Map(input.workers.map((w) => [w.id, w.maxHoursPerDay * 60])),
      { tolerance: options.tolerance ?? DEFAULT_BUDGET_TOLERANCE, allowanceMin },
    );
    contract = { budgets, allowanceMin };
  }

  const skillIds = new Map<string, number>();
  const skillId = (code: string): number => {
    let id = skillIds.get(code);
    if (id === undefined) {
      id = skillIds.size + 1;
      skillIds.set(code, id);
    }
    return id;
  };
  const workerIndex = new Map(input.workers.map((w, i) => [w.id, i]));
  const pinSkill = (workerId: string): number => PIN_SKILL_BASE + workerIndex.get(workerId)!;
  const vehicleIdsByWorker = new Map<string, number[]>();
  vehicles.forEach((v, i) => vehicleIdsByWorker.set(v.workerId, [...(vehicleIdsByWorker.get(v.workerId) ?? []), i + 1]));
  const vehicleIdsOf = (workerIds: Iterable<string>): number[] => [...new Set(workerIds)].flatMap((id) => vehicleIdsByWorker.get(id) ?? []);
  const known = knownWorkersOf(input.beneficiaries, input.usualWorkers);

  const jobsOut = jobs.map((v, i) => {
    const b = beneficiaryById.get(v.beneficiaryId);
    const location_index = locate(placeOf(b));
    const delivery = contract ? [v.durationMin, v.durationMin + contract.allowanceMin] : [v.durationMin];
    const base = { id: i + 1, location_index, service: v.durationMin * 60, delivery, description: v.id };
    if (pinned.has(v.id)) {
      const at = sec(v.startsAt.getTime());
      return { ...base, skills: [pinSkill(v.workerId!)], priority: 100, time_windows: [[at, at]] };
    }
    const windowStart = sec(v.windowStartsAt.getTime());
    const windowEnd = Math.max(windowStart, sec(v.windowEndsAt.getTime()));
    return {
      ...base,
      skills: v.requiredSkills.map(skillId),
      priority: 10,
      time_windows: [[windowStart, windowEnd]],
      proxidom: {
        preferred_workers: vehicleIdsOf(known.get(v.beneficiaryId) ?? []),
        preference_cost: PREFERENCE_COST,
        forbidden_workers: vehicleIdsOf(b?.refusedWorkerIds ?? []),
      },
    };
  });

  // The current plan as the search's starting point: each vehicle's visits in time order, as long as
  // they can follow one another (a conflicting plan is left for the search to mend).
  const jobIndexOfVisit = new Map(jobs.map((v, i) => [v.id, i]));
  const stepsOf = new Map<number, number[]>();
  if (input.withCurrentPlan !== false) {
    const byWorker = new Map<string, PlanVisit[]>();
    for (const v of jobs) if (v.workerId) byWorker.set(v.workerId, [...(byWorker.get(v.workerId) ?? []), v]);
    vehicles.forEach((veh, vi) => {
      const w = workerById.get(veh.workerId)!;
      const mine = (byWorker.get(veh.workerId) ?? [])
        .filter((v) => v.startsAt.getTime() >= veh.start && v.startsAt.getTime() < veh.end)
        .sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
      const kept: number[] = [];
      let t = veh.start;
      let at = homeOf(w);
      let minutes = 0;
      let load = 0;
      for (const v of mine) {
        const place = placeOf(beneficiaryById.get(v.beneficiaryId));
        const arrival = t + travelBetween(at, place, w.transportMode).seconds * 1000;
        const start = Math.max(arrival, v.windowStartsAt.getTime());
        const isPinned = pinned.has(v.id);
        const fits = isPinned
          ? arrival <= v.startsAt.getTime()
          : start <= v.windowEndsAt.getTime() && v.requiredSkills.every((s) => w.skills.includes(s)) && !beneficiaryById.get(v.beneficiaryId)?.refusedWorkerIds.includes(w.id);
        const vLoad = v.durationMin + (contract?.allowanceMin ?? 0);
        if (!fits || minutes + v.durationMin > w.maxHoursPerDay * 60 || (budgetCapacity && load + vLoad > budgetCapacity[vi]!)) continue;
        kept.push(jobIndexOfVisit.get(v.id)! + 1);
        t = (isPinned ? v.startsAt.getTime() : start) + v.durationMin * 60_000;
        at = place;
        minutes += v.durationMin;
        load += vLoad;
      }
      if (kept.length > 0 && t + travelBetween(at, homeOf(w), w.transportMode).seconds * 1000 <= veh.end) stepsOf.set(vi, kept);
    });
  }

  const vehiclesOut = vehicles.map((veh, vi) => {
    const w = workerById.get(veh.workerId)!;
    const home = locate(homeOf(w));
    const skills = [...w.skills.map(skillId), pinSkill(w.id)];
    const steps = stepsOf.get(vi);
    return {
      id: vi + 1,
      start_index: home,
      end_index: home,
      profile: TRANSPORT_MODES.includes(w.transportMode) ? w.transportMode : 'car',
      skills,
      capacity: [Math.max(w.maxHoursPerDay * 60, pinnedMinutes[vi]!), ...(budgetCapacity ? [budgetCapacity[vi]!] : [])],
      time_window: [sec(veh.start), sec(veh.end)],
      costs: { per_hour: 3600, per_km: 0 },
      description: `${w.id}|${veh.localDate}`,
      ...(steps ? { steps: steps.map((id) => ({ type: 'job', id })) } : {}),
    };
  });

  // Matrices per transport mode in use; "anywhere" (index 0) is 0 from and to everything.
  const profiles = [...new Set(vehiclesOut.map((v) => v.profile))];
  const matrices: BuiltProblem['input']['matrices'] = {};
  for (const profile of profiles) matrices[profile] = travelMatrices(places, profile);

  return { input: { vehicles: vehiclesOut, jobs: jobsOut, matrices }, originMs, vehicles, jobVisitIds: jobs.map((v) => v.id), keptAsIs, pinned, ...(contract ? { contract } : {}) };
}

export interface ProposedAssignment {
  visitId: string;
  workerId: string | null;
  startsAt: string;
}

export interface Proposal {
  assignments: ProposedAssignment[];
  unassigned: Array<{ visitId: string; reason: string }>;
}

interface VroomOut {
  routes?: Array<{ vehicle: number; steps?: Array<{ type: string; id?: number; arrival?: number; waiting_time?: number; setup?: number }> }>;
  unassigned?: Array<{ id: number; reason?: string }>;
}

/** The French half of the optimiser's bilingual reasons ("english / français"). */
export function frenchReason(reason: string | undefined): string {
  if (!reason) return 'Aucune place dans le planning.';
  const french = reason.includes(' / ') ? reason.slice(reason.lastIndexOf(' / ') + 3) : reason;
  return french.charAt(0).toUpperCase() + french.slice(1) + (french.endsWith('.') ? '' : '.');
}

const MINUTE_MS = 60_000;

/**
 * The optimiser's output as assignments: worker and start of every visit of the problem. Starts are
 * rounded up to the minute (never past the window). Pinned visits keep their worker and time whatever
 * the output says.
 */
export function readSolution(built: BuiltProblem, visits: readonly PlanVisit[], output: unknown): Proposal {
  const out = (output ?? {}) as VroomOut;
  const visitById = new Map(visits.map((v) => [v.id, v]));
  const placed = new Map<string, ProposedAssignment>();
  for (const route of out.routes ?? []) {
    const veh = built.vehicles[route.vehicle - 1];
    if (!veh) continue;
    for (const step of route.steps ?? []) {
      if (step.type !== 'job' || step.id === undefined) continue;
      const visitId = built.jobVisitIds[step.id - 1];
      const visit = visitId ? visitById.get(visitId) : undefined;
      if (!visit) continue;
      const startSec = (step.arrival ?? 0) + (step.waiting_time ?? 0) + (step.setup ?? 0);
      let startMs = Math.ceil((built.originMs + startSec * 1000) / MINUTE_MS) * MINUTE_MS;
      if (startMs > visit.windowEndsAt.getTime()) startMs = Math.floor(visit.windowEndsAt.getTime() / MINUTE_MS) * MINUTE_MS;
      placed.set(visit.id, { visitId: visit.id, workerId: veh.workerId, startsAt: new Date(startMs).toISOString() });
    }
  }
  const reasons = new Map((out.unassigned ?? []).map((u) => [built.jobVisitIds[u.id - 1], frenchReason(u.reason)]));
  const assignments: ProposedAssignment[] = [];
  const unassigned: Proposal['unassigned'] = [];
  for (const visitId of built.jobVisitIds) {
    const visit = visitById.get(visitId)!;
    if (built.pinned.has(visitId)) {
      assignments.push({ visitId, workerId: visit.workerId, startsAt: visit.startsAt.toISOString() });
      continue;
    }
    const a = placed.get(visitId);
    if (a) assignments.push(a);
    else {
      assignments.push({ visitId, workerId: null, startsAt: visit.startsAt.toISOString() });
      unassigned.push({ visitId, reason: reasons.get(visitId) ?? 'Aucune place dans le planning.' });
    }
  }
  return { assignments, unassigned };
}

/** The visits with the proposal's assignments applied. */
export function applyProposal(visits: readonly PlanVisit[], assignments: readonly ProposedAssignment[]): PlanVisit[] {
  const byId = new Map(assignments.map((a) => [a.visitId, a]));
  return visits.map((v) => {
    const a = byId.get(v.id);
    return a ? { ...v, workerId: a.workerId, startsAt: new Date(a.startsAt) } : v;
  });
}

/** Default time limit for a run: ~20 ms per visit, between 3 and 30 s (a week of 1,200 visits: 24 s). */
export const defaultTimeLimitMs = (visitCount: number): number => Math.min(30_000, Math.max(3_000, visitCount * 20));

export { localDayOf };
