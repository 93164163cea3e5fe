/**
 * After the search: each worker's week brought back within the contract's weekly hours, then the visits
 * still out given, where they fit, to workers with hours left. Pure.
 *
 * The optimiser sees a worker's week as per-day budgets with a tolerance and travel as an allowance per
 * visit (contract-hours.ts), so a week may end a little over the contract, or a little under it. Here the
 * working time is measured as the KPIs measure it (visit time plus travel between visits, visits that stay
 * included):
 * 1. a worker over the contract loses the optimised visits whose removal saves the most time, those of a
 *    person who does not know them first, until the week fits;
 * 2. every visit left out (by the search or by step 1) gets the cheapest feasible insertion into a worker's
 *    day (repair.ts) among the workers whose week still fits with it;
 * 3. a visit that only fits with workers whose contract hours are used up says so in its reason.
 */
import { mondayOf } from '../../shared/local-time';
import { placeOf, type PlanningBeneficiary, type PlanningWorker, type PlanVisit } from './planning';
import { dayWorkMinutes } from './kpis';
import { applyProposal, knownWorkersOf, type BuiltProblem, type Proposal } from './problem-builder';
import { cheapestInsertion, type RepairContext } from './repair';
import { localDayOf } from './shifts';

export const CONTRACT_HOURS_REASON = 'Heures de contrat épuisées : les intervenant·es qualifié·es et disponibles à ce moment ont atteint leurs heures de contrat de la semaine.';

export interface FitInput {
  built: BuiltProblem;
  /** The visits given to `buildProblem` (the period's). */
  visits: readonly PlanVisit[];
  /** The workers' visits of the same weeks outside the period (they count, they do not move). */
  otherVisits?: readonly PlanVisit[];
  proposal: Proposal;
  workers: readonly PlanningWorker[];
  beneficiaries: readonly PlanningBeneficiary[];
  usualWorkers?: ReadonlyMap<string, readonly string[]>;
}

