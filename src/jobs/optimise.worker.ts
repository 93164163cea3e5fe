/**
 * Worker thread body for an optimisation run: receives a VROOM-format problem, solves it with the
 * time limit, posts progress on each new best plan and the final plan. A 'cancel' message stops
 * the search at its next check and returns the best plan so far.
 *
 * The search is synchronous, so cancellation arrives through a SharedArrayBuffer flag the parent
 * sets (messages would wait for the search to end).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { solveVroom } from '../optimizer/index.js';

export interface OptimiseWorkerData {
  input: unknown;
  timeLimitMs: number;
  seed: number;
  /** Int32Array over a SharedArrayBuffer: [0] != 0 means cancelled. */
  cancelFlag: SharedArrayBuffer;
}

export type OptimiseWorkerMessage =
  | { type: 'progress'; elapsedMs: number; iteration: number; unassigned: number; cost: number }
  | { type: 'done'; output: unknown }
  | { type: 'error'; message: string; inputError: boolean };

const data = workerData as OptimiseWorkerData;
const flag = new Int32Array(data.cancelFlag);
try {
  const output = solveVroom(data.input, {
    timeLimitMs: data.timeLimitMs,
    seed: data.seed,
    isCancelled: () => Atomics.load(flag, 0) !== 0,
    onProgress: (p) =>
      parentPort?.postMessage({
        type: 'progress',
        elapsedMs: p.elapsedMs,
        iteration: p.iteration,
        unassigned: p.objective.unassignedCount,
        cost: p.objective.cost,
      } satisfies OptimiseWorkerMessage),
  });
  parentPort?.postMessage({ type: 'done', output } satisfies OptimiseWorkerMessage);
} catch (e) {
  const err = e as Error;
  parentPort?.postMessage({
    type: 'error',
    message: err.message,
    inputError: err.name === 'InputError' || err.constructor.name === 'InputError',
  } satisfies OptimiseWorkerMessage);
}
