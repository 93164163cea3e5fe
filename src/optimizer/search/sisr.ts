/**
 * The metaheuristic: SISR ruin-and-recreate (Christiaens & Vanden Berghe 2020) under simulated
 * annealing with a time-based exponential cooling, and the local search applied to every new
 * best plan. Anytime: the best plan so far is always available.
 */
import { insertJobs } from '../construct/insertion.js';
import { minimiseRoutes } from './fleet.js';
import { LocalSearch } from './local-search.js';
import { runPenalisedSearch } from './penalised.js';
import { ruinStrings } from './ruin.js';
import type { Rng } from './rng.js';
import type { Objective, Solution } from './solution.js';
import { compareObjective } from './solution.js';

export interface SearchControl {
  /** Milliseconds elapsed since the start (injected clock). */
  elapsedMs: () => number;
  timeLimitMs: number;
  maxIterations: number;
  /** External cancellation. */
  isCancelled: () => boolean;
  /** Called with each new best plan. */
  onBest: (obj: Objective, iteration: number) => void;
}

export interface SearchParams {
  avgRemoved: number;
  maxString: number;
  blinkRate: number;
  /** Initial and final temperatures, in multiples of the mean arc cost of the first plan. */
  t0: number;
  tf: number;
  granularity: number;
  /** Share of the time spent minimising the number of routes first, when every vehicle has a fixed cost. */
  fleetShare: number;
  /** Route minimisation: ejection search (search/fleet.ts) or SISR's absences only. */
  fleetMethod: 'ejection' | 'sisr';
  /** Route minimisation gives up when removing one route takes longer than this share of the time. */
  fleetAttemptShare: number;
  /** SWAP* in the local search (search/local-search.ts). */
  swapStar: boolean;
  /**
   * Hierarchical objective, after route minimisation: the annealing's recreate may make routes
   * infeasible at a penalty, then ejects visits from them (search/penalised.ts; not on problems with
   * time links). Off by default: no gain measured at 10 s (docs/optimizer.md, Known limits).
   */
  penalisedPhase: boolean;
  /** Start value of the penalty per unit of violation, in multiples of the mean cost per unit of travel time. */
  twPenalty0: number;
  /** The penalty adapts so that this share of the candidates is feasible before the repair (0: fixed penalty). */
  twTargetFeasible: number;
}

export const DEFAULT_PARAMS: SearchParams = {
  avgRemoved: 10,
  maxString: 10,
  blinkRate: 0.01,
  t0: 10,
  tf: 0.1,
  granularity: 20,
  fleetShare: 0.5,
  fleetMethod: 'ejection',
  fleetAttemptShare: 0.2,
  swapStar: false,
  penalisedPhase: false,
  twPenalty0: 1,
  twTargetFeasible: 0.3,
};

/**
 * SISR's fleet minimisation (Christiaens & Vanden Berghe 2020, §5): remove a whole route, then
 * ruin-and-recreate without opening routes, accepting a candidate when it leaves fewer visits out
 * or visits that were left out less often ("absences"), until every visit is back; repeat.
 * Returns when the deadline passes; the solution is the plan with the fewest routes found.
 */
export function minimiseFleet(sol: Solution, rng: Rng, params: SearchParams, until: () => boolean): void {
  const c = sol.c;
  if (sol.unassigned.length > 0) return;
  const absences = new Float64Array(c.n);
  let best = sol.snapshot();
  const removed: number[] = [];
  const jobs: number[] = [];
  const absenceSum = (): number => {
    let s = 0;
    for (const j of sol.unassigned) s += absences[j]!;
    return s;
  };
  while (!until()) {
    // Remove the smallest of a few random non-empty routes.
    const used = sol.routes.filter((r) => r.nodes.length > 2);
    if (used.length <= 1) break;
    let pick = used[rng.int(used.length)]!;
    for (let k = 0; k < 2; k++) {
      const o = used[rng.int(used.length)]!;
      if (o.nodes.length < pick.nodes.length) pick = o;
    }
    sol.beginTransaction();
    for (const j of pick.nodes.slice(1, -1)) {
      sol.removeJob(j);
      sol.unassigned.push(j);
    }
    sol.refresh(pick.vehicle);
    sol.commit();
    let curCount = sol.unassigned.length;
    let curSum = absenceSum();
    let it = 0;
    while (sol.unassigned.length > 0) {
      if ((it++ & 15) === 0 && until()) break;
      sol.beginTransaction();
      ruinAndGather(sol, rng, params, removed, jobs);
      insertJobs(sol, jobs, rng, { blinkRate: params.blinkRate, noNewRoutes: true });
      for (const j of sol.unassigned) absences[j]!++;
      const cnt = sol.unassigned.length;
      const sum = absenceSum();
      if (cnt < curCount || sum < curSum) {
        sol.commit();
        curCount = cnt;
        curSum = sum;
      } else sol.rollback();
    }
    if (sol.unassigned.length > 0) break;
    best = sol.snapshot();
  }
  sol.load(best);
}

