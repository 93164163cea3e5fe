/**
 * Route minimisation for the hierarchical objective (every worker has a fixed cost): an ejection
 * search in the spirit of Nagata & Bräysy (2009, "A powerful route minimization heuristic for the
 * vehicle routing problem with time windows"), on top of SISR's absence-driven ruin-and-recreate.
 *
 * Repeatedly: remove one route and put its visits in an ejection pool; take a visit from the pool
 * and insert it at its cheapest feasible place; when there is none, insert it anyway by ejecting
 * up to two visits of one route, choosing the ejection whose visits were the least often hard to
 * place (the sum of their counters p, Nagata–Bräysy's "penalty counters"), and put the ejected
 * visits in the pool; between two ejections, a ruin-and-recreate without new routes perturbs the
 * plan and gives the pool another chance (kept when it does not grow the pool). When the pool is
 * empty, one route less; when time runs out first, the plan with the fewest routes found is kept.
 */
import { insertJobs } from '../construct/insertion.js';
import { ruinStrings } from './ruin.js';
import type { Rng } from './rng.js';
import type { Solution } from './solution.js';
import type { SearchParams } from './sisr.js';
import { sortForInsertion } from './sisr.js';

/** Same tolerance as eval/route-eval.ts FEAS_EPS (local copy for the hot loop). */
const FEAS_EPS = 1e-6;
/** Two ejected visits lie within this many positions of the insertion point. */
const EJECT_WINDOW = 8;

export interface FleetStats {
  routesRemoved: number;
  ejections: number;
}

/**
 * Best insertion of u with at most two visits of one route ejected; applies it and returns the
 * ejected visits, or null when u fits nowhere even so. Routes are those of u's nearest visits.
 */
