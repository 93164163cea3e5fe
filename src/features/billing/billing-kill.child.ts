/**
 * The process that billing-kill.int.test.ts kills. It owns the database (a PGlite data directory cannot be opened
 * by two processes), builds the services as the server does, and runs the monthly billing of an organisation:
 * it prints `committed <batch> <issued>` after each batch's commit, and in batch `holdAt` — numbers taken from
 * the sequence row, invoices and lines inserted, transaction still open — it prints `holding <batch>` and waits
 * to be killed. Nothing here stops the process but the SIGKILL (or the 60 s safety limit).
 *
 *   tsx src/features/billing/billing-kill.child.ts <pglite-data-dir | postgres://…> <organisationId> <YYYY-MM> <holdAt>
 */
import { openDatabase } from '../../db/client';
import { createTenantScope } from '../../db/tenant-scope';
import { createBillingService } from './billing.service';
import { buildAppOn } from './testing';

const [target, organisationId, month, holdAtText] = process.argv.slice(2) as [string, string, string, string];
const holdAt = Number(holdAtText);
const say = (line: string) => process.stdout.write(`${line}\n`);
const clock = { now: () => new Date('2026-11-05T09:00:00Z') };

const database = await openDatabase(
  target.startsWith('postgres') ? { url: target, poolSize: 2 } : { dataDir: target },
);
const app = await buildAppOn(database, clock);
const billing = createBillingService({
  db: database.db,
  clock,
  visits: app.services.visits,
  care: app.services.care,
  directory: app.services.directory,
  accounts: app.services.accounts,
  faults: {
    beforeCommit: (batch) => {
      if (batch !== holdAt) return;
      say(`holding ${batch}`);
      // Blocks the whole process with the batch's transaction open, until the parent's SIGKILL.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
      say('not killed');
      process.exit(3);
    },
    afterCommit: (batch, issued) => say(`committed ${batch} ${issued}`),
  },
});
say('ready');
await billing.runMonth(createTenantScope(database.db, organisationId), null, month);
say('done');
await app.close();
await database.close();
