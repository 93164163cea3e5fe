/**
 * « Killing the server during invoicing loses nothing and creates no gap in the numbering » (issue 6), for real: a
 * child process runs the monthly billing of 300 households (6 batches of 50) and is SIGKILLed while batch 3's
 * transaction is open (its numbers taken, invoices and lines inserted, not committed). The database is then
 * reopened — on PGlite by this process after the child died (a data directory has one owner at a time), on
 * PostgreSQL (DATABASE_URL) the same server — and checked: the committed batches are there, complete, numbered
 * without a gap; the open one left nothing; a new run completes the month.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, inject } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { openDatabase, type Database } from '../../db/client';
import { billingRuns, invoiceLines, invoices, invoiceSequences } from '../../db/schema';
import { insertFixture } from '../../db/testing/fixtures';
import { clonePostgresTemplate } from '../../db/testing/test-database';
import { createTenantScope } from '../../db/tenant-scope';
import { checkInvoiceSequence } from '../../domain/invoice';
import { buildAppOn, insertBillingHouseholds, insertRegimes } from './testing';

const MONTH = '2026-10';
const HOUSEHOLDS = 300;
const HOLD_AT_BATCH = 3;
const clock = { now: () => new Date('2026-11-05T09:00:00Z') };

/** A database this test and its child can both reach, one after the other. */
async function createSharedDatabase(): Promise<{
  target: string;
  open: () => Promise<Database>;
  dispose: () => Promise<void>;
}> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const clone = await clonePostgresTemplate(url, 'proxidom_kill');
    return {
      target: clone.url,
      open: () => openDatabase({ url: clone.url, poolSize: 2 }),
      dispose: clone.drop,
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'proxidom-kill-'));
  const seeded = await openDatabase({
    dataDir: dir,
    loadDataDir: new Blob([readFileSync(inject('templateDumpPath'))]),
  });
  await seeded.close();
  return {
    target: dir,
    open: () => openDatabase({ dataDir: dir }),
    dispose: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Starts the child; resolves once it printed `holding <batch>`, with what it printed. */
function runChildUntilHolding(
  args: string[],
): Promise<{ child: ReturnType<typeof spawn>; output: () => string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', new URL('./billing-kill.child.ts', import.meta.url).pathname, ...args],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  let err = '';
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('holding ')) resolve({ child, output: () => out });
    });
    child.on('exit', (code) =>
      reject(new Error(`the child ended before holding (code ${code}):\n${out}\n${err}`)),
    );
  });
}

describe('billing survives a SIGKILL of the process in the middle of a run', () => {
  let shared: Awaited<ReturnType<typeof createSharedDatabase>> | undefined;

  afterAll(async () => {
    await shared?.dispose();
  });

  it('keeps the committed batches complete and gap-free, loses the open one, and a new run completes the month', async () => {
    shared = await createSharedDatabase();
    let database = await shared.open();
    const fixture = await insertFixture(database.db);
    const organisationId = fixture.orgA.id;
    await insertRegimes(database.db, organisationId, '73282932000074');
    const workerId = fixture.orgA.workerIds[0]!;
    const households = await insertBillingHouseholds(database.db, {
      organisationId,
      month: MONTH,
      count: HOUSEHOLDS,
      workerId,
      visitsOf: (i) => 1 + (i % 3),
    });
    if (database.kind === 'pglite') await database.close();

    const { child, output } = await runChildUntilHolding([
      shared.target,
      organisationId,
      MONTH,
      String(HOLD_AT_BATCH),
    ]);
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    // Batches 0, 1 and 2 committed before batch 3 was held open.
    expect(output().trim().split('\n')).toEqual([
      'ready',
      'committed 0 50',
      'committed 1 100',
      'committed 2 150',
      `holding ${HOLD_AT_BATCH}`,
    ]);

    if (database.kind === 'pglite') database = await shared.open();
    const db = database.db;
    try {
      const issued = await db
        .select({
          id: invoices.id,
          number: invoices.number,
          householdId: invoices.householdId,
          total: invoices.totalTtcCents,
        })
        .from(invoices)
        .where(eq(invoices.organisationId, organisationId));
      // Exactly the committed batches: the open one's numbers, invoices and lines are gone.
      expect(issued).toHaveLength(3 * 50);
      expect(checkInvoiceSequence(issued.map((i) => i.number))).toEqual({
        gaps: [],
        duplicates: [],
        invalid: [],
      });
      expect(
        issued
          .map((i) => i.number)
          .sort()
          .at(-1),
      ).toBe('F-2026-000150');
      const [sequence] = await db
        .select({ last: invoiceSequences.lastNumber })
        .from(invoiceSequences)
        .where(and(eq(invoiceSequences.organisationId, organisationId), eq(invoiceSequences.year, 2026)));
      expect(sequence!.last).toBe(150);
      // Every invoice complete: one line per visit of its household, the total the sum of its lines.
      const lines = await db
        .select({
          invoiceId: invoiceLines.invoiceId,
          count: sql<number>`count(*)::int`,
          sum: sql<number>`sum(${invoiceLines.amountTtcCents})::int`,
        })
        .from(invoiceLines)
        .where(eq(invoiceLines.organisationId, organisationId))
        .groupBy(invoiceLines.invoiceId);
      const linesOf = new Map(lines.map((l) => [l.invoiceId, l]));
      const visitsOf = new Map(households.map((h) => [h.householdId, h.visitIds.length]));
      for (const invoice of issued) {
        expect(linesOf.get(invoice.id)?.count, invoice.number).toBe(visitsOf.get(invoice.householdId));
        expect(linesOf.get(invoice.id)?.sum, invoice.number).toBe(invoice.total);
      }
      expect(lines).toHaveLength(issued.length);
      // The killed run is left « running »; the next run takes it over.
      const [run] = await db
        .select({ status: billingRuns.status })
        .from(billingRuns)
        .where(eq(billingRuns.organisationId, organisationId));
      expect(run!.status).toBe('running');

      const app = await buildAppOn(database, clock);
      try {
        const billing = app.services.billing;
        const scope = createTenantScope(db, organisationId);
        const resumed = await billing.runMonth(scope, null, MONTH);
        expect(resumed).toMatchObject({
          status: 'completed',
          invoices: HOUSEHOLDS,
          issuedNow: HOUSEHOLDS - 150,
          visits: households.reduce((s, h) => s + h.visitIds.length, 0),
        });
        const numbers = await billing.listInvoiceNumbers(scope);
        expect(numbers).toHaveLength(HOUSEHOLDS);
        expect(checkInvoiceSequence(numbers)).toEqual({ gaps: [], duplicates: [], invalid: [] });
        const perHousehold = await db
          .select({ householdId: invoices.householdId, count: sql<number>`count(*)::int` })
          .from(invoices)
          .where(eq(invoices.organisationId, organisationId))
          .groupBy(invoices.householdId);
        expect(perHousehold).toHaveLength(HOUSEHOLDS);
        expect(perHousehold.every((h) => h.count === 1)).toBe(true);
      } finally {
        await app.close();
      }
    } finally {
      await database.close();
    }
  });
});
