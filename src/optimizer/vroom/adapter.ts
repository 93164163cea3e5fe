/**
 * VROOM JSON in and out (https://github.com/VROOM-Project/vroom/blob/master/docs/API.md).
 * Our extensions live under `proxidom` keys so the same file runs in VROOM and here; keys we do
 * not know are ignored. Shipments are not supported: they are reported unassigned with a reason.
 *
 * Extensions:
 * - top level `proxidom.travel`: {type: 'haversine', speed_kmh, detour_factor} (default when there
 *   are no matrices: 30 km/h, ×1.3) or {type: 'euclidean', speed} (units per second, default 1).
 * - vehicle `proxidom`: {per_working_hour}
 * - job `proxidom`: {preferred_workers: [vehicle ids], preference_cost, forbidden_workers: [vehicle ids],
 *   synchronised_with: job id, after: {job: id, min_gap, max_gap}}
 * - output: unassigned[].reason, summary.proxidom {feasible, violations}.
 */
import type { Break, Job, Plan, PlanStep, Problem, TimeLink, TimeWindow, Vehicle } from '../model/problem.js';
import { makeJob, makeVehicle } from '../model/problem.js';
import { checkPlan } from '../check.js';
import type { Violation, ViolationCode } from '../check.js';

/** A readable error on bad input (French then English). */
export class InputError extends Error {
  override name = 'InputError';
}

type Json = Record<string, unknown>;

