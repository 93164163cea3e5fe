/**
 * Home-care routing benchmarks (Mankowska et al. 2014, Kummer et al. 2021, Ceschia et al.
 * "extended"): converters to the optimiser's model and a runner comparing with the published
 * best-known tables.
 *
 * Modelling note: these benchmarks treat the latest start as soft (tardiness is paid in the
 * objective); our model has hard windows, so we solve the zero-tardiness version: every visit
 * must start inside its window (extended set: also inside the worker's shift), visits that cannot
 * are reported unassigned. Our Mankowska objective is then (distance + 0 + 0) / 3.
 *
 *   npx tsx bench/optimizer/run.ts --set hhc [--family mankowska|kummer|extended] [--time 1] [--filter REGEX]
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuClockMs } from './clock.js';
import { gunzipSync } from 'node:zlib';
import { checkPlan, makeJob, makeVehicle, solve } from '../../src/optimizer/index.js';
import type { Job, Problem, TimeLink, Vehicle } from '../../src/optimizer/index.js';
import { summariseHhcMarkdown } from './hhc-report.js';

const here = dirname(fileURLToPath(import.meta.url));
const HHC = join(here, '../../../shared/bench-data/hhc');

function readText(path: string): string {
  const buf = readFileSync(path);
  return path.endsWith('.gz') ? gunzipSync(buf).toString('utf8') : buf.toString('utf8');
}

/** Mankowska text format (see hhc/README.md). Depot = node 0 (and node N-1, same place). */
export function readMankowska(path: string): Problem {
  const lines = readText(path).split(/\r?\n/);
  const blocks = new Map<string, number[][]>();
  let key = '';
  for (const raw of lines) {
    const l = raw.trim();
    if (!l) continue;
    if (/^[A-Za-z]/.test(l)) {
      key = l.split(/\s+/)[0]!;
      blocks.set(key, []);
      const rest = l.split(/\s+/).slice(1).map(Number);
      if (rest.length > 0) blocks.get(key)!.push(rest);
      continue;
    }
    blocks.get(key)!.push(l.split(/\s+/).map(Number));
  }
  const one = (k: string): number => blocks.get(k)![0]![0]!;
  const N = one('nbNodes');
  const V = one('nbVehi');
  const S = one('nbServi');
  const r = blocks.get('r')!;
  const ds = new Set((blocks.get('DS') ?? []).flat().map((x) => x - 1));
  const a = blocks.get('a')!;
  const d = blocks.get('d')!;
  const p = blocks.get('p')!;
  const mind = blocks.get('mind')!.flat();
  const maxd = blocks.get('maxd')!.flat();
  const e = blocks.get('e')!.flat();
  const lt = blocks.get('l')!.flat();
  const L = N - 1; // node N-1 is the depot again
  const m = new Float64Array(L * L);
  for (let i = 0; i < L; i++) for (let j = 0; j < L; j++) m[i * L + j] = d[i]![j]!;
  const vehicles: Vehicle[] = [];
  for (let v = 0; v < V; v++) {
    const skills: number[] = [];
    for (let s = 0; s < S; s++) if (a[v]![s] === 1) skills.push(s + 1);
    vehicles.push(
      makeVehicle({
        id: v + 1,
        start: 0,
        end: 0,
        skills,
        timeWindow: [e[0]!, lt[L]! > 0 ? Math.max(lt[0]!, lt[L]!) : 1e9],
      }),
    );
  }
  const jobs: Job[] = [];
  const links: TimeLink[] = [];
  for (let i = 1; i < L; i++) {
    const services: number[] = [];
    for (let s = 0; s < S; s++) if (r[i]![s] === 1) services.push(s);
    const idx: number[] = [];
    for (const s of services) {
      idx.push(jobs.length);
      jobs.push(
        makeJob({
          id: i * 100 + s + 1,
          location: i,
          service: p[i * V]![s]!,
          skills: [s + 1],
          timeWindows: [[e[i]!, lt[i]!]],
        }),
      );
    }
    if (ds.has(i) && idx.length === 2) {
      if (mind[i] === 0 && maxd[i] === 0)
        links.push({ kind: 'synchronised', first: idx[0]!, second: idx[1]!, minGap: 0, maxGap: 0 });
      else
        links.push({
          kind: 'precedence',
          first: idx[0]!,
          second: idx[1]!,
          minGap: mind[i]!,
          maxGap: maxd[i]!,
        });
    }
  }
  return { locationCount: L, matrices: { car: { durations: m, distances: m } }, vehicles, jobs, links };
}

