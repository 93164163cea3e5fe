import { describe, expect, it } from 'vitest';
import { checkPlan } from './check.js';
import { makeJob, makeVehicle } from './model/problem.js';
import type { Problem } from './model/problem.js';

// Four places on a line, 100 s apart.
function line(): Problem {
  const L = 4;
  const d = new Float64Array(L * L);
  for (let a = 0; a < L; a++) for (let b = 0; b < L; b++) d[a * L + b] = 100 * Math.abs(a - b);
  return {
    locationCount: L,
    matrices: { car: { durations: d, distances: d } },
    vehicles: [
      makeVehicle({
        id: 1,
        start: 0,
        end: 0,
        timeWindow: [0, 1000],
        capacity: [5],
        breaks: [{ id: 9, timeWindows: [[300, 400]], service: 50 }],
      }),
    ],
    jobs: [
      makeJob({ id: 1, location: 1, service: 10, timeWindows: [[0, 150]], delivery: [3] }),
      makeJob({ id: 2, location: 2, service: 10, timeWindows: [[250, 260]], delivery: [3], skills: [7] }),
      makeJob({ id: 3, location: 3, service: 10 }),
    ],
    links: [],
  };
}

describe('checkPlan (independent checker)', () => {
  it('times a feasible route with a break taken on arrival at the next place', () => {
    const p = { ...line(), jobs: line().jobs.map((j) => ({ ...j, skills: [], delivery: [1] })) };
    const r = checkPlan(p, {
      routes: [
        {
          vehicle: 0,
          steps: [
            { type: 'job', job: 0 },
            { type: 'job', job: 1 },
            { type: 'break', break: 0 },
            { type: 'job', job: 2 },
          ],
        },
      ],
      unassigned: [],
    });
    expect(r.violations).toEqual([]);
    const steps = r.routes[0]!.steps;
    // Leaves at 0, job 1 at 100, job 2 arrives 210 and waits to 250, travels to place 3 (arrives 360), break 360–410, job 3 at 410.
    expect(steps.map((s) => [s.type, s.start])).toEqual([
      ['start', 0],
      ['job', 100],
      ['job', 250],
      ['break', 360],
      ['job', 410],
      ['end', 720],
    ]);
    expect(r.distance).toBe(600);
  });

  it('lists every broken rule', () => {
    const p = line();
    const r = checkPlan(p, {
      routes: [
        {
          vehicle: 0,
          steps: [
            { type: 'job', job: 1 },
            { type: 'job', job: 0 },
            { type: 'job', job: 0 },
          ],
        },
      ],
      unassigned: [],
    });
    const codes = r.violations.map((v) => v.code).sort();
    // Job 1 is served twice, both times late.
    expect(codes).toEqual(
      [
        'break-missing',
        'capacity',
        'job-missing',
        'job-twice',
        'skills',
        'time-window',
        'time-window',
      ].sort(),
    );
  });
});
