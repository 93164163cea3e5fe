import { describe, expect, it } from 'vitest';
import { solveVroom } from '../../optimizer/index';
import { findConflicts } from './conflicts';
import { computeKpis, travelLegs } from './kpis';
import { placeOf, travelBetween } from './planning';
import { buildProblem, defaultTimeLimitMs, frenchReason, readSolution } from './problem-builder';
import { buildRepairProblem, cheapestInsertion, settleRepair } from './repair';
import { shiftsOn } from './shifts';
import { at, beneficiary, EAST, MONDAY, visit, worker } from './testing';

describe('shifts', () => {
  it('default availability is Monday–Friday 07:00–20:00, minus absences', () => {
    const w = worker('w1', { absences: [{ id: 'a', startsAt: at('12:00'), endsAt: at('14:00'), kind: 'autre' }] });
    expect(shiftsOn(w, MONDAY).map((i) => [new Date(i.start).toISOString(), new Date(i.end).toISOString()])).toEqual([
      ['2026-03-02T06:00:00.000Z', '2026-03-02T11:00:00.000Z'],
      ['2026-03-02T13:00:00.000Z', '2026-03-02T19:00:00.000Z'],
    ]);
    expect(shiftsOn(w, '2026-03-08')).toEqual([]);
  });
});

describe('problem builder', () => {
  const workers = [worker('w1'), worker('w2', { skills: [], transportMode: 'bike' })];
  const beneficiaries = [beneficiary('b1', { refusedWorkerIds: ['w2'] }), beneficiary('b2', { ...EAST, preferredWorkerIds: ['w2'] })];

  it('makes one vehicle per worker and working day, home to home, with daily capacity in minutes', () => {
    const built = buildProblem({ fromDate: MONDAY, toDate: '2026-03-08', workers, beneficiaries, visits: [] });
    expect(built.vehicles).toHaveLength(10);
    const v = built.input.vehicles[0]!;
    expect(v.capacity).toEqual([600]);
    expect(v.start_index).toBe(v.end_index);
    expect(v.time_window).toEqual([7 * 3600, 20 * 3600]);
    expect(Object.keys(built.input.matrices).sort()).toEqual(['bike', 'car']);
  });

  it('gives windows, skills, preferred and forbidden workers; pins locked visits to their worker and time', () => {
    const visits = [visit('v1', 'b1', null, '09:00', { requiredSkills: ['aide_toilette'] }), visit('v2', 'b2', 'w1', '10:00', { isLocked: true }), visit('v3', 'b2', null, '11:00', { status: 'cancelled' })];
    const built = buildProblem({ fromDate: MONDAY, toDate: MONDAY, workers, beneficiaries, visits });
    expect(built.jobVisitIds).toEqual(['v1', 'v2']);
    const [j1, j2] = built.input.jobs as Array<Record<string, unknown> & { proxidom?: Record<string, unknown> }>;
    expect(j1!.time_windows).toEqual([[8.5 * 3600, 9.5 * 3600]]);
    expect(j1!.service).toBe(3600);
    expect(j1!.proxidom!.forbidden_workers).toEqual([2]);
    expect(j2!.time_windows).toEqual([[10 * 3600, 10 * 3600]]);
    expect(j2!.priority).toBe(100);
    const w1Skills = built.input.vehicles[0]!.skills as number[];
    const w2Skills = built.input.vehicles[1]!.skills as number[];
    expect((j2!.skills as number[]).every((s) => w1Skills.includes(s))).toBe(true);
    expect((j2!.skills as number[]).some((s) => w2Skills.includes(s))).toBe(false);
    expect((j1!.skills as number[]).some((s) => w2Skills.includes(s))).toBe(false);
  });

  it('widens a worker’s day to hold a visit locked outside their availability', () => {
    const built = buildProblem({ fromDate: MONDAY, toDate: MONDAY, workers: [worker('w1')], beneficiaries, visits: [visit('v1', 'b1', 'w1', '20:30', { isLocked: true })] });
    expect(built.vehicles.some((v) => v.start <= at('20:30').getTime() && v.end >= at('21:30').getTime())).toBe(true);
  });

  it('keeps a visit placed outside its worker’s availability where it is, but not one during an absence', () => {
    const absent = worker('w2', { absences: [{ id: 'a', startsAt: at('00:00', '2026-03-07'), endsAt: at('23:00', '2026-03-07'), kind: 'conge' }] });
    const saturday = [visit('s1', 'b1', 'w1', '09:00', { startsAt: at('09:00', '2026-03-07') }), visit('s2', 'b1', 'w2', '11:00', { startsAt: at('11:00', '2026-03-07') })];
    const built = buildProblem({ fromDate: '2026-03-07', toDate: '2026-03-07', workers: [worker('w1'), absent], beneficiaries, visits: saturday });
    expect([...built.pinned]).toEqual(['s1']);
    const proposal = readSolution(built, saturday, solveVroom(built.input, { maxIterations: 50 }));
    expect(proposal.assignments.find((a) => a.visitId === 's1')).toMatchObject({ workerId: 'w1', startsAt: at('09:00', '2026-03-07').toISOString() });
    expect(proposal.assignments.find((a) => a.visitId === 's2')!.workerId).toBeNull();
  });

  it('round-trips through the optimiser: every visit placed inside its window, the refused worker avoided', () => {
    const visits = [visit('v1', 'b1', null, '09:00'), visit('v2', 'b2', null, '09:00'), visit('v3', 'b2', null, '14:00')];
    const built = buildProblem({ fromDate: MONDAY, toDate: MONDAY, workers, beneficiaries, visits });
    const proposal = readSolution(built, visits, solveVroom(built.input, { maxIterations: 200, seed: 1 }));
    expect(proposal.unassigned).toEqual([]);
    const byId = new Map(proposal.assignments.map((a) => [a.visitId, a]));
    expect(byId.get('v1')!.workerId).toBe('w1');
    for (const v of visits) {
      const start = new Date(byId.get(v.id)!.startsAt).getTime();
      expect(start).toBeGreaterThanOrEqual(v.windowStartsAt.getTime());
      expect(start).toBeLessThanOrEqual(v.windowEndsAt.getTime());
    }
  });

  it('reads the French half of a reason and scales the time limit with the size', () => {
    expect(frenchReason('no worker has the required skills / aucun intervenant n’a les compétences requises')).toBe('Aucun intervenant n’a les compétences requises.');
    expect(defaultTimeLimitMs(1200)).toBeLessThanOrEqual(30_000);
    expect(defaultTimeLimitMs(10)).toBe(3_000);
  });
});

