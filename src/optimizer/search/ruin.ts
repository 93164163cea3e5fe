/**
 * SISR ruin (Christiaens & Vanden Berghe 2020, "Slack induction by string removals"): remove a few
 * strings of consecutive visits from routes near a random seed visit.
 */
import type { Rng } from './rng.js';
import type { Solution } from './solution.js';

export interface RuinParams {
  /** Average number of removed visits (c̄). */
  avgRemoved: number;
  /** Maximum string length (L^max). */
  maxString: number;
}

/** Remove strings; returns the removed jobs (routes' caches refreshed). */
export function ruinStrings(sol: Solution, rng: Rng, p: RuinParams, removed: number[]): void {
  const c = sol.c;
  removed.length = 0;
  let assignedCount = 0;
  let usedRoutes = 0;
  for (const r of sol.routes) {
    const m = r.nodes.length - 2;
    if (m > 0) {
      usedRoutes++;
      assignedCount += m;
    }
  }
  if (assignedCount === 0) return;
  const avgLen = assignedCount / usedRoutes;
  const lsMax = Math.min(p.maxString, avgLen);
  const ksMax = (4 * p.avgRemoved) / (1 + lsMax) - 1;
  const ks = Math.floor(rng.next() * ksMax) + 1;
  // Random assigned seed.
  let seed = -1;
  for (let tries = 0; tries < 100 && seed < 0; tries++) {
    const j = rng.int(c.n);
    if (sol.routeOf[j]! >= 0) seed = j;
  }
  if (seed < 0) return;
  const ruined = new Set<number>();
  const K = c.neighbourCount;
  for (let k = -1; k < K && ruined.size < ks; k++) {
    const j = k < 0 ? seed : c.neighbours[seed * K + k]!;
    const v = sol.routeOf[j]!;
    if (v < 0 || ruined.has(v)) continue;
    ruined.add(v);
    const r = sol.routes[v]!;
    const m = r.nodes.length - 2;
    const lMax = Math.min(m, lsMax);
    const l = Math.floor(rng.next() * lMax) + 1;
    const pos = sol.posOf[j]!; // 1..m
    if (l === m || rng.next() < 0.5) {
      // String of length l containing j.
      const startMin = Math.max(1, pos - l + 1);
      const startMax = Math.min(pos, m - l + 1);
      const start = startMin + rng.int(startMax - startMin + 1);
      for (let q = 0; q < l; q++) removed.push(r.nodes[start + q]!);
    } else {
      // Split string: l + mm consecutive positions, mm of them kept.
      let mm = 1;
      while (l + mm < m && rng.next() < 0.5) mm++;
      const total = l + mm;
      const startMin = Math.max(1, pos - total + 1);
      const startMax = Math.min(pos, m - total + 1);
      const start = startMin + rng.int(startMax - startMin + 1);
      const keepAt = rng.int(l + 1);
      for (let q = 0; q < total; q++) {
        if (q >= keepAt && q < keepAt + mm) continue;
        removed.push(r.nodes[start + q]!);
      }
    }
  }
  // Linked visits leave together, so that they are re-planned together.
  if (sol.links) {
    const inRemoved = new Set(removed);
    for (let k = 0; k < removed.length; k++) {
      for (const li of sol.links.linksOf[removed[k]!]!) {
        const l = c.problem.links[li]!;
        for (const x of [l.first, l.second]) {
          if (!inRemoved.has(x) && sol.routeOf[x]! >= 0) {
            inRemoved.add(x);
            removed.push(x);
          }
        }
      }
    }
  }
  const touched = new Set<number>();
  for (const j of removed) {
    touched.add(sol.routeOf[j]!);
    sol.removeJob(j);
  }
  for (const v of touched) sol.refresh(v);
}
