import { fileURLToPath } from 'node:url';
import { openDatabase } from '../db/client';
import { ensureDemoData } from '../db/seed/ensure-demo-data';
import { startUrssafSimulator } from '../features/urssaf/simulator/simulator.server';
import type { Clock } from '../shared/clock';
import { buildApp } from './app';
import { loadConfig } from './config';

const systemClock: Clock = { now: () => new Date() };

/** Starts the server: database (migrated, demo data on first start), HTTP, and a graceful stop on SIGTERM. */
export async function startServer(): Promise<void> {
  let config = loadConfig();
  // Demo without a real Urssaf: the avance immédiate goes through the local simulator (docs/urssaf.md).
  const urssafSimulator = config.isDemo && !config.urssaf ? await startUrssafSimulator() : null;
  if (urssafSimulator) config = { ...config, urssaf: { baseUrl: urssafSimulator.baseUrl, clientId: urssafSimulator.clientId, clientSecret: urssafSimulator.clientSecret, isSimulator: true } };
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  await database.migrate();

  const app = await buildApp({
    database,
    config,
    clock: systemClock,
    webRoot: fileURLToPath(new URL('../../dist/web', import.meta.url)),
    logger: {
      level: config.logLevel,
      redact: ['req.headers.cookie', 'req.headers.authorization', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
    },
  });

  if (config.isDemo) {
    const seeded = await ensureDemoData(database.db, { seed: config.seed, log: (message) => app.log.info(message) });
    if (seeded) app.log.info('demo territory seeded');
    // Last month's done visits of the demo organisation, so that it can be invoiced (the seed plans this week only).
    const history = await app.services.billing.ensureDemoHistory().catch((error: unknown) => {
      app.log.warn({ err: error }, 'demo billing history not created');
      return null;
    });
    if (history) app.log.info(`demo: ${history.visits} done visits created for ${history.month}`);
  }

  // Urssaf statuses are polled (the API has no callback): every 15 minutes, requests in progress are read back.
  const urssafSync = config.urssaf
    ? setInterval(() => {
        app.services.urssaf.syncAll().then(
          (r) => r.organisations > 0 && app.log.info(r, 'urssaf sync'),
          (error: unknown) => app.log.warn({ err: error }, 'urssaf sync failed'),
        );
      }, 15 * 60_000)
    : null;
  urssafSync?.unref();

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      if (urssafSync) clearInterval(urssafSync);
      await app.close();
      await urssafSimulator?.close();
      await database.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    `ProxiDom écoute sur ${config.publicUrl} (${database.kind === 'pglite' ? `base embarquée ${config.dataDir}` : 'PostgreSQL'}${config.isDemo ? ', données de démonstration' : ''})`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  startServer().catch((error: unknown) => {
    console.error('ProxiDom could not start:', error);
    process.exit(1);
  });
}