describe('kpis', () => {
  it('counts travel home → visits → home, continuity and hours against the contract', () => {
    const workers = [worker('w1', { contractHoursPerWeek: 35 })];
    const beneficiaries = [beneficiary('b1', { ...EAST, preferredWorkerIds: ['w1'] }), beneficiary('b2')];
    const visits = [visit('v1', 'b1', 'w1', '09:00'), visit('v2', 'b2', 'w1', '11:00'), visit('v3', 'b2', null, '14:00')];
    const leg = travelBetween(EAST, { latitude: 47.9029, longitude: 1.9093 }, 'car');
    const kpis = computeKpis({ visits, workers, beneficiaries, days: 7 });
    expect(kpis.travelMinutes).toBe(Math.round((2 * leg.seconds) / 60));
    expect(kpis.unassignedVisits).toBe(1);
    expect(kpis.continuityRate).toBe(0.5);
    expect(kpis.hoursByWorker[0]!.contractHours).toBe(35);
    expect(kpis.hoursByWorker[0]!.plannedHours).toBeCloseTo(2 + Math.round(leg.seconds / 6) / 10 / 60, 2);
    expect(travelLegs(visits, workers, beneficiaries).map((l) => [l.fromVisitId, l.toVisitId])).toEqual([
      [null, 'v1'],
      ['v1', 'v2'],
      ['v2', null],
    ]);
  });
});

