import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { startOptimisation } from '../../src/jobs/optimise-runner.js';

const tiny = JSON.parse(readFileSync(new URL('./examples/tiny.json', import.meta.url), 'utf8')) as unknown;

function bigProblem(n: number): unknown {
  const jobs = Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    location: [(i * 37) % 101, (i * 61) % 103],
    service: 5,
  }));
  return {
    vehicles: Array.from({ length: 10 }, (_, v) => ({ id: v + 1, start: [50, 50], end: [50, 50] })),
    jobs,
    proxidom: { travel: { type: 'euclidean', speed: 1 } },
  };
}

describe('startOptimisation (worker thread under tsx)', () => {
  it('solves a small problem in a worker and reports progress', async () => {
    const progress: number[] = [];
    const h = startOptimisation(tiny, { timeLimitMs: 300, onProgress: (p) => progress.push(p.iteration) });
    const out = (await h.promise) as { code: number; routes: unknown[] };
    expect(out.code).toBe(0);
    expect(out.routes.length).toBeGreaterThan(0);
    expect(progress.length).toBeGreaterThan(0);
  });

  it('returns the best plan so far when cancelled, long before the time limit', async () => {
    const t0 = Date.now();
    const h = startOptimisation(bigProblem(300), { timeLimitMs: 60_000 });
    setTimeout(() => h.cancel(), 1500);
    const out = (await h.promise) as { summary: { unassigned: number } };
    expect(Date.now() - t0).toBeLessThan(20_000);
    expect(out.summary.unassigned).toBe(0);
  });

  it('rejects bad input with an input error', async () => {
    const h = startOptimisation({ vehicles: [] }, { timeLimitMs: 100 });
    await expect(h.promise).rejects.toMatchObject({ inputError: true });
  });
});
