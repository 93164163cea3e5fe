/**
 * Runs the optimiser off the main thread: `startOptimisation(input, options)` starts a worker
 * thread and returns at once with a promise of the plan and a `cancel()` that makes the search
 * stop and resolve with the best plan so far (anytime).
 *
 * The app runs TypeScript through tsx. On Node 20 `execArgv: ['--import', 'tsx']` does not reach a
 * worker's entry module (ERR_UNKNOWN_FILE_EXTENSION, checked), so a .ts worker is started from a
 * one-line bootstrap that loads it through tsx's API (`tsImport`); a compiled .js build starts the
 * .js worker directly.
 */
import { Worker } from 'node:worker_threads';
import type { OptimiseWorkerData, OptimiseWorkerMessage } from './optimise.worker.js';

export interface OptimisationProgress {
  elapsedMs: number;
  iteration: number;
  unassigned: number;
  /** Penalised cost of the best plan so far. */
  cost: number;
}

export interface StartOptimisationOptions {
  timeLimitMs: number;
  seed?: number;
  onProgress?: (p: OptimisationProgress) => void;
  /** Extra wall time after the limit before the worker is terminated (default 10 s). */
  graceMs?: number;
}

export interface OptimisationHandle {
  /** Resolves with VROOM's output format (plus our extensions); rejects on bad input or crash. */
  promise: Promise<unknown>;
  /** Stop the search now; the promise resolves with the best plan so far. */
  cancel: () => void;
}

export class OptimisationError extends Error {
  constructor(
    message: string,
    readonly inputError: boolean,
  ) {
    super(message);
    this.name = 'OptimisationError';
  }
}

export function startOptimisation(input: unknown, options: StartOptimisationOptions): OptimisationHandle {
  const isTs = import.meta.url.endsWith('.ts');
  const url = new URL(isTs ? './optimise.worker.ts' : './optimise.worker.js', import.meta.url);
  const cancelFlag = new SharedArrayBuffer(4);
  const flag = new Int32Array(cancelFlag);
  const data: OptimiseWorkerData = {
    input,
    timeLimitMs: options.timeLimitMs,
    seed: options.seed ?? 1,
    cancelFlag,
  };
  const worker = isTs
    ? new Worker(
        `import('tsx/esm/api').then((api) => api.tsImport(${JSON.stringify(url.href)}, ${JSON.stringify(import.meta.url)}))`,
        { eval: true, workerData: data },
      )
    : new Worker(url, { workerData: data });
  let settled = false;
  const promise = new Promise<unknown>((resolve, reject) => {
    const killer = setTimeout(
      () => {
        if (!settled) {
          settled = true;
          void worker.terminate();
          reject(new OptimisationError('optimisation did not stop in time', false));
        }
      },
      options.timeLimitMs + (options.graceMs ?? 10_000),
    );
    worker.on('message', (m: OptimiseWorkerMessage) => {
      if (m.type === 'progress')
        options.onProgress?.({
          elapsedMs: m.elapsedMs,
          iteration: m.iteration,
          unassigned: m.unassigned,
          cost: m.cost,
        });
      else if (!settled) {
        settled = true;
        clearTimeout(killer);
        if (m.type === 'done') resolve(m.output);
        else reject(new OptimisationError(m.message, m.inputError));
        void worker.terminate();
      }
    });
    worker.on('error', (e) => {
      if (settled) return;
      settled = true;
      clearTimeout(killer);
      reject(e);
    });
    worker.on('exit', (code) => {
      if (settled) return;
      settled = true;
      clearTimeout(killer);
      reject(new OptimisationError(`optimisation worker exited with code ${code}`, false));
    });
  });
  return {
    promise,
    cancel: () => {
      Atomics.store(flag, 0, 1);
    },
  };
}
