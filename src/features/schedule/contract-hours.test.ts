import { describe, expect, it } from 'vitest';
import { solveVroom } from '../../optimizer/index';
import { CONTRACT_HOURS_REASON, fitToContracts } from './contract-fit';
import { computeKpis } from './kpis';
import { applyProposal, buildProblem, readSolution, type Proposal } from './problem-builder';
import { at, beneficiary, MONDAY, visit, worker } from './testing';

const WEEK_END = '2026-03-08';
/** The budget dimension (the second) of each vehicle's capacity. */
const budgetsOf = (built: ReturnType<typeof buildProblem>): number[] => built.input.vehicles.map((v) => (v.capacity as number[])[1]!);

describe('contract hours as budgets', () => {
  const people = [beneficiary('b1'), beneficiary('b2')];

  it('spreads the weekly contract hours over the available days, in proportion to their length', () => {
    // 35 h, Monday–Friday 07:00–20:00: 7 h a day, plus one travel allowance for the route's first visit.
    const built = buildProblem({ fromDate: MONDAY, toDate: WEEK_END, workers: [worker('w1', { contractHoursPerWeek: 35 })], beneficiaries: people, visits: [], contractHours: { tolerance: 0, travelAllowanceMin: 10 } });
    expect(budgetsOf(built)).toEqual([430, 430, 430, 430, 430]);
    expect(built.contract!.budgets.get(`w1|${MONDAY}`)).toMatchObject({ contractMin: 2100, keptMin: 0, freeMin: 2100 });
    // Unequal days: 4 h on Monday, 8 h on Wednesday → 1/3 and 2/3 of 12 h; with a 10 % tolerance.
    const uneven = worker('w2', { contractHoursPerWeek: 12, availability: [{ weekday: 1, start: '08:00', end: '12:00' }, { weekday: 3, start: '08:00', end: '16:00' }] });
    const built2 = buildProblem({ fromDate: MONDAY, toDate: WEEK_END, workers: [uneven], beneficiaries: people, visits: [], contractHours: { tolerance: 0.1, travelAllowanceMin: 10 } });
    expect(budgetsOf(built2)).toEqual([Math.floor(10 + 240 * 1.1), Math.floor(10 + 480 * 1.1)]);
  });

  it('caps a day at the maximum hours per day and gives the rest to the other days', () => {
    // 30 h over Monday 07:00–20:00 (13 h) and Tuesday 09:00–12:00 (3 h), at most 8 h a day: Monday is capped at
    // 8 h, and Tuesday (3/16 of the week by length, 5.6 h) is capped at 8 h too — 14 h of 30 can be planned.
    const w = worker('w1', { contractHoursPerWeek: 30, maxHoursPerDay: 8, availability: [{ weekday: 1, start: '07:00', end: '20:00' }, { weekday: 2, start: '09:00', end: '12:00' }] });
    const built = buildProblem({ fromDate: MONDAY, toDate: WEEK_END, workers: [w], beneficiaries: people, visits: [], contractHours: { tolerance: 0, travelAllowanceMin: 0 } });
    expect(budgetsOf(built)).toEqual([480, 480]);
    // Generous hours: 10 h a week, Monday 13 h and Tuesday 3 h of availability → 8.125 h and 1.875 h.
    const light = { ...w, contractHoursPerWeek: 10 };
    expect(budgetsOf(buildProblem({ fromDate: MONDAY, toDate: WEEK_END, workers: [light], beneficiaries: people, visits: [], contractHours: { tolerance: 0, travelAllowanceMin: 0 } }))).toEqual([480, 120]);
  });

  it('deducts the visits that stay: locked ones, done ones, and those of the week outside the period', () => {
    const w = worker('w1', { contractHoursPerWeek: 35, maxHoursPerDay: 12 });
    const visits = [
      visit('locked', 'b1', 'w1', '09:00', { isLocked: true, durationMin: 60 }),
      visit('done', 'b1', 'w1', '10:00', { startsAt: at('10:00', '2026-03-03'), status: 'done', durationMin: 90 }),
      visit('free', 'b2', null, '14:00', { startsAt: at('14:00', '2026-03-04'), durationMin: 45 }),
    ];
    const otherVisits = [
      visit('thursday', 'b2', 'w1', '09:00', { startsAt: at('09:00', '2026-03-05'), durationMin: 120 }),
      visit('cancelled', 'b2', 'w1', '09:00', { startsAt: at('14:00', '2026-03-05'), durationMin: 120, status: 'cancelled' }),
      visit('next-week', 'b2', 'w1', '09:00', { startsAt: at('09:00', '2026-03-09'), durationMin: 120 }),
    ];
    // Monday–Wednesday: 35 h minus 60 + 90 + 120 min of visits that stay, each with its 10 min of travel.
    const built = buildProblem({ fromDate: MONDAY, toDate: '2026-03-04', workers: [w], beneficiaries: people, visits, contractHours: { otherVisits, tolerance: 0, travelAllowanceMin: 10 } });
    expect(built.contract!.budgets.get(`w1|${MONDAY}`)).toMatchObject({ contractMin: 2100, keptMin: 300, freeMin: 1800 });
    expect(built.jobVisitIds).toEqual(['locked', 'free']);
    // Monday holds the locked visit (its load, 70) on top of its third of the free 1,800 min.
    expect(budgetsOf(built)).toEqual([70 + 600 + 10, 610, 610]);
    const locked = built.input.jobs.find((j) => j.description === 'locked')!;
    expect(locked.delivery).toEqual([60, 70]);
  });

  it('is fine across a daylight-saving change: budgets follow the real length of the hours', () => {
    // Week of Monday 19 October 2026; clocks go back on Sunday 25 at 03:00, so Sunday 00:00–06:00 lasts 7 hours.
    const w = worker('w1', { contractHoursPerWeek: 15, maxHoursPerDay: 10, availability: [{ weekday: 1, start: '09:00', end: '17:00' }, { weekday: 7, start: '00:00', end: '06:00' }] });
    const done = visit('done', 'b1', 'w1', '04:30', { startsAt: new Date('2026-10-25T04:30:00+01:00'), status: 'done', durationMin: 60 });
    const nextWeek = visit('next', 'b1', 'w1', '00:30', { startsAt: new Date('2026-10-26T00:30:00+01:00'), durationMin: 60 });
    const built = buildProblem({ fromDate: '2026-10-19', toDate: '2026-10-25', workers: [w], beneficiaries: people, visits: [done], contractHours: { otherVisits: [nextWeek], tolerance: 0, travelAllowanceMin: 10 } });
    expect(built.vehicles.map((v) => (v.end - v.start) / 3_600_000)).toEqual([8, 7]);
    // 900 − 70 (the done visit on Sunday morning, same week; Monday 26 after midnight is the next week) = 830 min, 8:7.
    expect(built.contract!.budgets.get('w1|2026-10-19')).toMatchObject({ keptMin: 70, freeMin: 830 });
    expect(budgetsOf(built)).toEqual([Math.floor(10 + (830 * 8) / 15), Math.floor(10 + (830 * 7) / 15)]);
  });

  it('leaves the budgets out when not asked (a repair)', () => {
    const built = buildProblem({ fromDate: MONDAY, toDate: MONDAY, workers: [worker('w1')], beneficiaries: people, visits: [visit('v1', 'b1', null, '09:00')] });
    expect(built.contract).toBeUndefined();
    expect(built.input.vehicles[0]!.capacity).toEqual([600]);
    expect(built.input.jobs[0]!.delivery).toEqual([60]);
  });

  it('the optimiser keeps a worker within the contract; the visit left out says why', () => {
    // 2 h a week, three 1 h visits at the same place on Monday: two fit, the third would go over.
    const w = worker('w1', { contractHoursPerWeek: 2 });
    const visits = ['09:00', '10:00', '11:00'].map((t, i) => visit(`v${i}`, 'b1', null, t));
    const built = buildProblem({ fromDate: MONDAY, toDate: WEEK_END, workers: [w], beneficiaries: people, visits, contractHours: {} });
    const found = readSolution(built, visits, solveVroom(built.input, { maxIterations: 200, seed: 1 }));
    const proposal = fitToContracts({ built, visits, proposal: found, workers: [w], beneficiaries: people });
    expect(proposal.assignments.filter((a) => a.workerId === 'w1')).toHaveLength(2);
    expect(proposal.unassigned).toEqual([{ visitId: expect.stringMatching(/^v/), reason: CONTRACT_HOURS_REASON }]);
  });

  it('after the search, brings a week over the contract back within it, strangers’ visits first, and re-places them elsewhere', () => {
    const w1 = worker('w1', { contractHoursPerWeek: 3 });
    const w2 = worker('w2', { contractHoursPerWeek: 35 });
    const known = [beneficiary('b1', { preferredWorkerIds: ['w1'] }), beneficiary('b2')];
    const visits = [visit('v1', 'b1', null, '09:00'), visit('v2', 'b2', null, '10:00'), visit('v3', 'b1', null, '11:00'), visit('v4', 'b1', null, '14:00')];
    const built = buildProblem({ fromDate: MONDAY, toDate: WEEK_END, workers: [w1, w2], beneficiaries: known, visits, contractHours: {} });
    // A search result over the contract (4 h for 3 h), as a day's tolerance can leave it.
    const over: Proposal = { assignments: visits.map((v) => ({ visitId: v.id, workerId: 'w1', startsAt: v.startsAt.toISOString() })), unassigned: [] };
    const fitted = fitToContracts({ built, visits, proposal: over, workers: [w1, w2], beneficiaries: known });
    const byId = new Map(fitted.assignments.map((a) => [a.visitId, a]));
    expect(byId.get('v2')!.workerId).toBe('w2');
    expect(['v1', 'v3', 'v4'].map((id) => byId.get(id)!.workerId)).toEqual(['w1', 'w1', 'w1']);
    expect(fitted.unassigned).toEqual([]);
    const hours = computeKpis({ visits: applyProposal(visits, fitted.assignments), workers: [w1, w2], beneficiaries: known, days: 7 }).hoursByWorker;
    expect(hours.find((h) => h.workerId === 'w1')!.plannedHours).toBeLessThanOrEqual(3);
  });
});
