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
}

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
