/**
 * Route evaluation for the search.
 *
 * Fast path (problem.isSimple): Vidal's time-window segments (Vidal et al. 2013, "A hybrid genetic
 * algorithm with adaptive diversity management…"). A segment summarises a sequence of nodes by its
 * minimal duration, time warp, earliest/latest start, travel, distance, cost, count and load profile;
 * two segments concatenate in O(1), so a move's cost is known from cached prefix and suffix segments
 * of the routes it touches, before the move is applied.
 *
 * Slow path (breaks, several windows per visit): the candidate route is simulated node by node
 * (O(route length)), with the same break rule the output and the checker use.
 *
 * Both paths return a cost and a violation (time warp + excess load/tasks/travel/distance); the
 * search minimises cost + penalty · violation, so infeasible routes are penalised, not forbidden.
 */
import type { Compiled } from '../model/compile.js';
import { HORIZON } from '../model/compile.js';

// Segment record layout (fields of one segment in a Float64Array). Kept local to this module:
// constants imported from another module can be slower to read in hot loops under some loaders.
const F_FIRST = 0;
const F_LAST = 1;
/** Minimal duration of the sequence (travel + service + waiting), time warp excluded. */
const F_DUR = 2;
/** Total time warp (lateness the sequence needs to be "feasible"). */
const F_TW = 3;
/** Earliest start of the first service giving the minimal duration. */
const F_E = 4;
/** Latest start of the first service without extra time warp. */
const F_L = 5;
const F_TRAVEL = 6;
const F_DIST = 7;
const F_COST = 8;
const F_COUNT = 9;
/** Then per capacity dimension: delivered, picked up, maximum load. */
const F_LOAD = 10;

/** Tolerance on time warp and excess for a route to count as feasible. */
export const FEAS_EPS = 1e-6;

/** A route of the current solution with its cached segments. */
export interface RouteData {
  readonly vehicle: number;
  /** Node sequence: start node, jobs, end node. */
  nodes: number[];
  /** fwd[i·S…]: segment of positions 0..i; bwd[i·S…]: segment of positions i..end (fast path only). */
  fwd: Float64Array;
  bwd: Float64Array;
  /** assignPrefix[i]: soft assignment cost of positions 0..i for this route's vehicle. */
  assignPrefix: Float64Array;
  /** Raw cost (travel, fixed, working time, soft costs) and violation of the whole route. */
  cost: number;
  violation: number;
  /** Bumped on every change (caches keyed on it can tell when they are stale). */
  version: number;
}

/** Schedule of a simulated route (for the output). */
export interface RouteSchedule {
  /** Per position (start, jobs, end): arrival, service start, departure. */
  arrival: number[];
  serviceStart: number[];
  /** Breaks taken before the node at position p (on arrival): [breakIndex, start] pairs. */
  breaksBefore: Map<number, Array<[number, number]>>;
  departure: number;
}

export class Evaluator {
  readonly c: Compiled;
  readonly S: number;
  /** Weight of one unit of violation in the penalised cost. */
  penalty = 1e6;
  /**
   * When true (search with hard feasibility), the slow path is skipped for candidates whose
   * relaxed segment evaluation already shows a violation: they are rejected anyway, and the
   * relaxation is a lower bound (breaks and window gaps only add delay). lastViolation is then
   * that lower bound, not the exact value.
   */
  hardPrune = false;
  private readonly acc: Float64Array;
  private readonly tmp: Float64Array;
  private mode = 0; // 0 = fast, 1 = slow
  private v = 0;
  private cls = 0;
  private empty = true;
  private assignAcc = 0;
  private list: Int32Array;
  private listLen = 0;
  /** Results of the last end(). */
  lastCost = 0;
  lastViolation = 0;

  constructor(c: Compiled) {
    this.c = c;
    this.S = c.segSize;
    this.acc = new Float64Array(this.S);
    this.tmp = new Float64Array(this.S);
    this.list = new Int32Array(c.n + 8);
  }

