/**
 * Time links between visits (double visits by two workers at the same time, precedence with a
 * minimum and maximum gap) couple routes, so they are scheduled over the whole plan: earliest
 * start times by forward passes, then every link raises the lower bound of the visit that is too
 * early, until nothing moves (a longest-path fixpoint over difference constraints). What is still
 * late or unlinked is the violation, penalised by the search.
 *
 * Breaks are not placed by this scheduler: linked visits are meant for workers without breaks.
 */
import type { Compiled } from '../model/compile.js';

const TOL = 1e-7;

export class LinkScheduler {
  private readonly c: Compiled;
  /** Start of service per job (NaN when unassigned). */
  readonly start: Float64Array;
  private readonly lb: Float64Array;
  /** Links per job: indices into problem.links. */
  readonly linksOf: number[][];
  /** Lateness per vehicle in the last schedule. */
  readonly lateOf: Float64Array;

  constructor(c: Compiled) {
    this.c = c;
    this.start = new Float64Array(c.n);
    this.lb = new Float64Array(c.n);
    this.linksOf = Array.from({ length: c.n }, () => []);
    this.lateOf = new Float64Array(c.nv);
    c.problem.links.forEach((l, i) => {
      this.linksOf[l.first]!.push(i);
      this.linksOf[l.second]!.push(i);
    });
  }

  /** Schedule routes (node lists per vehicle); returns the total violation. */
  schedule(
    routes: ReadonlyArray<{ vehicle: number; nodes: readonly number[] }>,
    routeOf: Int32Array,
  ): number {
    const c = this.c;
    const links = c.problem.links;
    this.lb.fill(-Infinity);
    this.start.fill(NaN);
    let violation = 0;
    for (let round = 0; round < 60; round++) {
      violation = 0;
      for (const r of routes) {
        const late = this.forward(r.vehicle, r.nodes);
        this.lateOf[r.vehicle] = late;
        violation += late;
      }
      let changed = false;
      for (const l of links) {
        const a = this.start[l.first]!;
        const b = this.start[l.second]!;
        if (Number.isNaN(a) || Number.isNaN(b)) continue;
        if (b < a + l.minGap - TOL) {
          this.lb[l.second] = a + l.minGap;
          changed = true;
        }
        if (a < b - l.maxGap - TOL) {
          this.lb[l.first] = b - l.maxGap;
          changed = true;
        }
      }
      if (!changed) break;
    }
    for (const l of links) {
      const a = this.start[l.first]!;
      const b = this.start[l.second]!;
      const na = Number.isNaN(a);
      const nb = Number.isNaN(b);
      if (na !== nb) {
        violation += 1000; // half a double visit (or a precedence without its first visit)
        continue;
      }
      if (na) continue;
      const gap = b - a;
      if (gap < l.minGap - TOL) violation += l.minGap - gap;
      if (gap > l.maxGap + TOL) violation += gap - l.maxGap;
      if (l.kind === 'synchronised' && routeOf[l.first] === routeOf[l.second]) violation += 1000;
    }
    return violation;
  }

  /** Is link li violated in the last schedule (gap, half planned, double visit by one worker)? */
  isViolated(li: number, routeOf: Int32Array): boolean {
    const l = this.c.problem.links[li]!;
    const a = this.start[l.first]!;
    const b = this.start[l.second]!;
    const na = Number.isNaN(a);
    const nb = Number.isNaN(b);
    if (na !== nb) return true;
    if (na) return false;
    const gap = b - a;
    if (gap < l.minGap - TOL || gap > l.maxGap + TOL) return true;
    return l.kind === 'synchronised' && routeOf[l.first] === routeOf[l.second];
  }

  /** Earliest schedule of one route with the current lower bounds; returns its lateness. */
  private forward(v: number, nodes: readonly number[]): number {
    const c = this.c;
    const len = nodes.length;
    if (len <= 2) return 0;
    const tc = c.classes[c.vClass[v]!]!;
    const stride = c.stride;
    const jobs = c.problem.jobs;
    let late = 0;
    let t = c.nodeE[nodes[0]!]!;
    let prev = nodes[0]!;
    for (let p = 1; p < len; p++) {
      const x = nodes[p]!;
      const la = c.nodeLoc[prev]!;
      const lb = c.nodeLoc[x]!;
      const arrive = t + tc.dur[la * stride + lb]! + (la !== lb ? c.nodeSetup[x]! : 0);
      if (x >= c.n) {
        if (arrive > c.nodeL[x]!) late += arrive - c.nodeL[x]!;
        break;
      }
      let s = arrive;
      const low = this.lb[x]!;
      if (low > s) s = low;
      const tws = jobs[x]!.timeWindows;
      let inWindow = tws.length === 0;
      for (let k = 0; k < tws.length; k++) {
        const w = tws[k]!;
        if (s <= w[1]) {
          if (s < w[0]) s = w[0];
          inWindow = true;
          break;
        }
      }
      if (!inWindow) late += s - tws[tws.length - 1]![1];
      this.start[x] = s;
      t = s + c.nodeService[x]!;
      prev = x;
    }
    return late;
  }
}