export function ejectionInsert(sol: Solution, u: number, p: Float64Array): number[] | null {
  const c = sol.c;
  const ev = sol.ev;
  const n = c.n;
  const K = Math.min(c.neighbourCount, 30);
  const cand: number[] = [];
  const seen = new Uint8Array(c.nv);
  for (let k = 0; k < K; k++) {
    const v = sol.routeOf[c.neighbours[u * c.neighbourCount + k]!]!;
    if (v >= 0 && !seen[v]) {
      seen[v] = 1;
      cand.push(v);
    }
  }
  if (cand.length === 0) for (let v = 0; v < c.nv; v++) if (sol.routes[v]!.nodes.length > 2) cand.push(v);
  let bestP = Infinity;
  let bestCost = Infinity;
  let bestV = -1;
  let bestI = -1;
  let bestX = -1;
  let bestY = -1;
  // Candidate: route v with u after position i and positions x (and y > x, or -1) removed.
  const evalCandidate = (v: number, i: number, x: number, y: number): number => {
    const r = sol.routes[v]!;
    const e = r.nodes.length - 1;
    let lo = i + 1;
    let hi = i;
    if (x >= 0) {
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    if (y >= 0) {
      if (y < lo) lo = y;
      if (y > hi) hi = y;
    }
    ev.begin(v);
    ev.addRange(r, 0, lo - 1);
    if (i === lo - 1) ev.addNode(u);
    for (let q = lo; q <= hi; q++) {
      if (q !== x && q !== y) ev.addNode(r.nodes[q]!);
      if (q === i) ev.addNode(u);
    }
    ev.addRange(r, hi + 1, e);
    const cost = ev.end();
    if (ev.lastViolation > FEAS_EPS) return Infinity;
    return cost - ev.routePenalised(r);
  };
  for (const v of cand) {
    if (c.compat[v * n + u] === 0) continue;
    const r = sol.routes[v]!;
    const nodes = r.nodes;
    const e = nodes.length - 1;
    for (let i = 0; i < e; i++) {
      // One visit out (anywhere in the route).
      for (let x = 1; x < e; x++) {
        const px = p[nodes[x]!]!;
        if (px > bestP) continue;
        const d = evalCandidate(v, i, x, -1);
        if (!(d < Infinity)) continue;
        if (px < bestP || (px === bestP && d < bestCost)) {
          bestP = px;
          bestCost = d;
          bestV = v;
          bestI = i;
          bestX = x;
          bestY = -1;
        }
      }
      // Two visits out, near the insertion point.
      const from = Math.max(1, i - EJECT_WINDOW + 1);
      const to = Math.min(e - 1, i + EJECT_WINDOW);
      for (let x = from; x <= to; x++) {
        const px = p[nodes[x]!]!;
        if (px >= bestP) continue;
        for (let y = x + 1; y <= to; y++) {
          const pxy = px + p[nodes[y]!]!;
          if (pxy > bestP) continue;
          const d = evalCandidate(v, i, x, y);
          if (!(d < Infinity)) continue;
          if (pxy < bestP || (pxy === bestP && d < bestCost)) {
            bestP = pxy;
            bestCost = d;
            bestV = v;
            bestI = i;
            bestX = x;
            bestY = y;
          }
        }
      }
    }
  }
  if (bestV < 0) return null;
  const r = sol.routes[bestV]!;
  const out: number[] = [r.nodes[bestX]!];
  if (bestY >= 0) out.push(r.nodes[bestY]!);
  sol.beginTransaction();
  // Insert u first (positions after it shift by one), then remove the ejected visits.
  sol.insertJob(u, bestV, bestI + 1);
  for (const j of out) sol.removeJob(j);
  sol.refresh(bestV);
  sol.commit();
  return out;
}

/**
 * Remove routes while every visit can be placed again. `until` is polled; returns with the plan
 * of fewest routes found (every visit assigned) loaded in `sol`. With `attempt`, the phase also
 * ends when removing one route takes longer than `attempt.ms` on its clock.
 */
export function minimiseRoutes(
  sol: Solution,
  rng: Rng,
  params: SearchParams,
  until: () => boolean,
  attempt: { now: () => number; ms: number } | null = null,
): FleetStats {
  const c = sol.c;
  const stats: FleetStats = { routesRemoved: 0, ejections: 0 };
  if (sol.unassigned.length > 0) return stats;
  const p = new Float64Array(c.n).fill(1);
  let best = sol.snapshot();
  const removed: number[] = [];
  const jobs: number[] = [];
  const ruinParams = { ...params, avgRemoved: Math.min(params.avgRemoved, 10) };
  let steps = 0;
  const lb = routeLowerBound(sol);
  while (!until()) {
    // Remove the smallest of a few random non-empty routes.
    const used = sol.routes.filter((r) => r.nodes.length > 2);
    if (used.length <= Math.max(1, lb)) break;
    let pick = used[rng.int(used.length)]!;
    for (let k = 0; k < 2; k++) {
      const o = used[rng.int(used.length)]!;
      if (o.nodes.length < pick.nodes.length) pick = o;
    }
    sol.beginTransaction();
    const pool = pick.nodes.slice(1, -1);
    for (const j of pool) sol.removeJob(j);
    sol.refresh(pick.vehicle);
    sol.commit();
    sol.unassigned = [];
    const t0 = attempt ? attempt.now() : 0;
    while (pool.length > 0) {
      if ((steps++ & 7) === 0 && (until() || (attempt !== null && attempt.now() - t0 > attempt.ms))) break;
      // The visit that waited longest comes last in the pool; take the newest (a stack, as NB).
      const u = pool.pop()!;
      sol.beginTransaction();
      insertJobs(sol, [u], rng, { blinkRate: 0, noNewRoutes: true });
      if (sol.unassigned.length === 0) {
        sol.commit();
        continue;
      }
      sol.rollback();
      sol.unassigned = [];
      p[u]! += 1;
      const ejected = ejectionInsert(sol, u, p);
      if (ejected === null) pool.unshift(u);
      else {
        stats.ejections++;
        for (const j of ejected) pool.push(j);
      }
      // Perturbation: ruin-and-recreate without new routes; the pool gets another chance. Kept
      // when the pool does not grow.
      sol.beginTransaction();
      ruinStrings(sol, rng, ruinParams, removed);
      jobs.length = 0;
      for (const j of removed) jobs.push(j);
      for (const j of pool) jobs.push(j);
      sortForInsertion(sol, jobs, rng);
      insertJobs(sol, jobs, rng, { blinkRate: params.blinkRate, noNewRoutes: true });
      if (sol.unassigned.length <= pool.length) {
        const out = new Set(sol.unassigned);
        // Keep the pool's order for the visits still out, then the newly removed ones.
        const next = pool.filter((j) => out.has(j));
        for (const j of sol.unassigned) if (!pool.includes(j)) next.push(j);
        pool.length = 0;
        for (const j of next) pool.push(j);
        sol.unassigned = [];
        sol.commit();
      } else {
        sol.rollback();
        sol.unassigned = [];
      }
    }
    if (pool.length > 0) {
      sol.load(best);
      break;
    }
    stats.routesRemoved++;
    best = sol.snapshot();
  }
  sol.load(best);
  return stats;
}

/** Routes needed at least for the loads: total amount over the largest capacity, per dimension. */
export function routeLowerBound(sol: Solution): number {
  const c = sol.c;
  let lb = 1;
  for (let k = 0; k < c.dims; k++) {
    let cap = 0;
    for (let v = 0; v < c.nv; v++) cap = Math.max(cap, c.capacity[v * c.dims + k]!);
    if (!(cap > 0) || cap === Infinity) continue;
    let del = 0;
    let pick = 0;
    for (let j = 0; j < c.n; j++) {
      del += c.nodeDelivery[j * c.dims + k]!;
      pick += c.nodePickup[j * c.dims + k]!;
    }
    lb = Math.max(lb, Math.ceil(del / cap - 1e-9), Math.ceil(pick / cap - 1e-9));
  }
  return lb;
}
