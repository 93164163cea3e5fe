/**
 * Local search over granular neighbourhoods (each visit and its nearest visits): relocate of
 * strings of 1–3 visits (relocate, or-opt), swap, 2-opt* between routes, and relocation into an
 * empty route. Each move's cost change is computed from cached segments before it is applied;
 * the first improving move is applied.
 */
import type { RouteData } from '../eval/route-eval.js';

/** Same tolerance as eval/route-eval.ts FEAS_EPS (local copy for the hot loop). */
const FEAS_EPS = 1e-6;
import type { Rng } from './rng.js';
import type { Solution } from './solution.js';

export interface LocalSearchOptions {
  /** Neighbours considered per visit. */
  granularity: number;
  /** Stop early (time limit). */
  shouldStop: () => boolean;
  /** When true, moves must keep every route feasible (violation ≤ FEAS_EPS). */
  hardFeasibility: boolean;
  /** Also try SWAP* between routes once the other moves reach a local optimum. */
  swapStar?: boolean;
}

/** SWAP* candidates evaluated exactly per route pair (best approximate first). */
const SWAP_STAR_EXACT = 4;

const EPS = 1e-9;

/** A move evaluated on at most two routes: the new node lists and the cost change. */
export interface MoveResult {
  delta: number;
  v1: number;
  nodes1: number[];
  v2: number;
  nodes2: number[] | null;
}

export class LocalSearch {
  private readonly sol: Solution;
  private readonly opts: LocalSearchOptions;
  /** Moves applied since construction (for statistics). */
  moves = 0;

  constructor(sol: Solution, opts: LocalSearchOptions) {
    this.sol = sol;
    this.opts = opts;
  }

  private okCompat(v: number, r: RouteData, i: number, j: number): boolean {
    const c = this.sol.c;
    const base = v * c.n;
    for (let p = i; p <= j; p++) if (c.compat[base + r.nodes[p]!] === 0) return false;
    return true;
  }

  /** Feasibility of the candidate just evaluated. */
  private okFeas(): boolean {
    return !this.opts.hardFeasibility || this.sol.ev.lastViolation <= FEAS_EPS;
  }

  /** Relocate the string of L visits starting at u's position to just after position q of route v2. */
  evalRelocate(u: number, L: number, v2: number, q: number): number {
    const sol = this.sol;
    const ev = sol.ev;
    const v1 = sol.routeOf[u]!;
    const r1 = sol.routes[v1]!;
    const p1 = sol.posOf[u]!;
    const e1 = r1.nodes.length - 1;
    if (p1 + L - 1 > e1 - 1) return Infinity;
    const r2 = sol.routes[v2]!;
    const e2 = r2.nodes.length - 1;
    if (q >= e2) return Infinity;
    if (v1 !== v2) {
      if (!this.okCompat(v2, r1, p1, p1 + L - 1)) return Infinity;
      ev.begin(v1);
      ev.addRange(r1, 0, p1 - 1);
      ev.addRange(r1, p1 + L, e1);
      const c1 = ev.end();
      if (!this.okFeas()) return Infinity;
      ev.begin(v2);
      ev.addRange(r2, 0, q);
      ev.addRange(r1, p1, p1 + L - 1);
      ev.addRange(r2, q + 1, e2);
      const c2 = ev.end();
      if (!this.okFeas()) return Infinity;
      return c1 + c2 - ev.routePenalised(r1) - ev.routePenalised(r2);
    }
    if (q >= p1 - 1 && q <= p1 + L - 1) return Infinity;
    ev.begin(v1);
    if (q < p1) {
      ev.addRange(r1, 0, q);
      ev.addRange(r1, p1, p1 + L - 1);
      ev.addRange(r1, q + 1, p1 - 1);
      ev.addRange(r1, p1 + L, e1);
    } else {
      ev.addRange(r1, 0, p1 - 1);
      ev.addRange(r1, p1 + L, q);
      ev.addRange(r1, p1, p1 + L - 1);
      ev.addRange(r1, q + 1, e1);
    }
    const c1 = ev.end();
    if (!this.okFeas()) return Infinity;
    return c1 - ev.routePenalised(r1);
  }

