/**
 * An opt-in distance phase for the hierarchical objective (every worker has a fixed cost), after
 * route minimisation (`params.penalisedPhase`): SISR ruin-and-recreate under simulated annealing,
 * as in search/sisr.ts, but the recreate may put a visit where it makes its route late or
 * overloaded, at its penalised cost (cost + λ · violation: time warp, excess load…, Vidal et al.
 * 2013), λ adapting so that about `twTargetFeasible` of the candidates come out feasible. A route
 * left infeasible then ejects visits (each time the one whose removal helps most) and the ejected
 * visits are inserted feasibly elsewhere without opening a route; a candidate that cannot be made
 * feasible so is dropped. The current and best plans are always feasible.
 *
 * Meant for the tight fleet left by route minimisation (Homberger R1/RC1 at the best-known route
 * count fill 99 % of the capacity): there a feasible-only recreate can move a visit only where
 * another just left room. Measured at 10 s, it did not beat the feasible-only annealing (see
 * docs/optimizer.md, Known limits), hence off by default.
 */
import { insertJobs } from '../construct/insertion.js';
import type { LocalSearch } from './local-search.js';
import type { Rng } from './rng.js';
import type { Objective, Solution } from './solution.js';
import { compareObjective } from './solution.js';
import type { SearchControl, SearchParams, SearchStats } from './sisr.js';
import { accepts, meanArcCost, ruinAndGather, sortForInsertion, temperature } from './sisr.js';

/** Same tolerance as eval/route-eval.ts FEAS_EPS. */
const FEAS_EPS = 1e-6;
/** Iterations between two updates of λ. */
const ADAPT_EVERY = 100;
/** Bounds of λ, in multiples of its start value. */
const LAMBDA_MIN = 1e-3;
const LAMBDA_MAX = 1e4;

/**
 * Cost of one unit of violation at the start: the mean cost of an arc over its mean duration, times
 * `twPenalty0` (one minute of lateness then weighs as much as the cost of one minute of travel).
 */
export function startPenalty(sol: Solution, factor: number): number {
  const c = sol.c;
  let cost = 0;
  let dur = 0;
  for (const r of sol.routes) {
    const tc = c.classes[c.vClass[r.vehicle]!]!;
    const nodes = r.nodes;
    if (nodes.length <= 2) continue;
    for (let p = 0; p + 1 < nodes.length; p++) {
      const arc = c.nodeLoc[nodes[p]!]! * c.stride + c.nodeLoc[nodes[p + 1]!]!;
      cost += tc.cost[arc]!;
      dur += tc.dur[arc]!;
    }
  }
  return factor * (dur > 0 && cost > 0 ? cost / dur : 1);
}

export interface PenalisedStats extends SearchStats {
  /** Final λ; candidates, those feasible before the repair, repairs that gave a feasible plan. */
  penalty: number;
  candidates: number;
  feasibleCandidates: number;
  repaired: number;
}

/**
 * Make every route feasible again by taking visits out of the violated routes (each time the visit
 * whose removal lowers the route's penalised cost most, at the search's hard penalty), then insert
 * them feasibly elsewhere without opening routes; those that fit nowhere stay in sol.unassigned.
 */
export function ejectAndReinsert(sol: Solution, rng: Rng, blinkRate: number, out: number[]): void {
  const ev = sol.ev;
  out.length = 0;
  for (const r of sol.routes) {
    const v = r.vehicle;
    while (r.violation > FEAS_EPS && r.nodes.length > 2) {
      const e = r.nodes.length - 1;
      let bestP = -1;
      let bestCost = Infinity;
      for (let p = 1; p < e; p++) {
        ev.begin(v);
        ev.addRange(r, 0, p - 1);
        ev.addRange(r, p + 1, e);
        const cost = ev.end();
        if (cost < bestCost) {
          bestCost = cost;
          bestP = p;
        }
      }
      const j = r.nodes[bestP]!;
      sol.removeJob(j);
      sol.refresh(v);
      out.push(j);
    }
  }
  if (out.length === 0) return;
  sortForInsertion(sol, out, rng);
  insertJobs(sol, out, rng, { blinkRate, noNewRoutes: true });
}

