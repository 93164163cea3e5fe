import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runOptimiseCommand } from '../../src/cli/optimise.js';

const tiny = join(import.meta.dirname, 'examples/tiny.json');

function capture(): { out: () => string; err: () => string } {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation(
    (s: string | Uint8Array) => ((out += String(s)), true),
  );
  vi.spyOn(process.stderr, 'write').mockImplementation(
    (s: string | Uint8Array) => ((err += String(s)), true),
  );
  return { out: () => out, err: () => err };
}

describe('proxidom optimise (runOptimiseCommand)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints a VROOM-format plan on stdout and exits 0', async () => {
    const io = capture();
    const code = await runOptimiseCommand([tiny, '--time-limit', '0.2', '--seed', '3']);
    expect(code).toBe(0);
    const out = JSON.parse(io.out()) as {
      code: number;
      routes: unknown[];
      summary: { proxidom: { feasible: boolean } };
    };
    expect(out.code).toBe(0);
    expect(out.summary.proxidom.feasible).toBe(true);
  });

  it('--check scores the plan given in vehicles[].steps', async () => {
    const io = capture();
    const code = await runOptimiseCommand([join(import.meta.dirname, 'examples/tiny-check.json'), '--check']);
    expect(code).toBe(0);
    const out = JSON.parse(io.out()) as {
      check: { feasible: boolean; violations: Array<{ code: string }> };
      routes: Array<{ steps: Array<Record<string, unknown>> }>;
    };
    expect(out.check.feasible).toBe(false);
    expect(out.check.violations.map((v) => v.code)).toContain('skills');
    // Visit 12 is planned at 29700 (service_at): the worker leaves to be there then, and the next
    // visit (window ends at 32400) is 1300 s late.
    const steps = out.routes[0]!.steps;
    expect(steps.map((s) => [s.type, s.id ?? null, s.arrival, s.service_at ?? null])).toEqual([
      ['start', null, 28900, null],
      ['job', 12, 29700, 29700],
      ['job', 10, 33700, null],
      ['break', 1, 36300, null],
      ['job', 11, 37200, null],
      ['end', null, 40200, null],
    ]);
    expect(steps[2]!.violations).toEqual([{ cause: 'delay', duration: 1300 }]);
    expect(steps[4]!.violations).toEqual([{ cause: 'skills' }, { cause: 'delay', duration: 1200 }]);
  });

  it('explains bad input on stderr (French / English) and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'optimise-'));
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"vehicles": [], "jobs": []}');
    const io = capture();
    expect(await runOptimiseCommand([bad])).toBe(1);
    expect(io.err()).toMatch(/entrée invalide \/ invalid input/);
    writeFileSync(bad, '{not json');
    expect(await runOptimiseCommand([bad])).toBe(1);
    expect(io.err()).toMatch(/JSON invalide/);
    expect(await runOptimiseCommand([])).toBe(1);
    expect(await runOptimiseCommand([tiny, '--time-limit', 'abc'])).toBe(1);
  });
});
