/**
 * Schedule benchmark, through the HTTP API (app.inject) on an in-memory PGlite seeded with the demo data:
 * - "Optimiser la semaine" on the demo organisation (Aide & Présence Orléans, ~60 workers, ~1,300 visits);
 * - the issue's case, 40 workers × 1,200 visits: a dedicated organisation made of 40 workers (with their
 *   availability, qualifications) and 1,200 planned visits (with their beneficiaries) of the demo week;
 * each timed from the POST to the proposal ready (polled every 100 ms);
 * - repair of one absent worker's day (the worker with most visits on the Tuesday) in both organisations.
 * Figures go to docs/BENCHMARKS.md, section « Schedule: optimisation and repair ».
 *
 *   npm run bench -- schedule [--seed 1] [--time-limit SECONDS] [--no-write]
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { openDatabase, type Db } from '../../src/db/client';
import { DEMO_PASSWORD, ensureDemoData } from '../../src/db/seed/ensure-demo-data';
import { addDays, weekStartOf } from '../../src/shared/local-time';
import { buildApp, type App } from '../../src/server/app';
import { DEFAULT_BUDGET_TOLERANCE, DEFAULT_TRAVEL_ALLOWANCE_MIN } from '../../src/features/schedule/contract-hours';
import { PREFERENCE_COST } from '../../src/features/schedule/problem-builder';
import { loadConfig } from '../../src/server/config';

interface RunFigures {
  id: string;
  label: string;
  workers: number;
  visits: number;
  timeLimitS: number;
  totalS: number;
  status: string;
  current: Kpis;
  proposal: Kpis | null;
}

interface Kpis {
  travelMinutes: number;
  travelKm: number;
  unassignedVisits: number;
  continuityRate: number;
  /** Workers planned above their contract's weekly hours. */
  overContract: number;
  /** Assigned visits done by a worker the person knows. */
  continuousVisits: number;
  /** Hours planned beyond the contracts, summed over the workers over theirs. */
  hoursOver: number;
  /** Unassigned visits whose reason is that the contract hours of the workers who could take them are used up. */
  contractReasons: number;
}