  /** Write the single-node segment of `node` at buf[off…]. */
  setNode(buf: Float64Array, off: number, node: number): void {
    const c = this.c;
    buf[off + F_FIRST] = node;
    buf[off + F_LAST] = node;
    buf[off + F_DUR] = c.nodeService[node]!;
    buf[off + F_TW] = 0;
    buf[off + F_E] = c.nodeE[node]!;
    buf[off + F_L] = c.nodeL[node]!;
    buf[off + F_TRAVEL] = 0;
    buf[off + F_DIST] = 0;
    buf[off + F_COST] = 0;
    buf[off + F_COUNT] = node < c.n ? 1 : 0;
    const d = c.dims;
    for (let k = 0; k < d; k++) {
      const dl = c.nodeDelivery[node * d + k]!;
      const pk = c.nodePickup[node * d + k]!;
      buf[off + F_LOAD + 3 * k] = dl;
      buf[off + F_LOAD + 3 * k + 1] = pk;
      buf[off + F_LOAD + 3 * k + 2] = dl > pk ? dl : pk;
    }
  }

  /** out[oo…] = a[ao…] ⊕ b[bo…] for travel class `cls`; out may alias a or b. */
  concat(
    cls: number,
    out: Float64Array,
    oo: number,
    a: Float64Array,
    ao: number,
    b: Float64Array,
    bo: number,
  ): void {
    const c = this.c;
    const tc = c.classes[cls]!;
    const last = a[ao + F_LAST]!;
    const first = b[bo + F_FIRST]!;
    const la = c.nodeLoc[last]!;
    const lb = c.nodeLoc[first]!;
    const arc = la * c.stride + lb;
    const t = tc.dur[arc]! + (la !== lb ? c.nodeSetup[first]! : 0);
    const aDur = a[ao + F_DUR]!;
    const aTw = a[ao + F_TW]!;
    const aE = a[ao + F_E]!;
    const aL = a[ao + F_L]!;
    const bE = b[bo + F_E]!;
    const bL = b[bo + F_L]!;
    const delta = aDur - aTw + t;
    let wait = bE - delta - aL;
    if (wait < 0) wait = 0;
    let warp = aE + delta - bL;
    if (warp < 0) warp = 0;
    const e1 = bE - delta;
    const l1 = bL - delta;
    const dur = aDur + b[bo + F_DUR]! + t + wait;
    const tw = aTw + b[bo + F_TW]! + warp;
    const e = (e1 > aE ? e1 : aE) - wait;
    const l = (l1 < aL ? l1 : aL) + warp;
    const d = c.dims;
    // Loads first (reads a and b before any write to out).
    for (let k = 0; k < d; k++) {
      const o = F_LOAD + 3 * k;
      const ad = a[ao + o]!;
      const ap = a[ao + o + 1]!;
      const am = a[ao + o + 2]!;
      const bd = b[bo + o]!;
      const bp = b[bo + o + 1]!;
      const bm = b[bo + o + 2]!;
      const m1 = am + bd;
      const m2 = ap + bm;
      out[oo + o] = ad + bd;
      out[oo + o + 1] = ap + bp;
      out[oo + o + 2] = m1 > m2 ? m1 : m2;
    }
    const travel = a[ao + F_TRAVEL]! + b[bo + F_TRAVEL]! + t;
    const dist = a[ao + F_DIST]! + b[bo + F_DIST]! + tc.dist[arc]!;
    const cost = a[ao + F_COST]! + b[bo + F_COST]! + tc.cost[arc]!;
    const count = a[ao + F_COUNT]! + b[bo + F_COUNT]!;
    const lastB = b[bo + F_LAST]!;
    out[oo + F_FIRST] = a[ao + F_FIRST]!;
    out[oo + F_LAST] = lastB;
    out[oo + F_DUR] = dur;
    out[oo + F_TW] = tw;
    out[oo + F_E] = e;
    out[oo + F_L] = l;
    out[oo + F_TRAVEL] = travel;
    out[oo + F_DIST] = dist;
    out[oo + F_COST] = cost;
    out[oo + F_COUNT] = count;
  }

