import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../check.js';
import { solve } from '../solve.js';
import { randomProblem } from '../testing/random-problem.js';
import { constructed, tickClock, withFixedCost } from '../testing/solutions.js';
import { ejectionInsert, minimiseRoutes, routeLowerBound } from './fleet.js';
import type { Rng } from './rng.js';
import { DEFAULT_PARAMS } from './sisr.js';
import type { Solution } from './solution.js';

function built(seed: number, rich: boolean): { sol: Solution; rng: Rng } {
  return constructed(withFixedCost(randomProblem({ jobs: 40, vehicles: 8, seed, rich })), seed);
}

const usedRoutes = (sol: Solution): number => sol.routes.filter((r) => r.nodes.length > 2).length;

describe('route minimisation (ejection search)', () => {
  it('an ejection insertion places the visit, ejects at most two others and keeps every route feasible', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.boolean(), (seed, rich) => {
        const { sol } = built(seed, rich);
        const placed = sol.snapshot();
        const v = placed.findIndex((r) => r.length > 0);
        const u = placed[v]![0]!;
        // Take u out, then put it back by ejection (its counter is high: others are cheaper to eject).
        sol.beginTransaction();
        sol.removeJob(u);
        sol.refresh(v);
        sol.commit();
        const p = new Float64Array(sol.c.n).fill(1);
        p[u] = 100;
        const before = new Set(sol.snapshot().flat());
        const out = ejectionInsert(sol, u, p);
        if (out === null) return;
        expect(out.length).toBeLessThanOrEqual(2);
        expect(sol.routeOf[u]).toBeGreaterThanOrEqual(0);
        for (const j of out) expect(sol.routeOf[j]).toBe(-1);
        const after = new Set(sol.snapshot().flat());
        expect(after.size).toBe(before.size + 1 - out.length);
        expect(sol.isFeasible()).toBe(true);
        // The cached segments equal a fresh evaluation of each route.
        for (const r of sol.routes) {
          const fresh = sol.ev.makeRoute(r.vehicle, r.nodes.slice(1, -1));
          expect(r.cost).toBeCloseTo(fresh.cost, 6);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('never loses a visit and never adds a route', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.boolean(), (seed, rich) => {
        const { sol, rng } = built(seed, rich);
        if (sol.unassigned.length > 0) return;
        const routes0 = usedRoutes(sol);
        let reads = 0;
        minimiseRoutes(sol, rng, DEFAULT_PARAMS, () => reads++ > 40);
        expect(sol.unassigned).toEqual([]);
        expect(
          sol
            .snapshot()
            .flat()
            .sort((a, b) => a - b),
        ).toEqual([...Array(sol.c.n).keys()]);
        expect(usedRoutes(sol)).toBeLessThanOrEqual(routes0);
        expect(usedRoutes(sol)).toBeGreaterThanOrEqual(routeLowerBound(sol));
        expect(sol.isFeasible()).toBe(true);
      }),
      { numRuns: 25 },
    );
  });

  it('with a fixed cost per worker, solve uses fewer routes than the construction and the checker accepts the plan', () => {
    const p = withFixedCost(randomProblem({ jobs: 60, vehicles: 12, seed: 7 }));
    const first = solve(p, { maxIterations: 0 });
    const res = solve(p, { timeLimitMs: 600, now: tickClock(), seed: 3 });
    const report = checkPlan(p, res.plan);
    expect(report.violations).toEqual([]);
    expect(res.plan.unassigned).toEqual([]);
    expect(res.plan.routes.length).toBeLessThan(first.plan.routes.length);
  });

  it('updateRoute gives whole caches whatever spare buffers a route holds (regression: a short bwd gave NaN costs)', () => {
    const { sol } = built(11, false);
    const S = sol.ev.S;
    for (const r of sol.routes) {
      const m = r.nodes.length;
      // The solution's buffer pool hands out any spare buffer: a large fwd with a small bwd.
      r.fwd = new Float64Array(4 * m * S);
      r.bwd = new Float64Array(2);
      r.assignPrefix = new Float64Array(1);
      sol.ev.updateRoute(r);
      expect(r.bwd.length).toBeGreaterThanOrEqual(m * S);
      expect(r.bwd.subarray(0, m * S).every(Number.isFinite)).toBe(true);
      expect(r.fwd.subarray(0, m * S).every(Number.isFinite)).toBe(true);
    }
  });
});
