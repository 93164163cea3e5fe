/**
 * The independent plan checker. It shares no evaluation code with the search: it recomputes every
 * timing, load and cost of a plan from the problem with plain loops, and lists every rule broken.
 *
 * Schedule rule (the same the output documents): a route leaves its start place at the shift start,
 * or later when that only removes waiting at the first visit; a visit starts at the earliest time
 * inside one of its windows; a break step is taken on arrival at the next place (before its
 * service), at the earliest time inside one of its windows.
 *
 * Planned times (VROOM's plan mode, e.g. a manual schedule): a step with a planned start starts
 * then — or on arrival when the worker cannot be there in time ('schedule', the delay) — and a
 * planned start outside the step's windows is reported ('lead-time' before, 'time-window' after),
 * never moved. `after` delays the earliest start, `before` is a deadline ('schedule' when missed).
 * A planned departure (`PlanRoute.departure`) replaces the departure rule.
 */
import type { Plan, Problem } from './model/problem.js';

export type ViolationCode =
  | 'unknown-vehicle'
  | 'vehicle-twice'
  | 'unknown-job'
  | 'job-twice'
  | 'job-missing'
  | 'skills'
  | 'forbidden-worker'
  | 'capacity'
  | 'time-window'
  | 'shift-end'
  | 'break-missing'
  | 'break-twice'
  | 'break-window'
  | 'max-tasks'
  | 'max-travel-time'
  | 'max-distance'
  | 'synchronisation'
  | 'precedence'
  /** A step starts after its planned start or deadline (the worker cannot be there in time). */
  | 'schedule'
  /** A step (or the departure) is planned before its window (or the shift) opens. */
  | 'lead-time';

export interface Violation {
  code: ViolationCode;
  /** Vehicle index, job index when relevant. */
  vehicle?: number;
  job?: number;
  /** By how much (seconds, units, metres) when measurable. */
  amount?: number;
  /** Index of the step in its checked route (CheckedRoute.steps), for rules about one step. */
  step?: number;
  message: string;
}

export interface CheckedStep {
  type: 'start' | 'job' | 'break' | 'end';
  /** Job or break index. */
  index: number;
  arrival: number;
  /** Start of service (or of the break). */
  start: number;
  waiting: number;
  /** Planned start given in the plan, when any. */
  planned?: number;
  /** Load on board after the step. */
  load: number[];
  /** Cumulated distance at arrival. */
  distance: number;
}

export interface CheckedRoute {
  vehicle: number;
  steps: CheckedStep[];
  travelTime: number;
  distance: number;
  service: number;
  waiting: number;
  /** Departure from the start place to arrival at the end place. */
  workingTime: number;
  cost: number;
  priority: number;
}

export interface CheckReport {
  feasible: boolean;
  violations: Violation[];
  routes: CheckedRoute[];
  cost: number;
  distance: number;
  travelTime: number;
  assigned: number;
  unassigned: number;
  unassignedPriority: number;
}

/** Time tolerance (seconds) on windows and synchronisation. */
const TOL = 1e-6;

