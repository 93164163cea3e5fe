/**
 * Greedy insertion ("recreate"): each job in turn goes to its cheapest feasible position over all
 * compatible routes, with SISR's blinks (a position is skipped with a small probability).
 * Used to build the first plan and to repair after each ruin.
 */
import type { Rng } from '../search/rng.js';
import type { Solution } from '../search/solution.js';

/** Same tolerance as eval/route-eval.ts FEAS_EPS (local copy for the hot loop). */
const FEAS_EPS = 1e-6;

export interface InsertOptions {
  /** Probability of skipping a position (0 = exact greedy). */
  blinkRate: number;
  /** Do not open empty routes (fleet minimisation). */
  noNewRoutes?: boolean;
  /**
   * Accept positions that make the route infeasible, at their penalised cost (cost + penalty ·
   * violation, the evaluator's current penalty): the penalised search of search/penalised.ts.
   */
  penalised?: boolean;
}

/** Try to insert each job of `jobs` (in order); the ones that fit nowhere go to solution.unassigned. */
export function insertJobs(sol: Solution, jobs: readonly number[], rng: Rng, opts: InsertOptions): void {
  const c = sol.c;
  const ev = sol.ev;
  const n = c.n;
  const nv = c.nv;
  const useNeighbourRoutes = nv > 24 && n > 150;
  const candidate = new Uint8Array(nv);
  // Empty routes: one per kind of vehicle is enough (stamped per job).
  const seenSignature = new Int32Array(nv).fill(-1);
  let stamp = 0;
  const links = sol.links;
  const plinks = c.problem.links;
  if (links) sol.linkViolation();
  for (const u of jobs) {
    // Linked visit whose partner is planned: pin u's window to what the link allows given the
    // partner's current start, and keep a double visit's two halves on different workers.
    let pinned = false;
    let savedE = 0;
    let savedL = 0;
    let avoid = -1;
    if (links && links.linksOf[u]!.length > 0) {
      let lo = c.nodeE[u]!;
      let hi = c.nodeL[u]!;
      for (const li of links.linksOf[u]!) {
        const l = plinks[li]!;
        const other = l.first === u ? l.second : l.first;
        const s = links.start[other]!;
        const ov = sol.routeOf[other]!;
        if (Number.isNaN(s) || ov < 0) continue;
        // The partner starts at s now and may be delayed up to its latest start without making
        // its route late: u may start anywhere the link allows for some partner start in [s, late].
        const late = Math.max(s, ev.latestStart(sol.routes[ov]!, sol.posOf[other]!));
        if (l.first === u) {
          lo = Math.max(lo, s - l.maxGap);
          hi = Math.min(hi, late - l.minGap);
        } else {
          lo = Math.max(lo, s + l.minGap);
          hi = Math.min(hi, late + l.maxGap);
        }
        if (l.kind === 'synchronised') avoid = sol.routeOf[other]!;
      }
      savedE = c.nodeE[u]!;
      savedL = c.nodeL[u]!;
      if (lo > hi) {
        sol.unassigned.push(u);
        continue;
      }
      c.nodeE[u] = lo;
      c.nodeL[u] = hi;
      pinned = true;
    }
    let bestDelta = Infinity;
    let bestV = -1;
    let bestP = -1;
    stamp++;
    if (useNeighbourRoutes) {
      candidate.fill(0);
      const K = Math.min(c.neighbourCount, 40);
      for (let k = 0; k < K; k++) {
        const w = c.neighbours[u * c.neighbourCount + k]!;
        const rv = sol.routeOf[w]!;
        if (rv >= 0) candidate[rv] = 1;
      }
      for (const pv of c.preferredIdx[u]!) candidate[pv] = 1;
    }
    for (let v = 0; v < nv; v++) {
      if (c.compat[v * n + u] === 0 || v === avoid) continue;
      const r = sol.routes[v]!;
      const len = r.nodes.length;
      if (len === 2) {
        if (opts.noNewRoutes) continue;
        // One empty route per kind of vehicle.
        const sig = c.vSignature[v]!;
        if (seenSignature[sig] === stamp) continue;
        seenSignature[sig] = stamp;
      } else if (useNeighbourRoutes && candidate[v] === 0) continue;
      const base = ev.routePenalised(r);
      // Lower bound on the cost change: the arc detour (exact when no working-time cost).
      const prune = c.vWorkCost[v] === 0 && r.violation === 0;
      const tc = c.classes[c.vClass[v]!]!;
      const lu = c.nodeLoc[u]!;
      const extra = (len === 2 ? c.vFixed[v]! : 0) + (c.assignCost !== null ? c.assignCost[v * n + u]! : 0);
      const nodes = r.nodes;
      for (let i = 0; i < len - 1; i++) {
        if (opts.blinkRate > 0 && rng.next() < opts.blinkRate) continue;
        if (prune) {
          const la = c.nodeLoc[nodes[i]!]!;
          const lb = c.nodeLoc[nodes[i + 1]!]!;
          const lb0 =
            tc.cost[la * c.stride + lu]! +
            tc.cost[lu * c.stride + lb]! -
            tc.cost[la * c.stride + lb]! +
            extra;
          if (lb0 >= bestDelta) continue;
        }
        const cost = ev.evalInsert(r, i, u);
        if (ev.lastViolation > FEAS_EPS && !opts.penalised) continue;
        const delta = cost - base;
        if (delta < bestDelta) {
          bestDelta = delta;
          bestV = v;
          bestP = i + 1;
        }
      }
    }
    if (pinned) {
      c.nodeE[u] = savedE;
      c.nodeL[u] = savedL;
    }
    if (bestV >= 0) {
      sol.insertJob(u, bestV, bestP);
      if (pinned) sol.refresh(bestV); // caches were built with the pinned window
      if (links) sol.linkViolation();
    } else {
      sol.unassigned.push(u);
    }
  }
  if (links) repairLinks(sol);
}

/**
 * Unplan linked visits until the time links hold: first the pairs whose link is broken, then the
 * linked visits of routes made late by a link's delay. Keeps the plan feasible, so that a plan
 * with fewer unassigned visits is never an infeasible one.
 */
export function repairLinks(sol: Solution): void {
  const links = sol.links;
  if (!links) return;
  const c = sol.c;
  const unplan = (j: number): void => {
    if (sol.routeOf[j]! < 0) return;
    const v = sol.routeOf[j]!;
    sol.removeJob(j);
    sol.refresh(v);
    sol.unassigned.push(j);
  };
  for (let guard = 0; guard < c.n + 1; guard++) {
    if (sol.linkViolation() <= 1e-6) return;
    let done = false;
    for (let li = 0; li < c.problem.links.length && !done; li++) {
      if (links.isViolated(li, sol.routeOf)) {
        const l = c.problem.links[li]!;
        unplan(l.first);
        unplan(l.second);
        done = true;
      }
    }
    if (done) continue;
    // A late route: unplan its linked visits (and their partners).
    for (let v = 0; v < c.nv && !done; v++) {
      if (links.lateOf[v]! <= 1e-6) continue;
      for (const x of sol.routes[v]!.nodes.slice(1, -1)) {
        for (const li of links.linksOf[x]!) {
          const l = c.problem.links[li]!;
          unplan(l.first);
          unplan(l.second);
          done = true;
        }
      }
    }
    if (!done) return;
  }
}
