import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPlan } from './check.js';
import { makeJob, makeVehicle } from './model/problem.js';
import type { Problem } from './model/problem.js';
import { solve } from './solve.js';
import { randomProblem } from './testing/random-problem.js';

/** Brute force: best total duration of one vehicle visiting all jobs (tiny instances only). */
function bruteForceSingle(p: Problem): number {
  const L = p.locationCount;
  const d = p.matrices.car!.durations;
  const idx = p.jobs.map((_, i) => i);
  let best = Infinity;
  const perm = (arr: number[], k: number): void => {
    if (k === arr.length) {
      const r = checkPlan(p, {
        routes: [{ vehicle: 0, steps: arr.map((j) => ({ type: 'job' as const, job: j })) }],
        unassigned: [],
      });
      if (r.feasible && r.cost < best) best = r.cost;
      return;
    }
    for (let i = k; i < arr.length; i++) {
      [arr[k], arr[i]] = [arr[i]!, arr[k]!];
      perm(arr, k + 1);
      [arr[k], arr[i]] = [arr[i]!, arr[k]!];
    }
  };
  perm(idx, 0);
  void L;
  void d;
  return best;
}

describe('solve on tiny named instances (golden)', () => {
  it('"square": four corners are visited around the square (cost 400)', () => {
    const pts = [
      [0, 0],
      [0, 100],
      [100, 100],
      [100, 0],
      [50, -1],
    ];
    const L = pts.length;
    const m = new Float64Array(L * L);
    for (let a = 0; a < L; a++)
      for (let b = 0; b < L; b++)
        m[a * L + b] = Math.hypot(pts[a]![0]! - pts[b]![0]!, pts[a]![1]! - pts[b]![1]!);
    const p: Problem = {
      locationCount: L,
      matrices: { car: { durations: m, distances: m } },
      vehicles: [makeVehicle({ id: 1, start: 4, end: 4 })],
      jobs: [0, 1, 2, 3].map((i) => makeJob({ id: i + 1, location: i })),
      links: [],
    };
    const r = solve(p, { maxIterations: 200, timeLimitMs: 10_000 });
    const rep = checkPlan(p, r.plan);
    expect(rep.feasible).toBe(true);
    expect(rep.cost).toBeCloseTo(300 + 2 * Math.hypot(50, 1), 6);
  });

  it('"windows force the order": the tour follows the time windows, not the geometry', () => {
    const L = 4;
    const m = new Float64Array(L * L);
    for (let a = 0; a < L; a++) for (let b = 0; b < L; b++) m[a * L + b] = 100 * Math.abs(a - b);
    const p: Problem = {
      locationCount: L,
      matrices: { car: { durations: m, distances: m } },
      vehicles: [makeVehicle({ id: 1, start: 0, end: 0, timeWindow: [0, 2000] })],
      jobs: [
        makeJob({ id: 1, location: 3, timeWindows: [[0, 400]] }),
        makeJob({ id: 2, location: 1, timeWindows: [[500, 700]] }),
        makeJob({ id: 3, location: 2, timeWindows: [[0, 2000]] }),
      ],
      links: [],
    };
    const r = solve(p, { maxIterations: 200 });
    // Geometry says 2, 3, 1 (places 1, 2, 3) but job 1 closes at 400 and job 2 opens at 500: job 2 comes last.
    expect(r.plan.routes[0]!.steps.map((s) => (s.type === 'job' ? p.jobs[s.job]!.id : -1)).at(-1)).toBe(2);
    expect(checkPlan(p, r.plan).cost).toBe(600);
  });

  it('"priority first": with room for one visit only, the high-priority one is planned', () => {
    const L = 3;
    const m = new Float64Array(L * L).fill(100);
    for (let a = 0; a < L; a++) m[a * L + a] = 0;
    const p: Problem = {
      locationCount: L,
      matrices: { car: { durations: m, distances: m } },
      vehicles: [makeVehicle({ id: 1, start: 0, end: 0, timeWindow: [0, 1000] })],
      jobs: [
        makeJob({ id: 1, location: 1, service: 700 }),
        makeJob({ id: 2, location: 2, service: 700, priority: 10 }),
      ],
      links: [],
    };
    const r = solve(p, { maxIterations: 100 });
    expect(r.plan.unassigned).toEqual([0]);
  });

  it('matches brute force on small single-worker instances', () => {
    for (let seed = 1; seed <= 5; seed++) {
      const p = randomProblem({ jobs: 6, vehicles: 1, seed });
      const best = bruteForceSingle(p);
      const r = solve(p, { maxIterations: 300, seed });
      const rep = checkPlan(p, r.plan);
      if (best === Infinity) continue;
      expect(rep.unassigned).toBe(0);
      expect(rep.cost).toBeCloseTo(best, 6);
    }
  });
});

describe('solve: every plan satisfies every hard constraint (property)', () => {
  it('on random home-care instances (breaks, windows, skills, capacity, exclusions)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 3, max: 30 }),
        fc.integer({ min: 1, max: 5 }),
        fc.boolean(),
        (seed, jobs, vehicles, ownHomes) => {
          const p = randomProblem({ jobs, vehicles, seed, rich: true, ownHomes });
          const r = solve(p, { maxIterations: 60, seed });
          const rep = checkPlan(p, r.plan);
          expect(rep.violations).toEqual([]);
          expect(rep.assigned + rep.unassigned).toBe(p.jobs.length);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('with double visits and precedences (time links across routes)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 4, max: 24 }),
        fc.integer({ min: 2, max: 4 }),
        (seed, jobs, vehicles) => {
          const p = randomProblem({ jobs, vehicles, seed, links: Math.floor(jobs / 4) });
          const r = solve(p, { maxIterations: 80, seed });
          const rep = checkPlan(p, r.plan);
          expect(rep.violations).toEqual([]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('plans a double visit with two workers starting together', () => {
    const p = randomProblem({ jobs: 10, vehicles: 3, seed: 42 });
    const linked = {
      ...p,
      links: [{ kind: 'synchronised' as const, first: 0, second: 1, minGap: 0, maxGap: 0 }],
    };
    const r = solve(linked, { maxIterations: 300, seed: 1 });
    const rep = checkPlan(linked, r.plan);
    expect(rep.violations).toEqual([]);
    const steps = rep.routes.flatMap((x) => x.steps.map((s) => ({ ...s, vehicle: x.vehicle })));
    const a = steps.find((s) => s.type === 'job' && s.index === 0);
    const b = steps.find((s) => s.type === 'job' && s.index === 1);
    if (a && b) {
      expect(a.start).toBeCloseTo(b.start, 6);
      expect(a.vehicle).not.toBe(b.vehicle);
    }
  });

  it('is repeatable for a given seed and iteration budget', () => {
    const p = randomProblem({ jobs: 25, vehicles: 3, seed: 7, rich: true });
    const a = solve(p, { maxIterations: 200, seed: 3 });
    const b = solve(p, { maxIterations: 200, seed: 3 });
    expect(a.plan).toEqual(b.plan);
  });
});
