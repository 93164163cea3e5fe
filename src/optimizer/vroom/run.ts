/** One-call entry points on VROOM JSON: solve a problem, or check a given plan. */
import { checkPlan } from '../check.js';
import type { CheckReport } from '../check.js';
import { solve } from '../solve.js';
import type { SolveOptions } from '../solve.js';
import { InputError, fromVroomInput, toVroomOutput } from './adapter.js';
import type { VroomOutput } from './adapter.js';

/** Solve a VROOM-format problem; time limit and seed from options, else from input.proxidom, else 5 s / seed 1. */
export function solveVroom(input: unknown, options: SolveOptions = {}): VroomOutput {
  const now = options.now ?? Date.now;
  const t0 = now();
  const vp = fromVroomInput(input);
  const t1 = now();
  const initialRoutes = vp.givenPlan
    ? vp.problem.vehicles.map(
        (_, v) =>
          vp
            .givenPlan!.routes.find((r) => r.vehicle === v)
            ?.steps.flatMap((s) => (s.type === 'job' ? [s.job] : [])) ?? [],
      )
    : undefined;
  const res = solve(vp.problem, {
    ...options,
    timeLimitMs:
      options.timeLimitMs ?? (vp.options.timeLimitS !== undefined ? vp.options.timeLimitS * 1000 : 5000),
    seed: options.seed ?? vp.options.seed ?? 1,
    ...(initialRoutes ? { initialRoutes } : {}),
  });
  return toVroomOutput(vp, res.plan, { loading: t1 - t0, solving: now() - t1 });
}

/** Check mode: timings, cost and every broken rule of the plan given in vehicles[].steps. */
export function checkVroom(input: unknown): VroomOutput & { check: CheckReport } {
  const vp = fromVroomInput(input);
  if (!vp.givenPlan)
    throw new InputError(
      'mode --check : aucun plan dans vehicles[].steps / --check: no plan given in vehicles[].steps',
    );
  const out = toVroomOutput(vp, vp.givenPlan, { loading: 0, solving: 0 });
  return { ...out, check: checkPlan(vp.problem, vp.givenPlan) };
}

export { InputError };
