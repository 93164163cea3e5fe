/** Solutions and clocks for the optimiser's tests (seeded, repeatable). */
import { insertJobs } from '../construct/insertion.js';
import { Evaluator } from '../eval/route-eval.js';
import { compileProblem } from '../model/compile.js';
import type { Problem } from '../model/problem.js';
import { Rng } from '../search/rng.js';
import { Solution } from '../search/solution.js';

/** Every vehicle gets a large fixed cost: the hierarchical objective (fewest routes first). */
export function withFixedCost(p: Problem): Problem {
  return { ...p, vehicles: p.vehicles.map((v) => ({ ...v, costs: { ...v.costs, fixed: 1e7 } })) };
}

/** A clock that advances 1 ms per reading: a time limit becomes a repeatable budget. */
export function tickClock(): () => number {
  let t = 0;
  return () => t++;
}

/** A random (possibly infeasible) assignment of all jobs, respecting compatibility. */
export function randomAssignment(
  p: Problem,
  seed: number,
  penalty: number,
): { sol: Solution; ev: Evaluator; rng: Rng } {
  const c = compileProblem(p);
  const ev = new Evaluator(c);
  ev.penalty = penalty;
  const sol = new Solution(c, ev);
  const rng = new Rng(seed);
  const routes: number[][] = p.vehicles.map(() => []);
  for (let j = 0; j < c.n; j++) {
    const ok = p.vehicles.map((_, v) => v).filter((v) => c.compat[v * c.n + j] === 1);
    if (ok.length > 0) routes[ok[rng.int(ok.length)]!]!.push(j);
  }
  sol.load(routes);
  return { sol, ev, rng };
}

/** The search's first plan: cheapest feasible insertion of every job, with hard feasibility. */
export function constructed(p: Problem, seed: number): { sol: Solution; rng: Rng } {
  const c = compileProblem(p);
  const ev = new Evaluator(c);
  ev.hardPrune = true;
  const sol = new Solution(c, ev);
  const rng = new Rng(seed);
  const jobs = sol.unassigned;
  sol.unassigned = [];
  insertJobs(sol, jobs, rng, { blinkRate: 0 });
  return { sol, rng };
}
