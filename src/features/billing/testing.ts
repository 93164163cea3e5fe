/** Billing test data: households with a user account, a contract, visits of a month, an optional APA plan. */
import { hash } from '@node-rs/argon2';
import type { Database, Db } from '../../db/client';
import {
  beneficiaries,
  carePlans,
  contracts,
  households,
  organisationRegimes,
  users,
  visitActuals,
  visits,
  workers,
} from '../../db/schema';
import { fixturePassword, insertFixture } from '../../db/testing/fixtures';
import { createTestDatabase } from '../../db/testing/test-database';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { sessionCookieOf } from '../../server/testing/test-app';
import type { Clock } from '../../shared/clock';
import { localToInstant } from '../../shared/local-time';

let passwordHash: Promise<string> | undefined;

export interface BillingHousehold {
  householdId: string;
  beneficiaryId: string;
  workerId: string;
  contractId: string;
  visitIds: string[];
  email: string | null;
}

/** Declaration and agrément of an organisation, as its invoices print them. */
export async function insertRegimes(db: Db, organisationId: string, siret: string): Promise<void> {
  await db
    .insert(organisationRegimes)
    .values([
      { organisationId, kind: 'declaration', number: `SAP${siret.slice(0, 9)}`, startsOn: '2019-03-01' },
      { organisationId, kind: 'agrement', number: 'N/010319/F/045/Q/012', startsOn: '2019-03-01' },
    ])
    .onConflictDoNothing();
}

/**
 * One household of `organisationId` with one beneficiary, one worker, a contract at `hourlyPriceCents` and
 * `visitCount` visits of `durationMin` in `month` (one a day from the 2nd, at 09:00 Paris time). `done` visits
 * (the default) were checked in and out on time and are validated, as the télégestion records them (billing
 * bills only those); `planned` ones have no actuals.
 */
export async function insertBillingHousehold(
  db: Db,
  options: {
    organisationId: string;
    month: string;
    tag: string;
    email?: string | null;
    visitCount?: number;
    durationMin?: number;
    hourlyPriceCents?: number;
    activityCode?: string;
    status?: 'done' | 'planned';
    apa?: { hoursPerMonth: number; hourlyAmountCents?: number; funderShareBp?: number } | null;
    workerId?: string;
  },
): Promise<BillingHousehold> {
  const email = options.email === undefined ? null : options.email;
  let userId: string | null = null;
  if (email) {
    const hashed = await (passwordHash ??= hash(fixturePassword, {
      algorithm: 2,
      memoryCost: 19_456,
      timeCost: 2,
      parallelism: 1,
    }));
    const [user] = await db
      .insert(users)
      .values({ email, passwordHash: hashed, displayName: `Foyer ${options.tag}`, role: 'household' })
      .returning();
    userId = user!.id;
  }
  const [household] = await db
    .insert(households)
    .values({
      name: `Foyer ${options.tag}`,
      userId,
      addressLine: '12 rue de Bourgogne',
      postalCode: '45000',
      communeCode: '45234',
      email,
    })
    .returning();
  const [beneficiary] = await db
    .insert(beneficiaries)
    .values({
      organisationId: options.organisationId,
      householdId: household!.id,
      firstName: 'Jeanne',
      lastName: `Benef ${options.tag}`,
      gir: 3,
    })
    .returning();
  let workerId = options.workerId;
  if (!workerId) {
    const [worker] = await db
      .insert(workers)
      .values({
        organisationId: options.organisationId,
        firstName: 'Inès',
        lastName: `Auxiliaire ${options.tag}`,
      })
      .returning();
    workerId = worker!.id;
  }
  const activityCode = options.activityCode ?? 'assistance-personnes-agees-handicapees';
  const [contract] = await db
    .insert(contracts)
    .values({
      organisationId: options.organisationId,
      householdId: household!.id,
      beneficiaryId: beneficiary!.id,
      activityCode,
      mode: 'prestataire',
      hourlyPriceCents: options.hourlyPriceCents ?? 2_600,
      startsOn: `${options.month}-01`,
    })
    .returning();
  const count = options.visitCount ?? 4;
  const rows = Array.from({ length: count }, (_, i) => {
    const day = `${options.month}-${String(2 + (i % 27)).padStart(2, '0')}`;
    const startsAt = localToInstant(day, '09:00');
    return {
      organisationId: options.organisationId,
      contractId: contract!.id,
      beneficiaryId: beneficiary!.id,
      workerId,
      activityCode,
      startsAt,
      durationMin: options.durationMin ?? 90,
      windowStartsAt: startsAt,
      windowEndsAt: startsAt,
      status: options.status ?? 'done',
    };
  });
  const inserted = rows.length ? await db.insert(visits).values(rows).returning({ id: visits.id }) : [];
  if ((options.status ?? 'done') === 'done')
    await insertValidatedActuals(
      db,
      rows.map((r, i) => ({ ...r, id: inserted[i]!.id })),
    );
  if (options.apa) {
    await db.insert(carePlans).values({
      organisationId: options.organisationId,
      beneficiaryId: beneficiary!.id,
      funder: 'apa',
      hoursPerMonth: options.apa.hoursPerMonth,
      hourlyAmountCents: options.apa.hourlyAmountCents ?? null,
      funderShareBp: options.apa.funderShareBp ?? null,
      startsOn: `${options.month}-01`,
    });
  }
  return {
    householdId: household!.id,
    beneficiaryId: beneficiary!.id,
    workerId,
    contractId: contract!.id,
    visitIds: inserted.map((v) => v.id),
    email,
  };
}