export interface SearchStats {
  iterations: number;
  bestObjective: Objective;
  best: number[][];
  bestUnassigned: number[];
}

/** Sort jobs for reinsertion: by priority, then one of SISR's orders picked at random. */
export function sortForInsertion(sol: Solution, jobs: number[], rng: Rng): void {
  const c = sol.c;
  const r = rng.next() * 13;
  const key = new Map<number, number>();
  const tc = c.classes[0];
  const depotLoc = c.nodeLoc[c.n]!;
  if (r < 4) {
    for (const j of jobs) key.set(j, rng.next());
  } else if (r < 8) {
    for (const j of jobs) {
      let dem = 0;
      for (let k = 0; k < c.dims; k++) dem += c.nodeDelivery[j * c.dims + k]! + c.nodePickup[j * c.dims + k]!;
      key.set(j, -dem - 1e-9 * rng.next());
    }
  } else if (r < 10) {
    for (const j of jobs) key.set(j, -(tc ? tc.cost[depotLoc * c.stride + c.nodeLoc[j]!]! : 0));
  } else if (r < 11) {
    for (const j of jobs) key.set(j, tc ? tc.cost[depotLoc * c.stride + c.nodeLoc[j]!]! : 0);
  } else {
    for (const j of jobs) key.set(j, c.nodeL[j]! - c.nodeE[j]!);
  }
  jobs.sort((a, b) => c.jobPriority[b]! - c.jobPriority[a]! || key.get(a)! - key.get(b)!);
}

/**
 * SISR ruin, then `jobs` = the removed visits and every unassigned one, sorted for reinsertion
 * (sol.unassigned is emptied: the recreate puts back what it cannot place).
 */
export function ruinAndGather(
  sol: Solution,
  rng: Rng,
  params: SearchParams,
  removed: number[],
  jobs: number[],
): void {
  ruinStrings(sol, rng, params, removed);
  jobs.length = 0;
  for (const j of removed) jobs.push(j);
  for (const j of sol.unassigned) jobs.push(j);
  sol.unassigned = [];
  sortForInsertion(sol, jobs, rng);
}

/** The annealing's temperature: exponential cooling over the time (or iteration budget) left from mainStart. */
export function temperature(
  T0: number,
  Tf: number,
  ctl: SearchControl,
  mainStart: number,
  it: number,
): number {
  const frac = Math.min(1, (ctl.elapsedMs() - mainStart) / Math.max(1, ctl.timeLimitMs - mainStart));
  const fracIt = ctl.maxIterations < Infinity ? it / ctl.maxIterations : 0;
  return T0 * Math.pow(Tf / T0, Math.max(frac, fracIt));
}

/** The annealing's acceptance: fewer unassigned visits first, else the cost against a threshold drawn at T. */
export function accepts(obj: Objective, cur: Objective, T: number, rng: Rng): boolean {
  if (obj.unassignedPriority !== cur.unassignedPriority || obj.unassignedCount !== cur.unassignedCount)
    return compareObjective(obj, cur) < 0;
  return obj.cost < cur.cost - T * Math.log(rng.next());
}

/** Temperature scale: the mean arc cost of the current plan (fixed costs left out). */
export function meanArcCost(sol: Solution): number {
  const c = sol.c;
  let assigned = 0;
  let used = 0;
  let arcCost = 0;
  for (const r of sol.routes) {
    if (r.nodes.length > 2) {
      used++;
      assigned += r.nodes.length - 2;
      arcCost += r.cost - c.vFixed[r.vehicle]!;
    }
  }
  return assigned > 0 ? Math.max(1e-9, arcCost / (assigned + used)) : 1;
}

