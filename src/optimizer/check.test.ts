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
  describe('planned times (VROOM plan mode: service_at, service_after, service_before)', () => {
    const plain = (): Problem => ({
      ...line(),
      jobs: line().jobs.map((j) => ({ ...j, skills: [], delivery: [1] })),
    });

    it('starts each step at its planned time and reports lead time and delay against it, never moving it', () => {
      const r = checkPlan(plain(), {
        routes: [
          {
            vehicle: 0,
            departure: 0,
            steps: [
              { type: 'job', job: 0, start: 120 },
              // Arrives at 230: planned at 240, 10 before its window [250, 260] opens.
              { type: 'job', job: 1, start: 240 },
              // Taken on arrival at place 3 (350), planned at 390.
              { type: 'break', break: 0, start: 390 },
              // The break ends at 440: the visit planned at 400 starts 40 late.
              { type: 'job', job: 2, start: 400 },
            ],
          },
        ],
        unassigned: [],
      });
      const steps = r.routes[0]!.steps;
      expect(steps.map((s) => [s.type, s.arrival, s.start, s.waiting])).toEqual([
        ['start', 0, 0, 0],
        ['job', 100, 120, 20],
        ['job', 230, 240, 10],
        ['break', 350, 390, 40],
        ['job', 440, 440, 0],
        ['end', 750, 750, 0],
      ]);
      expect(steps[1]!.planned).toBe(120);
      expect(r.violations.map((v) => [v.code, v.job, v.step, v.amount])).toEqual([
        ['lead-time', 1, 2, 10],
        ['schedule', 2, 4, 40],
      ]);
    });

    it('leaves so as to be at the first visit at its planned time; a start after the window is late', () => {
      const r = checkPlan(plain(), {
        routes: [{ vehicle: 0, steps: [{ type: 'job', job: 0, start: 160 }] }],
        unassigned: [1, 2],
      });
      expect(r.routes[0]!.steps[0]!.start).toBe(60);
      expect(r.violations.map((v) => [v.code, v.amount])).toEqual([
        ['time-window', 10],
        ['break-missing', undefined],
      ]);
    });

    it('service_after delays the earliest start, service_before is a deadline', () => {
      const r = checkPlan(plain(), {
        routes: [
          {
            vehicle: 0,
            steps: [
              { type: 'job', job: 2, after: 500, before: 520 },
              { type: 'break', break: 0, before: 100 },
            ],
          },
        ],
        unassigned: [0, 1],
      });
      const steps = r.routes[0]!.steps;
      // Leaves at 200 to start at 500; the break is taken back home at 810, after its window.
      expect(steps.map((s) => [s.type, s.start])).toEqual([
        ['start', 200],
        ['job', 500],
        ['break', 810],
        ['end', 860],
      ]);
      expect(r.violations.map((v) => v.code)).toEqual(['break-window', 'schedule']);
    });

    it('a departure before the shift opens is lead time', () => {
      const p = plain();
      const r = checkPlan(
        { ...p, vehicles: [{ ...p.vehicles[0]!, timeWindow: [50, 1000], breaks: [] }] },
        { routes: [{ vehicle: 0, departure: 20, steps: [{ type: 'job', job: 2 }] }], unassigned: [0, 1] },
      );
      expect(r.routes[0]!.steps[1]!.start).toBe(320);
      expect(r.violations.map((v) => [v.code, v.amount])).toEqual([['lead-time', 30]]);
    });
  });
});
