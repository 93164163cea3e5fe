/**
 * The optimiser's problem model: immutable once built. Locations are indices into the travel
 * matrices; times are in seconds (any consistent unit works), distances in metres.
 */

/** A time window [start, end] on the start of service, both included. */
export type TimeWindow = readonly [number, number];

/** A break a worker must take once during the shift. */
export interface Break {
  /** Caller's identifier, echoed in the output. */
  readonly id: number;
  /** Windows in which the break may start (sorted, disjoint). */
  readonly timeWindows: readonly TimeWindow[];
  /** Length of the break. */
  readonly service: number;
}

/** Per-vehicle costs, VROOM's convention: cost = fixed + perHour·travelHours + perKm·km. */
export interface VehicleCosts {
  readonly fixed: number;
  readonly perHour: number;
  readonly perKm: number;
  /** Our extension: cost per hour of working time (first departure to last arrival, waiting included). */
  readonly perWorkingHour: number;
}

/** A worker (vehicle in VROOM's terms). */
export interface Vehicle {
  readonly id: number;
  /** Location index of the start place, or null when the route starts at its first visit. */
  readonly start: number | null;
  /** Location index of the end place, or null when the route ends at its last visit. */
  readonly end: number | null;
  /** Name of the travel matrices used by this vehicle. */
  readonly profile: string;
  /** Capacity per dimension; empty means unlimited. */
  readonly capacity: readonly number[];
  readonly skills: readonly number[];
  /** Shift: earliest departure, latest arrival back. */
  readonly timeWindow: TimeWindow;
  readonly breaks: readonly Break[];
  readonly costs: VehicleCosts;
  /** Maximum number of visits, Infinity when unbounded. */
  readonly maxTasks: number;
  /** Maximum travel time (seconds), Infinity when unbounded. */
  readonly maxTravelTime: number;
  /** Maximum travel distance (metres), Infinity when unbounded. */
  readonly maxDistance: number;
}

/** A visit (job in VROOM's terms). */
export interface Job {
  readonly id: number;
  readonly location: number;
  /** Time spent on arrival when the previous place is different (parking, access). */
  readonly setup: number;
  /** Service duration. */
  readonly service: number;
  /** Amount delivered (taken at the start of the route), per capacity dimension. */
  readonly delivery: readonly number[];
  /** Amount picked up (kept until the end), per capacity dimension. */
  readonly pickup: readonly number[];
  readonly skills: readonly number[];
  /** 0–100; higher priorities are assigned first. */
  readonly priority: number;
  /** Allowed windows for the start of service (sorted, disjoint). Empty means any time. */
  readonly timeWindows: readonly TimeWindow[];
  /** Continuity of care: workers who know this beneficiary (vehicle ids). Empty = no preference. */
  readonly preferredVehicles: readonly number[];
  /** Soft cost added when the visit is done by a worker outside `preferredVehicles`. */
  readonly preferenceCost: number;
  /** Workers who must never do this visit (vehicle ids). */
  readonly forbiddenVehicles: readonly number[];
}

/** Two visits linked in time (home-care extension). */
export interface TimeLink {
  /** 'synchronised': both start at the same time, by two different workers (double visit);
   *  'precedence': `second` starts between minGap and maxGap after `first` starts. */
  readonly kind: 'synchronised' | 'precedence';
  /** Job indices (not ids). */
  readonly first: number;
  readonly second: number;
  readonly minGap: number;
  readonly maxGap: number;
}

/** Travel matrices for one profile, row-major, size locations². */
export interface TravelMatrices {
  readonly durations: Float64Array;
  readonly distances: Float64Array;
  /** Optional custom arc costs: when given they replace perHour/perKm. */
  readonly costs?: Float64Array;
}

export interface Problem {
  /** Number of distinct locations (the matrices are locationCount²). */
  readonly locationCount: number;
  readonly matrices: Readonly<Record<string, TravelMatrices>>;
  readonly vehicles: readonly Vehicle[];
  readonly jobs: readonly Job[];
  readonly links: readonly TimeLink[];
}

/** A plan: for each vehicle (by index), the ordered steps of its route. */
export interface Plan {
  readonly routes: readonly PlanRoute[];
  /** Job indices left out. */
  readonly unassigned: readonly number[];
}

export interface PlanRoute {
  /** Vehicle index in `problem.vehicles`. */
  readonly vehicle: number;
  /** Ordered steps; a break step is taken on arrival at the next place (before its service). */
  readonly steps: readonly PlanStep[];
  /** Planned departure from the start place (VROOM: `service_at` of the `start` step). */
  readonly departure?: number;
}

/**
 * Planned times of a step (VROOM's plan mode: `service_at`, `service_after`, `service_before`).
 * `start`: the planned start of service — the step starts then, or at arrival when the worker
 * cannot be there in time (the checker reports the delay), and a start outside the windows is
 * reported, never moved. `after` / `before`: bounds on the start; the step still starts as early
 * as its windows allow, not before `after`. Without any, a step starts as early as its windows allow.
 */
export interface PlannedTimes {
  readonly start?: number;
  readonly after?: number;
  readonly before?: number;
}

export type PlanStep =
  | ({ readonly type: 'job'; readonly job: number } & PlannedTimes)
  | ({ readonly type: 'break'; readonly break: number } & PlannedTimes);

/** Build default-filled vehicle and job records (handy for tests and converters). */
export function makeVehicle(v: Partial<Vehicle> & { id: number }): Vehicle {
  return {
    start: null,
    end: null,
    profile: 'car',
    capacity: [],
    skills: [],
    timeWindow: [0, Number.MAX_SAFE_INTEGER],
    breaks: [],
    maxTasks: Infinity,
    maxTravelTime: Infinity,
    maxDistance: Infinity,
    ...v,
    costs: { fixed: 0, perHour: 3600, perKm: 0, perWorkingHour: 0, ...(v.costs ?? {}) },
  };
}

export function makeJob(j: Partial<Job> & { id: number; location: number }): Job {
  return {
    setup: 0,
    service: 0,
    delivery: [],
    pickup: [],
    skills: [],
    priority: 0,
    timeWindows: [],
    preferredVehicles: [],
    preferenceCost: 0,
    forbiddenVehicles: [],
    ...j,
  };
}
