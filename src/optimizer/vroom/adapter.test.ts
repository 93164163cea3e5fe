import { describe, expect, it } from 'vitest';
import { InputError, fromVroomInput } from './adapter.js';
import { checkVroom, solveVroom } from './run.js';

const base = {
  vehicles: [{ id: 7, start_index: 0, end_index: 0, time_window: [0, 10_000], capacity: [2] }],
  jobs: [
    { id: 1, location_index: 1, service: 60, delivery: [1] },
    { id: 2, location_index: 2, service: 60, delivery: [1], time_windows: [[0, 500]] },
    { id: 3, location_index: 2, skills: [5] },
  ],
  matrices: {
    car: {
      durations: [
        [0, 100, 200],
        [100, 0, 100],
        [200, 100, 0],
      ],
    },
  },
  some_future_key: 42,
};

describe('VROOM JSON adapter', () => {
  it('reads VROOM input and ignores unknown keys', () => {
    const vp = fromVroomInput(base);
    expect(vp.problem.jobs.map((j) => j.location)).toEqual([1, 2, 2]);
    expect(vp.problem.vehicles[0]!.costs.perHour).toBe(3600);
  });

  it('answers in VROOM output format with a reason for each unassigned job', () => {
    const out = solveVroom(base, { maxIterations: 50 });
    expect(out.code).toBe(0);
    expect(out.summary).toMatchObject({ routes: 1, unassigned: 1, cost: 400, duration: 400 });
    expect(out.unassigned).toEqual([
      expect.objectContaining({ id: 3, type: 'job', reason: expect.stringContaining('skills') }),
    ]);
    const steps = (out.routes[0]!.steps as Array<{ type: string; id?: number; arrival: number }>).map((s) => [
      s.type,
      s.id ?? null,
    ]);
    expect(steps[0]).toEqual(['start', null]);
    expect(steps.at(-1)).toEqual(['end', null]);
  });

  it('computes travel from coordinates with the proxidom travel extension', () => {
    const out = solveVroom(
      {
        vehicles: [{ id: 1, start: [0, 0], end: [0, 0] }],
        jobs: [{ id: 1, location: [3, 4] }],
        proxidom: { travel: { type: 'euclidean', speed: 1 } },
      },
      { maxIterations: 10 },
    );
    expect(out.summary.distance).toBe(10);
  });

  it('check mode scores the given plan and lists the broken rules', () => {
    const input = {
      ...base,
      vehicles: [
        {
          ...base.vehicles[0]!,
          steps: [
            { type: 'job', id: 1 },
            { type: 'job', id: 3 },
          ],
        },
      ],
    };
    const out = checkVroom(input);
    expect(out.check.violations.map((v) => v.code)).toEqual(['skills']);
    expect(out.check.unassigned).toBe(1);
  });

  it('check mode honours planned times (service_at) and reports VROOM-style violations', () => {
    const input = {
      ...base,
      vehicles: [
        {
          ...base.vehicles[0]!,
          steps: [
            { type: 'start', service_at: 1000 },
            // Arrives at 1100, planned at 1200: waits 100.
            { type: 'job', id: 1, service_at: 1200 },
            // Arrives at 1360, planned at 1300 (60 s late) and after its window [0, 500].
            { type: 'job', id: 2, service_at: 1300 },
            { type: 'end' },
          ],
        },
      ],
    };
    const out = checkVroom(input);
    const steps = out.routes[0]!.steps as Array<Record<string, unknown>>;
    expect(steps.map((s) => [s.type, s.arrival, s.waiting_time, s.service_at])).toEqual([
      ['start', 1000, 0, undefined],
      ['job', 1100, 100, 1200],
      ['job', 1360, 0, 1300],
      ['end', 1620, 0, undefined],
    ]);
    expect(steps[2]!.violations).toEqual([{ cause: 'delay', duration: 920 }]);
    expect(out.routes[0]!.violations).toEqual([{ cause: 'delay', duration: 920 }]);
    expect(out.check.violations.map((v) => [v.code, v.amount])).toEqual([
      ['schedule', 60],
      ['time-window', 860],
    ]);
    expect(out.summary.proxidom).toMatchObject({ feasible: false });
  });

  it('rejects bad input with a bilingual message', () => {
    expect(() => fromVroomInput({ vehicles: [] })).toThrow(InputError);
    expect(() => fromVroomInput({ ...base, jobs: [{ id: 1 }] })).toThrow(/location_index/);
    expect(() => fromVroomInput({ ...base, jobs: [{ id: 1, location_index: 9 }] })).toThrow(/hors matrice/);
  });
});
