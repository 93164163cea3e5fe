/**
 * Planning optimiser benchmarks.
 *
 *   npx tsx bench/optimizer/run.ts --set solomon|homberger|all [--time SECONDS|vroom] [--objective distance|hierarchical]
 *        [--filter REGEX] [--seed N] [--out results/FILE.csv]
 *
 * Every plan is checked by the independent checker and its distance recomputed from the
 * coordinates in double precision. `--time vroom` gives each instance VROOM 1.14's own CPU time.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuClockMs } from './clock.js';
import { checkPlan, solve } from '../../src/optimizer/index.js';
import { readSolomon } from './instances.js';
import type { VrptwInstance } from './instances.js';

const here = dirname(fileURLToPath(import.meta.url));
export const BENCH_DATA = join(here, '../../../shared/bench-data');

export interface BksRow {
  vehicles: number;
  distance: number;
  suspect: boolean;
}

export function readBks(): Map<string, BksRow> {
  const out = new Map<string, BksRow>();
  const lines = readFileSync(join(BENCH_DATA, 'bks.csv'), 'utf8').trim().split('\n').slice(1);
  for (const l of lines) {
    const f = l.split(',');
    out.set(`${f[0]}|${f[4]}`, {
      vehicles: Number(f[5]),
      distance: Number(f[6]),
      suspect: l.includes('SUSPECT'),
    });
  }
  return out;
}

export interface VroomRow {
  vehicles: number;
  distance: number;
  cpu: number;
  wall: number;
}

export function readVroom(config = 'x5_t2'): Map<string, VroomRow> {
  const out = new Map<string, VroomRow>();
  const lines = readFileSync(join(BENCH_DATA, 'vroom-1.14-results.csv'), 'utf8').trim().split('\n').slice(1);
  for (const l of lines) {
    const f = l.split(',');
    if (f[3] !== config) continue;
    out.set(f[0]!, { vehicles: Number(f[4]), distance: Number(f[5]), wall: Number(f[6]), cpu: Number(f[7]) });
  }
  return out;
}

/** Distance of a plan recomputed from coordinates in double precision. */
export function planDistance(
  inst: VrptwInstance,
  routes: ReadonlyArray<{ steps: ReadonlyArray<{ type: string; job?: number }> }>,
): number {
  const C = inst.coords;
  let d = 0;
  for (const route of routes) {
    let prev = 0;
    for (const s of route.steps) {
      if (s.type !== 'job' || s.job === undefined) continue;
      const loc = inst.problem.jobs[s.job]!.location;
      d += Math.hypot(C[prev]![0] - C[loc]![0], C[prev]![1] - C[loc]![1]);
      prev = loc;
    }
    d += Math.hypot(C[prev]![0] - C[0]![0], C[prev]![1] - C[0]![1]);
  }
  return d;
}

function family(name: string): string {
  const m = /^([A-Za-z]+)(\d)/.exec(name);
  return m ? `${m[1]!.toUpperCase()}${m[2]}` : name;
}

export interface BenchRow {
  instance: string;
  set: string;
  family: string;
  objective: string;
  timeS: number;
  seed: number;
  vehicles: number;
  distance: number;
  feasible: boolean;
  unassigned: number;
  iterations: number;
  elapsedS: number;
}

const HEADER =
  'instance,set,family,objective,time_s,seed,vehicles,distance,feasible,unassigned,iterations,cpu_s,wall_s';

function parseArgs(args: string[]): Map<string, string> {
  const m = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const next = args[i + 1];
      if (next !== undefined && !next.startsWith('--')) {
        m.set(a.slice(2), next);
        i++;
      } else m.set(a.slice(2), 'true');
    }
  }
  return m;
}