/** Actuals of visits checked in and out as planned, validated (what the télégestion records of them). */
async function insertValidatedActuals(
  db: Db,
  rows: { id: string; organisationId: string; workerId: string; startsAt: Date; durationMin: number }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db.insert(visitActuals).values(
    rows.map((r) => {
      const end = new Date(r.startsAt.getTime() + r.durationMin * 60_000);
      return {
        visitId: r.id,
        organisationId: r.organisationId,
        workerId: r.workerId,
        actualStartAt: r.startsAt,
        actualEndAt: end,
        checkedStartAt: r.startsAt,
        checkedEndAt: end,
        validationStatus: 'valid',
      };
    }),
  );
}

/** The app built as the server builds it, on an open database (for a process a test starts, e.g. billing-kill.child.ts). */
export async function buildAppOn(database: Database, clock: Clock) {
  const app = await buildApp({
    database,
    config: loadConfig({ NODE_ENV: 'test', PROXIDOM_DEMO: '0' }),
    clock,
  });
  await app.ready();
  return app;
}

/** The whole app on a fresh test database, like `createTestApp`, with the database at hand for fixtures. */
export async function createBillingTestApp(options: { clock?: Clock; env?: Record<string, string> } = {}) {
  const database = await createTestDatabase();
  const fixture = await insertFixture(database.db);
  const config = loadConfig({
    NODE_ENV: 'test',
    PROXIDOM_DEMO: '1',
    PUBLIC_URL: 'http://localhost:3000',
    ...options.env,
  });
  const app = await buildApp({ database, config, clock: options.clock ?? { now: () => new Date() } });
  await app.ready();
  const login = async (email: string, password = fixturePassword) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email, password },
    });
    if (response.statusCode !== 200)
      throw new Error(`login ${email} failed: ${response.statusCode} ${response.body}`);
    const cookie = sessionCookieOf(response);
    const csrfToken = response.json<{ csrfToken: string }>().csrfToken;
    return {
      cookie,
      request: (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
        app.inject({
          method,
          url,
          payload: payload as Record<string, unknown> | undefined,
          headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }) },
        }),
    };
  };
  return {
    app,
    db: database.db,
    fixture,
    login,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
export type BillingTestApp = Awaited<ReturnType<typeof createBillingTestApp>>;

/**
 * `count` households of `organisationId` in a few statements (for runs of hundreds of households): one
 * beneficiary each, a contract at 26 €/h, `visitsOf(i)` visits of 60 min in `month` by `workerId`, checked in
 * and out on time and validated.
 */
export async function insertBillingHouseholds(
  db: Db,
  options: {
    organisationId: string;
    month: string;
    count: number;
    workerId: string;
    visitsOf: (i: number) => number;
  },
): Promise<{ householdId: string; visitIds: string[] }[]> {
  const { organisationId, month, count, workerId } = options;
  const index = Array.from({ length: count }, (_, i) => i);
  const householdRows = await db
    .insert(households)
    .values(
      index.map((i) => ({
        name: `Foyer ${i}`,
        addressLine: '12 rue de Bourgogne',
        postalCode: '45000',
        communeCode: '45234',
      })),
    )
    .returning({ id: households.id });
  const beneficiaryRows = await db
    .insert(beneficiaries)
    .values(
      index.map((i) => ({
        organisationId,
        householdId: householdRows[i]!.id,
        firstName: 'Jeanne',
        lastName: `Benef ${i}`,
        gir: 3,
      })),
    )
    .returning({ id: beneficiaries.id });
  const activityCode = 'assistance-personnes-agees-handicapees';
  const contractRows = await db
    .insert(contracts)
    .values(
      index.map((i) => ({
        organisationId,
        householdId: householdRows[i]!.id,
        beneficiaryId: beneficiaryRows[i]!.id,
        activityCode,
        mode: 'prestataire',
        hourlyPriceCents: 2_600,
        startsOn: `${month}-01`,
      })),
    )
    .returning({ id: contracts.id });
  const visitRows = index.flatMap((i) =>
    Array.from({ length: options.visitsOf(i) }, (_, k) => {
      const startsAt = localToInstant(`${month}-${String(2 + (k % 27)).padStart(2, '0')}`, '09:00');
      return {
        household: i,
        organisationId,
        contractId: contractRows[i]!.id,
        beneficiaryId: beneficiaryRows[i]!.id,
        workerId,
        activityCode,
        startsAt,
        durationMin: 60,
        windowStartsAt: startsAt,
        windowEndsAt: startsAt,
        status: 'done',
      };
    }),
  );
  const visitIds = (
    await db
      .insert(visits)
      .values(visitRows.map(({ household: _, ...v }) => v))
      .returning({ id: visits.id })
  ).map((v) => v.id);
  await insertValidatedActuals(
    db,
    visitRows.map((v, k) => ({ ...v, id: visitIds[k]! })),
  );
  return index.map((i) => ({
    householdId: householdRows[i]!.id,
    visitIds: visitIds.filter((_, k) => visitRows[k]!.household === i),
  }));
}
