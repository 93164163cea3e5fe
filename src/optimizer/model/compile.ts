/**
 * The compiled problem: flat typed arrays the search reads in its hot loops.
 *
 * Nodes: jobs are nodes 0..n-1; vehicle v has a start node n+2v and an end node n+2v+1.
 * Locations: the problem's locations plus one phantom location (index L) at zero distance from
 * everything, used for routes without a start or end place.
 */
import type { Problem } from './problem.js';

/** Horizon used for "no time window" (seconds, ~31 700 years): large but exact in doubles. */
export const HORIZON = 1e12;

/** Fields of a segment record before the load fields (see eval/route-eval.ts). */
export const SEGMENT_BASE_FIELDS = 10;

/** One travel class: vehicles sharing a profile and per-hour/per-km costs share arc matrices. */
export interface TravelClass {
  /** (L+1)² row-major, L = problem.locationCount (the last row/column is the phantom place). */
  readonly dur: Float64Array;
  readonly dist: Float64Array;
  readonly cost: Float64Array;
}

export interface Compiled {
  readonly problem: Problem;
  readonly n: number;
  readonly nv: number;
  /** Stride of the extended matrices (locationCount + 1). */
  readonly stride: number;
  /** Number of capacity dimensions. */
  readonly dims: number;
  /** Segment record size: 10 + 3·dims. */
  readonly segSize: number;
  readonly classes: readonly TravelClass[];
  /** Travel class of each vehicle. */
  readonly vClass: Int32Array;
  /** Per node (jobs then vehicle start/end nodes). */
  readonly nodeLoc: Int32Array;
  readonly nodeSetup: Float64Array;
  readonly nodeService: Float64Array;
  /** Single-window bounds (first window start, last window end) per node. */
  readonly nodeE: Float64Array;
  readonly nodeL: Float64Array;
  /** Per node × dims. */
  readonly nodeDelivery: Float64Array;
  readonly nodePickup: Float64Array;
  readonly jobPriority: Float64Array;
  /** 1 when vehicle v may do job j: compat[v·n + j]. */
  readonly compat: Uint8Array;
  /** Soft assignment cost (continuity of care): assignCost[v·n + j]; null when none. */
  readonly assignCost: Float64Array | null;
  /** Per vehicle × dims; Infinity when unlimited. */
  readonly capacity: Float64Array;
  readonly vMaxTasks: Float64Array;
  readonly vMaxTravel: Float64Array;
  readonly vMaxDist: Float64Array;
  readonly vFixed: Float64Array;
  /** Cost per second of working time (perWorkingHour / 3600). */
  readonly vWorkCost: Float64Array;
  readonly vHasBreaks: Uint8Array;
  /** True when no vehicle has breaks and no job has more than one window: O(1) segment evaluation is exact. */
  readonly isSimple: boolean;
  /** Identical vehicles share a signature (used to try one empty route per kind). */
  readonly vSignature: Int32Array;
  /** Vehicle indices of each job's preferred workers (continuity of care). */
  readonly preferredIdx: ReadonlyArray<readonly number[]>;
  /** Nearest jobs of each job (by class-0 arc cost), up to `neighbourCount`. */
  readonly neighbours: Int32Array;
  readonly neighbourCount: number;
}