interface HhcJson {
  patients: Array<{
    id: string;
    time_window: [number, number];
    required_caregivers: Array<{ service: string; duration: number }>;
    synchronization?: { type: string; distance?: [number, number] };
    incompatible_caregivers?: string[];
    distance_matrix_index?: number;
  }>;
  caregivers: Array<{
    id: string;
    abilities: string[];
    working_shift?: [number, number];
    distance_matrix_index?: number;
  }>;
  distances: number[][];
}

/** Kummer / Ceschia JSON (extended set: own departure points, shifts, incompatibilities). */
export function readHhcJson(path: string): Problem {
  const d = JSON.parse(readText(path)) as HhcJson;
  const L = d.distances.length;
  const m = new Float64Array(L * L);
  for (let i = 0; i < L; i++) for (let j = 0; j < L; j++) m[i * L + j] = d.distances[i]![j]!;
  const sv = (s: string): number => Number(s.replace(/\D/g, '')) + 1;
  const cIndex = new Map(d.caregivers.map((c, i) => [c.id, i + 1]));
  const vehicles = d.caregivers.map((c, i) =>
    makeVehicle({
      id: i + 1,
      start: c.distance_matrix_index ?? 0,
      end: c.distance_matrix_index ?? 0,
      skills: c.abilities.map(sv),
      ...(c.working_shift ? { timeWindow: c.working_shift } : { timeWindow: [0, 1e9] as const }),
    }),
  );
  const jobs: Job[] = [];
  const links: TimeLink[] = [];
  d.patients.forEach((p, k) => {
    const loc = p.distance_matrix_index ?? k + 1;
    const idx: number[] = [];
    p.required_caregivers.forEach((rc, q) => {
      idx.push(jobs.length);
      jobs.push(
        makeJob({
          id: (k + 1) * 10 + q,
          location: loc,
          service: rc.duration,
          skills: [sv(rc.service)],
          timeWindows: [p.time_window],
          forbiddenVehicles: (p.incompatible_caregivers ?? [])
            .map((c) => cIndex.get(c)!)
            .filter((x) => x !== undefined),
        }),
      );
    });
    if (idx.length === 2 && p.synchronization) {
      if (p.synchronization.type === 'simultaneous')
        links.push({ kind: 'synchronised', first: idx[0]!, second: idx[1]!, minGap: 0, maxGap: 0 });
      else
        links.push({
          kind: 'precedence',
          first: idx[0]!,
          second: idx[1]!,
          minGap: p.synchronization.distance?.[0] ?? 0,
          maxGap: p.synchronization.distance?.[1] ?? Infinity,
        });
    }
  });
  return { locationCount: L, matrices: { car: { durations: m, distances: m } }, vehicles, jobs, links };
}

interface Best {
  distance: number;
  maxTardiness: number;
  totalTardiness: number;
  cost: number;
}

function readBestMd(path: string): Map<string, Best> {
  const out = new Map<string, Best>();
  for (const l of readFileSync(path, 'utf8').split('\n').slice(2)) {
    const f = l.split('|').map((x) => x.trim());
    if (f.length < 6 || !f[1]) continue;
    out.set(f[1]!.replace(/\.(json|txt)$/, ''), {
      distance: Number(f[2]),
      maxTardiness: Number(f[3]),
      totalTardiness: Number(f[4]),
      cost: Number(f[5]),
    });
  }
  return out;
}