  applyRelocate(u: number, L: number, v2: number, q: number): void {
    const sol = this.sol;
    const v1 = sol.routeOf[u]!;
    const r1 = sol.routes[v1]!;
    const p1 = sol.posOf[u]!;
    const seg = r1.nodes.slice(p1, p1 + L);
    if (v1 !== v2) {
      const r2 = sol.routes[v2]!;
      r1.nodes.splice(p1, L);
      r2.nodes.splice(q + 1, 0, ...seg);
      this.commitRoutes(v1, v2);
    } else {
      const nodes = r1.nodes;
      let out: number[];
      if (q < p1) out = [...nodes.slice(0, q + 1), ...seg, ...nodes.slice(q + 1, p1), ...nodes.slice(p1 + L)];
      else out = [...nodes.slice(0, p1), ...nodes.slice(p1 + L, q + 1), ...seg, ...nodes.slice(q + 1)];
      r1.nodes = out;
      this.commitRoutes(v1, -1);
    }
  }

  /** Swap visits u and w. */
  evalSwap(u: number, w: number): number {
    const sol = this.sol;
    const ev = sol.ev;
    const v1 = sol.routeOf[u]!;
    const v2 = sol.routeOf[w]!;
    const r1 = sol.routes[v1]!;
    const r2 = sol.routes[v2]!;
    const p1 = sol.posOf[u]!;
    const p2 = sol.posOf[w]!;
    const c = sol.c;
    if (v1 !== v2) {
      if (c.compat[v1 * c.n + w] === 0 || c.compat[v2 * c.n + u] === 0) return Infinity;
      ev.begin(v1);
      ev.addRange(r1, 0, p1 - 1);
      ev.addNode(w);
      ev.addRange(r1, p1 + 1, r1.nodes.length - 1);
      const c1 = ev.end();
      if (!this.okFeas()) return Infinity;
      ev.begin(v2);
      ev.addRange(r2, 0, p2 - 1);
      ev.addNode(u);
      ev.addRange(r2, p2 + 1, r2.nodes.length - 1);
      const c2 = ev.end();
      if (!this.okFeas()) return Infinity;
      return c1 + c2 - ev.routePenalised(r1) - ev.routePenalised(r2);
    }
    const a = Math.min(p1, p2);
    const b = Math.max(p1, p2);
    ev.begin(v1);
    ev.addRange(r1, 0, a - 1);
    ev.addNode(r1.nodes[b]!);
    ev.addRange(r1, a + 1, b - 1);
    ev.addNode(r1.nodes[a]!);
    ev.addRange(r1, b + 1, r1.nodes.length - 1);
    const c1 = ev.end();
    if (!this.okFeas()) return Infinity;
    return c1 - ev.routePenalised(r1);
  }

  applySwap(u: number, w: number): void {
    const sol = this.sol;
    const v1 = sol.routeOf[u]!;
    const v2 = sol.routeOf[w]!;
    const p1 = sol.posOf[u]!;
    const p2 = sol.posOf[w]!;
    sol.routes[v1]!.nodes[p1] = w;
    sol.routes[v2]!.nodes[p2] = u;
    this.commitRoutes(v1, v1 === v2 ? -1 : v2);
  }

