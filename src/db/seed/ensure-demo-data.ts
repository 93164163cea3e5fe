/**
 * Seeds the demo territory (Orléans Métropole) on first start, once: the `meta` row 'demo_seed' records
 * it, and later starts leave the database — and every change made in it — untouched.
 */
import { hash } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import type { Db } from '../client';
import { meta } from '../schema';
import { DEMO_PASSWORD, demoAccounts } from './demo-accounts';
import { demoGeography } from './demo-geography';
import { generateDemoData } from './generate-demo-data';
import { insertDemoData } from './insert-demo-data';
import { PARIS_TIME_ZONE, weekStartOf } from '../../shared/local-time';

export { demoAccounts, DEMO_PASSWORD } from './demo-accounts';
export type { DemoAccount } from './demo-accounts';

/** The `meta` key that records the demo seed. */
export const DEMO_SEED_META_KEY = 'demo_seed';

// argon2id, OWASP baseline (19 MiB, 2 passes), as for every account.
const argonOptions = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * Seeds the demo territory when this database has never been seeded, in one transaction (a crash leaves
 * nothing half-written), and returns true; returns false, touching nothing, when it already was. The
 * content depends on `seed` and on the current week (the visits are those of this week, Monday to Sunday,
 * Europe/Paris). Safe when two servers start together on one PostgreSQL: only one seeds.
 */
export async function ensureDemoData(
  db: Db,
  options: { seed: number; log?: (message: string) => void },
): Promise<boolean> {
  const log = options.log ?? (() => undefined);
  const [existing] = await db.select({ key: meta.key }).from(meta).where(eq(meta.key, DEMO_SEED_META_KEY));
  if (existing) return false;

  const startedAt = performance.now();
  const weekStart = weekStartOf(new Date(), PARIS_TIME_ZONE);
  const data = generateDemoData({ seed: options.seed, weekStart, geography: demoGeography });
  const generatedMs = performance.now() - startedAt;
  const hashes = new Map(
    await Promise.all(
      demoAccounts.map(async (a) => [a.email, await hash(DEMO_PASSWORD, argonOptions)] as const),
    ),
  );

  const counts = await db.transaction(async (tx) => {
    const claimed = await tx
      .insert(meta)
      .values({
        key: DEMO_SEED_META_KEY,
        value: {
          seed: options.seed,
          weekStart,
          territoryId: data.territory.id,
          seededAt: new Date().toISOString(),
        },
      })
      .onConflictDoNothing()
      .returning({ key: meta.key });
    if (claimed.length === 0) return null;
    return insertDemoData(tx, data, hashes);
  });
  if (counts === null) return false;

  const totalMs = performance.now() - startedAt;
  log(
    `Données de démonstration : ${data.territory.name}, semaine du ${weekStart} — ${counts.organisations} structures, ${counts.workers} intervenant·es, ` +
      `${counts.beneficiaries} bénéficiaires, ${counts.households} foyers, ${counts.contracts} contrats, ` +
      `${counts.visits! - counts.pastVisits!} interventions cette semaine et ${counts.pastVisits} réalisées depuis le ${data.history.fromDate}, ${counts.sectors} secteurs ` +
      `(générées en ${Math.round(generatedMs)} ms, total ${Math.round(totalMs)} ms).`,
  );
  return true;
}