describe('conflicts', () => {
  const beneficiaries = [beneficiary('b1'), beneficiary('b2', { ...EAST, refusedWorkerIds: ['w1'] })];
  const codes = (cs: ReturnType<typeof findConflicts>) => cs.map((c) => `${c.visitId}:${c.code}`).sort();

  it('finds a missing skill, a refused worker and a start outside the window', () => {
    const visits = [visit('v1', 'b1', 'w1', '09:00', { requiredSkills: ['soins_infirmiers'] }), visit('v2', 'b2', 'w1', '15:00', { windowStartsAt: at('08:00'), windowEndsAt: at('09:00') })];
    expect(codes(findConflicts({ visits, workers: [worker('w1')], beneficiaries }))).toEqual(['v1:skill_missing', 'v2:outside_window', 'v2:refused_worker']);
  });

  it('finds an overlap and a travel that cannot be made', () => {
    const visits = [visit('v1', 'b1', 'w1', '09:00'), visit('v2', 'b1', 'w1', '09:30'), visit('v3', 'b2b', 'w1', '10:30')];
    const bs = [...beneficiaries, beneficiary('b2b', EAST)];
    expect(codes(findConflicts({ visits, workers: [worker('w1')], beneficiaries: bs }))).toEqual(['v2:overlap', 'v3:travel_impossible']);
  });

  it('counts travel between visits as working time against the contract, as the figures do', () => {
    const travelMin = travelBetween(placeOf(beneficiaries[0]), placeOf(beneficiaries[1]), 'car').seconds / 60;
    const visits = [visit('v1', 'b1', 'w2', '09:00'), visit('v2', 'b2', 'w2', '11:00')];
    const contract = (minutes: number) => worker('w2', { contractHoursPerWeek: minutes / 60 });
    expect(codes(findConflicts({ visits, workers: [contract(120 + travelMin / 2)], beneficiaries, weekDays: 7 }))).toEqual(['v2:over_contract_hours']);
    expect(codes(findConflicts({ visits, workers: [contract(120 + travelMin + 1)], beneficiaries, weekDays: 7 }))).toEqual([]);
  });

  it('finds absence, time outside availability and hours over the contract', () => {
    const w = worker('w1', { contractHoursPerWeek: 1, absences: [{ id: 'a', startsAt: at('08:00'), endsAt: at('10:00'), kind: 'maladie' }] });
    const visits = [visit('v1', 'b1', 'w1', '09:00'), visit('v2', 'b1', 'w1', '06:00', { windowStartsAt: at('06:00') })];
    expect(codes(findConflicts({ visits, workers: [w], beneficiaries, weekDays: 7 }))).toEqual(['v1:absent', 'v1:over_contract_hours', 'v2:outside_availability']);
  });
});

describe('repair', () => {
  // w1 is absent; w2 has a visit at 09:00 that must not move; w3 lacks the skill.
  const workers = [
    worker('w1', { absences: [{ id: 'new', startsAt: at('00:00'), endsAt: at('23:59'), kind: 'maladie' }] }),
    worker('w2'),
    worker('w3', { skills: [] }),
  ];
  const beneficiaries = [beneficiary('b1'), beneficiary('b2', EAST)];
  const visits = [
    visit('o1', 'b1', 'w1', '09:00', { requiredSkills: ['aide_toilette'], windowStartsAt: at('07:00') }),
    visit('o2', 'b2', 'w1', '14:00', { requiredSkills: ['aide_toilette'] }),
    visit('k1', 'b2', 'w2', '09:00'),
  ];
  const ctx = { workers, beneficiaries, visits, orphanIds: new Set(['o1', 'o2']) };

  it('pins every visit but the orphans in the problem', () => {
    const built = buildRepairProblem(ctx)!;
    expect([...built.pinned]).toEqual(['k1']);
    expect(built.jobVisitIds.sort()).toEqual(['k1', 'o1', 'o2']);
  });

  it('inserts the orphans without moving anyone else, with a qualified worker', () => {
    const result = settleRepair(ctx, null, new Set(['w1']));
    expect(result.unassigned).toEqual([]);
    expect(result.reassigned.map((r) => [r.visitId, r.toWorkerId])).toEqual([
      ['o1', 'w2'],
      ['o2', 'w2'],
    ]);
    const o1 = result.reassigned[0]!;
    // k1 stays at 09:00 with w2: o1 goes before it, at the start of its window.
    expect(o1.startsAt).toBe(at('07:00').toISOString());
    expect(findConflicts({ visits: visits.map((v) => ({ ...v, ...(result.reassigned.find((r) => r.visitId === v.id) ? { workerId: 'w2', startsAt: new Date(result.reassigned.find((r) => r.visitId === v.id)!.startsAt) } : {}) })), workers: workers.slice(1), beneficiaries }).filter((c) => c.workerId === 'w2')).toEqual([]);
  });

  it('leaves a visit unassigned, with a reason, when nobody qualified is free', () => {
    const result = settleRepair({ ...ctx, workers: [workers[0]!, workers[2]!] }, null, new Set(['w1']));
    expect(result.reassigned).toEqual([]);
    expect(result.unassigned.map((u) => u.visitId)).toEqual(['o1', 'o2']);
    expect(result.unassigned[0]!.reason).toMatch(/qualifié/);
  });

  it('rejects a proposed placement that would overlap a pinned visit, and inserts it elsewhere', () => {
    const proposal = { assignments: [{ visitId: 'o1', workerId: 'w2', startsAt: at('09:00').toISOString() }], unassigned: [] };
    const result = settleRepair({ ...ctx, orphanIds: new Set(['o1']) }, proposal, new Set(['w1']));
    const placed = result.reassigned[0]!;
    expect(placed.startsAt).not.toBe(at('09:00').toISOString());
    expect(cheapestInsertion(visits, ctx, visits[0]!, new Set(['w1']))?.workerId).toBe('w2');
  });
});