  /** 2-opt*: route of u keeps its head up to u and takes w's tail after w, and vice versa. */
  evalTwoOptStar(u: number, w: number): number {
    const sol = this.sol;
    const ev = sol.ev;
    const v1 = sol.routeOf[u]!;
    const v2 = sol.routeOf[w]!;
    if (v1 === v2) return Infinity;
    const r1 = sol.routes[v1]!;
    const r2 = sol.routes[v2]!;
    const p1 = sol.posOf[u]!;
    const p2 = sol.posOf[w]!;
    const e1 = r1.nodes.length - 1;
    const e2 = r2.nodes.length - 1;
    if (!this.okCompat(v1, r2, p2 + 1, e2 - 1) || !this.okCompat(v2, r1, p1 + 1, e1 - 1)) return Infinity;
    ev.begin(v1);
    ev.addRange(r1, 0, p1);
    ev.addTail(r2, p2 + 1);
    const c1 = ev.end();
    if (!this.okFeas()) return Infinity;
    ev.begin(v2);
    ev.addRange(r2, 0, p2);
    ev.addTail(r1, p1 + 1);
    const c2 = ev.end();
    if (!this.okFeas()) return Infinity;
    return c1 + c2 - ev.routePenalised(r1) - ev.routePenalised(r2);
  }

  applyTwoOptStar(u: number, w: number): void {
    const sol = this.sol;
    const v1 = sol.routeOf[u]!;
    const v2 = sol.routeOf[w]!;
    const r1 = sol.routes[v1]!;
    const r2 = sol.routes[v2]!;
    const p1 = sol.posOf[u]!;
    const p2 = sol.posOf[w]!;
    const t1 = r1.nodes.slice(p1 + 1, -1);
    const t2 = r2.nodes.slice(p2 + 1, -1);
    const end1 = r1.nodes[r1.nodes.length - 1]!;
    const end2 = r2.nodes[r2.nodes.length - 1]!;
    r1.nodes = [...r1.nodes.slice(0, p1 + 1), ...t2, end1];
    r2.nodes = [...r2.nodes.slice(0, p2 + 1), ...t1, end2];
    this.commitRoutes(v1, v2);
  }

  private commitRoutes(v1: number, v2: number): void {
    const sol = this.sol;
    this.lastV1 = v1;
    this.lastV2 = v2;
    sol.ev.updateRoute(sol.routes[v1]!);
    sol.reindex(v1);
    if (v2 >= 0) {
      sol.ev.updateRoute(sol.routes[v2]!);
      sol.reindex(v2);
    }
    this.moves++;
  }

  /** Routes changed by the last applied move (vehicle indices, -1 when none). */
  private lastV1 = -1;
  private lastV2 = -1;

  /**
   * Run to a local optimum (or until stopped). With `focusRoutes`, the first round looks only at
   * the visits of those routes (the ones a ruin-and-recreate just changed); later rounds look at the
   * routes the applied moves changed. Returns true when something improved.
   */
  run(rng: Rng, focusRoutes?: readonly number[]): boolean {
    const sol = this.sol;
    const c = sol.c;
    let order: number[] = [];
    if (focusRoutes) {
      for (const v of focusRoutes) for (const x of sol.routes[v]!.nodes) if (x < c.n) order.push(x);
    } else for (let j = 0; j < c.n; j++) order.push(j);
    const G = Math.min(this.opts.granularity, c.neighbourCount);
    let any = false;
    let rounds = 0;
    const marked = new Uint8Array(c.nv);
    while (order.length > 0 && rounds < 1000) {
      rounds++;
      if (this.opts.shouldStop()) break;
      for (let i = order.length - 1; i > 0; i--) {
        const k = rng.int(i + 1);
        const t = order[i]!;
        order[i] = order[k]!;
        order[k] = t;
      }
      marked.fill(0);
      const changed: number[] = [];
      const mark = (v: number): void => {
        if (v >= 0 && !marked[v]) {
          marked[v] = 1;
          changed.push(v);
        }
      };
      for (const u of order) {
        if (sol.routeOf[u]! < 0) continue;
        for (let k = 0; k < G; k++) {
          const w = c.neighbours[u * c.neighbourCount + k]!;
          if (sol.routeOf[w]! < 0 || sol.routeOf[u]! < 0) continue;
          if (this.tryPair(u, w)) {
            any = true;
            mark(this.lastV1);
            mark(this.lastV2);
          }
        }
        if (this.tryEmptyRoute(u)) {
          any = true;
          mark(this.lastV1);
          mark(this.lastV2);
        }
      }
      order = [];
      for (const v of changed) for (const x of sol.routes[v]!.nodes) if (x < c.n) order.push(x);
      if (order.length === 0 && this.opts.swapStar && !sol.links) {
        // Local optimum of the other moves: SWAP* on the routes of this run.
        const more = this.swapStarPass(focusRoutes ?? sol.routes.map((r) => r.vehicle));
        for (const v of more) for (const x of sol.routes[v]!.nodes) if (x < c.n) order.push(x);
        if (more.length > 0) any = true;
        focusRoutes = more;
      }
    }
    return any;
  }

