/**
 * Figures of a plan, the same way for the plan in place and for a proposal. Pure.
 *
 * - travel: per worker and day, home → first visit → … → last visit → home (the optimiser's objective);
 * - hours per worker: visit time plus travel between visits (home legs are not working time), against
 *   the contract's weekly hours prorated to the period's days;
 * - continuity: share of assigned visits done by a worker the beneficiary knows (preferred or usual).
 */
import { homeOf, placeOf, travelBetween, type LatLon, type PlanningBeneficiary, type PlanningWorker, type PlanVisit } from './planning';
import { knownWorkersOf } from './problem-builder';
import { localDayOf } from './shifts';

export interface WorkerHours {
  workerId: string;
  plannedHours: number;
  contractHours: number;
}

export interface PlanKpis {
  travelMinutes: number;
  travelKm: number;
  unassignedVisits: number;
  /** 0–1. */
  continuityRate: number;
  hoursByWorker: WorkerHours[];
}

export interface TravelLeg {
  workerId: string;
  fromVisitId: string | null;
  /** Null: the way back home after the day's last visit. */
  toVisitId: string | null;
  travelMinutes: number;
  travelKm: number;
}

const round1 = (x: number): number => Math.round(x * 10) / 10;
const round2 = (x: number): number => Math.round(x * 100) / 100;

/** Visits of each worker, day by day, in time order. */
export function dayRoutes(visits: readonly PlanVisit[]): Map<string, PlanVisit[]> {
  const routes = new Map<string, PlanVisit[]>();
  for (const v of visits) {
    if (!v.workerId || v.status === 'cancelled') continue;
    const key = `${v.workerId}|${localDayOf(v.startsAt)}`;
    routes.set(key, [...(routes.get(key) ?? []), v]);
  }
  for (const r of routes.values()) r.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  return routes;
}

/**
 * Working minutes each visit of a worker's day (in time order) adds: its duration plus the travel from the
 * previous visit. Home legs are not working time. The one measure of hours against the contract.
 */
export function visitWorkMinutes(route: readonly PlanVisit[], worker: PlanningWorker, placeOfVisit: (v: PlanVisit) => LatLon | null): number[] {
  let at: LatLon | null | undefined;
  return route.map((v) => {
    const place = placeOfVisit(v);
    const travel = at === undefined ? 0 : travelBetween(at, place, worker.transportMode).seconds / 60;
    at = place;
    return travel + v.durationMin;
  });
}

/** Working minutes of a worker's day: see visitWorkMinutes. */
export const dayWorkMinutes = (route: readonly PlanVisit[], worker: PlanningWorker, placeOfVisit: (v: PlanVisit) => LatLon | null): number =>
  visitWorkMinutes(route, worker, placeOfVisit).reduce((a, b) => a + b, 0);

/** Every leg of every worker's days: from home (fromVisitId null) to the first visit, between visits, back home. */
export function travelLegs(visits: readonly PlanVisit[], workers: readonly PlanningWorker[], beneficiaries: readonly PlanningBeneficiary[]): TravelLeg[] {
  const workerById = new Map(workers.map((w) => [w.id, w]));
  const beneficiaryById = new Map(beneficiaries.map((b) => [b.id, b]));
  const legs: TravelLeg[] = [];
  for (const [key, route] of dayRoutes(visits)) {
    const worker = workerById.get(key.split('|')[0]!);
    if (!worker) continue;
    let at = homeOf(worker);
    let from: string | null = null;
    for (const v of route) {
      const place = placeOf(beneficiaryById.get(v.beneficiaryId));
      const t = travelBetween(at, place, worker.transportMode);
      legs.push({ workerId: worker.id, fromVisitId: from, toVisitId: v.id, travelMinutes: round1(t.seconds / 60), travelKm: round2(t.km) });
      at = place;
      from = v.id;
    }
    const back = travelBetween(at, homeOf(worker), worker.transportMode);
    legs.push({ workerId: worker.id, fromVisitId: from, toVisitId: null, travelMinutes: round1(back.seconds / 60), travelKm: round2(back.km) });
  }
  return legs;
}

export function computeKpis(input: {
  visits: readonly PlanVisit[];
  workers: readonly PlanningWorker[];
  beneficiaries: readonly PlanningBeneficiary[];
  usualWorkers?: ReadonlyMap<string, readonly string[]>;
  /**
   * The workers' visits of the same weeks outside the period: they count in the hours against the contract
   * (a day's plan is judged on its week), nowhere else.
   */
  otherVisits?: readonly PlanVisit[];
  /** Number of local days the hours cover (contract hours are prorated: weekly × days / 7). */
  days: number;
}): PlanKpis {
  const active = input.visits.filter((v) => v.status !== 'cancelled');
  const legs = travelLegs(active, input.workers, input.beneficiaries);
  const travelMinutes = legs.reduce((s, l) => s + l.travelMinutes, 0);
  const travelKm = legs.reduce((s, l) => s + l.travelKm, 0);
  const known = knownWorkersOf(input.beneficiaries, input.usualWorkers);
  const assigned = active.filter((v) => v.workerId);
  const continuous = assigned.filter((v) => known.get(v.beneficiaryId)?.has(v.workerId!)).length;
  const workerById = new Map(input.workers.map((w) => [w.id, w]));
  const beneficiaryById = new Map(input.beneficiaries.map((b) => [b.id, b]));
  const minutesByWorker = new Map<string, number>();
  for (const [key, route] of dayRoutes([...active, ...(input.otherVisits ?? [])])) {
    const w = workerById.get(key.split('|')[0]!);
    if (w) minutesByWorker.set(w.id, (minutesByWorker.get(w.id) ?? 0) + dayWorkMinutes(route, w, (v) => placeOf(beneficiaryById.get(v.beneficiaryId))));
  }
  return {
    travelMinutes: Math.round(travelMinutes),
    travelKm: round1(travelKm),
    unassignedVisits: active.filter((v) => !v.workerId && v.status === 'planned').length,
    continuityRate: assigned.length === 0 ? 0 : Math.round((continuous / assigned.length) * 1000) / 1000,
    hoursByWorker: input.workers.map((w) => ({
      workerId: w.id,
      plannedHours: round2((minutesByWorker.get(w.id) ?? 0) / 60),
      contractHours: round2((w.contractHoursPerWeek * Math.min(7, input.days)) / 7),
    })),
  };
}