  /** Recompute a route's caches, cost and violation after a change. */
  updateRoute(r: RouteData): void {
    const c = this.c;
    const S = this.S;
    const nodes = r.nodes;
    const m = nodes.length;
    if (r.assignPrefix.length < m) r.assignPrefix = new Float64Array(m * 2);
    const ap = r.assignPrefix;
    let acc = 0;
    const base = r.vehicle * c.n;
    for (let i = 0; i < m; i++) {
      const x = nodes[i]!;
      if (c.assignCost !== null && x < c.n) acc += c.assignCost[base + x]!;
      ap[i] = acc;
    }
    r.version++;
    {
      // Segments are kept for every route: exact when the problem is simple, otherwise a
      // relaxation (breaks ignored, several windows merged) used to prune before simulating.
      // fwd and bwd are checked apart: the solution's buffer pool hands out any spare buffer.
      if (r.fwd.length < m * S) r.fwd = new Float64Array(m * S * 2);
      if (r.bwd.length < m * S) r.bwd = new Float64Array(m * S * 2);
      const cls = c.vClass[r.vehicle]!;
      const fwd = r.fwd;
      const bwd = r.bwd;
      this.setNode(fwd, 0, nodes[0]!);
      for (let i = 1; i < m; i++) {
        this.setNode(this.tmp, 0, nodes[i]!);
        this.concat(cls, fwd, i * S, fwd, (i - 1) * S, this.tmp, 0);
      }
      this.setNode(bwd, (m - 1) * S, nodes[m - 1]!);
      for (let i = m - 2; i >= 0; i--) {
        this.setNode(this.tmp, 0, nodes[i]!);
        this.concat(cls, bwd, i * S, this.tmp, 0, bwd, (i + 1) * S);
      }
      this.finishSegment(r.vehicle, fwd, (m - 1) * S, acc);
    }
    if (!this.c.isSimple) {
      this.simulate(r.vehicle, nodes, m, null);
      this.lastCost += acc;
    }
    r.cost = this.lastCost;
    r.violation = this.lastViolation;
  }

  /** Create route data for vehicle v with the given jobs. */
  makeRoute(v: number, jobs: readonly number[]): RouteData {
    const c = this.c;
    const r: RouteData = {
      vehicle: v,
      nodes: [c.n + 2 * v, ...jobs, c.n + 2 * v + 1],
      fwd: new Float64Array(0),
      bwd: new Float64Array(0),
      assignPrefix: new Float64Array(0),
      cost: 0,
      violation: 0,
      version: 0,
    };
    this.updateRoute(r);
    return r;
  }

  private finishSegment(v: number, seg: Float64Array, off: number, assign: number): void {
    const c = this.c;
    const count = seg[off + F_COUNT]!;
    if (count === 0) {
      this.lastCost = 0;
      this.lastViolation = 0;
      return;
    }
    let viol = seg[off + F_TW]!;
    const travel = seg[off + F_TRAVEL]!;
    const dist = seg[off + F_DIST]!;
    if (travel > c.vMaxTravel[v]!) viol += travel - c.vMaxTravel[v]!;
    if (dist > c.vMaxDist[v]!) viol += dist - c.vMaxDist[v]!;
    if (count > c.vMaxTasks[v]!) viol += (count - c.vMaxTasks[v]!) * 1000;
    const d = c.dims;
    for (let k = 0; k < d; k++) {
      const ex = seg[off + F_LOAD + 3 * k + 2]! - c.capacity[v * d + k]!;
      if (ex > 0) viol += ex;
    }
    this.lastViolation = viol;
    this.lastCost = seg[off + F_COST]! + c.vFixed[v]! + c.vWorkCost[v]! * seg[off + F_DUR]! + assign;
  }

  // ---- Building a candidate route from pieces ------------------------------------------------