export function checkPlan(problem: Problem, plan: Plan): CheckReport {
  const violations: Violation[] = [];
  const jobs = problem.jobs;
  const L = problem.locationCount;
  const seenJob = new Int32Array(jobs.length);
  const startOf = new Float64Array(jobs.length).fill(NaN);
  const vehicleOf = new Int32Array(jobs.length).fill(-1);
  const seenVehicle = new Set<number>();
  const routes: CheckedRoute[] = [];
  let totalCost = 0;
  let totalDist = 0;
  let totalTravel = 0;

  for (const route of plan.routes) {
    const vi = route.vehicle;
    const veh = problem.vehicles[vi];
    if (!veh) {
      violations.push({
        code: 'unknown-vehicle',
        vehicle: vi,
        message: `vehicle index ${vi} does not exist`,
      });
      continue;
    }
    if (seenVehicle.has(vi))
      violations.push({ code: 'vehicle-twice', vehicle: vi, message: `vehicle ${veh.id} has two routes` });
    seenVehicle.add(vi);
    const m = problem.matrices[veh.profile];
    if (!m) throw new Error(`no matrices for profile ${veh.profile}`);
    const dur = (a: number | null, b: number | null): number =>
      a === null || b === null ? 0 : m.durations[a * L + b]!;
    const dst = (a: number | null, b: number | null): number =>
      a === null || b === null ? 0 : m.distances[a * L + b]!;
    const arcCost = (a: number | null, b: number | null): number => {
      if (a === null || b === null) return 0;
      if (m.costs) return m.costs[a * L + b]!;
      return (veh.costs.perHour * dur(a, b)) / 3600 + (veh.costs.perKm * dst(a, b)) / 1000;
    };
    const jobSteps = route.steps.filter((s) => s.type === 'job');
    if (jobSteps.length === 0) continue;
    const dims = Math.max(
      veh.capacity.length,
      ...jobSteps.map((s) =>
        s.type === 'job' ? Math.max(jobs[s.job]?.delivery.length ?? 0, jobs[s.job]?.pickup.length ?? 0) : 0,
      ),
    );
    const load: number[] = new Array<number>(dims).fill(0);
    let priority = 0;
    for (const s of jobSteps) {
      if (s.type !== 'job') continue;
      const j = jobs[s.job];
      if (!j) {
        violations.push({
          code: 'unknown-job',
          vehicle: vi,
          job: s.job,
          message: `job index ${s.job} does not exist`,
        });
        continue;
      }
      for (let k = 0; k < dims; k++) load[k]! += j.delivery[k] ?? 0;
    }
    const maxLoad = load.slice();
    // Departure: the planned one, else the shift start, or later to avoid waiting at the first
    // visit when no break comes first.
    let t = veh.timeWindow[0];
    const first = route.steps[0];
    if (route.departure !== undefined) {
      t = route.departure;
      if (t < veh.timeWindow[0] - TOL)
        violations.push({
          code: 'lead-time',
          vehicle: vi,
          step: 0,
          amount: veh.timeWindow[0] - t,
          message: `vehicle ${veh.id} leaves ${veh.timeWindow[0] - t} before its shift starts`,
        });
    } else if (first && first.type === 'job' && jobs[first.job]) {
      const j = jobs[first.job]!;
      const travel0 = dur(veh.start, j.location) + (veh.start !== j.location ? j.setup : 0);
      const e0 =
        first.start ??
        Math.max(
          first.after ?? -Infinity,
          j.timeWindows.length > 0 ? j.timeWindows[0]![0] : veh.timeWindow[0],
        );
      const firstBreak = veh.breaks[0]?.timeWindows[0]?.[0] ?? Infinity;
      if (e0 - travel0 > t && e0 - travel0 <= firstBreak) t = e0 - travel0;
    }
    const depart = t;
    const steps: CheckedStep[] = [
      { type: 'start', index: -1, arrival: t, start: t, waiting: 0, load: load.slice(), distance: 0 },
    ];
    let pos: number | null = veh.start;
    let travel = 0;
    let distance = 0;
    let cost = veh.costs.fixed;
    let service = 0;
    let waiting = 0;
    let count = 0;
    const breakSeen = new Set<number>();
    const nextLocation = (from: number): number | null => {
      for (let q = from; q < route.steps.length; q++) {
        const s = route.steps[q]!;
        if (s.type === 'job') return jobs[s.job]?.location ?? null;
      }
      return veh.end;
    };
    const moveTo = (loc: number | null, setup: number): void => {
      if (loc === pos) return;
      if (loc === null) return;
      const tt = dur(pos, loc) + (pos !== loc ? setup : 0);
      travel += tt;
      distance += dst(pos, loc);
      cost += arcCost(pos, loc);
      t += tt;
      pos = loc;
    };
    /**
     * Start of a step arriving at `arrival`: planned start, else the earliest start inside a window
     * (not before `after`); pushes the rules it breaks. `what` names the step in messages.
     */
    const startOfStep = (
      arrival: number,
      windows: ReadonlyArray<readonly [number, number]>,
      s: { start?: number; after?: number; before?: number },
      job: number | undefined,
      what: string,
      late: ViolationCode,
    ): number => {
      const step = steps.length;
      let st = arrival;
      const at = (v: Violation): void => {
        if (job !== undefined) v.job = job;
        violations.push(v);
      };
      const afterLastWindow = (): void => {
        const last = windows[windows.length - 1]!;
        at({
          code: late,
          vehicle: vi,
          step,
          amount: st - last[1],
          message: `${what} starts ${(st - last[1]).toFixed(3)} after its last window`,
        });
      };
      if (s.start !== undefined) {
        if (s.start < arrival - TOL)
          at({
            code: 'schedule',
            vehicle: vi,
            step,
            amount: arrival - s.start,
            message: `${what} planned at ${s.start} cannot start before the worker arrives (${arrival})`,
          });
        else st = s.start;
        if (windows.length > 0 && !windows.some((tw) => st >= tw[0] - TOL && st <= tw[1] + TOL)) {
          const next = windows.find((tw) => tw[1] + TOL >= st);
          if (next)
            at({
              code: 'lead-time',
              vehicle: vi,
              step,
              amount: next[0] - st,
              message: `${what} starts ${(next[0] - st).toFixed(3)} before its window opens`,
            });
          else afterLastWindow();
        }
      } else {
        if (s.after !== undefined && s.after > st) st = s.after;
        if (windows.length > 0) {
          const w = windows.find((tw) => tw[1] + TOL >= st);
          if (!w) afterLastWindow();
          else if (st < w[0]) st = w[0];
        }
      }
      if (s.before !== undefined && st > s.before + TOL)
        at({
          code: 'schedule',
          vehicle: vi,
          step,
          amount: st - s.before,
          message: `${what} starts ${(st - s.before).toFixed(3)} after its planned deadline`,
        });
      return st;
    };
    for (let q = 0; q < route.steps.length; q++) {
      const s = route.steps[q]!;
      if (s.type === 'break') {
        const b = veh.breaks[s.break];
        if (!b) {
          violations.push({
            code: 'break-missing',
            vehicle: vi,
            message: `vehicle ${veh.id} has no break ${s.break}`,
          });
          continue;
        }
        if (breakSeen.has(s.break))
          violations.push({
            code: 'break-twice',
            vehicle: vi,
            message: `break ${b.id} of vehicle ${veh.id} taken twice`,
          });
        breakSeen.add(s.break);
        // Travel to the next place first: the break is taken there on arrival.
        let setup = 0;
        for (let r = q + 1; r < route.steps.length; r++) {
          const sn = route.steps[r]!;
          if (sn.type === 'job') {
            setup = jobs[sn.job]?.setup ?? 0;
            break;
          }
        }
        moveTo(nextLocation(q + 1), setup);
        const arrival = t;
        t = startOfStep(
          arrival,
          b.timeWindows,
          s,
          undefined,
          `break ${b.id} of vehicle ${veh.id}`,
          'break-window',
        );
        waiting += t - arrival;
        steps.push({
          type: 'break',
          index: s.break,
          arrival,
          start: t,
          waiting: t - arrival,
          load: load.slice(),
          distance,
          ...(s.start !== undefined ? { planned: s.start } : {}),
        });
        t += b.service;
        continue;
      }
      const j = jobs[s.job];
      if (!j) continue;
      seenJob[s.job]!++;
      vehicleOf[s.job] = vi;
      count++;
      priority += j.priority;
      const vs = new Set(veh.skills);
      if (!j.skills.every((k) => vs.has(k)))
        violations.push({
          code: 'skills',
          vehicle: vi,
          job: s.job,
          step: steps.length,
          message: `vehicle ${veh.id} lacks a skill for job ${j.id}`,
        });
      if (j.forbiddenVehicles.includes(veh.id))
        violations.push({
          code: 'forbidden-worker',
          vehicle: vi,
          job: s.job,
          step: steps.length,
          message: `worker ${veh.id} is forbidden for job ${j.id}`,
        });
      if (j.preferredVehicles.length > 0 && !j.preferredVehicles.includes(veh.id)) cost += j.preferenceCost;
      moveTo(j.location, j.setup);
      const arrival = t;
      t = startOfStep(arrival, j.timeWindows, s, s.job, `job ${j.id}`, 'time-window');
      waiting += t - arrival;
      startOf[s.job] = t;
      for (let k = 0; k < dims; k++) {
        load[k] = load[k]! - (j.delivery[k] ?? 0) + (j.pickup[k] ?? 0);
        if (load[k]! > maxLoad[k]!) maxLoad[k] = load[k]!;
      }
      steps.push({
        type: 'job',
        index: s.job,
        arrival,
        start: t,
        waiting: t - arrival,
        load: load.slice(),
        distance,
        ...(s.start !== undefined ? { planned: s.start } : {}),
      });
      t += j.service;
      service += j.service;
    }
    moveTo(veh.end, 0);
    steps.push({ type: 'end', index: -1, arrival: t, start: t, waiting: 0, load: load.slice(), distance });
    if (t > veh.timeWindow[1] + TOL)
      violations.push({
        code: 'shift-end',
        vehicle: vi,
        step: steps.length - 1,
        amount: t - veh.timeWindow[1],
        message: `vehicle ${veh.id} returns ${(t - veh.timeWindow[1]).toFixed(3)} after its shift end`,
      });
    veh.breaks.forEach((b, bi) => {
      if (!breakSeen.has(bi))
        violations.push({
          code: 'break-missing',
          vehicle: vi,
          message: `vehicle ${veh.id} does not take break ${b.id}`,
        });
    });
    for (let k = 0; k < dims; k++) {
      const cap = veh.capacity[k] ?? Infinity;
      if (maxLoad[k]! > cap + TOL)
        violations.push({
          code: 'capacity',
          vehicle: vi,
          amount: maxLoad[k]! - cap,
          message: `vehicle ${veh.id} carries ${maxLoad[k]} > ${cap} (dimension ${k})`,
        });
    }
    if (count > veh.maxTasks)
      violations.push({
        code: 'max-tasks',
        vehicle: vi,
        amount: count - veh.maxTasks,
        message: `vehicle ${veh.id} has ${count} visits > ${veh.maxTasks}`,
      });
    if (travel > veh.maxTravelTime + TOL)
      violations.push({
        code: 'max-travel-time',
        vehicle: vi,
        amount: travel - veh.maxTravelTime,
        message: `vehicle ${veh.id} travels ${travel} > ${veh.maxTravelTime}`,
      });
    if (distance > veh.maxDistance + TOL)
      violations.push({
        code: 'max-distance',
        vehicle: vi,
        amount: distance - veh.maxDistance,
        message: `vehicle ${veh.id} drives ${distance} > ${veh.maxDistance}`,
      });
    const workingTime = t - depart;
    cost += (veh.costs.perWorkingHour * workingTime) / 3600;
    routes.push({
      vehicle: vi,
      steps,
      travelTime: travel,
      distance,
      service,
      waiting,
      workingTime,
      cost,
      priority,
    });
    totalCost += cost;
    totalDist += distance;
    totalTravel += travel;
  }

  const listedUnassigned = new Set(plan.unassigned);
  let unassigned = 0;
  let unassignedPriority = 0;
  jobs.forEach((j, i) => {
    if (seenJob[i]! > 1)
      violations.push({ code: 'job-twice', job: i, message: `job ${j.id} appears ${seenJob[i]} times` });
    if (seenJob[i] === 0) {
      unassigned++;
      unassignedPriority += j.priority;
      if (!listedUnassigned.has(i))
        violations.push({
          code: 'job-missing',
          job: i,
          message: `job ${j.id} is neither planned nor listed as unassigned`,
        });
    }
  });
  for (const link of problem.links) {
    const a = startOf[link.first]!;
    const b = startOf[link.second]!;
    if (Number.isNaN(a) || Number.isNaN(b)) {
      if (Number.isNaN(a) !== Number.isNaN(b))
        violations.push({
          code: link.kind === 'synchronised' ? 'synchronisation' : 'precedence',
          job: link.second,
          message: `linked jobs ${jobs[link.first]?.id} and ${jobs[link.second]?.id}: only one is planned`,
        });
      continue;
    }
    if (link.kind === 'synchronised') {
      if (Math.abs(a - b) > TOL)
        violations.push({
          code: 'synchronisation',
          job: link.second,
          amount: Math.abs(a - b),
          message: `double visit ${jobs[link.first]?.id}/${jobs[link.second]?.id} starts ${Math.abs(a - b)} apart`,
        });
      if (vehicleOf[link.first] === vehicleOf[link.second])
        violations.push({
          code: 'synchronisation',
          job: link.second,
          message: `double visit ${jobs[link.first]?.id}/${jobs[link.second]?.id} by one worker`,
        });
    } else {
      const gap = b - a;
      if (gap < link.minGap - TOL || gap > link.maxGap + TOL)
        violations.push({
          code: 'precedence',
          job: link.second,
          amount: gap < link.minGap ? link.minGap - gap : gap - link.maxGap,
          message: `job ${jobs[link.second]?.id} starts ${gap} after ${jobs[link.first]?.id}, outside [${link.minGap}, ${link.maxGap}]`,
        });
    }
  }
  return {
    feasible: violations.length === 0,
    violations,
    routes,
    cost: totalCost,
    distance: totalDist,
    travelTime: totalTravel,
    assigned: jobs.length - unassigned,
    unassigned,
    unassignedPriority,
  };
}