/**
 * Run the annealing from the current (feasible) plan until the time or iteration budget ends; the
 * cooling runs from `mainStart` to the time limit. Each candidate: ruin, recreate at the penalty
 * λ, eject-and-reinsert when a route is left infeasible; the current and best plans are feasible.
 * Leaves `sol.ev.penalty` and `hardPrune` as it found them.
 */
export function runPenalisedSearch(
  sol: Solution,
  rng: Rng,
  params: SearchParams,
  ctl: SearchControl,
  ls: LocalSearch,
  mainStart: number,
): PenalisedStats {
  const c = sol.c;
  const ev = sol.ev;
  const hardPenalty = ev.penalty;
  const hardPrune = ev.hardPrune;
  const stop = (): boolean => ctl.isCancelled() || ctl.elapsedMs() >= ctl.timeLimitMs;
  ls.run(rng);
  let cur: Objective = sol.objective();
  let best = cur;
  let bestRoutes = sol.snapshot();
  let bestUnassigned = sol.unassigned.slice();
  ctl.onBest(best, 0);
  const stats = { candidates: 0, feasibleCandidates: 0, repaired: 0 };
  const meanArc = meanArcCost(sol);
  const T0 = params.t0 * meanArc;
  const Tf = params.tf * meanArc;
  const lambda0 = startPenalty(sol, params.twPenalty0);
  let lambda = lambda0;
  const removed: number[] = [];
  const jobs: number[] = [];
  const ejected: number[] = [];
  let windowCandidates = 0;
  let windowFeasible = 0;
  let it = 0;
  let T = T0;
  try {
    for (; it < ctl.maxIterations; it++) {
      if ((it & 31) === 0) {
        if (stop()) break;
        T = temperature(T0, Tf, ctl, mainStart, it);
      }
      if (params.twTargetFeasible > 0 && windowCandidates >= ADAPT_EVERY) {
        const share = windowFeasible / windowCandidates;
        if (share < params.twTargetFeasible - 0.05) lambda = Math.min(lambda * 1.2, lambda0 * LAMBDA_MAX);
        else if (share > params.twTargetFeasible + 0.05)
          lambda = Math.max(lambda * 0.85, lambda0 * LAMBDA_MIN);
        windowCandidates = 0;
        windowFeasible = 0;
      }
      if (c.n === 0) break;
      sol.beginTransaction();
      ruinAndGather(sol, rng, params, removed, jobs);
      ev.penalty = lambda;
      ev.hardPrune = false;
      insertJobs(sol, jobs, rng, { blinkRate: params.blinkRate, penalised: true });
      ev.penalty = hardPenalty;
      ev.hardPrune = hardPrune;
      stats.candidates++;
      windowCandidates++;
      if (sol.isFeasible(FEAS_EPS)) {
        stats.feasibleCandidates++;
        windowFeasible++;
      } else {
        ejectAndReinsert(sol, rng, params.blinkRate, ejected);
        if (sol.unassigned.length > cur.unassignedCount || !sol.isFeasible(FEAS_EPS)) {
          sol.rollback();
          continue;
        }
        stats.repaired++;
      }
      const obj = sol.objective();
      if (!accepts(obj, cur, T, rng)) {
        sol.rollback();
        continue;
      }
      sol.commit();
      cur = obj;
      if (compareObjective(cur, best) < -1e-9) {
        if (ls.run(rng, sol.lastChanged)) cur = sol.objective();
        best = cur;
        bestRoutes = sol.snapshot();
        bestUnassigned = sol.unassigned.slice();
        ctl.onBest(best, it);
      }
    }
  } finally {
    ev.penalty = hardPenalty;
    ev.hardPrune = hardPrune;
  }
  return {
    iterations: it,
    bestObjective: best,
    best: bestRoutes,
    bestUnassigned,
    penalty: lambda,
    ...stats,
  };
}