export async function runOptimizerBench(args: string[]): Promise<void> {
  const a = parseArgs(args);
  const set = a.get('set') ?? 'solomon';
  if (set === 'summary') {
    summarise(a.get('in')?.split(',') ?? []);
    return;
  }
  if (set === 'hhc') {
    const { runHhcBench } = await import('./hhc.js');
    await runHhcBench(args);
    return;
  }
  if (set === 'realistic') {
    const { runRealisticBench } = await import('./realistic.js');
    await runRealisticBench(args);
    return;
  }
  const timeArg = a.get('time') ?? '1';
  const objective = a.get('objective') ?? 'distance';
  const seed = Number(a.get('seed') ?? 1);
  const filter = new RegExp(a.get('filter') ?? '.', 'i');
  const sets = set === 'all' ? ['solomon', 'homberger'] : [set];
  const out = a.get('out') ?? join(here, 'results', `${set}-${objective}-${timeArg}s.csv`);
  mkdirSync(dirname(out), { recursive: true });
  if (!existsSync(out)) writeFileSync(out, HEADER + '\n');
  const done = new Set(
    readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => `${l.split(',')[0]}|${l.split(',')[5]}`),
  );
  const vroom = readVroom();
  // Instances to run; with --interleave, round-robin over families so that a run cut short still
  // covers every family evenly.
  const todo: Array<{ s: string; dir: string; f: string; rank: number }> = [];
  for (const s of sets) {
    const dir = join(BENCH_DATA, s === 'solomon' ? 'solomon' : 'homberger-200');
    const files = readdirSync(dir)
      .filter((f) => f.endsWith('.txt'))
      .sort((x, y) => x.localeCompare(y, 'en', { numeric: true }));
    const seen = new Map<string, number>();
    for (const f of files) {
      const fam = `${s}|${family(f)}`;
      const rank = seen.get(fam) ?? 0;
      seen.set(fam, rank + 1);
      todo.push({ s, dir, f, rank });
    }
  }
  if (a.has('interleave')) todo.sort((x, y) => x.rank - y.rank);
  for (const { s, dir, f } of todo) {
    const name = f.replace(/\.txt$/, '');
    if (!filter.test(name) || done.has(`${name}|${seed}`)) continue;
    const inst = readSolomon(join(dir, f), { fixedCost: objective === 'hierarchical' ? 1e5 : 0 });
    const timeS = timeArg === 'vroom' ? (vroom.get(name)?.cpu ?? 1) : Number(timeArg);
    const wall0 = Date.now();
    const res = solve(inst.problem, { timeLimitMs: timeS * 1000, seed, now: cpuClockMs });
    const wallS = (Date.now() - wall0) / 1000;
    const report = checkPlan(inst.problem, res.plan);
    const row: BenchRow = {
      instance: name,
      set: s,
      family: family(name),
      objective,
      timeS,
      seed,
      vehicles: res.plan.routes.length,
      distance: planDistance(inst, res.plan.routes),
      feasible: report.feasible,
      unassigned: res.plan.unassigned.length,
      iterations: res.iterations,
      elapsedS: res.elapsedMs / 1000,
    };
    appendFileSync(
      out,
      `${row.instance},${row.set},${row.family},${row.objective},${row.timeS},${row.seed},${row.vehicles},${row.distance.toFixed(4)},${row.feasible},${row.unassigned},${row.iterations},${row.elapsedS.toFixed(2)},${wallS.toFixed(2)}\n`,
    );
    const bks = readBks().get(
      `${name}|${objective === 'distance' && s === 'solomon' ? 'distance' : 'hierarchical'}`,
    );
    const gap = bks ? (100 * (row.distance - bks.distance)) / bks.distance : NaN;
    console.log(
      `${name.padEnd(9)} veh ${row.vehicles} dist ${row.distance.toFixed(2)} gap ${gap.toFixed(2)}% feasible ${row.feasible}${
        report.feasible
          ? ''
          : ' ' +
            report.violations
              .slice(0, 3)
              .map((v) => v.message)
              .join('; ')
      } it ${row.iterations}`,
    );
  }
  summarise([out]);
}

