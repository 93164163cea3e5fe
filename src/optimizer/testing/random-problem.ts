/** Random problems for tests (seeded): coordinates on a grid, optional home-care features. */
import type { Job, Problem, TimeLink, Vehicle } from '../model/problem.js';
import { makeJob, makeVehicle } from '../model/problem.js';
import { Rng } from '../search/rng.js';

export interface RandomProblemOptions {
  jobs: number;
  vehicles: number;
  seed: number;
  /** Add breaks, several windows, skills, forbidden and preferred workers, capacities, priorities. */
  rich?: boolean;
  /** Distinct start/end places per vehicle. */
  ownHomes?: boolean;
  /** Number of time links (double visits and precedences) between random pairs of jobs. */
  links?: number;
}

export function randomProblem(o: RandomProblemOptions): Problem {
  const rng = new Rng(o.seed);
  const pts: Array<[number, number]> = [];
  const L = o.jobs + (o.ownHomes ? o.vehicles : 1);
  for (let i = 0; i < L; i++) pts.push([Math.round(rng.next() * 1000), Math.round(rng.next() * 1000)]);
  const dur = new Float64Array(L * L);
  const dist = new Float64Array(L * L);
  for (let a = 0; a < L; a++)
    for (let b = 0; b < L; b++) {
      const d = Math.hypot(pts[a]![0] - pts[b]![0], pts[a]![1] - pts[b]![1]);
      dist[a * L + b] = Math.round(d * 10);
      dur[a * L + b] = Math.round(d);
    }
  const day = 8 * 3600;
  const vehicles: Vehicle[] = [];
  for (let v = 0; v < o.vehicles; v++) {
    const home = o.ownHomes ? o.jobs + v : o.jobs;
    vehicles.push(
      makeVehicle({
        id: 100 + v,
        start: home,
        end: rng.next() < 0.1 ? null : home,
        skills: o.rich ? [1, ...(rng.next() < 0.5 ? [2] : [])] : [],
        timeWindow: [0, day],
        capacity: o.rich ? [10] : [],
        breaks:
          o.rich && rng.next() < 0.5 ? [{ id: 1, timeWindows: [[3 * 3600, 5 * 3600]], service: 1800 }] : [],
        costs: {
          fixed: o.rich ? 100 : 0,
          perHour: 3600,
          perKm: o.rich ? 100 : 0,
          perWorkingHour: o.rich && rng.next() < 0.3 ? 360 : 0,
        },
        ...(o.rich && rng.next() < 0.3 ? { maxTasks: 4 } : {}),
      }),
    );
  }
  const jobs: Job[] = [];
  for (let j = 0; j < o.jobs; j++) {
    const start = Math.floor(rng.next() * (day - 3600));
    const width = 600 + Math.floor(rng.next() * 7200);
    const tws: Array<[number, number]> = [[start, Math.min(day, start + width)]];
    if (o.rich && rng.next() < 0.2 && start + width + 3600 < day)
      tws.push([start + width + 1800, start + width + 3600]);
    jobs.push(
      makeJob({
        id: j + 1,
        location: j,
        service: 300 + Math.floor(rng.next() * 1800),
        timeWindows: tws,
        ...(o.rich
          ? {
              delivery: [Math.floor(rng.next() * 4)],
              pickup: [rng.next() < 0.2 ? 2 : 0],
              skills: rng.next() < 0.2 ? [2] : [1],
              priority: rng.next() < 0.2 ? 50 : 0,
              forbiddenVehicles: rng.next() < 0.1 ? [100] : [],
              preferredVehicles: rng.next() < 0.3 ? [100 + Math.floor(rng.next() * o.vehicles)] : [],
              preferenceCost: 500,
            }
          : {}),
      }),
    );
  }
  const links: TimeLink[] = [];
  const used = new Set<number>();
  for (let k = 0; k < (o.links ?? 0) && used.size + 2 <= o.jobs; k++) {
    let a = rng.int(o.jobs);
    while (used.has(a)) a = rng.int(o.jobs);
    used.add(a);
    let b = rng.int(o.jobs);
    while (used.has(b)) b = rng.int(o.jobs);
    used.add(b);
    if (rng.next() < 0.5)
      links.push({
        kind: 'synchronised',
        first: Math.min(a, b),
        second: Math.max(a, b),
        minGap: 0,
        maxGap: 0,
      });
    else
      links.push({
        kind: 'precedence',
        first: a,
        second: b,
        minGap: 600,
        maxGap: 600 + Math.floor(rng.next() * 7200),
      });
  }
  return { locationCount: L, matrices: { car: { durations: dur, distances: dist } }, vehicles, jobs, links };
}
