import { verify } from '@node-rs/argon2';
import { and, eq, gte, lt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../client';
import {
  beneficiaries,
  communes,
  contracts,
  households,
  meta,
  organisationActivities,
  organisationCommunes,
  organisationRegimes,
  organisations,
  territories,
  users,
  visits,
  workers,
} from '../schema';
import { DEMO_PASSWORD, DEMO_SEED_META_KEY, demoAccounts, ensureDemoData } from './ensure-demo-data';
import { addDays, localToInstant, weekStartOf } from '../../shared/local-time';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { sessionCookieOf } from '../../server/testing/test-app';

let database: Database;
const messages: string[] = [];

beforeAll(async () => {
  database = await openDatabase({});
  await database.migrate();
});

afterAll(async () => {
  await database.close();
});

async function count(table: Parameters<Database['db']['$count']>[0]): Promise<number> {
  return database.db.$count(table);
}

async function countAll(): Promise<Record<string, number>> {
  const tables = {
    territories,
    communes,
    organisations,
    organisationActivities,
    organisationCommunes,
    organisationRegimes,
    users,
    workers,
    households,
    beneficiaries,
    contracts,
    visits,
  };
  const result: Record<string, number> = {};
  for (const [name, table] of Object.entries(tables)) result[name] = await count(table);
  return result;
}

describe('ensureDemoData on an embedded PGlite', () => {
  it('writes nothing at all when the seed fails half-way (one transaction)', async () => {
    // Visits are inserted last: a trigger that refuses them makes the seed fail after everything else.
    await database.db.execute(
      sql`CREATE FUNCTION refuse_visits() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'refused by test'; END $$`,
    );
    await database.db.execute(
      sql`CREATE TRIGGER refuse_visits BEFORE INSERT ON visits FOR EACH STATEMENT EXECUTE FUNCTION refuse_visits()`,
    );
    await expect(ensureDemoData(database.db, { seed: 1 })).rejects.toThrow();
    await database.db.execute(sql`DROP TRIGGER refuse_visits ON visits`);
    await database.db.execute(sql`DROP FUNCTION refuse_visits()`);
    expect(Object.values(await countAll()).every((n) => n === 0)).toBe(true);
    expect(await count(meta)).toBe(0);
  });

  it('seeds the demo territory and records it in meta', async () => {
    // A commune already there (from a national import, say) is attached to the territory, not duplicated.
    await database.db
      .insert(communes)
      .values({
        code: '45234',
        name: 'Orléans',
        postalCodes: ['45000', '45100'],
        latitude: 47.87,
        longitude: 1.91,
      });
    // How long it takes is the benchmark's business, not a pass/fail condition of this test.
    expect(await ensureDemoData(database.db, { seed: 1, log: (m) => messages.push(m) })).toBe(true);
    expect(messages.join(' ')).toContain('Orléans Métropole');

    const counts = await countAll();
    expect(counts).toMatchObject({
      territories: 1,
      communes: 22,
      organisations: 150,
      workers: 800,
      beneficiaries: 2500,
      users: 6,
    });
    expect(counts.households).toBeGreaterThan(2000);
    expect(counts.contracts).toBeGreaterThanOrEqual(2500);
    expect(counts.visits).toBeGreaterThan(5000);
    const [row] = await database.db.select().from(meta).where(eq(meta.key, DEMO_SEED_META_KEY));
    expect(row?.value).toMatchObject({ seed: 1 });
  });

  it('attaches the 22 communes, with outlines, to the territory', async () => {
    const [territory] = await database.db.select().from(territories);
    expect(territory).toMatchObject({
      name: 'Orléans Métropole',
      epciSiren: '244500468',
      departementCode: '45',
    });
    const rows = await database.db.select().from(communes).where(eq(communes.territoryId, territory!.id));
    expect(rows).toHaveLength(22);
    expect(rows.every((c) => c.outline !== null)).toBe(true);
  });

  it('creates the six demo accounts with their roles, organisation and password', async () => {
    const [demoOrg] = await database.db
      .select()
      .from(organisations)
      .where(eq(organisations.name, 'Aide & Présence Orléans'));
    expect(demoOrg).toBeDefined();
    const [territory] = await database.db.select().from(territories);
    for (const account of demoAccounts) {
      const [user] = await database.db.select().from(users).where(eq(users.email, account.email));
      expect(user, account.email).toMatchObject({
        role: account.role,
        displayName: account.displayName,
        isDisabled: false,
      });
      const isProvider = ['provider_admin', 'coordinator', 'worker'].includes(account.role);
      expect(user!.organisationId).toBe(isProvider ? demoOrg!.id : null);
      if (account.role === 'territory_admin') expect(user!.territoryId).toBe(territory!.id);
    }
    const [admin] = await database.db.select().from(users).where(eq(users.email, 'admin@proxidom.test'));
    expect(admin!.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verify(admin!.passwordHash, DEMO_PASSWORD)).toBe(true);
  });

  it('links intervenant@ to a worker of the demo organisation who has visits this week', async () => {
    const [user] = await database.db.select().from(users).where(eq(users.email, 'intervenant@proxidom.test'));
    const [worker] = await database.db.select().from(workers).where(eq(workers.userId, user!.id));
    expect(worker!.organisationId).toBe(user!.organisationId);
    const weekStart = weekStartOf(new Date());
    const from = localToInstant(weekStart, '00:00');
    const to = localToInstant(addDays(weekStart, 7), '00:00');
    const mine = await database.db
      .select()
      .from(visits)
      .where(and(eq(visits.workerId, worker!.id), gte(visits.startsAt, from), lt(visits.startsAt, to)));
    expect(mine.length).toBeGreaterThanOrEqual(10);
  });

  it('links famille@ to a household with a beneficiary, contracts and visits at the demo organisation', async () => {
    const [user] = await database.db.select().from(users).where(eq(users.email, 'famille@proxidom.test'));
    const [household] = await database.db.select().from(households).where(eq(households.userId, user!.id));
    const [demoOrg] = await database.db
      .select()
      .from(organisations)
      .where(eq(organisations.name, 'Aide & Présence Orléans'));
    const [beneficiary] = await database.db
      .select()
      .from(beneficiaries)
      .where(
        and(eq(beneficiaries.householdId, household!.id), eq(beneficiaries.organisationId, demoOrg!.id)),
      );
    expect(beneficiary).toMatchObject({ firstName: 'Jeannine', lastName: 'Lefèvre' });
    expect(
      await database.db.$count(contracts, eq(contracts.beneficiaryId, beneficiary!.id)),
    ).toBeGreaterThanOrEqual(2);
    expect(
      await database.db.$count(visits, eq(visits.beneficiaryId, beneficiary!.id)),
    ).toBeGreaterThanOrEqual(7);
  });

  it('reads as a running service: sectors, weekly availability, a continuous plan, past weeks validated with no anomaly', async () => {
    const app = await buildApp({ database, config: loadConfig({ NODE_ENV: 'test', PROXIDOM_DEMO: '1', PUBLIC_URL: 'http://localhost:3000' }), clock: { now: () => new Date() } });
    try {
      const login = async (email: string) => {
        const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password: DEMO_PASSWORD } });
        expect(response.statusCode).toBe(200);
        const cookie = sessionCookieOf(response);
        return (url: string) => app.inject({ method: 'GET', url, headers: { cookie } });
      };
      const coordinator = await login('coordination@proxidom.test');
      const me = (await coordinator('/api/me')).json();
      const sectors = (await coordinator('/api/sectors')).json().items as { name: string; communes: unknown[]; coordinators: { userId: string }[]; beneficiaryCount: number; workerCount: number }[];
      expect(sectors.length).toBeGreaterThanOrEqual(2);
      expect(sectors.length).toBeLessThanOrEqual(4);
      expect(sectors.reduce((n, s) => n + s.communes.length, 0)).toBe(22);
      expect(sectors.filter((s) => s.coordinators.some((c) => c.userId === me.id))).toHaveLength(1);
      expect(sectors.every((s) => s.beneficiaryCount > 0 && s.workerCount > 0)).toBe(true);

      const weekStart = weekStartOf(new Date());
      const board = (await coordinator(`/api/schedule/week?start=${weekStart}`)).json();
      expect(board.workers.every((w: { hasRecordedAvailability: boolean }) => w.hasRecordedAvailability)).toBe(true);
      expect(board.workers.some((w: { availability: { weekday: number }[] }) => w.availability.some((a) => a.weekday === 7))).toBe(true);
      expect(board.conflicts.filter((c: { code: string }) => c.code === 'outside_availability')).toEqual([]);
      expect(board.kpis.continuityRate).toBeGreaterThan(0.55);
      expect(board.kpis.continuityRate).toBeLessThan(0.9);

      // The anomaly queue holds this week's visits not checked yet, nothing of the weeks before.
      const anomalies = (await coordinator('/api/telegestion/anomalies?limit=500')).json();
      const monday = localToInstant(weekStart, '00:00').getTime();
      expect(anomalies.items.every((i: { plannedStartAt: string }) => Date.parse(i.plannedStartAt) >= monday)).toBe(true);

      // The demo worker's last month: visits checked in and out by her phone, validated, travel credited.
      const worker = await login('intervenant@proxidom.test');
      const lastMonth = addDays(`${weekStart.slice(0, 8)}01`, -1).slice(0, 7);
      const activity = (await worker(`/api/me/activity?month=${lastMonth}`)).json();
      expect(activity.totals.visits).toBeGreaterThan(40);
      expect(activity.totals.anomalies).toBe(0);
      expect(activity.totals.validatedMinutes).toBeGreaterThan(0);
      expect(activity.totals.travelKm).toBeGreaterThan(0);
      expect(activity.visits.every((v: { checkEvents: unknown[] }) => v.checkEvents.length === 2)).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('returns false the second time and keeps every change made since', async () => {
    await database.db
      .update(organisations)
      .set({ description: 'Modifié par la coordinatrice.' })
      .where(eq(organisations.name, 'Aide & Présence Orléans'));
    await database.db.delete(visits).where(eq(visits.status, 'planned'));
    const before = await countAll();
    expect(await ensureDemoData(database.db, { seed: 1 })).toBe(false);
    expect(await ensureDemoData(database.db, { seed: 2 })).toBe(false);
    expect(await countAll()).toEqual(before);
    expect(await database.db.$count(visits, eq(visits.status, 'planned'))).toBe(0);
    const [demoOrg] = await database.db
      .select()
      .from(organisations)
      .where(eq(organisations.name, 'Aide & Présence Orléans'));
    expect(demoOrg!.description).toBe('Modifié par la coordinatrice.');
  });
});