/** Print per-family tables (markdown) from result files. */
export function summarise(files: string[]): void {
  const bks = readBks();
  const vroom = readVroom();
  const rows: BenchRow[] = [];
  for (const f of files) {
    for (const l of readFileSync(f, 'utf8').trim().split('\n').slice(1)) {
      const x = l.split(',');
      rows.push({
        instance: x[0]!,
        set: x[1]!,
        family: x[2]!,
        objective: x[3]!,
        timeS: Number(x[4]),
        seed: Number(x[5]),
        vehicles: Number(x[6]),
        distance: Number(x[7]),
        feasible: x[8] === 'true',
        unassigned: Number(x[9]),
        iterations: Number(x[10]),
        elapsedS: Number(x[11]),
      });
    }
  }
  const groups = new Map<string, BenchRow[]>();
  for (const r of rows) {
    const k = `${r.set}|${r.objective}|${r.family}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  console.log(
    '| set | objective | family | n | feasible | vehicles (ours / VROOM / BKS-h) | total distance (ours / VROOM / BKS-h) | mean gap % vs BKS-d (ours / VROOM) | mean gap % vs BKS-h (ours / VROOM) | mean time s |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  const totals = new Map<
    string,
    {
      n: number;
      feas: number;
      v: number;
      vv: number;
      bv: number;
      d: number;
      vd: number;
      bd: number;
      gd: number[];
      vgd: number[];
      gh: number[];
      vgh: number[];
      t: number;
    }
  >();
  const order = [...groups.keys()].sort();
  for (const k of [...order, ...new Set(order.map((k) => k.split('|').slice(0, 2).join('|') + '|ALL'))]) {
    let rs: BenchRow[];
    if (k.endsWith('|ALL')) {
      const p = k.slice(0, -4);
      rs = rows.filter((r) => `${r.set}|${r.objective}` === p);
    } else rs = groups.get(k)!;
    const t = {
      n: 0,
      feas: 0,
      v: 0,
      vv: 0,
      bv: 0,
      d: 0,
      vd: 0,
      bd: 0,
      gd: [] as number[],
      vgd: [] as number[],
      gh: [] as number[],
      vgh: [] as number[],
      t: 0,
    };
    for (const r of rs) {
      const vr = vroom.get(r.instance);
      const bh = bks.get(`${r.instance}|hierarchical`);
      const bdst = bks.get(`${r.instance}|distance`);
      t.n++;
      if (r.feasible && r.unassigned === 0) t.feas++;
      t.v += r.vehicles;
      t.d += r.distance;
      t.t += r.elapsedS;
      if (vr) {
        t.vv += vr.vehicles;
        t.vd += vr.distance;
      }
      if (bh) {
        t.bv += bh.vehicles;
        t.bd += bh.distance;
        t.gh.push((100 * (r.distance - bh.distance)) / bh.distance);
        if (vr) t.vgh.push((100 * (vr.distance - bh.distance)) / bh.distance);
      }
      if (bdst && !bdst.suspect) {
        t.gd.push((100 * (r.distance - bdst.distance)) / bdst.distance);
        if (vr) t.vgd.push((100 * (vr.distance - bdst.distance)) / bdst.distance);
      }
    }
    totals.set(k, t);
    const mean = (x: number[]): string =>
      x.length ? (x.reduce((p, q) => p + q, 0) / x.length).toFixed(2) : '–';
    const [s, o, fam] = k.split('|');
    console.log(
      `| ${s} | ${o} | ${fam} | ${t.n} | ${t.feas}/${t.n} | ${t.v} / ${t.vv} / ${t.bv} | ${t.d.toFixed(1)} / ${t.vd.toFixed(1)} / ${t.bd.toFixed(1)} | ${mean(t.gd)} / ${mean(t.vgd)} | ${mean(t.gh)} / ${mean(t.vgh)} | ${(t.t / t.n).toFixed(2)} |`,
    );
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  runOptimizerBench(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