  /**
   * Apply an improving move; with time links, keep it only if the links still hold over the
   * whole plan (the move's cost change is route-local, the links are not), else undo it.
   */
  private keep(va: number, vb: number, apply: () => void): boolean {
    const sol = this.sol;
    if (!sol.links) {
      apply();
      return true;
    }
    const na = sol.routes[va]!.nodes.slice();
    const nb = sol.routes[vb]!.nodes.slice();
    apply();
    if (sol.linkViolation() <= 1e-6) return true;
    sol.routes[va]!.nodes = na;
    sol.routes[vb]!.nodes = nb;
    this.commitRoutes(va, va === vb ? -1 : vb);
    this.moves -= 2;
    return false;
  }

  private tryPair(u: number, w: number): boolean {
    const sol = this.sol;
    // Relocate strings starting at u after w, and before w.
    for (let L = 1; L <= 3; L++) {
      const vw = sol.routeOf[w]!;
      const pw = sol.posOf[w]!;
      const vu = sol.routeOf[u]!;
      let d = this.evalRelocate(u, L, vw, pw);
      if (d < -EPS && this.keep(vu, vw, () => this.applyRelocate(u, L, vw, pw))) return true;
      d = this.evalRelocate(u, L, vw, pw - 1);
      if (d < -EPS && this.keep(vu, vw, () => this.applyRelocate(u, L, vw, pw - 1))) return true;
    }
    const vu = sol.routeOf[u]!;
    const vw = sol.routeOf[w]!;
    if (this.evalSwap(u, w) < -EPS && this.keep(vu, vw, () => this.applySwap(u, w))) return true;
    if (this.evalTwoOptStar(u, w) < -EPS && this.keep(vu, vw, () => this.applyTwoOptStar(u, w))) return true;
    // 2-opt* with u's predecessor: the head up to pred(u) meets w's tail from w.
    const pu = sol.posOf[u]!;
    const pw = sol.posOf[w]!;
    if (pu > 1 && pw > 1) {
      const a = sol.routes[sol.routeOf[u]!]!.nodes[pu - 1]!;
      const b = sol.routes[sol.routeOf[w]!]!.nodes[pw - 1]!;
      if (this.evalTwoOptStar(a, b) < -EPS && this.keep(vu, vw, () => this.applyTwoOptStar(a, b)))
        return true;
    }
    return false;
  }

