/**
 * The optimiser's one public entry point. Pure TypeScript: no I/O, no Node APIs; the clock,
 * seed and cancellation are passed in.
 */
export type {
  Break,
  Job,
  Plan,
  PlanRoute,
  PlanStep,
  Problem,
  TimeLink,
  TimeWindow,
  TravelMatrices,
  Vehicle,
  VehicleCosts,
} from './model/problem.js';
export { makeJob, makeVehicle } from './model/problem.js';
export { solve } from './solve.js';
export type { SolveOptions, SolveProgress, SolveResult } from './solve.js';
export type { Objective } from './search/solution.js';
export { checkPlan } from './check.js';
export type { CheckReport, CheckedRoute, CheckedStep, Violation, ViolationCode } from './check.js';
export {
  InputError,
  fromVroomInput,
  haversineMetres,
  toVroomOutput,
  unassignedReason,
} from './vroom/adapter.js';
export type { VroomOutput, VroomProblem } from './vroom/adapter.js';
export { checkVroom, solveVroom } from './vroom/run.js';
