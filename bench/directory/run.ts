/**
 * Directory benchmark: import of a national-scale list (60,000 organisations, timed), then the search API
 * under load — a realistic mix of free text, commune + radius and facet filters, 16 concurrent clients
 * (autocannon in a worker thread) against the server started in this process on a loopback port — beside a
 * bare Fastify route of the same server. On PGlite and on PostgreSQL (DATABASE_URL, or a throwaway cluster
 * started here when root). Figures go to docs/BENCHMARKS.md, section « Directory search and import ».
 *
 *   npm run bench -- directory [--count 60000] [--duration 20] [--connections 16] [--backends pglite,postgres] [--no-write]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client';
import territoryGeo from '../../src/db/geo/orleans-metropole.json' with { type: 'json' };
import { loadFranceCommunes } from '../../src/db/geo/communes-france';
import { communes, territories } from '../../src/db/schema';
import { ACTIVITY_CODES } from '../../src/domain/activities';
import { createImportService } from '../../src/features/directory/import.service';
import { buildApp } from '../../src/server/app';
import { loadConfig } from '../../src/server/config';
import { createRng } from '../../src/shared/rng';
import { generateNationalCsv } from './generate-national';

interface LoadStats {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
}

interface BackendResult {
  backend: 'pglite' | 'postgres';
  importSec: number;
  /** CPU seconds of the import (this process + the PostgreSQL server), whatever else the machine runs. */
  importCpuSec: number;
  importRows: number;
  rejected: number;
  reimportSec: number;
  search: LoadStats;
  /** The same mix with the answer cache off: the database's own cost. */
  uncached: LoadStats;
  cacheHitRate: number;
  bare: LoadStats;
  /** CPU milliseconds per search request without the cache (server + database, load generator excluded). */
  cpuMsPerSearch: number;
  /** The same with the answer cache on. */
  cpuMsPerCachedSearch: number;
  /** Wall seconds of the import per phase (bench timers in the import service). */
  importPhases: Record<string, number>;
}

const FREE_TEXT = [
  'ménage',
  'menage',
  'ménages',
  'aide ménagère',
  'femme de ménage',
  'repassage',
  'jardinage',
  'jardinnage',
  'tonte pelouse',
  'taille de haies',
  'bricolage',
  'petit bricolage',
  'auxiliaire de vie',
  'auxilaire de vie',
  'aide à domicile',
  'garde d’enfants',
  'nounou',
  'baby-sitting',
  'soutien scolaire',
  'cours de maths',
  'informatique',
  'dépannage ordinateur',
  'téléassistance',
  'livraison de courses',
  'portage de repas',
  'garde de nuit',
  'toilette',
  'promenade chien',
  'assistance administrative',
  'aide ménagère Lyon',
  'auxilaire de vie Olivet',
  'ménage Orléans',
  'jardinage Nantes',
  'garde d’enfants Paris',
  'bricolage Toulouse',
  'aide à domicile Marseille',
  'soutien scolaire Bordeaux',
  'ménage près de Lille',
  'repassage Rennes',
  'auxiliaire de vie Saran',
];

/** Deterministic URLs: 40 % free text, 35 % commune + radius, 25 % facet filters. */
export function searchUrls(count: number, seed: number): string[] {
  const rng = createRng(seed);
  const big = loadFranceCommunes()
    .slice()
    .sort((a, b) => b.population - a.population)
    .slice(0, 400);
  const modes = ['prestataire', 'mandataire'];
  const publics = ['personnes_agees', 'personnes_handicapees', 'enfants_moins_3_ans', 'tout_public'];
  const urls: string[] = [];
  for (let i = 0; i < count; i++) {
    const params = new URLSearchParams();
    const kind = rng.next();
    if (kind < 0.4) {
      params.set('q', rng.pick(FREE_TEXT));
      if (rng.next() < 0.2) params.set('mode', rng.pick(modes));
    } else if (kind < 0.75) {
      params.set('commune', rng.pick(big).code);
      params.set('radiusKm', String(rng.pick([0, 5, 10, 10, 20, 30])));
      if (rng.next() < 0.5) params.set('activity', rng.pick(ACTIVITY_CODES.slice(5, 12)));
      if (rng.next() < 0.4) params.set('sort', 'distance');
      if (rng.next() < 0.2)
        params.set('q', rng.pick(['ménage', 'jardinage', 'auxiliaire de vie', 'bricolage']));
    } else {
      params.set('activity', rng.pick(ACTIVITY_CODES));
      if (rng.next() < 0.6) params.set('mode', rng.pick(modes));
      if (rng.next() < 0.4) params.set('public', rng.pick(publics));
      if (rng.next() < 0.3) params.set('accepting', 'true');
      if (rng.next() < 0.2) params.set('regime', rng.pick(['agrement', 'autorisation']));
    }
    if (rng.next() < 0.15) params.set('page', String(rng.int(2, 5)));
    urls.push(`/api/directory/organisations?${params.toString()}`);
  }
  return urls;
}