  /** Start building a candidate route for vehicle v. */
  begin(v: number): void {
    this.v = v;
    this.cls = this.c.vClass[v]!;
    this.mode = this.c.isSimple ? 0 : 1;
    this.empty = true;
    this.assignAcc = 0;
    this.listLen = 0;
  }

  private pushSeg(buf: Float64Array, off: number): void {
    if (this.empty) {
      const acc = this.acc;
      for (let k = 0; k < this.S; k++) acc[k] = buf[off + k]!;
      this.empty = false;
    } else {
      this.concat(this.cls, this.acc, 0, this.acc, 0, buf, off);
    }
  }

  addNode(node: number): void {
    const c = this.c;
    if (c.assignCost !== null && node < c.n) this.assignAcc += c.assignCost[this.v * c.n + node]!;
    if (this.mode === 1) this.list[this.listLen++] = node;
    this.setNode(this.tmp, 0, node);
    this.pushSeg(this.tmp, 0);
  }

  /** Positions i..j (inclusive) of route r, in order. */
  addRange(r: RouteData, i: number, j: number): void {
    if (j < i) return;
    const c = this.c;
    const nodes = r.nodes;
    if (this.mode === 1) {
      const list = this.list;
      for (let p = i; p <= j; p++) list[this.listLen++] = nodes[p]!;
    }
    const sameVehicle = r.vehicle === this.v;
    // Soft assignment costs: prefix sums for the route's own vehicle, a plain sum otherwise.
    if (c.assignCost !== null) {
      if (sameVehicle) this.assignAcc += r.assignPrefix[j]! - (i > 0 ? r.assignPrefix[i - 1]! : 0);
      else {
        const base = this.v * c.n;
        for (let p = i; p <= j; p++) {
          const x = nodes[p]!;
          if (x < c.n) this.assignAcc += c.assignCost[base + x]!;
        }
      }
    }
    if (sameVehicle || c.vClass[r.vehicle] === this.cls) {
      const S = this.S;
      if (i === 0) {
        this.pushSeg(r.fwd, j * S);
        return;
      }
      if (j === nodes.length - 1) {
        this.pushSeg(r.bwd, i * S);
        return;
      }
    }
    for (let p = i; p <= j; p++) {
      this.setNode(this.tmp, 0, nodes[p]!);
      this.pushSeg(this.tmp, 0);
    }
  }

  /**
   * Positions i..end-1 of route r followed by the end node of the vehicle being built: the tail
   * of another route moved to this one (2-opt*). Uses the cached suffix when both vehicles are
   * of the same kind (same end place and shift).
   */
  addTail(r: RouteData, i: number): void {
    const c = this.c;
    const e = r.nodes.length - 1;
    if (c.vSignature[r.vehicle] === c.vSignature[this.v]) {
      if (this.mode === 1) {
        for (let p = i; p < e; p++) this.list[this.listLen++] = r.nodes[p]!;
        this.list[this.listLen++] = c.n + 2 * this.v + 1;
      }
      if (c.assignCost !== null) {
        if (r.vehicle === this.v) this.assignAcc += r.assignPrefix[e]! - r.assignPrefix[i - 1]!;
        else {
          const base = this.v * c.n;
          for (let p = i; p < e; p++) this.assignAcc += c.assignCost[base + r.nodes[p]!]!;
        }
      }
      this.pushSeg(r.bwd, i * this.S);
      return;
    }
    for (let p = i; p < e; p++) this.addNode(r.nodes[p]!);
    this.addNode(c.n + 2 * this.v + 1);
  }

  /** Positions j down to i of route r (a reversed piece). */
  addRangeReversed(r: RouteData, i: number, j: number): void {
    for (let p = j; p >= i; p--) this.addNode(r.nodes[p]!);
  }

  /** Finish: returns the penalised cost; lastCost/lastViolation hold the parts. */
  end(): number {
    this.finishSegment(this.v, this.acc, 0, this.assignAcc);
    if (this.mode === 1 && !(this.hardPrune && this.lastViolation > FEAS_EPS)) {
      this.simulate(this.v, this.list, this.listLen, null);
      this.lastCost += this.assignAcc;
    }
    return this.lastCost + this.penalty * this.lastViolation;
  }