describe('the optimiser and our rules agree', () => {
  it('a proposal of the optimiser breaks none of the board’s rules (skills, refusals, windows, availability, travel, daily maximum)', () => {
    // 6 workers, 48 visits over two days around Orléans, drawn from a fixed seed.
    let seed = 7;
    const rand = (): number => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    const workers = Array.from({ length: 6 }, (_, i) =>
      worker(`w${i}`, { skills: i % 3 === 0 ? [] : ['aide_toilette'], transportMode: ['car', 'bike', 'walk', 'public_transport'][i % 4]!, homeLatitude: 47.88 + rand() * 0.05, homeLongitude: 1.87 + rand() * 0.08, maxHoursPerDay: 7 }),
    );
    const beneficiaries = Array.from({ length: 20 }, (_, i) => beneficiary(`b${i}`, { latitude: 47.88 + rand() * 0.05, longitude: 1.87 + rand() * 0.08, refusedWorkerIds: i % 7 === 0 ? ['w1'] : [] }));
    const visits = Array.from({ length: 48 }, (_, i) => {
      const day = i % 2 === 0 ? MONDAY : '2026-03-03';
      const hour = 7 + Math.floor(rand() * 11);
      return visit(`v${i}`, `b${i % 20}`, null, `${String(hour).padStart(2, '0')}:${rand() < 0.5 ? '00' : '30'}`, {
        startsAt: at(`${String(hour).padStart(2, '0')}:00`, day),
        windowStartsAt: at(`${String(hour).padStart(2, '0')}:00`, day),
        windowEndsAt: at(`${String(hour + 1).padStart(2, '0')}:00`, day),
        durationMin: [30, 45, 60, 90][i % 4]!,
        requiredSkills: i % 3 === 0 ? ['aide_toilette'] : [],
      });
    });
    const built = buildProblem({ fromDate: MONDAY, toDate: '2026-03-03', workers, beneficiaries, visits });
    const proposal = readSolution(built, visits, solveVroom(built.input, { maxIterations: 300, seed: 3 }));
    const planned = visits.map((v) => {
      const a = proposal.assignments.find((x) => x.visitId === v.id)!;
      return { ...v, workerId: a.workerId, startsAt: new Date(a.startsAt) };
    });
    expect(planned.filter((v) => v.workerId).length).toBeGreaterThan(30);
    // The daily maximum is the one rule the optimiser sees only in part: it bounds visit time per day (a capacity),
    // not visit time plus travel between visits as the board does (it has no maximum working duration per worker).
    expect(findConflicts({ visits: planned, workers, beneficiaries }).filter((c) => c.code !== 'over_contract_hours')).toEqual([]);
    const minutesByDay = new Map<string, number>();
    for (const v of planned) if (v.workerId) minutesByDay.set(`${v.workerId}|${v.startsAt.toISOString().slice(0, 10)}`, (minutesByDay.get(`${v.workerId}|${v.startsAt.toISOString().slice(0, 10)}`) ?? 0) + v.durationMin);
    expect(Math.max(...minutesByDay.values())).toBeLessThanOrEqual(7 * 60);
  });
});