export function fitToContracts(input: FitInput): Proposal {
  const contract = input.built.contract;
  if (!contract) return input.proposal;
  const workerById = new Map(input.workers.map((w) => [w.id, w]));
  const beneficiaryById = new Map(input.beneficiaries.map((b) => [b.id, b]));
  const placeCache = new Map<string, ReturnType<typeof placeOf>>();
  const placeOfVisit = (v: PlanVisit): ReturnType<typeof placeOf> => {
    let p = placeCache.get(v.beneficiaryId);
    if (p === undefined && !placeCache.has(v.beneficiaryId)) {
      p = placeOf(beneficiaryById.get(v.beneficiaryId));
      placeCache.set(v.beneficiaryId, p);
    }
    return p ?? null;
  };
  const known = knownWorkersOf(input.beneficiaries, input.usualWorkers);
  const movable = new Set(input.built.jobVisitIds.filter((id) => !input.built.pinned.has(id)));
  const periodIds = new Set(input.visits.map((v) => v.id));
  const others = (input.otherVisits ?? []).filter((v) => !periodIds.has(v.id));

  // The plan as a mutable map; routes per worker-day, kept sorted.
  const plan = new Map(applyProposal(input.visits, input.proposal.assignments).map((v) => [v.id, v]));
  const routes = new Map<string, PlanVisit[]>();
  const dayKey = (workerId: string, v: PlanVisit): string => `${workerId}|${localDayOf(v.startsAt)}`;
  const addToRoute = (v: PlanVisit): void => {
    if (!v.workerId || v.status === 'cancelled') return;
    const key = dayKey(v.workerId, v);
    const route = routes.get(key) ?? [];
    route.push(v);
    route.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    routes.set(key, route);
  };
  const removeFromRoute = (v: PlanVisit): void => {
    if (!v.workerId) return;
    const key = dayKey(v.workerId, v);
    routes.set(key, (routes.get(key) ?? []).filter((x) => x.id !== v.id));
  };
  for (const v of [...plan.values(), ...others]) addToRoute(v);

  // Working minutes per worker-week.
  const weekDays = new Map<string, Set<string>>();
  for (const key of routes.keys()) {
    const [workerId, day] = key.split('|') as [string, string];
    const wk = `${workerId}|${mondayOf(day)}`;
    weekDays.set(wk, (weekDays.get(wk) ?? new Set()).add(day));
  }
  const weekMinutes = (workerId: string, week: string): number => {
    const w = workerById.get(workerId);
    if (!w) return 0;
    let minutes = 0;
    for (const day of weekDays.get(`${workerId}|${week}`) ?? []) minutes += dayWorkMinutes(routes.get(`${workerId}|${day}`) ?? [], w, placeOfVisit);
    return minutes;
  };
  const limitOf = (workerId: string, week: string): number => contract.budgets.get(`${workerId}|${week}`)?.contractMin ?? Infinity;

  // 1. Weeks over the contract lose optimised visits.
  for (const [wk] of weekDays) {
    const [workerId, week] = wk.split('|') as [string, string];
    const w = workerById.get(workerId);
    if (!w) continue;
    let used = weekMinutes(workerId, week);
    const limit = limitOf(workerId, week);
    while (used > limit + 1e-6) {
      let best: { v: PlanVisit; saving: number; knows: boolean } | null = null;
      const excess = used - limit;
      for (const day of weekDays.get(wk)!) {
        const route = routes.get(`${workerId}|${day}`) ?? [];
        const before = dayWorkMinutes(route, w, placeOfVisit);
        for (const v of route) {
          if (!movable.has(v.id)) continue;
          const saving = before - dayWorkMinutes(route.filter((x) => x.id !== v.id), w, placeOfVisit);
          const knows = known.get(v.beneficiaryId)?.has(workerId) ?? false;
          // Prefer a visit whose removal alone is enough, the smallest such; else the biggest saving; strangers first.
          const better = (a: { saving: number; knows: boolean }, b: { saving: number; knows: boolean }): boolean => {
            if (a.knows !== b.knows) return !a.knows;
            const aEnough = a.saving >= excess;
            const bEnough = b.saving >= excess;
            if (aEnough !== bEnough) return aEnough;
            return aEnough ? a.saving < b.saving : a.saving > b.saving;
          };
          if (!best || better({ saving, knows }, best)) best = { v, saving, knows };
        }
      }
      if (!best) break;
      removeFromRoute(best.v);
      plan.set(best.v.id, { ...best.v, workerId: null });
      used = weekMinutes(workerId, week);
    }
  }

  // 2. Visits left out: cheapest feasible insertion among the workers whose week still fits.
  const ctx: RepairContext = { workers: input.workers, beneficiaries: input.beneficiaries, visits: [], orphanIds: new Set(), usualWorkers: input.usualWorkers };
  const reasons = new Map(input.proposal.unassigned.map((u) => [u.visitId, u.reason]));
  const out = [...input.visits.filter((v) => movable.has(v.id) && !plan.get(v.id)!.workerId)].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  let planList = [...plan.values(), ...others];
  for (const visit of out) {
    const excluded = new Set<string>();
    let blockedByContract = false;
    for (let attempt = 0; attempt < input.workers.length; attempt++) {
      const best = cheapestInsertion(planList, ctx, visit, excluded);
      if (!best) break;
      const placed = { ...visit, workerId: best.workerId, startsAt: best.startsAt };
      const week = mondayOf(localDayOf(best.startsAt));
      addToRoute(placed);
      const wk = `${best.workerId}|${week}`;
      weekDays.set(wk, (weekDays.get(wk) ?? new Set()).add(localDayOf(best.startsAt)));
      if (weekMinutes(best.workerId, week) <= limitOf(best.workerId, week)) {
        plan.set(visit.id, placed);
        planList = [...plan.values(), ...others];
        reasons.delete(visit.id);
        blockedByContract = false;
        break;
      }
      removeFromRoute(placed);
      excluded.add(best.workerId);
      blockedByContract = true;
    }
    if (blockedByContract) reasons.set(visit.id, CONTRACT_HOURS_REASON);
  }

  const assignments = input.proposal.assignments.map((a) => {
    const v = plan.get(a.visitId);
    return v && movable.has(a.visitId) ? { visitId: a.visitId, workerId: v.workerId, startsAt: v.startsAt.toISOString() } : a;
  });
  const unassigned = assignments
    .filter((a) => !a.workerId && movable.has(a.visitId))
    .map((a) => ({ visitId: a.visitId, reason: reasons.get(a.visitId) ?? CONTRACT_HOURS_REASON }));
  return { assignments, unassigned };
}