  /**
   * Penalised cost of route r with job u inserted after position i. The fast path concatenates
   * fwd[i] ⊕ u ⊕ bwd[i+1] inline (no writes), the slow path builds the route.
   */
  evalInsert(r: RouteData, i: number, u: number): number {
    const c = this.c;
    const v = r.vehicle;
    const S = this.S;
    const tc = c.classes[c.vClass[v]!]!;
    const stride = c.stride;
    const fwd = r.fwd;
    const bwd = r.bwd;
    const ao = i * S;
    const bo = (i + 1) * S;
    const a = r.nodes[i]!;
    const b = r.nodes[i + 1]!;
    const la = c.nodeLoc[a]!;
    const lu = c.nodeLoc[u]!;
    const lb = c.nodeLoc[b]!;
    const arc1 = la * stride + lu;
    const arc2 = lu * stride + lb;
    const t1 = tc.dur[arc1]! + (la !== lu ? c.nodeSetup[u]! : 0);
    const t2 = tc.dur[arc2]! + (lu !== lb ? c.nodeSetup[b]! : 0);
    // fwd[i] ⊕ u
    const aDur = fwd[ao + F_DUR]!;
    const aTw = fwd[ao + F_TW]!;
    const aE = fwd[ao + F_E]!;
    const aL = fwd[ao + F_L]!;
    const uE = c.nodeE[u]!;
    const uL = c.nodeL[u]!;
    let delta = aDur - aTw + t1;
    let wait = uE - delta - aL;
    if (wait < 0) wait = 0;
    let warp = aE + delta - uL;
    if (warp < 0) warp = 0;
    const e1 = uE - delta;
    const l1 = uL - delta;
    const xDur = aDur + c.nodeService[u]! + t1 + wait;
    const xTw = aTw + warp;
    const xE = (e1 > aE ? e1 : aE) - wait;
    const xL = (l1 < aL ? l1 : aL) + warp;
    // (fwd[i] ⊕ u) ⊕ bwd[i+1]
    const bE = bwd[bo + F_E]!;
    const bL = bwd[bo + F_L]!;
    delta = xDur - xTw + t2;
    wait = bE - delta - xL;
    if (wait < 0) wait = 0;
    warp = xE + delta - bL;
    if (warp < 0) warp = 0;
    const dur = xDur + bwd[bo + F_DUR]! + t2 + wait;
    let viol = xTw + bwd[bo + F_TW]! + warp;
    const travel = fwd[ao + F_TRAVEL]! + bwd[bo + F_TRAVEL]! + t1 + t2;
    const dist = fwd[ao + F_DIST]! + bwd[bo + F_DIST]! + tc.dist[arc1]! + tc.dist[arc2]!;
    const cost = fwd[ao + F_COST]! + bwd[bo + F_COST]! + tc.cost[arc1]! + tc.cost[arc2]!;
    const count = fwd[ao + F_COUNT]! + bwd[bo + F_COUNT]! + 1;
    if (travel > c.vMaxTravel[v]!) viol += travel - c.vMaxTravel[v]!;
    if (dist > c.vMaxDist[v]!) viol += dist - c.vMaxDist[v]!;
    if (count > c.vMaxTasks[v]!) viol += (count - c.vMaxTasks[v]!) * 1000;
    const d = c.dims;
    for (let k = 0; k < d; k++) {
      const o = F_LOAD + 3 * k;
      const ud = c.nodeDelivery[u * d + k]!;
      const up = c.nodePickup[u * d + k]!;
      const um = ud > up ? ud : up;
      // fwd ⊕ u
      let m1 = fwd[ao + o + 2]! + ud;
      let m2 = fwd[ao + o + 1]! + um;
      const xm = m1 > m2 ? m1 : m2;
      const xp = fwd[ao + o + 1]! + up;
      m1 = xm + bwd[bo + o]!;
      m2 = xp + bwd[bo + o + 2]!;
      const ex = (m1 > m2 ? m1 : m2) - c.capacity[v * d + k]!;
      if (ex > 0) viol += ex;
    }
    let assign = r.assignPrefix[r.nodes.length - 1]!;
    if (c.assignCost !== null) assign += c.assignCost[v * c.n + u]!;
    this.lastViolation = viol;
    this.lastCost = cost + c.vFixed[v]! + c.vWorkCost[v]! * dur + assign;
    if (!c.isSimple && !(this.hardPrune && viol > FEAS_EPS)) {
      // Exact evaluation by simulation (the inline result above was a relaxation).
      this.begin(v);
      const list = this.list;
      const nodes = r.nodes;
      for (let p = 0; p <= i; p++) list[this.listLen++] = nodes[p]!;
      list[this.listLen++] = u;
      for (let p = i + 1; p < nodes.length; p++) list[this.listLen++] = nodes[p]!;
      this.simulate(v, list, this.listLen, null);
      this.lastCost += assign;
    }
    return this.lastCost + this.penalty * this.lastViolation;
  }

