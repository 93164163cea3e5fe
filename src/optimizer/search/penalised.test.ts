import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPlan } from '../check.js';
import { insertJobs } from '../construct/insertion.js';
import type { Problem } from '../model/problem.js';
import { solve } from '../solve.js';
import { randomProblem } from '../testing/random-problem.js';
import { constructed, randomAssignment, tickClock, withFixedCost } from '../testing/solutions.js';
import { LocalSearch } from './local-search.js';
import { ejectAndReinsert, runPenalisedSearch } from './penalised.js';
import { DEFAULT_PARAMS } from './sisr.js';
import type { Solution } from './solution.js';

/**
 * Time warp of a route by plain simulation from the problem itself (no segment): leave the start
 * place when the shift opens, wait when early, and when late "warp back" to the window's end,
 * counting the warp (Vidal et al. 2013); the end place is reached by the end of the shift.
 */
function bruteTimeWarp(p: Problem, v: number, jobs: readonly number[]): number {
  if (jobs.length === 0) return 0;
  const veh = p.vehicles[v]!;
  const L = p.locationCount;
  const dur = p.matrices.car!.durations;
  let t = veh.timeWindow[0];
  let at = veh.start;
  let warp = 0;
  for (const j of jobs) {
    const job = p.jobs[j]!;
    if (at !== null) t += dur[at * L + job.location]!;
    const [e, l] = job.timeWindows[0]!;
    if (t < e) t = e;
    if (t > l) {
      warp += t - l;
      t = l;
    }
    t += job.service;
    at = job.location;
  }
  if (veh.end !== null && at !== null) t += dur[at * L + veh.end]!;
  if (t > veh.timeWindow[1]) warp += t - veh.timeWindow[1];
  return warp;
}

/** Penalised cost of every route recomputed from scratch (no cached segment reused). */
function fullCost(sol: Solution): number {
  let s = 0;
  for (const r of sol.routes) {
    const fresh = sol.ev.makeRoute(r.vehicle, r.nodes.slice(1, -1));
    s += fresh.cost + sol.ev.penalty * fresh.violation;
  }
  return s;
}

