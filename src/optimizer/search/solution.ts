/**
 * The search's mutable solution: one route per vehicle (possibly empty) plus the unassigned jobs.
 * Changes go through `touch` so that an iteration can be undone cheaply.
 */
import type { Compiled } from '../model/compile.js';
import type { Evaluator, RouteData } from '../eval/route-eval.js';
import { LinkScheduler } from '../eval/links.js';

/** Objective, compared lexicographically: unassigned priority, unassigned count, cost. */
export interface Objective {
  unassignedPriority: number;
  unassignedCount: number;
  /** Raw cost plus penalty · violation. */
  cost: number;
}

export function compareObjective(a: Objective, b: Objective): number {
  if (a.unassignedPriority !== b.unassignedPriority) return a.unassignedPriority - b.unassignedPriority;
  if (a.unassignedCount !== b.unassignedCount) return a.unassignedCount - b.unassignedCount;
  return a.cost - b.cost;
}

interface Backup {
  nodes: number[];
  fwd: Float64Array;
  bwd: Float64Array;
  assignPrefix: Float64Array;
  cost: number;
  violation: number;
}

export class Solution {
  readonly c: Compiled;
  readonly ev: Evaluator;
  readonly routes: RouteData[];
  /** Route (vehicle index) of each job, -1 when unassigned. */
  readonly routeOf: Int32Array;
  /** Position of each job in its route's node list. */
  readonly posOf: Int32Array;
  unassigned: number[] = [];
  private backups = new Map<number, Backup>();
  private unassignedBackup: number[] | null = null;
  /** Spare cache buffers (any size: updateRoute grows them when needed). */
  private pool: Float64Array[] = [];

  /** Present when the problem has time links (double visits, precedence). */
  readonly links: LinkScheduler | null;

  constructor(c: Compiled, ev: Evaluator) {
    this.c = c;
    this.ev = ev;
    this.links = c.problem.links.length > 0 ? new LinkScheduler(c) : null;
    this.routes = [];
    for (let v = 0; v < c.nv; v++) this.routes.push(ev.makeRoute(v, []));
    this.routeOf = new Int32Array(c.n).fill(-1);
    this.posOf = new Int32Array(c.n).fill(-1);
    for (let j = 0; j < c.n; j++) this.unassigned.push(j);
  }

  /** Replace all routes (job index lists per vehicle). */
  load(routes: readonly (readonly number[])[]): void {
    this.routeOf.fill(-1);
    const assigned = new Uint8Array(this.c.n);
    for (let v = 0; v < this.c.nv; v++) {
      const jobs = routes[v] ?? [];
      const r = this.routes[v]!;
      r.nodes = [this.c.n + 2 * v, ...jobs, this.c.n + 2 * v + 1];
      this.ev.updateRoute(r);
      this.reindex(v);
      for (const j of jobs) assigned[j] = 1;
    }
    this.unassigned = [];
    for (let j = 0; j < this.c.n; j++) if (!assigned[j]) this.unassigned.push(j);
    this.backups.clear();
    this.unassignedBackup = null;
  }

  /** Job lists per vehicle. */
  snapshot(): number[][] {
    return this.routes.map((r) => r.nodes.slice(1, -1));
  }

  reindex(v: number): void {
    const nodes = this.routes[v]!.nodes;
    for (let p = 1; p < nodes.length - 1; p++) {
      this.routeOf[nodes[p]!] = v;
      this.posOf[nodes[p]!] = p;
    }
  }

  /** Record route v's state before a change (once per transaction). */
  touch(v: number): void {
    if (this.backups.has(v)) return;
    const r = this.routes[v]!;
    this.backups.set(v, {
      nodes: r.nodes.slice(),
      fwd: r.fwd,
      bwd: r.bwd,
      assignPrefix: r.assignPrefix,
      cost: r.cost,
      violation: r.violation,
    });
    // Fresh cache buffers for the changed route; the backup keeps the old ones.
    r.fwd = this.pool.pop() ?? new Float64Array(r.fwd.length);
    r.bwd = this.pool.pop() ?? new Float64Array(r.bwd.length);
    r.assignPrefix = this.pool.pop() ?? new Float64Array(r.assignPrefix.length);
    if (this.unassignedBackup === null) this.unassignedBackup = this.unassigned.slice();
  }

  beginTransaction(): void {
    this.backups.clear();
    this.unassignedBackup = this.unassigned.slice();
  }

  /** Routes changed by the last committed transaction. */
  lastChanged: number[] = [];

  commit(): void {
    this.lastChanged = [...this.backups.keys()];
    for (const b of this.backups.values()) this.pool.push(b.fwd, b.bwd, b.assignPrefix);
    this.backups.clear();
    this.unassignedBackup = null;
  }

  rollback(): void {
    for (const [v, b] of this.backups) {
      const r = this.routes[v]!;
      for (let p = 1; p < r.nodes.length - 1; p++) this.routeOf[r.nodes[p]!] = -1;
      this.pool.push(r.fwd, r.bwd, r.assignPrefix);
      r.nodes = b.nodes;
      r.fwd = b.fwd;
      r.bwd = b.bwd;
      r.assignPrefix = b.assignPrefix;
      r.cost = b.cost;
      r.violation = b.violation;
      r.version++;
    }
    for (const v of this.backups.keys()) this.reindex(v);
    if (this.unassignedBackup !== null) {
      for (const j of this.unassignedBackup) this.routeOf[j] = -1;
      this.unassigned = this.unassignedBackup;
    }
    this.backups.clear();
    this.unassignedBackup = null;
  }

  /** Remove job j from its route (caches updated by the caller via `refresh`). */
  removeJob(j: number): void {
    const v = this.routeOf[j]!;
    this.touch(v);
    const r = this.routes[v]!;
    const p = this.posOf[j]!;
    r.nodes.splice(p, 1);
    for (let q = p; q < r.nodes.length - 1; q++) this.posOf[r.nodes[q]!] = q;
    this.routeOf[j] = -1;
    this.posOf[j] = -1;
  }

  /** Insert job j at position p (1-based among nodes) of route v, caches refreshed. */
  insertJob(j: number, v: number, p: number): void {
    this.touch(v);
    const r = this.routes[v]!;
    r.nodes.splice(p, 0, j);
    for (let q = p; q < r.nodes.length - 1; q++) {
      this.posOf[r.nodes[q]!] = q;
      this.routeOf[r.nodes[q]!] = v;
    }
    this.ev.updateRoute(r);
  }

  refresh(v: number): void {
    this.ev.updateRoute(this.routes[v]!);
  }

  /** Violation of the time links in the current plan (0 without links); refreshes links.start. */
  linkViolation(): number {
    return this.links ? this.links.schedule(this.routes, this.routeOf) : 0;
  }

  objective(): Objective {
    let cost = this.ev.penalty * this.linkViolation();
    for (const r of this.routes) cost += this.ev.routePenalised(r);
    let up = 0;
    for (const j of this.unassigned) up += this.c.jobPriority[j]!;
    return { unassignedPriority: up, unassignedCount: this.unassigned.length, cost };
  }

  isFeasible(eps = 1e-6): boolean {
    return this.routes.every((r) => r.violation <= eps) && this.linkViolation() <= eps;
  }
}