function extendedBest(): Map<string, { travel: number; tardiness: number; extra: number }> {
  const out = new Map<string, { travel: number; tardiness: number; extra: number }>();
  const dir = join(HHC, 'ceschia-extended/validation-solutions');
  for (const f of readdirSync(dir)) {
    const s = JSON.parse(readFileSync(join(dir, f), 'utf8')) as { cost_components: Record<string, number> };
    const name = f.replace(/^sol-/, '').replace(/-\d+\.json$/, '');
    out.set(name, {
      travel: s.cost_components.EHHC_TravelTime ?? NaN,
      tardiness: s.cost_components.EHHC_TotalTardiness ?? NaN,
      extra: s.cost_components.EHHC_TotalExtraTime ?? NaN,
    });
  }
  return out;
}

export async function runHhcBench(args: string[]): Promise<void> {
  const get = (k: string, dflt: string): string => {
    const i = args.indexOf(`--${k}`);
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : dflt;
  };
  const family = get('family', 'all');
  const timeS = Number(get('time', '1'));
  const filter = new RegExp(get('filter', '.'), 'i');
  const out = get('out', join(here, 'results', `hhc-${family}-${timeS}s.csv`));
  mkdirSync(dirname(out), { recursive: true });
  if (!existsSync(out))
    writeFileSync(
      out,
      'family,instance,visits,assigned,links,distance,objective,best_distance,best_total_tardiness,best_cost,feasible,time_s\n',
    );
  const done = new Set(
    readFileSync(out, 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[1]),
  );
  const sets: Array<{
    fam: string;
    dir: string;
    read: (p: string) => Problem;
    best: Map<string, Best> | null;
  }> = [];
  if (family === 'all' || family === 'mankowska')
    sets.push({
      fam: 'mankowska',
      dir: join(HHC, 'mankowska'),
      read: readMankowska,
      best: readBestMd(join(HHC, 'mankowska/mankowska_best.md')),
    });
  if (family === 'all' || family === 'kummer')
    sets.push({
      fam: 'kummer',
      dir: join(HHC, 'kummer'),
      read: readHhcJson,
      best: readBestMd(join(HHC, 'kummer/kummer_best.md')),
    });
  if (family === 'all' || family === 'extended') {
    sets.push({
      fam: 'extended-small',
      dir: join(HHC, 'ceschia-extended/small'),
      read: readHhcJson,
      best: null,
    });
    sets.push({
      fam: 'extended-validation',
      dir: join(HHC, 'ceschia-extended/validation'),
      read: readHhcJson,
      best: null,
    });
  }
  const ext = extendedBest();
  for (const s of sets) {
    const files = readdirSync(s.dir)
      .filter((f) => /\.(txt|json)(\.gz)?$/.test(f))
      .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
    for (const f of files) {
      const name = f.replace(/\.(txt|json)(\.gz)?$/, '');
      if (!filter.test(name) || done.has(name)) continue;
      const problem = s.read(join(s.dir, f));
      const res = solve(problem, { timeLimitMs: timeS * 1000, seed: 1, now: cpuClockMs });
      const rep = checkPlan(problem, res.plan);
      const best = s.best?.get(name);
      const eb = ext.get(name);
      const objective = rep.distance / 3;
      const row = [
        s.fam,
        name,
        problem.jobs.length,
        rep.assigned,
        problem.links.length,
        rep.distance.toFixed(3),
        objective.toFixed(3),
        best ? best.distance : eb ? eb.travel : '',
        best ? best.totalTardiness : eb ? eb.tardiness : '',
        best ? best.cost : '',
        rep.feasible,
        (res.elapsedMs / 1000).toFixed(2),
      ];
      appendFileSync(out, row.join(',') + '\n');
      console.log(row.join(','));
    }
  }
  summariseHhc(out);
}

export function summariseHhc(file: string): void {
  console.log(summariseHhcMarkdown(file));
}