function isObj(x: unknown): x is Json {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function num(x: unknown, what: string, dflt?: number): number {
  if (x === undefined || x === null) {
    if (dflt !== undefined) return dflt;
    throw new InputError(`${what} manquant / missing`);
  }
  if (typeof x !== 'number' || !Number.isFinite(x))
    throw new InputError(`${what} doit être un nombre / must be a number`);
  return x;
}

function nums(x: unknown, what: string): number[] {
  if (x === undefined || x === null) return [];
  if (!Array.isArray(x) || x.some((v) => typeof v !== 'number' || !Number.isFinite(v)))
    throw new InputError(`${what} doit être une liste de nombres / must be a list of numbers`);
  return x as number[];
}

function windows(x: unknown, what: string): TimeWindow[] {
  if (x === undefined || x === null) return [];
  if (!Array.isArray(x))
    throw new InputError(`${what} doit être une liste de [début, fin] / must be a list of [start, end]`);
  const out = x.map((w, i) => {
    if (!Array.isArray(w) || w.length !== 2)
      throw new InputError(`${what}[${i}] doit être [début, fin] / must be [start, end]`);
    const a = num(w[0], `${what}[${i}][0]`);
    const b = num(w[1], `${what}[${i}][1]`);
    if (b < a) throw new InputError(`${what}[${i}]: fin avant début / end before start`);
    return [a, b] as const;
  });
  return out.sort((p, q) => p[0] - q[0]);
}

/** What fromVroomInput returns: the problem plus what the output needs to speak VROOM again. */
export interface VroomProblem {
  problem: Problem;
  /** Location as given (coordinates or index) per job and vehicle, echoed in the output. */
  jobLocations: Array<unknown>;
  vehicleStarts: Array<unknown>;
  vehicleEnds: Array<unknown>;
  /** Location index per job (for location_index in output). */
  descriptions: { jobs: Array<string | undefined>; vehicles: Array<string | undefined> };
  /** Shipments we ignore, reported unassigned. */
  ignoredShipments: Array<{ id: number; type: 'pickup' | 'delivery'; location: unknown }>;
  /** Steps given per vehicle (for --check), as job/break indices; null when none. */
  givenPlan: Plan | null;
  /** Options found under top-level `proxidom`. */
  options: { timeLimitS?: number; seed?: number };
}

export function fromVroomInput(input: unknown): VroomProblem {
  if (!isObj(input)) throw new InputError("l'entrée doit être un objet JSON / input must be a JSON object");
  const vehiclesIn = input.vehicles;
  const jobsIn = input.jobs ?? [];
  if (!Array.isArray(vehiclesIn) || vehiclesIn.length === 0)
    throw new InputError('"vehicles" doit être une liste non vide / "vehicles" must be a non-empty list');
  if (!Array.isArray(jobsIn)) throw new InputError('"jobs" doit être une liste / "jobs" must be a list');
  const ext = isObj(input.proxidom) ? input.proxidom : {};

  // Locations: indices into matrices, or coordinates collected into a new index space.
  const matricesIn = isObj(input.matrices) ? input.matrices : null;
  const legacyMatrix = Array.isArray(input.matrix) ? input.matrix : null;
  const useMatrices = matricesIn !== null || legacyMatrix !== null;
  const coords: Array<[number, number]> = [];
  const coordIndex = new Map<string, number>();
  const locate = (obj: Json, key: string, what: string, required: boolean): number | null => {
    const idx = obj[`${key}_index`];
    const loc = obj[key];
    if (useMatrices) {
      if (idx === undefined || idx === null) {
        if (required)
          throw new InputError(`${what}: "${key}_index" requis avec des matrices / required with matrices`);
        return null;
      }
      const i = num(idx, `${what}.${key}_index`);
      if (!Number.isInteger(i) || i < 0) throw new InputError(`${what}.${key}_index invalide / invalid`);
      return i;
    }
    if (loc === undefined || loc === null) {
      if (required) throw new InputError(`${what}: "${key}" requis / required`);
      return null;
    }
    const c = nums(loc, `${what}.${key}`);
    if (c.length !== 2) throw new InputError(`${what}.${key} doit être [lon, lat] / must be [lon, lat]`);
    const k = `${c[0]},${c[1]}`;
    let i = coordIndex.get(k);
    if (i === undefined) {
      i = coords.length;
      coords.push([c[0]!, c[1]!]);
      coordIndex.set(k, i);
    }
    return i;
  };

  const idsSeen = new Set<number>();
  const jobLocations: unknown[] = [];
  const jobDescriptions: Array<string | undefined> = [];
  const jobExt: Json[] = [];
  const jobs: Job[] = (jobsIn as unknown[]).map((j, i) => {
    if (!isObj(j)) throw new InputError(`jobs[${i}] doit être un objet / must be an object`);
    const id = num(j.id, `jobs[${i}].id`);
    if (idsSeen.has(id)) throw new InputError(`jobs[${i}].id ${id} en double / duplicated`);
    idsSeen.add(id);
    const location = locate(j, 'location', `jobs[${i}]`, true)!;
    jobLocations.push(j.location ?? null);
    jobDescriptions.push(typeof j.description === 'string' ? j.description : undefined);
    const x = isObj(j.proxidom) ? j.proxidom : {};
    jobExt.push(x);
    const priority = num(j.priority, `jobs[${i}].priority`, 0);
    if (priority < 0 || priority > 100)
      throw new InputError(`jobs[${i}].priority doit être entre 0 et 100 / must be within 0–100`);
    return makeJob({
      id,
      location,
      setup: num(j.setup, `jobs[${i}].setup`, 0),
      service: num(j.service, `jobs[${i}].service`, 0),
      delivery: nums(j.delivery ?? j.amount, `jobs[${i}].delivery`),
      pickup: nums(j.pickup, `jobs[${i}].pickup`),
      skills: nums(j.skills, `jobs[${i}].skills`),
      priority,
      timeWindows: windows(j.time_windows, `jobs[${i}].time_windows`),
      preferredVehicles: nums(x.preferred_workers, `jobs[${i}].proxidom.preferred_workers`),
      preferenceCost: num(x.preference_cost, `jobs[${i}].proxidom.preference_cost`, 900),
      forbiddenVehicles: nums(x.forbidden_workers, `jobs[${i}].proxidom.forbidden_workers`),
    });
  });
  const jobIndex = new Map(jobs.map((j, i) => [j.id, i]));

  const vIds = new Set<number>();
  const vehicleStarts: unknown[] = [];
  const vehicleEnds: unknown[] = [];
  const vehicleDescriptions: Array<string | undefined> = [];
  const vehicles: Vehicle[] = (vehiclesIn as unknown[]).map((v, i) => {
    if (!isObj(v)) throw new InputError(`vehicles[${i}] doit être un objet / must be an object`);
    const id = num(v.id, `vehicles[${i}].id`);
    if (vIds.has(id)) throw new InputError(`vehicles[${i}].id ${id} en double / duplicated`);
    vIds.add(id);
    const costs = isObj(v.costs) ? v.costs : {};
    const x = isObj(v.proxidom) ? v.proxidom : {};
    const tw =
      v.time_window === undefined ? null : windows([v.time_window], `vehicles[${i}].time_window`)[0]!;
    const breaks: Break[] = Array.isArray(v.breaks)
      ? v.breaks.map((b: unknown, k: number) => {
          if (!isObj(b))
            throw new InputError(`vehicles[${i}].breaks[${k}] doit être un objet / must be an object`);
          return {
            id: num(b.id, `vehicles[${i}].breaks[${k}].id`),
            timeWindows: windows(b.time_windows, `vehicles[${i}].breaks[${k}].time_windows`),
            service: num(b.service, `vehicles[${i}].breaks[${k}].service`, 0),
          };
        })
      : [];
    const start = locate(v, 'start', `vehicles[${i}]`, false);
    const end = locate(v, 'end', `vehicles[${i}]`, false);
    if (start === null && end === null)
      throw new InputError(`vehicles[${i}]: "start" ou "end" requis / "start" or "end" required`);
    vehicleStarts.push(v.start ?? null);
    vehicleEnds.push(v.end ?? null);
    vehicleDescriptions.push(typeof v.description === 'string' ? v.description : undefined);
    const maxOr = (val: unknown, what: string): number =>
      val === undefined || val === null ? Infinity : num(val, what);
    return makeVehicle({
      id,
      start,
      end,
      profile: typeof v.profile === 'string' ? v.profile : 'car',
      capacity: nums(v.capacity, `vehicles[${i}].capacity`),
      skills: nums(v.skills, `vehicles[${i}].skills`),
      ...(tw ? { timeWindow: tw } : {}),
      breaks: breaks.map((b) =>
        b.timeWindows.length === 0 ? { ...b, timeWindows: [[0, 1e12]] as TimeWindow[] } : b,
      ),
      costs: {
        fixed: num(costs.fixed, `vehicles[${i}].costs.fixed`, 0),
        perHour: num(costs.per_hour, `vehicles[${i}].costs.per_hour`, 3600),
        perKm: num(costs.per_km, `vehicles[${i}].costs.per_km`, 0),
        perWorkingHour: num(x.per_working_hour, `vehicles[${i}].proxidom.per_working_hour`, 0),
      },
      maxTasks: maxOr(v.max_tasks, `vehicles[${i}].max_tasks`),
      maxTravelTime: maxOr(v.max_travel_time, `vehicles[${i}].max_travel_time`),
      maxDistance: maxOr(v.max_distance, `vehicles[${i}].max_distance`),
    });
  });

  // Time links (double visits, precedence).
  const links: TimeLink[] = [];
  jobExt.forEach((x, i) => {
    if (x.synchronised_with !== undefined) {
      const other = jobIndex.get(num(x.synchronised_with, `jobs[${i}].proxidom.synchronised_with`));
      if (other === undefined)
        throw new InputError(`jobs[${i}].proxidom.synchronised_with: visite inconnue / unknown job`);
      if (other < i || jobExt[other]?.synchronised_with !== jobs[i]!.id)
        links.push({
          kind: 'synchronised',
          first: Math.min(i, other),
          second: Math.max(i, other),
          minGap: 0,
          maxGap: 0,
        });
    }
    if (isObj(x.after)) {
      const other = jobIndex.get(num(x.after.job, `jobs[${i}].proxidom.after.job`));
      if (other === undefined)
        throw new InputError(`jobs[${i}].proxidom.after.job: visite inconnue / unknown job`);
      links.push({
        kind: 'precedence',
        first: other,
        second: i,
        minGap: num(x.after.min_gap, `jobs[${i}].proxidom.after.min_gap`, 0),
        maxGap: num(x.after.max_gap, `jobs[${i}].proxidom.after.max_gap`, Infinity),
      });
    }
  });
  const seenLinks = new Set<string>();
  const uniqueLinks = links.filter((l) => {
    const k = `${l.kind}|${l.first}|${l.second}`;
    if (seenLinks.has(k)) return false;
    seenLinks.add(k);
    return true;
  });

  // Matrices.
  const matrices: Record<string, { durations: Float64Array; distances: Float64Array; costs?: Float64Array }> =
    {};
  let locationCount: number;
  const profiles = [...new Set(vehicles.map((v) => v.profile))];
  if (useMatrices) {
    const flat = (m: unknown, what: string): { n: number; data: Float64Array } => {
      if (!Array.isArray(m) || m.some((row) => !Array.isArray(row) || row.length !== m.length))
        throw new InputError(`${what} doit être une matrice carrée / must be a square matrix`);
      const n = m.length;
      const data = new Float64Array(n * n);
      (m as unknown[][]).forEach((row, a) =>
        row.forEach((val, b) => (data[a * n + b] = num(val, `${what}[${a}][${b}]`))),
      );
      return { n, data };
    };
    locationCount = -1;
    for (const p of profiles) {
      const src = matricesIn?.[p];
      const mm = isObj(src) ? src : legacyMatrix ? { durations: legacyMatrix } : null;
      if (!mm) throw new InputError(`matrices.${p} manquant / missing`);
      const hasAny = mm.durations !== undefined || mm.distances !== undefined || mm.costs !== undefined;
      if (!hasAny) throw new InputError(`matrices.${p}: "durations" requis / required`);
      const d = mm.durations !== undefined ? flat(mm.durations, `matrices.${p}.durations`) : null;
      const s = mm.distances !== undefined ? flat(mm.distances, `matrices.${p}.distances`) : null;
      const c = mm.costs !== undefined ? flat(mm.costs, `matrices.${p}.costs`) : null;
      const n = (d ?? s ?? c)!.n;
      if ((s && s.n !== n) || (c && c.n !== n) || (d && d.n !== n))
        throw new InputError(`matrices.${p}: tailles différentes / sizes differ`);
      locationCount = n;
      matrices[p] = {
        durations: d?.data ?? new Float64Array(n * n),
        distances: s?.data ?? new Float64Array(n * n),
        ...(c ? { costs: c.data } : {}),
      };
    }
    const maxIndex = Math.max(
      ...jobs.map((j) => j.location),
      ...vehicles.flatMap((v) => [v.start ?? -1, v.end ?? -1]),
    );
    if (maxIndex >= locationCount)
      throw new InputError(
        `index de lieu ${maxIndex} hors matrice (taille ${locationCount}) / location index out of the matrix`,
      );
  } else {
    locationCount = coords.length;
    const travel = isObj(ext.travel) ? ext.travel : {};
    const n = coords.length;
    const dur = new Float64Array(n * n);
    const dist = new Float64Array(n * n);
    if (travel.type === 'euclidean') {
      const speed = num(travel.speed, 'proxidom.travel.speed', 1);
      for (let a = 0; a < n; a++)
        for (let b = 0; b < n; b++) {
          const d = Math.hypot(coords[a]![0] - coords[b]![0], coords[a]![1] - coords[b]![1]);
          dist[a * n + b] = d;
          dur[a * n + b] = d / speed;
        }
    } else {
      const speedKmh = num(travel.speed_kmh, 'proxidom.travel.speed_kmh', 30);
      const detour = num(travel.detour_factor, 'proxidom.travel.detour_factor', 1.3);
      for (let a = 0; a < n; a++)
        for (let b = 0; b < n; b++) {
          const d = haversineMetres(coords[a]!, coords[b]!) * detour;
          dist[a * n + b] = Math.round(d);
          dur[a * n + b] = Math.round(d / (speedKmh / 3.6));
        }
    }
    for (const p of profiles) matrices[p] = { durations: dur, distances: dist };
  }

  const problem: Problem = { locationCount, matrices, vehicles, jobs, links: uniqueLinks };

  // Shipments: not supported.
  const ignoredShipments: VroomProblem['ignoredShipments'] = [];
  if (Array.isArray(input.shipments)) {
    for (const s of input.shipments) {
      if (!isObj(s)) continue;
      const p = isObj(s.pickup) ? s.pickup : {};
      const d = isObj(s.delivery) ? s.delivery : {};
      ignoredShipments.push(
        { id: Number(p.id), type: 'pickup', location: p.location ?? null },
        { id: Number(d.id), type: 'delivery', location: d.location ?? null },
      );
    }
  }

  // Given plan (vehicles[].steps), for --check.
  let givenPlan: Plan | null = null;
  if ((vehiclesIn as unknown[]).some((v) => isObj(v) && Array.isArray(v.steps))) {
    const assigned = new Set<number>();
    const routes = (vehiclesIn as Json[]).map((v, vi) => {
      const steps = Array.isArray(v.steps) ? (v.steps as unknown[]) : [];
      const out: PlanStep[] = [];
      let departure: number | undefined;
      steps.forEach((s, k) => {
        if (!isObj(s))
          throw new InputError(`vehicles[${vi}].steps[${k}] doit être un objet / must be an object`);
        // Planned times (VROOM plan mode): service_at, service_after, service_before.
        const times: { start?: number; after?: number; before?: number } = {};
        const time = (key: string): number | undefined =>
          s[key] === undefined || s[key] === null
            ? undefined
            : num(s[key], `vehicles[${vi}].steps[${k}].${key}`);
        const at = time('service_at');
        const after = time('service_after');
        const before = time('service_before');
        if (at !== undefined) times.start = at;
        if (after !== undefined) times.after = after;
        if (before !== undefined) times.before = before;
        if (s.type === 'start') {
          if (at !== undefined) departure = at;
        } else if (s.type === 'job') {
          const j = jobIndex.get(num(s.id, `vehicles[${vi}].steps[${k}].id`));
          if (j === undefined)
            throw new InputError(
              `vehicles[${vi}].steps[${k}]: visite inconnue ${String(s.id)} / unknown job`,
            );
          out.push({ type: 'job', job: j, ...times });
          assigned.add(j);
        } else if (s.type === 'break') {
          const b = vehicles[vi]!.breaks.findIndex((x) => x.id === s.id);
          if (b < 0)
            throw new InputError(
              `vehicles[${vi}].steps[${k}]: pause inconnue ${String(s.id)} / unknown break`,
            );
          out.push({ type: 'break', break: b, ...times });
        }
      });
      return { vehicle: vi, steps: out, ...(departure !== undefined ? { departure } : {}) };
    });
    givenPlan = {
      routes: routes.filter((r) => r.steps.length > 0),
      unassigned: jobs.map((_, i) => i).filter((i) => !assigned.has(i)),
    };
  }

  const options: VroomProblem['options'] = {};
  if (typeof ext.time_limit === 'number') options.timeLimitS = ext.time_limit;
  if (typeof ext.seed === 'number') options.seed = ext.seed;
  return {
    problem,
    jobLocations,
    vehicleStarts,
    vehicleEnds,
    descriptions: { jobs: jobDescriptions, vehicles: vehicleDescriptions },
    ignoredShipments,
    givenPlan,
    options,
  };
}

export function haversineMetres(a: readonly [number, number], b: readonly [number, number]): number {
  const R = 6371008.8;
  const rad = Math.PI / 180;
  const dLat = (b[1] - a[1]) * rad;
  const dLon = (b[0] - a[0]) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a[1] * rad) * Math.cos(b[1] * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * R * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Why a job is left out (first reason that applies). */
export function unassignedReason(problem: Problem, j: number): string {
  const job = problem.jobs[j]!;
  const skilled = problem.vehicles.filter((v) => job.skills.every((s) => v.skills.includes(s)));
  if (skilled.length === 0)
    return 'no worker has the required skills / aucun intervenant n’a les compétences requises';
  const allowed = skilled.filter((v) => !job.forbiddenVehicles.includes(v.id));
  if (allowed.length === 0)
    return 'every qualified worker is excluded for this visit / tous les intervenants qualifiés sont exclus';
  const fits = allowed.filter(
    (v) =>
      job.delivery.every((d, k) => d <= (v.capacity[k] ?? Infinity)) &&
      job.pickup.every((d, k) => d <= (v.capacity[k] ?? Infinity)),
  );
  if (fits.length === 0) return 'amount larger than every capacity / quantité supérieure à toute capacité';
  const inShift = fits.filter(
    (v) =>
      job.timeWindows.length === 0 ||
      job.timeWindows.some((w) => w[1] >= v.timeWindow[0] && w[0] <= v.timeWindow[1]),
  );
  if (inShift.length === 0)
    return 'no time window within a qualified worker’s shift / aucun créneau dans le service d’un intervenant qualifié';
  for (const v of inShift) {
    const vi = problem.vehicles.indexOf(v);
    const r = checkPlan(problem, {
      routes: [
        {
          vehicle: vi,
          steps: [...v.breaks.map((_, b) => ({ type: 'break' as const, break: b })), { type: 'job', job: j }],
        },
      ],
      unassigned: problem.jobs.map((_, k) => k).filter((k) => k !== j),
    });
    const own = r.violations.filter(
      (x) => x.code !== 'synchronisation' && x.code !== 'precedence' && x.code !== 'break-window',
    );
    if (own.length === 0)
      return 'no room left in the plan (time windows, shifts, capacity or priorities) / plus de place dans le planning (créneaux, services, capacité ou priorités)';
  }
  return 'cannot be reached within its time window and the shift by any qualified worker / inatteignable dans son créneau et le service de tout intervenant qualifié';
}

export interface VroomOutput {
  code: number;
  error?: string;
  summary: Json;
  unassigned: Json[];
  routes: Json[];
}

const r3 = (x: number): number => Math.round(x * 1000) / 1000;

/** VROOM's violation causes (plan mode) for our checker's codes; the others have no VROOM name. */
const VROOM_CAUSE: Partial<Record<ViolationCode, string>> = {
  schedule: 'delay',
  'time-window': 'delay',
  'shift-end': 'delay',
  'break-window': 'delay',
  'lead-time': 'lead_time',
  capacity: 'load',
  'max-tasks': 'max_tasks',
  skills: 'skills',
  'forbidden-worker': 'skills',
  precedence: 'precedence',
  synchronisation: 'precedence',
  'break-missing': 'missing_break',
  'max-travel-time': 'max_travel_time',
  'max-distance': 'max_distance',
};

/** VROOM-style violation objects ({cause, duration?}), one per cause. */
function vroomViolations(vs: readonly Violation[]): Json[] {
  const byCause = new Map<string, number | undefined>();
  for (const v of vs) {
    const cause = VROOM_CAUSE[v.code];
    if (cause === undefined) continue;
    const timed = cause === 'delay' || cause === 'lead_time';
    const prev = byCause.get(cause);
    byCause.set(cause, timed ? (prev ?? 0) + (v.amount ?? 0) : undefined);
  }
  return [...byCause].map(([cause, d]) => (d === undefined ? { cause } : { cause, duration: r3(d) }));
}

/** Output in VROOM's format, timings from the independent checker (so they are what the checker accepts). */
export function toVroomOutput(
  vp: VroomProblem,
  plan: Plan,
  computingMs: { loading: number; solving: number },
): VroomOutput {
  const { problem } = vp;
  const report = checkPlan(problem, plan);
  const dims = Math.max(0, ...problem.vehicles.map((v) => v.capacity.length));
  const routesOut: Json[] = [];
  let totalSetup = 0;
  let totalService = 0;
  let totalWaiting = 0;
  let totalPriority = 0;
  const totDelivery = new Array<number>(dims).fill(0);
  const totPickup = new Array<number>(dims).fill(0);
  for (const cr of report.routes) {
    const veh = problem.vehicles[cr.vehicle]!;
    const routeViolations = report.violations.filter((v) => v.vehicle === cr.vehicle);
    const steps: Json[] = [];
    let setup = 0;
    const delivery = new Array<number>(dims).fill(0);
    const pickup = new Array<number>(dims).fill(0);
    let travelSoFar = 0;
    let prevLoc: number | null = veh.start;
    const L = problem.locationCount;
    const m = problem.matrices[veh.profile]!;
    for (const [q, s] of cr.steps.entries()) {
      let loc: number | null = null;
      if (s.type === 'job') loc = problem.jobs[s.index]!.location;
      else if (s.type === 'start') loc = veh.start;
      else if (s.type === 'end') loc = veh.end;
      const moved = loc !== null && loc !== prevLoc;
      if (moved && prevLoc !== null) travelSoFar += m.durations[prevLoc * L + loc!]!;
      if (loc !== null) prevLoc = loc;
      const base: Json = {
        type: s.type,
        arrival: r3(s.arrival),
        duration: r3(travelSoFar),
        waiting_time: r3(s.waiting),
        load: s.load.map(r3),
        distance: r3(s.distance),
        violations: vroomViolations(routeViolations.filter((v) => v.step === q)),
      };
      if (s.planned !== undefined) base.service_at = s.planned;
      if (s.type === 'start' || s.type === 'end') {
        const given = s.type === 'start' ? vp.vehicleStarts[cr.vehicle] : vp.vehicleEnds[cr.vehicle];
        if ((s.type === 'start' ? veh.start : veh.end) === null) continue;
        if (given !== null && given !== undefined) base.location = given;
        base.location_index = s.type === 'start' ? veh.start : veh.end;
        base.setup = 0;
        base.service = 0;
      } else if (s.type === 'job') {
        const j = problem.jobs[s.index]!;
        const st = moved ? j.setup : 0;
        setup += st;
        base.id = j.id;
        base.job = j.id;
        base.location_index = j.location;
        if (vp.jobLocations[s.index] !== null) base.location = vp.jobLocations[s.index];
        base.setup = st;
        base.service = j.service;
        const d = vp.descriptions.jobs[s.index];
        if (d !== undefined) base.description = d;
        for (let k = 0; k < dims; k++) {
          delivery[k]! += j.delivery[k] ?? 0;
          pickup[k]! += j.pickup[k] ?? 0;
        }
      } else {
        const b = veh.breaks[s.index]!;
        base.id = b.id;
        base.setup = 0;
        base.service = b.service;
      }
      steps.push(base);
    }
    for (let k = 0; k < dims; k++) {
      totDelivery[k]! += delivery[k]!;
      totPickup[k]! += pickup[k]!;
    }
    totalSetup += setup;
    totalService += cr.service;
    totalWaiting += cr.waiting;
    totalPriority += cr.priority;
    const route: Json = {
      vehicle: veh.id,
      cost: Math.round(cr.cost),
      delivery,
      amount: delivery,
      pickup,
      setup: r3(setup),
      service: r3(cr.service),
      duration: r3(cr.travelTime),
      waiting_time: r3(cr.waiting),
      priority: cr.priority,
      distance: r3(cr.distance),
      steps,
      violations: vroomViolations(routeViolations),
    };
    const d = vp.descriptions.vehicles[cr.vehicle];
    if (d !== undefined) route.description = d;
    routesOut.push(route);
  }
  const unassigned: Json[] = plan.unassigned.map((j) => ({
    id: problem.jobs[j]!.id,
    type: 'job',
    location: vp.jobLocations[j] ?? undefined,
    location_index: problem.jobs[j]!.location,
    reason: unassignedReason(problem, j),
  }));
  for (const s of vp.ignoredShipments)
    unassigned.push({
      id: s.id,
      type: s.type,
      location: s.location ?? undefined,
      reason: 'shipments are not supported / les envois ne sont pas pris en charge',
    });
  return {
    code: 0,
    summary: {
      cost: Math.round(report.cost),
      routes: routesOut.length,
      unassigned: unassigned.length,
      delivery: totDelivery,
      amount: totDelivery,
      pickup: totPickup,
      setup: r3(totalSetup),
      service: r3(totalService),
      duration: r3(report.travelTime),
      waiting_time: r3(totalWaiting),
      priority: totalPriority,
      distance: r3(report.distance),
      violations: vroomViolations(report.violations),
      computing_times: {
        loading: Math.round(computingMs.loading),
        solving: Math.round(computingMs.solving),
        routing: 0,
      },
      proxidom: { feasible: report.feasible, violations: report.violations },
    },
    unassigned,
    routes: routesOut,
  };
}