describe('penalised search: time warp and penalised costs', () => {
  it("a route's time warp (segments, O(1) concatenation) equals a brute-force simulation", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), (seed, ownHomes) => {
        const p = randomProblem({ jobs: 25, vehicles: 3, seed, ownHomes });
        const { sol } = randomAssignment(p, seed, 1);
        for (const r of sol.routes) {
          const jobs = r.nodes.slice(1, -1);
          // Plain problems: the violation is the time warp alone.
          expect(r.violation).toBeCloseTo(bruteTimeWarp(p, r.vehicle, jobs), 6);
        }
      }),
      { numRuns: 60 },
    );
  });

  for (const rich of [false, true]) {
    it(`a penalised insertion takes the position of least penalised cost, and its change is the real one (${rich ? 'rich' : 'plain'})`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
          const p = randomProblem({ jobs: 14, vehicles: 3, seed, rich });
          const { sol, ev, rng } = randomAssignment(p, seed, 0.5);
          const u = sol.routes.flatMap((r) => r.nodes.slice(1, -1))[0];
          if (u === undefined) return;
          const v0 = sol.routeOf[u]!;
          sol.removeJob(u);
          sol.refresh(v0);
          const before = fullCost(sol);
          // Brute force: u at every position of every compatible route, costs from scratch.
          let bestDelta = Infinity;
          for (const r of sol.routes) {
            if (sol.c.compat[r.vehicle * sol.c.n + u] === 0) continue;
            const jobs = r.nodes.slice(1, -1);
            const old = ev.makeRoute(r.vehicle, jobs);
            for (let i = 0; i <= jobs.length; i++) {
              const next = ev.makeRoute(r.vehicle, [...jobs.slice(0, i), u, ...jobs.slice(i)]);
              const d = next.cost + ev.penalty * next.violation - (old.cost + ev.penalty * old.violation);
              if (d < bestDelta) bestDelta = d;
            }
          }
          insertJobs(sol, [u], rng, { blinkRate: 0, penalised: true });
          if (bestDelta === Infinity) {
            expect(sol.unassigned).toContain(u);
            return;
          }
          expect(sol.routeOf[u]).toBeGreaterThanOrEqual(0);
          expect(fullCost(sol) - before).toBeCloseTo(bestDelta, 6);
        }),
        { numRuns: 60 },
      );
    });
  }

  it('eject-and-reinsert leaves every route feasible, loses no visit and opens no route', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), (seed, rich) => {
        const p = randomProblem({ jobs: 30, vehicles: 5, seed, rich });
        const { sol, ev, rng } = randomAssignment(p, seed, 1);
        ev.penalty = 1e6;
        const used = sol.routes.map((r) => r.nodes.length > 2);
        const assigned = sol.routes.flatMap((r) => r.nodes.slice(1, -1));
        const outBefore = sol.unassigned.slice(); // visits no worker may do
        const out: number[] = [];
        ejectAndReinsert(sol, rng, 0, out);
        for (const r of sol.routes) {
          expect(r.violation).toBeLessThanOrEqual(1e-6);
          if (!used[r.vehicle]) expect(r.nodes.length).toBe(2);
        }
        const now = [...sol.routes.flatMap((r) => r.nodes.slice(1, -1)), ...sol.unassigned];
        expect(now.length).toBe(new Set(now).size);
        expect(new Set(now)).toEqual(new Set([...assigned, ...outBefore]));
        // Only ejected visits may be newly left out.
        for (const j of sol.unassigned) if (!outBefore.includes(j)) expect(out).toContain(j);
      }),
      { numRuns: 50 },
    );
  });

  it('from a feasible plan, the penalised annealing returns a feasible plan no costlier, accepted by the checker', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.boolean(), (seed, rich) => {
        const p = withFixedCost(randomProblem({ jobs: 40, vehicles: 6, seed, rich }));
        const { sol, rng } = constructed(p, seed);
        const ev = sol.ev;
        if (sol.unassigned.length > 0) return; // the phase starts from a complete plan
        const start = sol.objective();
        const params = { ...DEFAULT_PARAMS, twPenalty0: 0.2 };
        const ls = new LocalSearch(sol, { granularity: 10, shouldStop: () => false, hardFeasibility: true });
        const res = runPenalisedSearch(
          sol,
          rng,
          params,
          {
            elapsedMs: () => 0,
            timeLimitMs: 1e9,
            maxIterations: 200,
            isCancelled: () => false,
            onBest: () => {},
          },
          ls,
          0,
        );
        expect(ev.penalty).toBe(1e6);
        expect(res.bestObjective.cost).toBeLessThanOrEqual(start.cost + 1e-6);
        const plan = {
          routes: res.best
            .map((steps, vehicle) => ({
              vehicle,
              steps: steps.map((job) => ({ type: 'job' as const, job })),
            }))
            .filter((r) => r.steps.length > 0),
          unassigned: res.bestUnassigned,
        };
        if (rich) return; // breaks are placed by buildPlan (covered by the solve test below)
        expect(checkPlan(p, plan).violations).toEqual([]);
      }),
      { numRuns: 25 },
    );
  });

  it('solve with fixed costs and params.penalisedPhase is repeatable and its plans pass the checker', () => {
    for (const seed of [3, 8, 21]) {
      const p = withFixedCost(
        randomProblem({ jobs: seed === 8 ? 25 : 50, vehicles: 8, seed, rich: seed === 8 }),
      );
      const params = { penalisedPhase: true, twPenalty0: 0.5 };
      const a = solve(p, { maxIterations: 300, seed, now: tickClock(), params });
      const b = solve(p, { maxIterations: 300, seed, now: tickClock(), params });
      expect(a.plan).toEqual(b.plan);
      expect(checkPlan(p, a.plan).violations).toEqual([]);
    }
  });
});