  /**
   * SWAP* (Vidal 2022, "Hybrid genetic search for the CVRP: open-source implementation and SWAP*
   * neighborhood"): exchange u of route a and w of route b, each going to its best place in the
   * other route (not necessarily the other's place). Candidates are ranked by the arc-cost change
   * (each visit's three best insertion places in the other route, kept apart from the visit that
   * leaves it), then the best few are evaluated exactly (time windows, loads, the whole cost).
   * Applies the best improving exchange found; returns true when one was applied.
   */
  evalSwapStar(va: number, vb: number): MoveResult | null {
    const sol = this.sol;
    const c = sol.c;
    const ev = sol.ev;
    const ra = sol.routes[va]!;
    const rb = sol.routes[vb]!;
    const A = ra.nodes;
    const B = rb.nodes;
    const ea = A.length - 1;
    const eb = B.length - 1;
    if (ea < 2 || eb < 2) return null;
    const S = c.stride;
    const ca = c.classes[c.vClass[va]!]!.cost;
    const cb = c.classes[c.vClass[vb]!]!.cost;
    const loc = c.nodeLoc;
    const n = c.n;
    // Three best insertion places (after position q) of each visit of one route in the other.
    const top3 = (
      from: readonly number[],
      ef: number,
      into: readonly number[],
      ei: number,
      cost: Float64Array,
    ) => {
      const out = new Float64Array(ef * 6).fill(Infinity); // per position p: (q, delta) × 3
      for (let p = 1; p < ef; p++) {
        const lu = loc[from[p]!]!;
        const o = p * 6;
        for (let q = 0; q < ei; q++) {
          const l1 = loc[into[q]!]!;
          const l2 = loc[into[q + 1]!]!;
          const d = cost[l1 * S + lu]! + cost[lu * S + l2]! - cost[l1 * S + l2]!;
          if (d < out[o + 5]!) {
            if (d < out[o + 3]!) {
              out[o + 4] = out[o + 2]!;
              out[o + 5] = out[o + 3]!;
              if (d < out[o + 1]!) {
                out[o + 2] = out[o]!;
                out[o + 3] = out[o + 1]!;
                out[o] = q;
                out[o + 1] = d;
              } else {
                out[o + 2] = q;
                out[o + 3] = d;
              }
            } else {
              out[o + 4] = q;
              out[o + 5] = d;
            }
          }
        }
      }
      return out;
    };
    const insA = top3(A, ea, B, eb, cb); // visits of a into b
    const insB = top3(B, eb, A, ea, ca); // visits of b into a
    const removal = (R: readonly number[], p: number, cost: Float64Array): number => {
      const l0 = loc[R[p - 1]!]!;
      const l1 = loc[R[p]!]!;
      const l2 = loc[R[p + 1]!]!;
      return cost[l0 * S + l1]! + cost[l1 * S + l2]! - cost[l0 * S + l2]!;
    };
    // Best place of x (from the other route, its top-3 at ins[o…]) in route R once the visit at
    // position p leaves: its place, or a top-3 place not next to it. Returns [delta, q] with
    // q = -1 for "in p's place", delta including p's removal.
    let bestQ = 0;
    const placeWithout = (
      x: number,
      ins: Float64Array,
      o: number,
      R: readonly number[],
      p: number,
      cost: Float64Array,
    ): number => {
      const lx = loc[x]!;
      const l0 = loc[R[p - 1]!]!;
      const l2 = loc[R[p + 1]!]!;
      const lp = loc[R[p]!]!;
      let best = cost[l0 * S + lx]! + cost[lx * S + l2]! - cost[l0 * S + lp]! - cost[lp * S + l2]!;
      bestQ = -1;
      const rem = removal(R, p, cost);
      for (let k = 0; k < 3; k++) {
        const q = ins[o + 2 * k]!;
        if (q === Infinity) break;
        if (q === p - 1 || q === p) continue;
        const d = ins[o + 2 * k + 1]! - rem;
        if (d < best) {
          best = d;
          bestQ = q;
        }
        break; // the first valid of the sorted three is the best
      }
      return best;
    };
    const cands: Array<[number, number, number, number, number]> = []; // delta, pa, qa, pb, qb
    for (let pa = 1; pa < ea; pa++) {
      const u = A[pa]!;
      if (c.compat[vb * n + u] === 0) continue;
      for (let pb = 1; pb < eb; pb++) {
        const w = B[pb]!;
        if (c.compat[va * n + w] === 0) continue;
        // w into a without u, u into b without w.
        const dA = placeWithout(w, insB, pb * 6, A, pa, ca);
        const qa = bestQ;
        const dB = placeWithout(u, insA, pa * 6, B, pb, cb);
        const qb = bestQ;
        const d = dA + dB;
        if (d < -EPS) cands.push([d, pa, qa, pb, qb]);
      }
    }
    if (cands.length === 0) return null;
    cands.sort((x, y) => x[0] - y[0]);
    const base = ev.routePenalised(ra) + ev.routePenalised(rb);
    const build = (R: readonly number[], p: number, q: number, x: number): number[] => {
      // R without position p, with x after position q (q = -1: in p's place).
      const out: number[] = [];
      for (let k = 0; k < R.length; k++) {
        if (k === p) {
          if (q === -1) out.push(x);
          continue;
        }
        out.push(R[k]!);
        if (k === q) out.push(x);
      }
      return out;
    };
    for (let k = 0; k < Math.min(SWAP_STAR_EXACT, cands.length); k++) {
      const [, pa, qa, pb, qb] = cands[k]!;
      const na = build(A, pa, qa, B[pb]!);
      const nb = build(B, pb, qb, A[pa]!);
      ev.begin(va);
      for (const x of na) ev.addNode(x);
      const c1 = ev.end();
      if (!this.okFeas()) continue;
      ev.begin(vb);
      for (const x of nb) ev.addNode(x);
      const c2 = ev.end();
      if (!this.okFeas()) continue;
      const delta = c1 + c2 - base;
      if (delta < -EPS) return { delta, v1: va, nodes1: na, v2: vb, nodes2: nb };
    }
    return null;
  }