interface RepairFigures {
  label: string;
  orphans: number;
  reassigned: number;
  unassigned: number;
  changedWorkers: number;
  totalS: number;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- API answers read loosely in a benchmark
type Json = any;
type Inject = (method: 'GET' | 'POST', url: string, payload?: unknown) => Promise<{ statusCode: number; json(): Json; body: string }>;

async function signIn(app: App, email: string): Promise<Inject> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: DEMO_PASSWORD } });
  if (response.statusCode !== 200) throw new Error(`login ${email}: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'proxidom_session')!;
  const csrf = response.json<{ csrfToken: string }>().csrfToken;
  return (method, url, payload) =>
    app.inject({ method, url, payload: payload as Record<string, unknown> | undefined, headers: { cookie: `${cookie.name}=${cookie.value}`, ...(method === 'GET' ? {} : { 'x-csrf-token': csrf }) } });
}

async function timeOptimisation(call: Inject, label: string, from: string, to: string, timeLimitS: number | undefined): Promise<RunFigures> {
  const week = (await call('GET', `/api/schedule/week?start=${from}`)).json();
  const t0 = performance.now();
  const started = await call('POST', '/api/schedule/optimisations', { from, to, ...(timeLimitS ? { timeLimitSeconds: timeLimitS } : {}) });
  if (started.statusCode !== 202) throw new Error(`POST optimisations: ${started.statusCode} ${started.body}`);
  let run: Json;
  for (;;) {
    run = (await call('GET', `/api/schedule/optimisations/${started.json().id}`)).json();
    if (run.status !== 'running') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  const totalS = (performance.now() - t0) / 1000;
  const figures: RunFigures = {
    id: started.json().id,
    label,
    workers: week.workers.length,
    visits: week.visits.filter((v: { status: string }) => v.status === 'planned').length,
    timeLimitS: run.timeLimitSeconds,
    totalS,
    status: run.status,
    current: pick(run.current, figuresVisits(week)),
    proposal: run.proposal ? pick(run.proposal, figuresVisits(week)) : null,
  };
  console.log(`${label}: ${figures.workers} workers, ${figures.visits} visits, limit ${figures.timeLimitS} s → ${run.status} in ${totalS.toFixed(1)} s`, figures.current, '→', figures.proposal);
  return figures;
}

/** Visits of the week the KPIs count (not cancelled). */
const figuresVisits = (week: Json): number => week.visits.filter((v: { status: string }) => v.status !== 'cancelled').length;

const pick = (k: Json, visits: number): Kpis => {
  const over = (k.hoursByWorker as Array<{ plannedHours: number; contractHours: number }>).filter((h) => h.plannedHours > h.contractHours);
  return {
    travelMinutes: k.travelMinutes,
    travelKm: k.travelKm,
    unassignedVisits: k.unassignedVisits,
    continuityRate: k.continuityRate,
    overContract: over.length,
    continuousVisits: Math.round(k.continuityRate * (visits - k.unassignedVisits)),
    hoursOver: over.reduce((s, h) => s + h.plannedHours - h.contractHours, 0),
    contractReasons: ((k.unassigned ?? []) as Array<{ reason: string }>).filter((u) => u.reason.startsWith('Heures de contrat')).length,
  };
};

async function timeRepair(call: Inject, label: string, weekStart: string): Promise<RepairFigures> {
  const tuesday = addDays(weekStart, 1);
  const week = (await call('GET', `/api/schedule/week?start=${weekStart}`)).json();
  const counts = new Map<string, number>();
  for (const v of week.visits) if (v.workerId && v.status === 'planned' && v.startsAt.startsWith(tuesday)) counts.set(v.workerId, (counts.get(v.workerId) ?? 0) + 1);
  const [workerId, orphans] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]!;
  const offset = new Intl.DateTimeFormat('en', { timeZone: 'Europe/Paris', timeZoneName: 'longOffset' }).formatToParts(new Date(`${tuesday}T12:00:00Z`)).find((p) => p.type === 'timeZoneName')!.value.replace('GMT', '') || '+00:00';
  const t0 = performance.now();
  const response = await call('POST', `/api/workers/${workerId}/absences`, { from: `${tuesday}T00:00:00${offset}`, to: `${addDays(weekStart, 2)}T00:00:00${offset}`, kind: 'maladie' });
  const totalS = (performance.now() - t0) / 1000;
  if (response.statusCode >= 300) throw new Error(`repair: ${response.statusCode} ${response.body}`);
  const r = response.json();
  const figures = { label, orphans, reassigned: r.reassignedVisits.length, unassigned: r.unassignedVisits.length, changedWorkers: r.changedWorkers.length, totalS };
  console.log(`${label}: ${orphans} visits of the absent worker → ${figures.reassigned} reassigned, ${figures.unassigned} unassigned in ${totalS.toFixed(2)} s`);
  return figures;
}

/** Median of 3 `GET /api/schedule/week` (workers, visits, travel, conflicts), in ms. */
async function timeBoard(call: Inject, weekStart: string): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const response = await call('GET', `/api/schedule/week?start=${weekStart}`);
    if (response.statusCode !== 200) throw new Error(`board: ${response.statusCode}`);
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[1]!;
}

/** A dedicated organisation made of `workerCount` workers and `visitCount` planned visits of the demo organisation's week. */
export async function seedSubset(db: Db, demoOrgId: string, workerCount: number, visitCount: number): Promise<string> {
  const orgId = crypto.randomUUID();
  const statements = [
    sql`INSERT INTO organisations SELECT (jsonb_populate_record(NULL::organisations, to_jsonb(o) || jsonb_build_object('id', ${orgId}::uuid, 'siret', '99999999999999', 'name', 'Banc d’essai 40 × 1 200'))).* FROM organisations o WHERE o.id = ${demoOrgId}::uuid`,
    sql`CREATE TEMP TABLE bench_wmap AS SELECT id AS old_id, gen_random_uuid() AS new_id FROM workers WHERE organisation_id = ${demoOrgId}::uuid ORDER BY id LIMIT ${workerCount}`,
    sql`INSERT INTO workers SELECT (jsonb_populate_record(NULL::workers, to_jsonb(w) || jsonb_build_object('id', m.new_id, 'organisation_id', ${orgId}::uuid, 'user_id', NULL, 'sector_id', NULL))).* FROM workers w JOIN bench_wmap m ON m.old_id = w.id`,
    sql`INSERT INTO worker_availability SELECT (jsonb_populate_record(NULL::worker_availability, to_jsonb(a) || jsonb_build_object('id', gen_random_uuid(), 'organisation_id', ${orgId}::uuid, 'worker_id', m.new_id))).* FROM worker_availability a JOIN bench_wmap m ON m.old_id = a.worker_id`,
    sql`INSERT INTO worker_qualifications SELECT (jsonb_populate_record(NULL::worker_qualifications, to_jsonb(q) || jsonb_build_object('id', gen_random_uuid(), 'organisation_id', ${orgId}::uuid, 'worker_id', m.new_id))).* FROM worker_qualifications q JOIN bench_wmap m ON m.old_id = q.worker_id`,
    sql`CREATE TEMP TABLE bench_vsel AS SELECT id AS old_id, gen_random_uuid() AS new_id, beneficiary_id FROM visits WHERE organisation_id = ${demoOrgId}::uuid AND status = 'planned' ORDER BY id LIMIT ${visitCount}`,
    sql`CREATE TEMP TABLE bench_bmap AS SELECT old_id, gen_random_uuid() AS new_id FROM (SELECT DISTINCT beneficiary_id AS old_id FROM bench_vsel) s`,
    sql`INSERT INTO beneficiaries SELECT (jsonb_populate_record(NULL::beneficiaries, to_jsonb(b) || jsonb_build_object('id', m.new_id, 'organisation_id', ${orgId}::uuid, 'sector_id', NULL))).* FROM beneficiaries b JOIN bench_bmap m ON m.old_id = b.id`,
    sql`INSERT INTO beneficiary_worker_preferences SELECT (jsonb_populate_record(NULL::beneficiary_worker_preferences, to_jsonb(p) || jsonb_build_object('id', gen_random_uuid(), 'organisation_id', ${orgId}::uuid, 'beneficiary_id', bm.new_id, 'worker_id', wm.new_id))).* FROM beneficiary_worker_preferences p JOIN bench_bmap bm ON bm.old_id = p.beneficiary_id JOIN bench_wmap wm ON wm.old_id = p.worker_id`,
    sql`INSERT INTO visits SELECT (jsonb_populate_record(NULL::visits, to_jsonb(v) || jsonb_build_object('id', s.new_id, 'organisation_id', ${orgId}::uuid, 'beneficiary_id', bm.new_id, 'worker_id', wm.new_id, 'contract_id', NULL, 'occurrence_key', NULL))).* FROM visits v JOIN bench_vsel s ON s.old_id = v.id JOIN bench_bmap bm ON bm.old_id = v.beneficiary_id LEFT JOIN bench_wmap wm ON wm.old_id = v.worker_id`,
    // Their past: the visits done before this week by the copied workers for the copied people (usual workers, continuity).
    sql`INSERT INTO visits SELECT (jsonb_populate_record(NULL::visits, to_jsonb(v) || jsonb_build_object('id', gen_random_uuid(), 'organisation_id', ${orgId}::uuid, 'beneficiary_id', bm.new_id, 'worker_id', wm.new_id, 'contract_id', NULL, 'occurrence_key', NULL))).* FROM visits v JOIN bench_bmap bm ON bm.old_id = v.beneficiary_id JOIN bench_wmap wm ON wm.old_id = v.worker_id WHERE v.organisation_id = ${demoOrgId}::uuid AND v.status = 'done'`,
    sql`INSERT INTO users SELECT (jsonb_populate_record(NULL::users, to_jsonb(u) || jsonb_build_object('id', gen_random_uuid(), 'email', 'banc-40x1200@proxidom.test', 'organisation_id', ${orgId}::uuid))).* FROM users u WHERE u.email = 'coordination@proxidom.test'`,
    sql`DROP TABLE bench_wmap`,
    sql`DROP TABLE bench_vsel`,
    sql`DROP TABLE bench_bmap`,
  ];
  for (const statement of statements) await db.execute(statement);
  return orgId;
}

function machine(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${model}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}`;
}

