/**
 * solve(): the optimiser's entry point. Pure: the clock and cancellation are injected, the seed
 * makes a run repeatable (for a given iteration count; with a time limit the number of iterations
 * depends on the machine's speed).
 */
import { compileProblem } from './model/compile.js';
import type { Compiled } from './model/compile.js';
import type { Plan, PlanRoute, PlanStep, Problem } from './model/problem.js';
import { Evaluator } from './eval/route-eval.js';
import type { RouteSchedule } from './eval/route-eval.js';
import { insertJobs } from './construct/insertion.js';
import { Rng } from './search/rng.js';
import { Solution } from './search/solution.js';
import type { Objective } from './search/solution.js';
import { DEFAULT_PARAMS, runSearch, sortForInsertion } from './search/sisr.js';
import type { SearchParams } from './search/sisr.js';

export interface SolveProgress {
  elapsedMs: number;
  iteration: number;
  /** Best plan so far: unassigned priority and count, cost (penalised). */
  objective: Objective;
}

export interface SolveOptions {
  /** Wall-clock budget in milliseconds (default 5 000). */
  timeLimitMs?: number;
  /** Iteration budget (default unbounded); with a fixed budget the run is repeatable. */
  maxIterations?: number;
  seed?: number;
  /** Clock in milliseconds (default Date.now). */
  now?: () => number;
  /** Called with each new best plan. */
  onProgress?: (p: SolveProgress) => void;
  /** Polled during the search: return true to stop and get the best plan so far. */
  isCancelled?: () => boolean;
  /** Starting plan: job indices per vehicle index. */
  initialRoutes?: readonly (readonly number[])[];
  /** Tuning knobs (see search/sisr.ts). */
  params?: Partial<SearchParams>;
}

export interface SolveResult {
  plan: Plan;
  objective: Objective;
  iterations: number;
  elapsedMs: number;
}

export function solve(problem: Problem, options: SolveOptions = {}): SolveResult {
  const now = options.now ?? Date.now;
  const t0 = now();
  const c = compileProblem(problem);
  const ev = new Evaluator(c);
  ev.hardPrune = true; // the search keeps every route feasible
  const sol = new Solution(c, ev);
  const rng = new Rng(options.seed ?? 1);
  if (options.initialRoutes) {
    sol.load(options.initialRoutes);
    const rest = sol.unassigned;
    sol.unassigned = [];
    sortForInsertion(sol, rest, rng);
    insertJobs(sol, rest, rng, { blinkRate: 0 });
  } else {
    const jobs = sol.unassigned;
    sol.unassigned = [];
    // Hardest first: priority, then narrow windows and far from the first start place.
    const depot = c.nodeLoc[c.n]!;
    const tc = c.classes[0];
    const key = (j: number): number => (tc ? -tc.cost[depot * c.stride + c.nodeLoc[j]!]! : 0);
    jobs.sort((a, b) => c.jobPriority[b]! - c.jobPriority[a]! || key(a) - key(b));
    insertJobs(sol, jobs, rng, { blinkRate: 0 });
  }
  const params = { ...DEFAULT_PARAMS, ...(options.params ?? {}) };
  const stats = runSearch(sol, rng, params, {
    elapsedMs: () => now() - t0,
    timeLimitMs: options.timeLimitMs ?? 5000,
    maxIterations: options.maxIterations ?? Infinity,
    isCancelled: options.isCancelled ?? (() => false),
    onBest: (objective, iteration) => options.onProgress?.({ elapsedMs: now() - t0, iteration, objective }),
  });
  sol.load(stats.best);
  const starts = sol.links ? (sol.linkViolation(), sol.links.start) : null;
  return {
    plan: buildPlan(c, ev, stats.best, stats.bestUnassigned, starts),
    objective: stats.bestObjective,
    iterations: stats.iterations,
    elapsedMs: now() - t0,
  };
}

/** Turn job lists into a plan, placing breaks where the route simulation takes them. */
export function buildPlan(
  c: Compiled,
  ev: Evaluator,
  routes: readonly (readonly number[])[],
  unassigned: readonly number[],
  starts: Float64Array | null = null,
): Plan {
  const out: PlanRoute[] = [];
  routes.forEach((jobs, v) => {
    if (jobs.length === 0) return;
    const steps: PlanStep[] = [];
    if (c.vHasBreaks[v]) {
      const nodes = [c.n + 2 * v, ...jobs, c.n + 2 * v + 1];
      const sched: RouteSchedule = { arrival: [], serviceStart: [], breaksBefore: new Map(), departure: 0 };
      ev.simulate(v, nodes, nodes.length, sched);
      for (let p = 1; p < nodes.length; p++) {
        for (const [b] of sched.breaksBefore.get(p) ?? []) steps.push({ type: 'break', break: b });
        if (p < nodes.length - 1) steps.push({ type: 'job', job: nodes[p]! });
      }
    } else {
      for (const j of jobs)
        steps.push(starts ? { type: 'job', job: j, start: starts[j]! } : { type: 'job', job: j });
    }
    out.push({ vehicle: v, steps });
  });
  return { routes: out, unassigned: [...unassigned] };
}