  /** SWAP* between each route of `routes` and the routes of its visits' neighbours. */
  private swapStarPass(routes: readonly number[]): number[] {
    const sol = this.sol;
    const c = sol.c;
    const G = Math.min(this.opts.granularity, c.neighbourCount);
    const changed: number[] = [];
    const seen = new Set<number>();
    for (const va of routes) {
      if (this.opts.shouldStop()) break;
      const near = new Set<number>();
      for (const x of sol.routes[va]!.nodes) {
        if (x >= c.n) continue;
        for (let k = 0; k < G; k++) {
          const vb = sol.routeOf[c.neighbours[x * c.neighbourCount + k]!]!;
          if (vb >= 0 && vb !== va) near.add(vb);
        }
      }
      for (const vb of near) {
        const key = va < vb ? va * c.nv + vb : vb * c.nv + va;
        if (seen.has(key)) continue;
        seen.add(key);
        const m = this.evalSwapStar(va, vb);
        if (m === null || m.nodes2 === null) continue;
        const applied = this.keep(va, vb, () => this.applyMove(m));
        if (applied) {
          this.swapStarMoves++;
          changed.push(va, vb);
        }
      }
    }
    return changed;
  }

  /** Apply a move given by its new node lists. */
  applyMove(m: MoveResult): void {
    this.sol.routes[m.v1]!.nodes = m.nodes1;
    if (m.nodes2 !== null) this.sol.routes[m.v2]!.nodes = m.nodes2;
    this.commitRoutes(m.v1, m.nodes2 !== null ? m.v2 : -1);
  }

  /** SWAP* moves applied (statistics). */
  swapStarMoves = 0;

  private tryEmptyRoute(u: number): boolean {
    const sol = this.sol;
    const c = sol.c;
    const v1 = sol.routeOf[u]!;
    if (sol.routes[v1]!.nodes.length <= 3) return false;
    const seen = new Set<number>();
    for (let v = 0; v < c.nv; v++) {
      const r = sol.routes[v]!;
      if (r.nodes.length !== 2 || c.compat[v * c.n + u] === 0) continue;
      const sig = c.vSignature[v]!;
      if (seen.has(sig)) continue;
      seen.add(sig);
      if (this.evalRelocate(u, 1, v, 0) < -EPS && this.keep(v1, v, () => this.applyRelocate(u, 1, v, 0)))
        return true;
    }
    return false;
  }
}
