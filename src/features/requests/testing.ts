/**
 * Requests test data on the shared fixture: organisations A and B serve Saint-Jean-de-Braye (INSEE 45284)
 * with assistance to elderly people in prestataire mode, hold an autorisation and have skilled workers living
 * nearby; organisation C offers the same activity there with a declaration only (not routed for an elderly
 * person). Two household accounts: foyer@ (no household yet: the first request creates it) and autre-foyer@.
 */
import { hash } from '@node-rs/argon2';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client';
import {
  organisationActivities,
  organisationCommunes,
  organisationRegimes,
  organisations,
  users,
  workers,
} from '../../db/schema';
import { fixturePassword, insertFixture } from '../../db/testing/fixtures';
import { createTestDatabase } from '../../db/testing/test-database';
import { buildApp } from '../../server/app';
import { loadConfig } from '../../server/config';
import { sessionCookieOf, type Session } from '../../server/testing/test-app';
import type { Clock } from '../../shared/clock';

export const SAINT_JEAN_DE_BRAYE = '45284';
export const ASSISTANCE = 'assistance-personnes-agees-handicapees';

async function makeProvider(
  db: Db,
  organisationId: string,
  options: { tag: string; regimes: string[]; latitude: number; longitude: number },
) {
  await db
    .update(organisations)
    .set({
      addressLine: `${options.tag} rue de Bourgogne`,
      postalCode: '45000',
      latitude: options.latitude,
      longitude: options.longitude,
      qualityLabels: ['Qualisap'],
      email: `contact-${options.tag}@test.proxidom`,
    })
    .where(eq(organisations.id, organisationId));
  await db
    .insert(organisationActivities)
    .values({ organisationId, activityCode: ASSISTANCE, mode: 'prestataire', hourlyPriceCents: 2600 });
  await db
    .insert(organisationCommunes)
    .values([SAINT_JEAN_DE_BRAYE, '45234'].map((communeCode) => ({ organisationId, communeCode })));
  await db
    .insert(organisationRegimes)
    .values(
      options.regimes.map((kind) => ({
        organisationId,
        kind,
        number: kind === 'declaration' ? `SAP${options.tag}12345678` : `AUT-45-${options.tag}`,
        startsOn: '2020-01-01',
        departement: kind === 'autorisation' ? '45' : null,
      })),
    );
  await db.insert(workers).values([
    {
      organisationId,
      firstName: 'Lina',
      lastName: `Auxiliaire ${options.tag}`,
      communeCode: SAINT_JEAN_DE_BRAYE,
      homeLatitude: 47.918,
      homeLongitude: 1.975,
      skills: ['aide_toilette', 'deaes'],
      contractHoursPerWeek: 35,
    },
    {
      organisationId,
      firstName: 'Marc',
      lastName: `Ménage ${options.tag}`,
      communeCode: SAINT_JEAN_DE_BRAYE,
      homeLatitude: 47.92,
      homeLongitude: 1.96,
      skills: ['menage'],
      contractHoursPerWeek: 24,
    },
  ]);
}

/** The whole app on a fresh test database with the three providers and two households. */
export async function createRequestsTestApp(options: { clock?: Clock } = {}) {
  const database = await createTestDatabase();
  const db = database.db;
  const fixture = await insertFixture(db);
  await makeProvider(db, fixture.orgA.id, {
    tag: 'A',
    regimes: ['declaration', 'autorisation'],
    latitude: 47.9027,
    longitude: 1.9031,
  });
  await makeProvider(db, fixture.orgB.id, {
    tag: 'B',
    regimes: ['declaration', 'autorisation'],
    latitude: 47.93,
    longitude: 1.98,
  });
  const hashed = await hash(fixturePassword, {
    algorithm: 2,
    memoryCost: 19_456,
    timeCost: 2,
    parallelism: 1,
  });
  const [orgC] = await db
    .insert(organisations)
    .values({
      name: 'Structure C',
      siret: '44306184100047',
      legalForm: 'entreprise',
      communeCode: '45234',
      territoryId: fixture.territoryId,
      modes: ['prestataire'],
    })
    .returning();
  await makeProvider(db, orgC!.id, { tag: 'C', regimes: ['declaration'], latitude: 47.9, longitude: 1.9 });
  await db.insert(users).values([
    {
      email: 'admin-c@test.proxidom',
      passwordHash: hashed,
      displayName: 'Admin C',
      role: 'provider_admin',
      organisationId: orgC!.id,
    },
    {
      email: 'autre-foyer@test.proxidom',
      passwordHash: hashed,
      displayName: 'Paul Autre',
      role: 'household',
    },
  ]);
  const config = loadConfig({ NODE_ENV: 'test', PROXIDOM_DEMO: '1', PUBLIC_URL: 'http://localhost:3000' });
  const app = await buildApp({ database, config, clock: options.clock ?? { now: () => new Date() } });
  await app.ready();
  const login = async (email: string, password = fixturePassword): Promise<Session> => {
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
      csrfToken,
      request: (method, url, payload) =>
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
    db,
    fixture,
    orgC: { id: orgC!.id, admin: 'admin-c@test.proxidom' },
    login,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
export type RequestsTestApp = Awaited<ReturnType<typeof createRequestsTestApp>>;

/** A Monday-to-Friday morning need for a GIR 3 mother with an APA plan, starting tomorrow. */
export function motherNeed(startsOn: string) {
  return {
    activityCodes: [ASSISTANCE],
    person: {
      kind: 'elderly',
      firstName: 'Jeanne',
      birthYear: 1944,
      gir: 3,
      apa: { hasPlan: true, monthlyAmountCents: 40000 },
    },
    communeCode: SAINT_JEAN_DE_BRAYE,
    addressLine: '12 rue des Lilas',
    postalCode: '45800',
    slots: [{ weekdays: [1, 2, 3, 4, 5], start: '08:30', durationMin: 60, toleranceMin: 30 }],
    startsOn,
    durationMonths: 12,
    mode: 'prestataire',
    budgetMonthlyCents: 60000,
    wishes: 'Aide au lever et à la toilette, de préférence une intervenante.',
  };
}

export function quoteFor(firstAvailableOn: string, priceTtcCents = 2600) {
  return {
    lines: [
      {
        activityCode: ASSISTANCE,
        mode: 'prestataire',
        description: 'Aide au lever et à la toilette',
        hourlyPriceTtcCents: priceTtcCents,
        hourlyPriceHtCents: Math.round(priceTtcCents / 1.055),
        hoursPerMonth: 21.67,
      },
    ],
    annexFees: [],
    firstAvailableOn,
    validUntil: '2099-12-31',
    workerProfile: {
      skills: ['deaes', 'aide_toilette'],
      experienceYears: 6,
      description: 'Auxiliaire de vie diplômée',
    },
    message: 'Nous pouvons commencer rapidement.',
  };
}