export function compileProblem(problem: Problem): Compiled {
  const n = problem.jobs.length;
  const nv = problem.vehicles.length;
  const L = problem.locationCount;
  const stride = L + 1;
  let dims = 0;
  for (const v of problem.vehicles) dims = Math.max(dims, v.capacity.length);
  for (const j of problem.jobs) dims = Math.max(dims, j.delivery.length, j.pickup.length);

  // Travel classes.
  const classKeys = new Map<string, number>();
  const classes: TravelClass[] = [];
  const vClass = new Int32Array(nv);
  problem.vehicles.forEach((v, vi) => {
    const m = problem.matrices[v.profile];
    if (!m) throw new Error(`no travel matrices for profile "${v.profile}"`);
    const key = m.costs ? `${v.profile}|custom` : `${v.profile}|${v.costs.perHour}|${v.costs.perKm}`;
    let c = classKeys.get(key);
    if (c === undefined) {
      c = classes.length;
      classKeys.set(key, c);
      const dur = new Float64Array(stride * stride);
      const dist = new Float64Array(stride * stride);
      const cost = new Float64Array(stride * stride);
      const ph = v.costs.perHour / 3600;
      const pk = v.costs.perKm / 1000;
      for (let a = 0; a < L; a++) {
        for (let b = 0; b < L; b++) {
          const d = m.durations[a * L + b]!;
          const s = m.distances[a * L + b]!;
          dur[a * stride + b] = d;
          dist[a * stride + b] = s;
          cost[a * stride + b] = m.costs ? m.costs[a * L + b]! : ph * d + pk * s;
        }
      }
      classes.push({ dur, dist, cost });
    }
    vClass[vi] = c;
  });

  const nodes = n + 2 * nv;
  const nodeLoc = new Int32Array(nodes);
  const nodeSetup = new Float64Array(nodes);
  const nodeService = new Float64Array(nodes);
  const nodeE = new Float64Array(nodes);
  const nodeL = new Float64Array(nodes);
  const nodeDelivery = new Float64Array(nodes * dims);
  const nodePickup = new Float64Array(nodes * dims);
  const jobPriority = new Float64Array(n);
  let isSimple = true;
  problem.jobs.forEach((j, i) => {
    nodeLoc[i] = j.location;
    nodeSetup[i] = j.setup;
    nodeService[i] = j.service;
    const tws = j.timeWindows;
    nodeE[i] = tws.length > 0 ? tws[0]![0] : 0;
    nodeL[i] = tws.length > 0 ? tws[tws.length - 1]![1] : HORIZON;
    if (tws.length > 1) isSimple = false;
    for (let k = 0; k < dims; k++) {
      nodeDelivery[i * dims + k] = j.delivery[k] ?? 0;
      nodePickup[i * dims + k] = j.pickup[k] ?? 0;
    }
    jobPriority[i] = j.priority;
  });
  const capacity = new Float64Array(nv * dims);
  const vMaxTasks = new Float64Array(nv);
  const vMaxTravel = new Float64Array(nv);
  const vMaxDist = new Float64Array(nv);
  const vFixed = new Float64Array(nv);
  const vWorkCost = new Float64Array(nv);
  const vHasBreaks = new Uint8Array(nv);
  const vSignature = new Int32Array(nv);
  const sigs = new Map<string, number>();
  problem.vehicles.forEach((v, vi) => {
    const s = n + 2 * vi;
    nodeLoc[s] = v.start ?? L;
    nodeLoc[s + 1] = v.end ?? L;
    for (const x of [s, s + 1]) {
      nodeE[x] = v.timeWindow[0];
      nodeL[x] = Math.min(v.timeWindow[1], HORIZON);
    }
    for (let k = 0; k < dims; k++) capacity[vi * dims + k] = v.capacity[k] ?? Infinity;
    vMaxTasks[vi] = v.maxTasks;
    vMaxTravel[vi] = v.maxTravelTime;
    vMaxDist[vi] = v.maxDistance;
    vFixed[vi] = v.costs.fixed;
    vWorkCost[vi] = v.costs.perWorkingHour / 3600;
    if (v.breaks.length > 0) {
      vHasBreaks[vi] = 1;
      isSimple = false;
    }
    const sig = JSON.stringify([
      v.start,
      v.end,
      v.profile,
      v.capacity,
      [...v.skills].sort(),
      v.timeWindow,
      v.breaks,
      v.costs,
      v.maxTasks,
      v.maxTravelTime,
      v.maxDistance,
    ]);
    let sg = sigs.get(sig);
    if (sg === undefined) {
      sg = sigs.size;
      sigs.set(sig, sg);
    }
    vSignature[vi] = sg;
  });

  // Compatibility: skills, forbidden workers, capacity, and a lone visit must fit in the shift.
  const compat = new Uint8Array(nv * n);
  let assignCost: Float64Array | null = null;
  problem.vehicles.forEach((v, vi) => {
    const vs = new Set(v.skills);
    problem.jobs.forEach((j, ji) => {
      let ok = j.skills.every((s) => vs.has(s)) && !j.forbiddenVehicles.includes(v.id);
      for (let k = 0; k < dims && ok; k++) {
        const cap = capacity[vi * dims + k]!;
        if ((j.delivery[k] ?? 0) > cap || (j.pickup[k] ?? 0) > cap) ok = false;
      }
      if (ok && j.timeWindows.length > 0) {
        ok = j.timeWindows.some((w) => w[1] >= v.timeWindow[0] && w[0] <= v.timeWindow[1]);
      }
      compat[vi * n + ji] = ok ? 1 : 0;
      if (j.preferredVehicles.length > 0 && j.preferenceCost > 0 && !j.preferredVehicles.includes(v.id)) {
        assignCost ??= new Float64Array(nv * n);
        assignCost[vi * n + ji] = j.preferenceCost;
      }
    });
  });

  // Neighbour lists on class-0 symmetric arc cost (plus a little time-window distance).
  const neighbourCount = Math.max(0, Math.min(n - 1, 100));
  const neighbours = new Int32Array(n * neighbourCount);
  if (n > 1 && classes.length > 0) {
    const c0 = classes[0]!;
    const idx: number[] = [];
    const key = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      idx.length = 0;
      const li = nodeLoc[i]!;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        const lj = nodeLoc[j]!;
        key[j] =
          c0.cost[li * stride + lj]! +
          c0.cost[lj * stride + li]! +
          1e-9 * (c0.dur[li * stride + lj]! + c0.dist[li * stride + lj]!);
        idx.push(j);
      }
      idx.sort((a, b) => key[a]! - key[b]! || a - b);
      for (let k = 0; k < neighbourCount; k++) neighbours[i * neighbourCount + k] = idx[k]!;
    }
  }

  const vIndex = new Map(problem.vehicles.map((v, i) => [v.id, i]));
  const preferredIdx = problem.jobs.map((j) =>
    j.preferredVehicles.map((id) => vIndex.get(id)).filter((x): x is number => x !== undefined),
  );

  return {
    problem,
    preferredIdx,
    n,
    nv,
    stride,
    dims,
    segSize: SEGMENT_BASE_FIELDS + 3 * dims,
    classes,
    vClass,
    nodeLoc,
    nodeSetup,
    nodeService,
    nodeE,
    nodeL,
    nodeDelivery,
    nodePickup,
    jobPriority,
    compat,
    assignCost,
    capacity,
    vMaxTasks,
    vMaxTravel,
    vMaxDist,
    vFixed,
    vWorkCost,
    vHasBreaks,
    isSimple,
    vSignature,
    neighbours,
    neighbourCount,
  };
}