  /** Latest start of the node at position pos of route r without making its route late (relaxed when not simple). */
  latestStart(r: RouteData, pos: number): number {
    return r.bwd[pos * this.S + F_L]!;
  }

  /** Penalised cost of a route as stored. */
  routePenalised(r: RouteData): number {
    return r.cost + this.penalty * r.violation;
  }

  // ---- Slow path: explicit simulation ------------------------------------------------------

  /**
   * Simulate vehicle v over `nodes[0..len)` (start node, jobs, end node): departure from the start
   * at the shift start (delayed to avoid waiting at the first visit), earliest service in the first
   * window still open, breaks taken on arrival at a place (before its service) when waiting there
   * leaves room for them or when they could not start in time after the next service. Sets
   * lastCost (without soft assignment costs) and lastViolation; fills `schedule` when given.
   */
  simulate(v: number, nodes: ArrayLike<number>, len: number, schedule: RouteSchedule | null): void {
    const c = this.c;
    const jobs = c.problem.jobs;
    const vehicle = c.problem.vehicles[v]!;
    const tc = c.classes[c.vClass[v]!]!;
    const stride = c.stride;
    let count = 0;
    for (let p = 1; p < len - 1; p++) if (nodes[p]! < c.n) count++;
    if (count === 0) {
      this.lastCost = 0;
      this.lastViolation = 0;
      if (schedule) {
        schedule.arrival = [vehicle.timeWindow[0], vehicle.timeWindow[0]];
        schedule.serviceStart = [vehicle.timeWindow[0], vehicle.timeWindow[0]];
        schedule.departure = vehicle.timeWindow[0];
      }
      return;
    }
    const breaks = vehicle.breaks;
    let bi = 0;
    let warp = 0;
    let travel = 0;
    let dist = 0;
    let cost = 0;
    const d = c.dims;
    // Loads: start load = sum of deliveries; track the maximum along the route.
    let loadExcess = 0;
    if (d > 0) {
      for (let k = 0; k < d; k++) {
        let load = 0;
        for (let p = 1; p < len - 1; p++) load += c.nodeDelivery[nodes[p]! * d + k]!;
        let mx = load;
        for (let p = 1; p < len - 1; p++) {
          const x = nodes[p]!;
          load += c.nodePickup[x * d + k]! - c.nodeDelivery[x * d + k]!;
          if (load > mx) mx = load;
        }
        const ex = mx - c.capacity[v * d + k]!;
        if (ex > 0) loadExcess += ex;
      }
    }
    const twStart = vehicle.timeWindow[0];
    // Departure: as late as possible so that the first visit is not waited for (breaks aside).
    let depart = twStart;
    const s0 = nodes[0]!;
    const f0 = nodes[1]!;
    {
      const la = c.nodeLoc[s0]!;
      const lb = c.nodeLoc[f0]!;
      const t0 = tc.dur[la * stride + lb]! + (la !== lb ? c.nodeSetup[f0]! : 0);
      const e0 = f0 < c.n ? firstWindowStart(jobs[f0]!.timeWindows) : twStart;
      if (e0 - t0 > depart && (breaks.length === 0 || e0 - t0 <= breaks[0]!.timeWindows[0]![0]))
        depart = e0 - t0;
    }
    let t = depart;
    if (schedule) {
      schedule.arrival = [depart];
      schedule.serviceStart = [depart];
      schedule.breaksBefore = new Map();
    }
    let prev = s0;
    for (let p = 1; p < len; p++) {
      const x = nodes[p]!;
      const la = c.nodeLoc[prev]!;
      const lb = c.nodeLoc[x]!;
      const arc = la * stride + lb;
      const tt = tc.dur[arc]! + (la !== lb ? c.nodeSetup[x]! : 0);
      travel += tt;
      dist += tc.dist[arc]!;
      cost += tc.cost[arc]!;
      let arrive = t + tt;
      const isEnd = p === len - 1;
      const tws = x < c.n ? jobs[x]!.timeWindows : null;
      const service = c.nodeService[x]!;
      // Breaks on arrival at x.
      while (bi < breaks.length) {
        const b = breaks[bi]!;
        const bStart = windowStart(b.timeWindows, arrive);
        const latest = lastWindowEnd(b.timeWindows);
        let take = isEnd;
        if (!take) {
          const sx = tws ? windowStart(tws, arrive) : arrive;
          if (bStart + b.service <= sx)
            take = true; // fits in the waiting time
          else {
            // After serving x, could the break still start in time at the next place?
            const nx = nodes[p + 1]!;
            const lc = c.nodeLoc[nx]!;
            const after =
              (sx < arrive ? arrive : sx) +
              service +
              tc.dur[lb * stride + lc]! +
              (lb !== lc ? c.nodeSetup[nx]! : 0);
            if (after > latest) take = true;
          }
        }
        if (!take) break;
        let start = bStart;
        if (start > latest) {
          warp += start - latest;
          start = latest;
        }
        if (schedule) {
          const list = schedule.breaksBefore.get(p) ?? [];
          list.push([bi, start]);
          schedule.breaksBefore.set(p, list);
        }
        arrive = start + b.service;
        bi++;
      }
      let s: number;
      if (isEnd) {
        s = arrive;
        const end = vehicle.timeWindow[1];
        if (s > end) {
          warp += s - end;
          s = end;
        }
      } else if (tws && tws.length > 0) {
        s = windowStart(tws, arrive);
        const lw = tws[tws.length - 1]![1];
        if (s > lw) {
          warp += s - lw;
          s = lw;
        }
      } else {
        s = arrive;
      }
      if (schedule) {
        schedule.arrival.push(arrive);
        schedule.serviceStart.push(s);
      }
      t = s + service;
      prev = x;
    }
    if (schedule) schedule.departure = depart;
    let viol = warp + loadExcess;
    if (travel > c.vMaxTravel[v]!) viol += travel - c.vMaxTravel[v]!;
    if (dist > c.vMaxDist[v]!) viol += dist - c.vMaxDist[v]!;
    if (count > c.vMaxTasks[v]!) viol += (count - c.vMaxTasks[v]!) * 1000;
    this.lastViolation = viol;
    this.lastCost = cost + c.vFixed[v]! + c.vWorkCost[v]! * (t - depart);
  }
}

function firstWindowStart(tws: readonly (readonly [number, number])[]): number {
  return tws.length > 0 ? tws[0]![0] : 0;
}

/** Earliest start ≥ t in the windows; past the last window, t itself (late). */
function windowStart(tws: readonly (readonly [number, number])[], t: number): number {
  for (let i = 0; i < tws.length; i++) {
    const w = tws[i]!;
    if (t <= w[1]) return t < w[0] ? w[0] : t;
  }
  return t;
}

function lastWindowEnd(tws: readonly (readonly [number, number])[]): number {
  return tws.length > 0 ? tws[tws.length - 1]![1] : HORIZON;
}