function writeSection(markdown: string): void {
  const file = new URL('../../docs/BENCHMARKS.md', import.meta.url);
  const heading = '## Schedule: optimisation and repair';
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(heading);
  let next: string;
  if (start === -1) next = `${current.trimEnd()}\n\n${markdown}`;
  else {
    const after = current.indexOf('\n## ', start + heading.length);
    next = `${current.slice(0, start)}${markdown}${after === -1 ? '' : `\n${current.slice(after + 1)}`}`;
  }
  writeFileSync(file, next.endsWith('\n') ? next : `${next}\n`);
}

const pct = (x: number): string => `${Math.round(x * 100)} %`;

export async function runScheduleBench(args: string[]): Promise<void> {
  const { values } = parseArgs({ args, options: { seed: { type: 'string', default: '1' }, 'time-limit': { type: 'string' }, 'no-write': { type: 'boolean', default: false } } });
  const timeLimitS = values['time-limit'] ? Number(values['time-limit']) : undefined;
  const load0 = loadavg();
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();

  const database = await openDatabase({});
  await database.migrate();
  const seededAt = performance.now();
  const seedCpu0 = process.cpuUsage();
  await ensureDemoData(database.db, { seed: Number(values.seed) });
  const seedCpu = process.cpuUsage(seedCpu0);
  const seed = { wallS: (performance.now() - seededAt) / 1000, cpuS: (seedCpu.user + seedCpu.system) / 1e6 };
  console.log(`demo data seeded in ${seed.wallS.toFixed(1)} s (${seed.cpuS.toFixed(1)} s CPU)`);
  const app: App = await buildApp({ database, config: loadConfig({ NODE_ENV: 'test', PROXIDOM_DEMO: '1', PUBLIC_URL: 'http://localhost:3000' }), clock: { now: () => new Date() } });
  await app.ready();
  try {
    const weekStart = weekStartOf(new Date());
    const weekEnd = addDays(weekStart, 6);
    const coordinator = await signIn(app, 'coordination@proxidom.test');
    const demoCoordinator = await database.db.query.users.findFirst({ where: (u, { eq }) => eq(u.email, 'coordination@proxidom.test') });
    await seedSubset(database.db, demoCoordinator!.organisationId!, 40, 1200);
    const subsetCoordinator = await signIn(app, 'banc-40x1200@proxidom.test');

    const runs = [
      await timeOptimisation(subsetCoordinator, '40 workers × 1,200 visits (week)', weekStart, weekEnd, timeLimitS),
      await timeOptimisation(coordinator, 'Demo organisation (week)', weekStart, weekEnd, timeLimitS),
    ];
    // Apply the 40 × 1,200 proposal in one transaction, then undo it.
    let t0 = performance.now();
    const applied = await subsetCoordinator('POST', `/api/schedule/optimisations/${runs[0]!.id}/apply`);
    const applyS = (performance.now() - t0) / 1000;
    if (applied.statusCode !== 200) throw new Error(`apply: ${applied.statusCode} ${applied.body}`);
    t0 = performance.now();
    const undone = await subsetCoordinator('POST', `/api/schedule/changes/${applied.json().batchId}/undo`);
    const undoS = (performance.now() - t0) / 1000;
    if (undone.statusCode !== 200) throw new Error(`undo: ${undone.statusCode} ${undone.body}`);
    console.log(`apply ${applied.json().changedVisits} changes in ${applyS.toFixed(2)} s, undo in ${undoS.toFixed(2)} s`);
    const repairs = [await timeRepair(subsetCoordinator, '40 × 1,200: one worker absent on Tuesday', weekStart), await timeRepair(coordinator, 'Demo organisation: one worker absent on Tuesday', weekStart)];

    const boards = [
      { label: '40 × 1,200', ms: await timeBoard(subsetCoordinator, weekStart) },
      { label: 'Demo organisation', ms: await timeBoard(coordinator, weekStart) },
    ];
    const cpu = process.cpuUsage(cpu0);
    const wallS = (performance.now() - wall0) / 1000;
    const cpuS = (cpu.user + cpu.system) / 1e6;
    const load1 = loadavg();
    const date = new Date().toISOString().slice(0, 16).replace('T', ' ');
    const markdown = `## Schedule: optimisation and repair

\`npm run bench -- schedule\` (bench/schedule/run.ts): through the HTTP API (\`app.inject\`) on an in-memory PGlite seeded by
\`ensureDemoData\` (seed ${values.seed}, week of ${weekStart}). "40 × 1,200" is a dedicated organisation made of 40 workers (with
their availability and qualifications) and 1,200 planned visits of the demo week (visits of the other workers start unassigned).
Time is measured from \`POST /api/schedule/optimisations\` to the proposal ready (polled every 100 ms), and for a repair the
whole \`POST /api/workers/:id/absences\` (absence recorded, cheapest feasible insertion of the absent worker's visits with
every other visit pinned, then — only when some visit is still out — a 1.2 s optimiser run restricted to the day, writes, e-mails). Targets (issue 5): proposal ≤ 45 s, repair ≤ 5 s.

Machine: ${machine()}; ${date} UTC. The CPU is shared: load average ${load0.map((x) => x.toFixed(1)).join(' / ')} before,
${load1.map((x) => x.toFixed(1)).join(' / ')} after; this process used ${cpuS.toFixed(0)} s of CPU in ${wallS.toFixed(0)} s of wall time.

| run | workers | visits | time limit | POST → proposal | travel (min / km) now → proposed | unassigned now → proposed (contract hours used up) | continuity now → proposed (visits with a worker they know) | workers over contract now → proposed (hours over) |
| --- | ---: | ---: | ---: | ---: | --- | --- | --- | --- |
${runs
  .map(
    (r) =>
      `| ${r.label} | ${r.workers} | ${r.visits} | ${r.timeLimitS} s | **${r.totalS.toFixed(1)} s** (${r.status}) | ${r.current.travelMinutes} / ${r.current.travelKm} → ${r.proposal?.travelMinutes ?? '–'} / ${r.proposal?.travelKm ?? '–'} | ${r.current.unassignedVisits} → ${r.proposal?.unassignedVisits ?? '–'} (${r.proposal?.contractReasons ?? '–'}) | ${pct(r.current.continuityRate)} (${r.current.continuousVisits}) → ${r.proposal ? `${pct(r.proposal.continuityRate)} (${r.proposal.continuousVisits})` : '–'} | ${r.current.overContract} (${r.current.hoursOver.toFixed(1)} h) → ${r.proposal ? `${r.proposal.overContract} (${r.proposal.hoursOver.toFixed(1)} h)` : '–'} |`,
  )
  .join('\n')}

Before weekly contract hours were modelled (same code otherwise, continuity cost 15 min; run the same day at 14:44 UTC, load
average 1.1 before, 4.8 after, 60 s of CPU in 80 s of wall time): 40 × 1,200 in 24.9 s, travel 15712 / 4116 → 16142 / 4120.5,
unassigned 471 → 195, continuity 75 % → 64 %, workers over contract 3 → 15; demo organisation in 31.0 s, travel
28093 / 6685.7 → 22754 / 5796, unassigned 284 → 197, continuity 68 % → 71 %, workers over contract 22 → 21. The proposal now
leaves more visits out — those that only workers with their hours used up could take — and travels more (the workers with
hours left are often further away, and a known worker is kept at up to 45 min of extra travel), for no one over contract and
more visits with a worker the person knows. Runs differ with the machine's load (the search has a time limit): an earlier run
of this code the same day (15:01 UTC, load average 6) gave 40 × 1,200 travel 19221 min, unassigned 228, continuity 69 %, and
the demo organisation travel 26586 min, unassigned 261, continuity 75 %, no one over contract in either.

| repair | visits of the absent worker that day | reassigned | left unassigned | workers changed | time |
| --- | ---: | ---: | ---: | ---: | ---: |
${repairs.map((r) => `| ${r.label} | ${r.orphans} | ${r.reassigned} | ${r.unassigned} | ${r.changedWorkers} | **${r.totalS.toFixed(2)} s** |`).join('\n')}

Applying the 40 × 1,200 proposal (${applied.json().changedVisits} visits changed, one transaction, each change logged): ${applyS.toFixed(2)} s;
undoing it: ${undoS.toFixed(2)} s.

\`GET /api/schedule/week\` (the board's data: workers, visits, travel legs, conflicts), median of 3: ${boards.map((b) => `${b.label} ${Math.round(b.ms)} ms`).join(', ')}.

The demo data (seeded in ${seed.wallS.toFixed(1)} s, ${seed.cpuS.toFixed(1)} s of CPU, here at the start of the run) gives every worker a
recorded weekly availability (weekend rota, part-time days, split shifts) that the seeded plan respects, and the demo
organisation its past weeks since the first day of last month, done and validated by the télégestion. Continuity is the share
of assigned visits done by a worker the person knows: preferred, or one of the two who went most often in the 28 days before
the period. « 40 × 1,200 » copies the past visits of its workers to its people, so its continuity means the same (1,111 of
its 1,200 visits are for a person who knows one of the 40; 1,508 of the demo organisation's 1,569).

Weekly contract hours are a constraint of the proposal (src/features/schedule/contract-hours.ts, contract-fit.ts). The
optimiser sees a worker as one vehicle per day and working interval, with no constraint across vehicles, so each vehicle
gets a working-time budget, a second capacity dimension counting each visit's duration plus ${DEFAULT_TRAVEL_ALLOWANCE_MIN} min of travel (the
route's first visit excepted): the contract's weekly hours minus the visits that stay (done, locked, and those of the same
week outside the period), spread over the worker's intervals of the week in proportion to their length, each capped by its
part of the daily maximum, plus a ${Math.round(DEFAULT_BUDGET_TOLERANCE * 100)} % tolerance (a busy day, a quiet one). After the search, each week over its
contract — visit time plus travel between visits, as the figures here count it — loses the optimised visits whose removal
saves the most (those of people who do not know the worker first), then every visit still out gets the cheapest feasible
insertion among the workers whose week still fits it; the visits that only workers with their hours used up could take
say so (« Heures de contrat épuisées … »). A visit done by a worker the person does not know costs ${PREFERENCE_COST / 60} min of travel in the
optimiser's objective (15 min before: with the hours of a known worker now limited, a cheaper cost gave their hours to
strangers). A repair does not model contract hours (a day's absence is covered first; the board flags a worker over contract).

Repairs take longer than before the availability was seeded (0.5–0.6 s then, with every worker assumed free Monday–Friday
07:00–20:00): fewer colleagues are free when the absent worker was due, so the cheapest insertion alone places fewer of her
visits and the repair more often runs the optimiser on the day (1.2 s of search plus the worker thread's start); the visits
nobody free can take stay unassigned, with their reason. First start (seed alone, measured apart the same day, back to back
with the seed before this change, load average 7–9): 3.3 s wall and 3.2–3.3 s of CPU before, 6.2 s wall and 5.5–5.7 s of CPU
with the availability, the sectors and the past weeks (8,300 visits with their actuals): 1.7× the CPU.

The default time limit scales with the number of visits (20 ms per visit, 3–30 s), so a week of 1,200 visits searches for 24 s;
the rest of the time is reading the period, building the problem (travel matrices per transport mode), starting the worker
thread (tsx compiles the optimiser in it), reading the answer and writing the proposal.
`;
    console.log(`\n${markdown}`);
    if (!values['no-write']) {
      writeSection(markdown);
      console.log('docs/BENCHMARKS.md updated (section « Schedule: optimisation and repair »).');
    }
  } finally {
    await app.close();
    await database.close();
  }
}
