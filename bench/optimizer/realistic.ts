/**
 * A realistic one-day plan for a large provider around Orléans: 150 care workers, 1,200 visits
 * (morning care, meals, housework, evening care), home-care windows, skills, breaks and preferred
 * workers (continuity of care). Generated with a seed from the 22 communes of Orléans Métropole
 * (population-weighted), written in VROOM's JSON with our `proxidom` extensions.
 *
 *   npx tsx bench/optimizer/run.ts --set realistic [--time 60] [--seed 1] [--write FILE.json]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cpuClockMs } from './clock.js';
import { checkPlan, fromVroomInput, solve, toVroomOutput } from '../../src/optimizer/index.js';

const here = dirname(fileURLToPath(import.meta.url));

/** Seeded Mulberry32 (bench-side copy; the optimiser's own RNG is internal). */
function rngOf(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Commune {
  name: string;
  lat: number;
  lon: number;
  pop: number;
}

function readCommunes(): Commune[] {
  const lines = readFileSync(join(here, '../../../shared/data/geo/orleans-metropole-communes.csv'), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  return lines.map((l) => {
    // One quoted field (postcodes, "45000,45100"): drop it before splitting.
    const f = l.replace(/"[^"]*"/g, '').split(',');
    return { name: f[1]!, lat: Number(f[5]), lon: Number(f[6]), pop: Number(f[8]) };
  });
}

const H = 3600;
/** Skills: 1 personal care (toilette, lever, coucher), 2 housework and shopping, 3 dementia training. */
export const SKILL = { care: 1, house: 2, dementia: 3 } as const;

export function generateOrleansDay(opts: { workers: number; visits: number; seed: number }): unknown {
  const rnd = rngOf(opts.seed);
  const communes = readCommunes();
  const totalPop = communes.reduce((s, c) => s + c.pop, 0);
  const gauss = (): number => {
    const u = Math.max(1e-12, rnd());
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rnd());
  };
  const place = (): [number, number] => {
    let r = rnd() * totalPop;
    let c = communes[0]!;
    for (const x of communes) {
      r -= x.pop;
      if (r <= 0) {
        c = x;
        break;
      }
    }
    // Spread ~1.2 km (Orléans itself, much larger: ~2.5 km).
    const km = c.pop > 50_000 ? 2.5 : 1.2;
    const lat = c.lat + (gauss() * km) / 111.2;
    const lon = c.lon + (gauss() * km) / (111.2 * Math.cos((c.lat * Math.PI) / 180));
    return [Math.round(lon * 1e5) / 1e5, Math.round(lat * 1e5) / 1e5];
  };

  // Workers: shifts (morning, day, evening, split-free long day), skills, breaks on long shifts.
  // Morning is the peak of home care: half the staff works mornings.
  const shifts: Array<[number, number]> = [
    [7 * H, 13.5 * H],
    [7 * H, 13.5 * H],
    [7 * H, 13.5 * H],
    [7 * H, 12.5 * H],
    [7.5 * H, 14 * H],
    [7 * H, 15.5 * H],
    [8 * H, 17 * H],
    [12 * H, 19 * H],
    [13 * H, 21 * H],
    [16.5 * H, 21.5 * H],
    [16.5 * H, 21.5 * H],
  ];

  const vehicles = [];
  for (let w = 0; w < opts.workers; w++) {
    const s = shifts[Math.floor(rnd() * shifts.length)]!;
    const home = place();
    const skills: number[] = [SKILL.house];
    if (rnd() < 0.85) skills.push(SKILL.care);
    if (rnd() < 0.3) skills.push(SKILL.dementia);
    // Shifts over 6 h: a 20-minute break (French labour law) around mid-shift.
    const mid = (s[0] + s[1]) / 2;
    const breaks =
      s[1] - s[0] > 6 * H
        ? [{ id: 1, time_windows: [[mid - H, mid + H]], service: 20 * 60, description: 'pause' }]
        : [];
    vehicles.push({
      id: w + 1,
      description: `intervenant·e ${w + 1}`,
      start: home,
      end: home,
      time_window: s,
      skills,
      breaks,
      costs: { fixed: 0, per_hour: 3600, per_km: 0 },
      max_tasks: 12,
    });
  }

  // Beneficiaries with 1–3 visits; morning care, lunch, housework, evening care.
  const jobs = [];
  let id = 1;
  let beneficiary = 0;
  while (jobs.length < opts.visits) {
    beneficiary++;
    const loc = place();
    const dementia = rnd() < 0.12;
    const needsCare = rnd() < 0.7;
    // Continuity of care: one or two regular workers among the qualified ones near by (chosen at random here).
    // Continuity of care: one or two regular workers among the qualified morning workers living
    // nearest (the ones a coordinator would have picked).
    const near = (v: { start: [number, number] }): number =>
      Math.hypot(v.start[0] - loc[0], (v.start[1] - loc[1]) * 1.5);
    const qualified = vehicles
      .filter(
        (v) =>
          (!needsCare || v.skills.includes(SKILL.care)) &&
          (!dementia || v.skills.includes(SKILL.dementia)) &&
          v.time_window[0] <= 8 * H,
      )
      .sort((a, b) => near(a) - near(b))
      .slice(0, 8);
    const pick = (): number | undefined => qualified[Math.floor(rnd() * qualified.length)]?.id;
    const preferred = [
      ...new Set([pick(), rnd() < 0.5 ? pick() : undefined].filter((x): x is number => x !== undefined)),
    ];
    const plan: Array<{
      kind: string;
      tw: [number, number];
      service: number;
      skills: number[];
      priority: number;
    }> = [];
    if (needsCare) {
      const t = 7.5 * H + Math.floor(rnd() * 6) * 0.5 * H;
      plan.push({
        kind: 'lever et toilette',
        tw: [t, t + 2 * H],
        service: (30 + 15 * Math.floor(rnd() * 2)) * 60,
        skills: [SKILL.care],
        priority: 100,
      });
      if (rnd() < 0.25)
        plan.push({
          kind: 'repas',
          tw: [11.5 * H, 13.5 * H],
          service: 30 * 60,
          skills: [SKILL.house],
          priority: 80,
        });
      if (rnd() < 0.4) {
        const e = 17.5 * H + Math.floor(rnd() * 5) * 0.5 * H;
        plan.push({
          kind: 'coucher',
          tw: [e, e + 1.5 * H],
          service: 30 * 60,
          skills: [SKILL.care],
          priority: 100,
        });
      }
    } else {
      plan.push({
        kind: 'ménage et courses',
        tw: rnd() < 0.6 ? [13.5 * H, 18 * H] : [8.5 * H, 17 * H],
        service: (60 + 30 * Math.floor(rnd() * 2)) * 60,
        skills: [SKILL.house],
        priority: 10,
      });
      if (rnd() < 0.15)
        plan.push({
          kind: 'repas',
          tw: [11.5 * H, 13.5 * H],
          service: 30 * 60,
          skills: [SKILL.house],
          priority: 80,
        });
    }
    for (const p of plan) {
      if (jobs.length >= opts.visits) break;
      jobs.push({
        id: id++,
        description: `${p.kind} — bénéficiaire ${beneficiary}`,
        location: loc,
        setup: 120,
        service: p.service,
        skills: dementia ? [...p.skills, SKILL.dementia] : p.skills,
        priority: p.priority,
        time_windows: [p.tw],
        proxidom: { preferred_workers: preferred, preference_cost: 900 },
      });
    }
  }
  return {
    vehicles,
    jobs,
    proxidom: {
      travel: { type: 'haversine', speed_kmh: 28, detour_factor: 1.35 },
      generator: { seed: opts.seed, workers: opts.workers, visits: opts.visits },
    },
  };
}

export async function runRealisticBench(args: string[]): Promise<void> {
  const get = (k: string, d: string): string => {
    const i = args.indexOf(`--${k}`);
    return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : d;
  };
  const seed = Number(get('seed', '1'));
  const timeS = Number(get('time', '60'));
  const workers = Number(get('workers', '150'));
  const visits = Number(get('visits', '1200'));
  const input = generateOrleansDay({ workers, visits, seed });
  const write = get('write', '');
  if (write) {
    mkdirSync(dirname(write), { recursive: true });
    writeFileSync(write, JSON.stringify(input));
  }
  const t0 = cpuClockMs();
  const vp = fromVroomInput(input);
  const tLoad = Math.round(cpuClockMs() - t0);
  const curve: Array<{ s: number; unassigned: number; cost: number }> = [];
  const res = solve(vp.problem, {
    timeLimitMs: timeS * 1000,
    seed,
    now: cpuClockMs,
    onProgress: (p) =>
      curve.push({ s: p.elapsedMs / 1000, unassigned: p.objective.unassignedCount, cost: p.objective.cost }),
  });
  const out = toVroomOutput(vp, res.plan, { loading: tLoad, solving: res.elapsedMs });
  const rep = checkPlan(vp.problem, res.plan);
  const jobs = vp.problem.jobs;
  const assignedPriority = jobs.reduce((s, j) => s + j.priority, 0) - rep.unassignedPriority;
  let preferred = 0;
  let withPref = 0;
  for (const r of res.plan.routes) {
    const vid = vp.problem.vehicles[r.vehicle]!.id;
    for (const s of r.steps) {
      if (s.type !== 'job') continue;
      const j = jobs[s.job]!;
      if (j.preferredVehicles.length === 0) continue;
      withPref++;
      if (j.preferredVehicles.includes(vid)) preferred++;
    }
  }
  const at = (t: number): string => {
    const last = [...curve].reverse().find((c) => c.s <= t);
    return last ? `${last.unassigned} unassigned, cost ${Math.round(last.cost)}` : '–';
  };
  const lines = [
    `| instance | Orléans day, ${workers} workers, ${visits} visits, seed ${seed} |`,
    `|---|---|`,
    `| loading + travel matrices (haversine, ${vp.problem.locationCount} places) | ${tLoad} ms |`,
    `| construction + first local search | ${curve[0] ? (curve[0].s * 1000).toFixed(0) + ' ms, ' + curve[0].unassigned + ' unassigned, cost ' + Math.round(curve[0].cost) : '–'} |`,
    `| best at 1 s / 5 s / 10 s / 30 s | ${at(1)} / ${at(5)} / ${at(10)} / ${at(30)} |`,
    `| final (${timeS} s, ${res.iterations} iterations) | ${rep.unassigned} unassigned (priority ${rep.unassignedPriority}), cost ${Math.round(rep.cost)} |`,
    `| checker | ${
      rep.feasible
        ? 'feasible, no rule broken'
        : rep.violations.length +
          ' violations: ' +
          rep.violations
            .slice(0, 3)
            .map((v) => v.message)
            .join('; ')
    } |`,
    `| workers used | ${res.plan.routes.length} / ${workers} |`,
    `| assigned priority | ${assignedPriority} / ${jobs.reduce((s, j) => s + j.priority, 0)} |`,
    `| travel time | ${(rep.travelTime / 3600).toFixed(1)} h (${(rep.travelTime / 60 / Math.max(1, rep.assigned)).toFixed(1)} min per visit), distance ${(rep.distance / 1000).toFixed(0)} km |`,
    `| service time | ${(rep.routes.reduce((s, r) => s + r.service, 0) / 3600).toFixed(1)} h, waiting ${(rep.routes.reduce((s, r) => s + r.waiting, 0) / 3600).toFixed(1)} h |`,
    `| continuity: visits by a preferred worker | ${preferred} / ${withPref} (${((100 * preferred) / Math.max(1, withPref)).toFixed(1)} %) |`,
  ];
  console.log(lines.join('\n'));
  const resultFile = join(here, 'results', `realistic-${workers}w-${visits}v-seed${seed}-${timeS}s.md`);
  mkdirSync(dirname(resultFile), { recursive: true });
  writeFileSync(resultFile, lines.join('\n') + '\n');
  void out;
}