export function runSearch(sol: Solution, rng: Rng, params: SearchParams, ctl: SearchControl): SearchStats {
  const c = sol.c;
  const stop = (): boolean => ctl.isCancelled() || ctl.elapsedMs() >= ctl.timeLimitMs;
  const ls = new LocalSearch(sol, {
    granularity: params.granularity,
    shouldStop: stop,
    hardFeasibility: true,
    swapStar: params.swapStar,
  });
  // Hierarchical objective (every vehicle has a fixed cost): fewer routes first.
  let mainStart = 0;
  let hasFixed = c.nv > 0;
  for (let v = 0; v < c.nv; v++) if (!(c.vFixed[v]! > 0)) hasFixed = false;
  if (hasFixed && params.fleetShare > 0 && ctl.maxIterations === Infinity) {
    const limit = ctl.timeLimitMs * params.fleetShare;
    const until = (): boolean => ctl.isCancelled() || ctl.elapsedMs() >= limit;
    if (params.fleetMethod === 'ejection')
      minimiseRoutes(sol, rng, params, until, {
        now: ctl.elapsedMs,
        ms: ctl.timeLimitMs * params.fleetAttemptShare,
      });
    else minimiseFleet(sol, rng, params, until);
    mainStart = ctl.elapsedMs();
  }
  // Opt-in (see docs/optimizer.md, Known limits): penalised annealing for the hierarchical objective.
  if (hasFixed && params.penalisedPhase && !sol.links && sol.unassigned.length === 0)
    return runPenalisedSearch(sol, rng, params, ctl, ls, mainStart);
  // With time links the local search keeps a move only if the links still hold (LocalSearch.keep).
  const useLs = true;
  if (useLs) ls.run(rng);
  let cur = sol.objective();
  let best = cur;
  let bestRoutes = sol.snapshot();
  let bestUnassigned = sol.unassigned.slice();
  ctl.onBest(best, 0);
  const meanArc = meanArcCost(sol);

  const T0 = params.t0 * meanArc;
  const Tf = params.tf * meanArc;
  const removed: number[] = [];
  const jobs: number[] = [];
  let it = 0;
  let T = T0;
  const maxRetry = Math.max(20, Math.round(2 * params.avgRemoved));
  for (; it < ctl.maxIterations; it++) {
    if ((it & 31) === 0) {
      if (stop()) break;
      T = temperature(T0, Tf, ctl, mainStart, it);
    }
    if (c.n === 0) break;
    sol.beginTransaction();
    ruinStrings(sol, rng, params, removed);
    jobs.length = 0;
    for (const j of removed) jobs.push(j);
    // Unassigned jobs get another chance; when there are many, a random few per iteration (keeps
    // iterations cheap on over-constrained days).
    const un = sol.unassigned;
    if (un.length <= maxRetry) {
      for (const j of un) jobs.push(j);
      sol.unassigned = [];
    } else {
      for (let k = 0; k < maxRetry; k++) {
        const at = k + rng.int(un.length - k);
        const t = un[k]!;
        un[k] = un[at]!;
        un[at] = t;
        jobs.push(un[k]!);
      }
      sol.unassigned = un.slice(maxRetry);
    }
    sortForInsertion(sol, jobs, rng);
    insertJobs(sol, jobs, rng, { blinkRate: params.blinkRate });
    const obj = sol.objective();
    if (!accepts(obj, cur, T, rng)) {
      sol.rollback();
      continue;
    }
    sol.commit();
    cur = obj;
    if (compareObjective(cur, best) < -1e-9 || cur.unassignedCount < best.unassignedCount) {
      if (useLs && ls.run(rng, sol.lastChanged)) cur = sol.objective();
      best = cur;
      bestRoutes = sol.snapshot();
      bestUnassigned = sol.unassigned.slice();
      ctl.onBest(best, it);
    }
  }
  return { iterations: it, bestObjective: best, best: bestRoutes, bestUnassigned };
}