// autocannon runs in its own thread so that the load generator does not share the server's event loop.
const LOAD_WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const autocannon = require(workerData.autocannonPath);
const urls = workerData.urls;
let next = 0;
const latencies = [];
const instance = autocannon({
  url: workerData.base, connections: workerData.connections, duration: workerData.duration, timeout: 10,
  requests: [{ setupRequest: (req) => ({ ...req, path: urls[next++ % urls.length] }) }],
}, (error, result) => {
  if (error) { parentPort.postMessage({ error: String(error) }); return; }
  parentPort.postMessage({ latencies, requests: latencies.length, duration: result.duration, errors: result.errors + result.timeouts, non2xx: result.non2xx });
});
instance.on('response', (client, statusCode, bytes, responseTime) => latencies.push(responseTime));
`;

export async function load(
  base: string,
  urls: string[],
  connections: number,
  duration: number,
): Promise<LoadStats> {
  const autocannonPath = createRequire(import.meta.url).resolve('autocannon');
  const message = await new Promise<{
    latencies: number[];
    requests: number;
    duration: number;
    errors: number;
    non2xx: number;
    error?: string;
  }>((resolve, reject) => {
    const worker = new Worker(LOAD_WORKER, {
      eval: true,
      workerData: { base, urls, connections, duration, autocannonPath },
    });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
  if (message.error) throw new Error(message.error);
  const sorted = message.latencies.sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length - 1) * p))] ?? NaN;
  return {
    requests: message.requests,
    rps: message.requests / duration,
    p50: at(0.5),
    p95: at(0.95),
    p99: at(0.99),
    errors: message.errors,
    non2xx: message.non2xx,
  };
}

/** CPU seconds used so far by this process (all its threads: PGlite runs here) and by the PostgreSQL server's processes. */
function cpuSeconds(postmasterPid: number | null): { node: number; postgres: number } {
  const usage = process.cpuUsage();
  let postgres = 0;
  if (postmasterPid !== null) {
    const ticks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        const pid = Number(entry);
        const ppid = Number(fields[1]);
        if (pid !== postmasterPid && ppid !== postmasterPid) continue;
        postgres += (Number(fields[11]) + Number(fields[12])) / ticks;
      } catch {
        // the process ended meanwhile
      }
    }
  }
  return { node: (usage.user + usage.system) / 1e6, postgres };
}

const cpuSince = (before: { node: number; postgres: number }, postmasterPid: number | null) => {
  const now = cpuSeconds(postmasterPid);
  return now.node - before.node + (now.postgres - before.postgres);
};

/** The postmaster of a PostgreSQL server running on this machine, or null (another host, or no /proc). */
async function localPostmasterPid(database: Database): Promise<number | null> {
  try {
    const result = await database.db.execute(sql`SELECT pg_backend_pid() AS pid`);
    const pid = Number((result as unknown as { rows: { pid: number }[] }).rows[0]?.pid);
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return readFileSync(`/proc/${ppid}/cmdline`, 'utf8').includes('postgres') ? ppid : null;
  } catch {
    return null;
  }
}

/** A throwaway PostgreSQL cluster (STACK.md), or null when we cannot start one. */
function startThrowawayPostgres(): { url: string; postmasterPid: number; stop: () => void } | null {
  const bin = '/usr/lib/postgresql/15/bin';
  if (!existsSync(`${bin}/initdb`) || process.getuid?.() !== 0) return null;
  const dir = join(tmpdir(), `proxidom-bench-pg-${process.pid}`);
  const port = 5434 + (process.pid % 50);
  mkdirSync(dir, { recursive: true });
  execFileSync('chown', ['postgres', dir]);
  const su = (command: string) => execFileSync('su', ['postgres', '-c', command], { stdio: 'pipe' });
  su(`${bin}/initdb -D ${dir}/data -U postgres --auth=trust -E UTF8 --locale=C.UTF-8`);
  su(
    `${bin}/pg_ctl -D ${dir}/data -o '-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c fsync=on' -l ${dir}/log -w start`,
  );
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    postmasterPid: Number(readFileSync(`${dir}/data/postmaster.pid`, 'utf8').split('\n')[0]),
    stop: () => {
      try {
        su(`${bin}/pg_ctl -D ${dir}/data -m fast -w stop`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

async function insertTerritory(database: Database): Promise<void> {
  const [territory] = await database.db
    .insert(territories)
    .values({ name: territoryGeo.name, epciSiren: territoryGeo.epciSiren, departementCode: '45' })
    .returning();
  await database.db
    .insert(communes)
    .values(
      territoryGeo.communes.map((c) => ({
        code: c.code,
        name: c.name,
        postalCodes: c.postalCodes,
        population: c.population,
        latitude: c.latitude,
        longitude: c.longitude,
        outline: c.outline,
        territoryId: territory!.id,
      })),
    )
    .onConflictDoUpdate({
      target: communes.code,
      set: { territoryId: sql`excluded.territory_id`, outline: sql`excluded.outline` },
    });
}

async function runBackend(
  backend: 'pglite' | 'postgres',
  csv: Buffer,
  options: { duration: number; connections: number; urls: string[] },
): Promise<BackendResult | null> {
  let database: Database;
  let cleanup: () => Promise<void>;
  let postmasterPid: number | null = null;
  if (backend === 'pglite') {
    const dir = join(tmpdir(), `proxidom-bench-pglite-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    database = await openDatabase({ dataDir: dir });
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    let url = process.env.DATABASE_URL;
    let stopCluster: (() => void) | null = null;
    if (!url) {
      const cluster = startThrowawayPostgres();
      if (!cluster) {
        console.log(
          'PostgreSQL: no DATABASE_URL and no throwaway cluster possible (needs root and postgresql-15): skipped.',
        );
        return null;
      }
      url = cluster.url;
      stopCluster = cluster.stop;
      postmasterPid = cluster.postmasterPid;
    }
    const name = `proxidom_bench_${process.pid}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const dbUrl = new URL(url);
    dbUrl.pathname = `/${name}`;
    database = await openDatabase({ url: dbUrl.toString(), poolSize: 10 });
    // A server on this machine (DATABASE_URL on 127.0.0.1): its processes' CPU counts too (a backend's parent is the postmaster).
    postmasterPid ??= await localPostmasterPid(database);
    cleanup = async () => {
      const dropper = new pg.Client({ connectionString: url });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
      stopCluster?.();
    };
  }
  try {
    await database.migrate();
    await insertTerritory(database);
    const phases: Record<string, number> = {};
    const imports = createImportService({ db: database.db, phases });
    let started = performance.now();
    const cpuBefore = cpuSeconds(postmasterPid);
    const report = await imports.runImport(csv, 'national.csv');
    const importSec = (performance.now() - started) / 1000;
    const importCpuSec = cpuSince(cpuBefore, postmasterPid);
    const importPhases = Object.fromEntries(Object.entries(phases).map(([k, v]) => [k, v / 1000]));
    console.log(
      `${backend}: import phases ${Object.entries(importPhases)
        .map(([k, v]) => `${k} ${v.toFixed(1)} s`)
        .join(', ')}`,
    );
    const measured = createImportService({ db: database.db });
    console.log(
      `${backend}: import CPU ${importCpuSec.toFixed(1)} s${postmasterPid === null && backend === 'postgres' ? ' (this process only: the server is not ours)' : ''}`,
    );
    console.log(
      `${backend}: import ${report.inserted} inserted, ${report.rejected} rejected in ${importSec.toFixed(1)} s (${report.status}${report.failure ? `: ${report.failure}` : ''})`,
    );
    started = performance.now();
    const again = await measured.runImport(csv, 'national.csv');
    const reimportSec = (performance.now() - started) / 1000;
    console.log(`${backend}: re-import ${again.unchanged} unchanged in ${reimportSec.toFixed(1)} s`);
    if (database.kind === 'postgres') await database.db.execute(sql`ANALYZE`);

    const app = await buildApp({
      database,
      config: loadConfig({ NODE_ENV: 'production', PROXIDOM_DEMO: '0', LOG_LEVEL: 'silent' }),
      clock: { now: () => new Date() },
    });
    app.get('/api/bench/bare', { schema: { hide: true } }, async () => ({ ok: true }));
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    try {
      // After a run, requests the server accepted may still be queued (PGlite answers one query at a time):
      // wait for the database to be free before measuring the next run.
      const drain = () => database.db.execute(sql`SELECT 1`);
      app.services.search.setCacheSize(0);
      await load(address, options.urls, options.connections, 3); // warm-up: plans, communes, JIT
      await drain();
      const cpuBeforeLoad = cpuSeconds(postmasterPid);
      const uncached = await load(address, options.urls, options.connections, options.duration);
      await drain();
      const uncachedCpu = cpuSince(cpuBeforeLoad, postmasterPid);
      console.log(
        `${backend}: search without cache ${uncached.rps.toFixed(0)} req/s, p50 ${uncached.p50} ms, p95 ${uncached.p95} ms, p99 ${uncached.p99} ms, errors ${uncached.errors}, non-2xx ${uncached.non2xx}`,
      );
      // The cache as the server runs it (its default size), warmed by one pass over the URLs as a running
      // directory's would be: every answer is then valid until the search generation changes.
      app.services.search.setCacheSize();
      for (const url of options.urls) await app.inject({ method: 'GET', url });
      const statsBefore = app.services.search.cacheStats();
      const cpuBeforeCached = cpuSeconds(postmasterPid);
      const search = await load(address, options.urls, options.connections, options.duration);
      await drain();
      const cachedCpu = cpuSince(cpuBeforeCached, postmasterPid);
      const statsAfter = app.services.search.cacheStats();
      const hits = statsAfter.hits - statsBefore.hits;
      const cacheHitRate = hits / Math.max(1, hits + statsAfter.misses - statsBefore.misses);
      console.log(
        `${backend}: search with cache ${search.rps.toFixed(0)} req/s, p50 ${search.p50} ms, p95 ${search.p95} ms, p99 ${search.p99} ms, hit rate ${(100 * cacheHitRate).toFixed(0)} %, errors ${search.errors}, non-2xx ${search.non2xx}`,
      );
      const cpuBeforeBare = cpuSeconds(postmasterPid);
      const bare = await load(
        address,
        ['/api/bench/bare'],
        options.connections,
        Math.max(5, Math.round(options.duration / 2)),
      );
      const bareCpuPerRequest = cpuSince(cpuBeforeBare, postmasterPid) / Math.max(1, bare.requests);
      console.log(`${backend}: bare   ${bare.rps.toFixed(0)} req/s, p50 ${bare.p50} ms, p95 ${bare.p95} ms`);
      // The load generator is a thread of this process, so its CPU is in process.cpuUsage(): a bare request's whole
      // cost (generator + Fastify) is subtracted, which leaves what the search itself costs the server and database.
      const cpuMsPerSearch =
        (1000 * (uncachedCpu - bareCpuPerRequest * uncached.requests)) / Math.max(1, uncached.requests);
      const cpuMsPerCachedSearch =
        (1000 * (cachedCpu - bareCpuPerRequest * search.requests)) / Math.max(1, search.requests);
      console.log(
        `${backend}: CPU per search above a bare request ≈ ${cpuMsPerSearch.toFixed(2)} ms uncached, ${cpuMsPerCachedSearch.toFixed(2)} ms with the cache`,
      );
      return {
        backend,
        importSec,
        importCpuSec,
        cpuMsPerSearch,
        cpuMsPerCachedSearch,
        importPhases,
        importRows: report.inserted,
        rejected: report.rejected,
        reimportSec,
        search,
        uncached,
        cacheHitRate,
        bare,
      };
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
    await cleanup();
  }
}

function machine(): string {
  let model = cpus()[0]?.model ?? 'unknown CPU';
  try {
    model =
      execFileSync('lscpu', { encoding: 'utf8' })
        .match(/Model name:\s*(.+)/)?.[1]
        ?.trim() ?? model;
  } catch {
    // lscpu missing: keep Node's name
  }
  return `${model}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}`;
}

function writeSection(markdown: string): void {
  const file = new URL('../../docs/BENCHMARKS.md', import.meta.url);
  const heading = '## Directory search and import';
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const start = current.indexOf(heading);
  let next: string;
  if (start === -1) next = `${current.trimEnd()}\n\n${markdown}`;
  else {
    const after = current.indexOf('\n## ', start + heading.length);
    // A hand-written "### Notes" part of the section stays.
    const section = current.slice(start, after === -1 ? undefined : after + 1);
    const notes = section.indexOf('\n### Notes');
    const kept = notes === -1 ? '' : `\n${section.slice(notes + 1).trimEnd()}\n`;
    next = `${current.slice(0, start)}${markdown}${kept}${after === -1 ? '' : `\n${current.slice(after + 1)}`}`;
  }
  writeFileSync(file, next.endsWith('\n') ? next : `${next}\n`);
}

export async function runDirectoryBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      count: { type: 'string', default: '60000' },
      seed: { type: 'string', default: '1' },
      duration: { type: 'string', default: '20' },
      connections: { type: 'string', default: '16' },
      backends: { type: 'string', default: 'pglite,postgres' },
      'no-write': { type: 'boolean', default: false },
    },
  });
  const count = Number(values.count);
  const duration = Number(values.duration);
  const connections = Number(values.connections);
  const loadBefore = loadavg()[0]!.toFixed(1);
  const started = performance.now();
  const csv = Buffer.from(generateNationalCsv({ count, seed: Number(values.seed) }));
  const generateSec = (performance.now() - started) / 1000;
  console.log(
    `generated ${count} organisations (${(csv.length / 1e6).toFixed(1)} MB) in ${generateSec.toFixed(1)} s`,
  );
  const urls = searchUrls(2000, Number(values.seed));

  const results: BackendResult[] = [];
  for (const backend of values.backends!.split(',') as ('pglite' | 'postgres')[]) {
    const result = await runBackend(backend, csv, { duration, connections, urls });
    if (result) results.push(result);
  }
  if (values['no-write'] || results.length === 0) return;

  const db = (r: BackendResult) => (r.backend === 'pglite' ? 'PGlite 0.5 (embedded)' : 'PostgreSQL 15');
  const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(1)} %`;
  const row = (r: BackendResult) =>
    `| ${db(r)} | ${r.importSec.toFixed(1)} s wall, ${r.importCpuSec.toFixed(1)} s CPU (${r.importRows.toLocaleString('en')} rows) | ${r.reimportSec.toFixed(1)} s | ` +
    `${r.cpuMsPerSearch.toFixed(2)} ms; ${r.uncached.p50.toFixed(1)} / ${r.uncached.p95.toFixed(1)} ms; ${r.uncached.rps.toFixed(0)} req/s (${pct(r.uncached.rps, r.bare.rps)}) | ` +
    `${r.cpuMsPerCachedSearch.toFixed(2)} ms; ${r.search.p50.toFixed(1)} / ${r.search.p95.toFixed(1)} ms; ${r.search.rps.toFixed(0)} req/s (${pct(r.search.rps, r.bare.rps)}); hits ${(100 * r.cacheHitRate).toFixed(0)} % | ` +
    `${r.bare.p50.toFixed(1)} / ${r.bare.p95.toFixed(1)} ms; ${r.bare.rps.toFixed(0)} req/s | ${r.search.errors + r.search.non2xx + r.uncached.errors + r.uncached.non2xx} |`;
  const phaseRow = (r: BackendResult) => {
    const p = r.importPhases;
    const inBatches = (p.upsert ?? 0) + (p['search documents'] ?? 0) + (p.progress ?? 0);
    const rest = r.importSec - (p.communes ?? 0) - (p.validate ?? 0) - (p.transaction ?? 0);
    return `| ${db(r)} | ${rest.toFixed(1)} s | ${(p.validate ?? 0).toFixed(1)} s | ${(p.communes ?? 0).toFixed(1)} s | ${(p.upsert ?? 0).toFixed(1)} s | ${(p['search documents'] ?? 0).toFixed(1)} s | ${((p.transaction ?? 0) - inBatches + (p.progress ?? 0)).toFixed(1)} s |`;
  };
  const pgResult = results.find((r) => r.backend === 'postgres');
  const verdict = pgResult
    ? `Targets on PostgreSQL, with the answer cache as the server runs: p95 ≤ 30 ms — ${pgResult.search.p95 <= 30 ? 'met' : `**not met** (${pgResult.search.p95.toFixed(1)} ms)`}; ≥ 30 % of the bare route's throughput — ${pgResult.search.rps >= 0.3 * pgResult.bare.rps ? 'met' : `**not met** (${pct(pgResult.search.rps, pgResult.bare.rps)})`}. Every search computed afresh (cache off): p95 ${pgResult.uncached.p95.toFixed(1)} ms, ${pct(pgResult.uncached.rps, pgResult.bare.rps)} of the bare route. Import of 60,000 rows ≤ 60 s — ${pgResult.importSec <= 60 ? 'met' : `**not met** (${pgResult.importSec.toFixed(0)} s)`}.`
    : 'PostgreSQL was not measured in this run.';
  writeSection(`## Directory search and import

\`npm run bench -- directory --count ${count} --duration ${duration} --connections ${connections}\` (bench/directory/run.ts), ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.
Machine: ${machine()}; load average ${loadBefore} when the run started and ${loadavg()[0]!.toFixed(1)} at the end — the machine is shared with other work, so wall-clock figures are pessimistic; the CPU figures (this process, PGlite included, plus the PostgreSQL server's processes) depend much less on that load.

- Data: ${count.toLocaleString('en')} organisations generated over France's communes weighted by population (bench/directory/generate-national.ts, seed ${values.seed}, ${(csv.length / 1e6).toFixed(1)} MB, ${generateSec.toFixed(1)} s), imported through the real import (CSV parsing, validation, batches of 1,000 upserted by SIRET, search rows refreshed); the re-import of the same file finds every row unchanged.
- Load: autocannon 9 in a worker thread of the same process, ${connections} connections, ${duration} s per run after a 3 s warm-up, against the server of this process on 127.0.0.1; 2,000 search URLs cycled: 40 % free text (accents, plurals, typos, a commune in the text), 35 % commune + radius (0–30 km, often with an activity, 40 % sorted by distance), 25 % facet filters (activity, mode, public, regime, accepting), 15 % on pages 2–5. Every answer carries the page, the total and all seven facets.
- Bare route: \`GET /api/bench/bare\` registered on the same Fastify server (same plugins and hooks), for the ceiling of this machine.
- Two search runs: first with the answer cache off (every search computed: index pass, PostgreSQL for the text's postings when not yet known and for the page's rows), then with the server's answer cache at its default size, warmed by one pass over the URLs, as a running directory's is. A cached answer is served only after a check that the search generation has not changed (one query shared by the requests waiting at that moment), so it is never stale.
- CPU per search: this process (server, PGlite when used, and the load generator) plus the PostgreSQL server's processes, minus what a bare request costs the same way.

| database | import 60k | re-import (unchanged) | cache off: CPU per search; p50 / p95; req/s (share of bare) | cache on: CPU per search; p50 / p95; req/s (share of bare); hits | bare route: p50 / p95; req/s | errors |
| --- | --- | --- | --- | --- | --- | --- |
${results.map(row).join('\n')}

Import phases (wall): reading and parsing the CSV; validating the rows; loading France's communes for the lookup; writing the batches (organisations, activities, communes, regimes); rebuilding their search rows; the rest of each batch's transaction (progress, commit).

| database | read + parse | validate | communes | write batches | search rows | progress + commit |
| --- | --- | --- | --- | --- | --- | --- |
${results.map(phaseRow).join('\n')}

${verdict}
`);
  console.log('docs/BENCHMARKS.md updated (section « Directory search and import »).');
}
