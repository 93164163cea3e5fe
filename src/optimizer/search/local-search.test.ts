import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Evaluator } from '../eval/route-eval.js';
import { randomProblem } from '../testing/random-problem.js';
import { randomAssignment } from '../testing/solutions.js';
import { LocalSearch } from './local-search.js';
import type { Rng } from './rng.js';
import type { Solution } from './solution.js';

/** Penalised cost of every route recomputed from scratch (no cached segment reused). */
function fullCost(sol: Solution, ev: Evaluator): number {
  let s = 0;
  for (const r of sol.routes) {
    const fresh = ev.makeRoute(r.vehicle, r.nodes.slice(1, -1));
    s += fresh.cost + ev.penalty * fresh.violation;
  }
  return s;
}

/** A random (possibly infeasible) assignment of all jobs; infeasible moves are evaluated too. */
function randomSolution(
  seed: number,
  rich: boolean,
  jobs: number,
  vehicles: number,
): { sol: Solution; ev: Evaluator; rng: Rng } {
  const p = randomProblem({ jobs, vehicles, seed, rich, ownHomes: seed % 2 === 0 });
  return randomAssignment(p, seed, 10); // the penalty is part of the cost change
}

describe("local search: each move's computed cost change equals the real change", () => {
  for (const rich of [false, true]) {
    it(`relocate / or-opt, swap, 2-opt* (${rich ? 'breaks, windows, loads, soft costs' : 'plain time windows'})`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
          const { sol, ev, rng } = randomSolution(seed, rich, 20, 4);
          const ls = new LocalSearch(sol, {
            granularity: 10,
            shouldStop: () => false,
            hardFeasibility: false,
          });
          const n = sol.c.n;
          for (let k = 0; k < 30; k++) {
            const u = rng.int(n);
            const w = rng.int(n);
            if (u === w || sol.routeOf[u]! < 0 || sol.routeOf[w]! < 0) continue;
            const before = fullCost(sol, ev);
            const kind = rng.int(3);
            let d: number;
            if (kind === 0) {
              const L = 1 + rng.int(3);
              const v2 = sol.routeOf[w]!;
              const q = sol.posOf[w]! - rng.int(2);
              d = ls.evalRelocate(u, L, v2, q);
              if (d === Infinity) continue;
              ls.applyRelocate(u, L, v2, q);
            } else if (kind === 1) {
              d = ls.evalSwap(u, w);
              if (d === Infinity) continue;
              ls.applySwap(u, w);
            } else {
              d = ls.evalTwoOptStar(u, w);
              if (d === Infinity) continue;
              ls.applyTwoOptStar(u, w);
            }
            const after = fullCost(sol, ev);
            expect(d).toBeCloseTo(after - before, 6);
          }
        }),
        { numRuns: 60 },
      );
    });
  }

  for (const rich of [false, true]) {
    it(`SWAP* (${rich ? 'breaks, windows, loads, soft costs' : 'plain time windows'})`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), (seed, hard) => {
          const { sol, ev } = randomSolution(seed, rich, 24, 4);
          if (hard) ev.penalty = 1e6;
          const ls = new LocalSearch(sol, {
            granularity: 10,
            shouldStop: () => false,
            hardFeasibility: hard,
          });
          for (let va = 0; va < sol.c.nv; va++)
            for (let vb = 0; vb < sol.c.nv; vb++) {
              if (va === vb) continue;
              const m = ls.evalSwapStar(va, vb);
              if (m === null) continue;
              const before = fullCost(sol, ev);
              const jobsBefore = sol
                .snapshot()
                .flat()
                .sort((x, y) => x - y);
              ls.applyMove(m);
              expect(m.delta).toBeLessThan(0);
              const real = fullCost(sol, ev) - before;
              expect(Math.abs(m.delta - real)).toBeLessThan(1e-6 * Math.max(1, Math.abs(before)));
              expect(
                sol
                  .snapshot()
                  .flat()
                  .sort((x, y) => x - y),
              ).toEqual(jobsBefore);
              if (hard) {
                expect(sol.routes[va]!.violation).toBeLessThanOrEqual(1e-6);
                expect(sol.routes[vb]!.violation).toBeLessThanOrEqual(1e-6);
              }
            }
        }),
        { numRuns: 40 },
      );
    });
  }

  it('insertion cost (inline fast path) equals building the route', () => {
    const { sol, ev } = randomSolution(5, false, 30, 3);
    const r = sol.routes[0]!;
    const u = sol.routes[1]!.nodes[1]!;
    for (let i = 0; i < r.nodes.length - 1; i++) {
      const fast = ev.evalInsert(r, i, u);
      const built = ev.makeRoute(0, [...r.nodes.slice(1, i + 1), u, ...r.nodes.slice(i + 1, -1)]);
      expect(fast).toBeCloseTo(built.cost + ev.penalty * built.violation, 6);
    }
  });

  it('leaves a local optimum no single move improves', () => {
    const { sol, ev, rng } = randomSolution(11, false, 30, 4);
    ev.penalty = 1e6;
    const ls = new LocalSearch(sol, { granularity: 29, shouldStop: () => false, hardFeasibility: false });
    ls.run(rng);
    const n = sol.c.n;
    for (let u = 0; u < n; u++)
      for (let w = 0; w < n; w++) {
        if (u === w) continue;
        expect(ls.evalSwap(u, w)).toBeGreaterThan(-1e-6);
        expect(ls.evalRelocate(u, 1, sol.routeOf[w]!, sol.posOf[w]!)).toBeGreaterThan(-1e-6);
      }
  });
});
