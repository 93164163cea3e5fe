import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/client';
import { ensureFranceCommunes } from '../../db/geo/communes-france';
import {
  organisationActivities,
  organisationCommunes,
  organisationRegimes,
  organisations,
} from '../../db/schema';
import { insertFixture } from '../../db/testing/fixtures';
import { createTestDatabase } from '../../db/testing/test-database';
import { buildApp, type App } from '../../server/app';
import { loadConfig } from '../../server/config';

interface Org {
  name: string;
  siret: string;
  commune: string;
  activities: [string, 'prestataire' | 'mandataire', number?][];
  served: string[];
  publics?: string[];
  accepting?: boolean;
  description?: string;
  regimes?: string[];
}

// Orléans 45234, Olivet 45232, Saran 45302, Ingré 45169, Fleury 45147, Saint-Cyr-en-Val 45272; Montargis 45208 (~65 km east).
const ORGS: Org[] = [
  {
    name: 'Net Services Olivet',
    siret: '73282932000140',
    commune: '45232',
    activities: [['entretien-maison', 'prestataire', 2400]],
    served: ['45232', '45234'],
  },
  {
    name: 'Les Jardins de Sologne',
    siret: '73282932000157',
    commune: '45302',
    activities: [
      ['petits-travaux-jardinage', 'prestataire', 2800],
      ['petits-travaux-jardinage', 'mandataire'],
    ],
    served: ['45302', '45169'],
  },
  {
    name: 'Présence Autonomie',
    siret: '73282932000165',
    commune: '45232',
    activities: [
      ['assistance-personnes-agees-handicapees', 'prestataire', 2550],
      ['entretien-maison', 'prestataire', 2550],
    ],
    served: ['45232', '45272'],
    publics: ['personnes_agees', 'personnes_handicapees', 'tout_public'],
    regimes: ['declaration', 'autorisation'],
  },
  {
    name: 'Domicile Saran Mandataire',
    siret: '73282932000173',
    commune: '45302',
    activities: [
      ['assistance-personnes-agees-handicapees', 'mandataire'],
      ['entretien-maison', 'mandataire', 1900],
    ],
    served: ['45302'],
    publics: ['personnes_agees'],
    accepting: false,
    regimes: ['declaration', 'agrement'],
  },
  {
    name: 'Les Petits Loups',
    siret: '73282932000181',
    commune: '45234',
    activities: [['garde-enfants-moins-3-ans', 'mandataire']],
    served: ['45234'],
    publics: ['enfants_moins_3_ans'],
    regimes: ['agrement'],
  },
  {
    name: 'Clic Seniors',
    siret: '73282932000199',
    commune: '45147',
    activities: [['assistance-informatique', 'prestataire', 4500]],
    served: ['45147', '45234', '45302'],
    description: 'Dépannage et initiation à la tablette.',
  },
  {
    name: 'Ménage Montargis',
    siret: '73282932000207',
    commune: '45208',
    activities: [['entretien-maison', 'prestataire', 2300]],
    served: ['45208'],
  },
];

let database: Database;
let app: App;
const ids = new Map<string, string>();

beforeAll(async () => {
  database = await createTestDatabase();
  await insertFixture(database.db);
  await ensureFranceCommunes(database.db);
  for (const org of ORGS) {
    const [row] = await database.db
      .insert(organisations)
      .values({
        name: org.name,
        siret: org.siret,
        legalForm: 'societe',
        communeCode: org.commune,
        postalCode: '45000',
        publics: org.publics ?? ['tout_public'],
        isAcceptingClients: org.accepting ?? true,
        description: org.description,
        qualityLabels: org.name.startsWith('Présence') ? ['Qualisap'] : [],
      })
      .returning();
    ids.set(org.name, row!.id);
    await database.db.insert(organisationActivities).values(
      org.activities.map(([activityCode, mode, price]) => ({
        organisationId: row!.id,
        activityCode,
        mode,
        hourlyPriceCents: price ?? null,
      })),
    );
    await database.db
      .insert(organisationCommunes)
      .values(org.served.map((communeCode) => ({ organisationId: row!.id, communeCode })));
    if (org.regimes)
      await database.db.insert(organisationRegimes).values(
        org.regimes.map((kind) => ({
          organisationId: row!.id,
          kind,
          number: `SAP${org.siret.slice(0, 9)}`,
          startsOn: '2020-01-01',
        })),
      );
  }
  app = await buildApp({
    database,
    config: loadConfig({ NODE_ENV: 'test', PROXIDOM_DEMO: '1', PUBLIC_URL: 'http://localhost:3000' }),
    clock: { now: () => new Date() },
  });
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

type Result = {
  total: number;
  page: number;
  pageSize: number;
  items: {
    id: string;
    name: string;
    siret: string;
    communeCode: string;
    activities: string[];
    modes: string[];
    distanceKm?: number;
    matchedActivities?: string[];
    hourlyPriceFromCents: number | null;
    qualityLabels: string[];
  }[];
  facets: Record<string, { value: string; label: string; count: number }[]>;
};
const search = async (query: string) => {
  const response = await app.inject({ method: 'GET', url: `/api/directory/organisations?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Result>();
};
const names = (r: Result) => r.items.map((i) => i.name);

describe('free-text search in French', () => {
  it.each([['menage'], ['ménages'], ['MÉNAGE'], ['aide ménagère'], ['femme de menage']])(
    '« %s » finds the housework providers',
    async (q) => {
      const r = await search(`q=${encodeURIComponent(q)}`);
      expect(names(r)).toEqual(
        expect.arrayContaining([
          'Net Services Olivet',
          'Présence Autonomie',
          'Domicile Saran Mandataire',
          'Ménage Montargis',
        ]),
      );
      expect(names(r)).not.toContain('Les Jardins de Sologne');
    },
  );

  it('tolerates a typo: « jardinnage » finds the gardener', async () => {
    const r = await search('q=jardinnage');
    expect(names(r)).toEqual(['Les Jardins de Sologne']);
    expect(r.items[0]!.matchedActivities).toEqual(['petits-travaux-jardinage']);
  });

  it('reads a commune in the text: « auxilaire de vie Olivet » finds home help serving Olivet only', async () => {
    const r = await search(`q=${encodeURIComponent('auxilaire de vie Olivet')}`);
    expect(names(r)).toEqual(['Présence Autonomie']);
    expect(r.items[0]!.distanceKm).toBeDefined();
  });

  it('« aide ménagère près de Saran » keeps the providers serving Saran', async () => {
    const r = await search(`q=${encodeURIComponent('aide ménagère près de Saran')}`);
    expect(names(r)).toEqual(['Domicile Saran Mandataire']);
  });

  it('finds an organisation by its name, even misspelt', async () => {
    expect(names(await search('q=petits%20loups'))).toEqual(['Les Petits Loups']);
    expect(names(await search('q=clik%20seniors'))).toContain('Clic Seniors');
  });
});

describe('filters, facets, radius, sort and pages', () => {
  it('filters by activity and mode, and counts each facet with the other filters', async () => {
    const r = await search('activity=entretien-maison&mode=prestataire');
    expect(names(r).sort()).toEqual(['Ménage Montargis', 'Net Services Olivet', 'Présence Autonomie']);
    expect(r.total).toBe(3);
    // The mode facet ignores the mode filter: 4 housework providers, 3 prestataire and 1 mandataire.
    expect(r.facets.mode).toEqual(
      expect.arrayContaining([
        { value: 'prestataire', label: 'Prestataire', count: 3 },
        { value: 'mandataire', label: 'Mandataire', count: 1 },
      ]),
    );
    // The activity facet ignores the activity filter but keeps the mode one.
    const activity = Object.fromEntries(r.facets.activity!.map((f) => [f.value, f.count]));
    expect(activity['entretien-maison']).toBe(3);
    expect(activity['petits-travaux-jardinage']).toBe(1);
    expect(activity['garde-enfants-moins-3-ans']).toBeUndefined();
    expect(r.facets.domain!.find((f) => f.value === 'vie_quotidienne')!.label).toBe(
      'Services de la vie quotidienne',
    );
  });

  it('accepts repeated and comma-separated values, public, regime and accepting filters', async () => {
    expect((await search('activity=entretien-maison,garde-enfants-moins-3-ans')).total).toBe(5);
    expect((await search('activity=entretien-maison&activity=garde-enfants-moins-3-ans')).total).toBe(5);
    expect(names(await search('public=enfants_moins_3_ans'))).toEqual(['Les Petits Loups']);
    expect(names(await search('regime=autorisation'))).toEqual(['Présence Autonomie']);
    const notAccepting = await search('accepting=false');
    expect(names(notAccepting)).toEqual(['Domicile Saran Mandataire']);
    expect(notAccepting.facets.accepting).toEqual(
      expect.arrayContaining([expect.objectContaining({ value: 'true', count: 8 })]),
    );
  });

  it('commune with radius 0 keeps who serves it; a radius widens to nearby communes and sorts by distance', async () => {
    expect(names(await search('commune=45272')).sort()).toEqual(['Présence Autonomie']);
    const near = await search('commune=45232&radiusKm=10&sort=distance&activity=entretien-maison');
    expect(names(near)).not.toContain('Ménage Montargis');
    expect(names(near)[0]).toMatch(/Olivet|Présence/);
    const distances = near.items.map((i) => i.distanceKm!);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    const far = await search('commune=45232&radiusKm=80&activity=entretien-maison');
    expect(names(far)).toContain('Ménage Montargis');
  });

  it('postal code stands for its commune', async () => {
    expect(names(await search('postalCode=45770')).sort()).toEqual([
      'Clic Seniors',
      'Domicile Saran Mandataire',
      'Les Jardins de Sologne',
    ]);
  });

  it('pages through results in a stable order', async () => {
    const all = await search('sort=name&pageSize=100');
    const first = await search('sort=name&page=1&pageSize=3');
    const second = await search('sort=name&page=2&pageSize=3');
    expect(first.total).toBe(all.total);
    expect([...names(first), ...names(second)]).toEqual(names(all).slice(0, 6));
    expect(second.page).toBe(2);
  });

  it('answers 400 naming the field for bad parameters', async () => {
    for (const [query, field] of [
      ['activity=piscine', 'activity'],
      ['radiusKm=150', 'radiusKm'],
      ['mode=autre', 'mode'],
      ['commune=99999', 'commune'],
      ['pageSize=1000', 'pageSize'],
    ] as const) {
      const response = await app.inject({ method: 'GET', url: `/api/directory/organisations?${query}` });
      expect(response.statusCode, query).toBe(400);
      expect(response.headers['content-type']).toMatch(/problem\+json/);
      expect(
        response
          .json()
          .errors.map((e: { field: string }) => e.field)
          .join(' '),
        query,
      ).toContain(field);
    }
  });

  it('reflects a change at once (the search document follows the tables)', async () => {
    const id = ids.get('Clic Seniors')!;
    await database.db
      .insert(organisationActivities)
      .values({ organisationId: id, activityCode: 'petits-travaux-jardinage', mode: 'prestataire' });
    expect(names(await search('q=jardinage')).sort()).toEqual(['Clic Seniors', 'Les Jardins de Sologne']);
  });
});

describe('search masks', () => {
  it('are computed by the database in the order the code reads them', async () => {
    const { sql } = await import('drizzle-orm');
    const { SEARCH_MASK_VALUES } = await import('./search.repo');
    const id = ids.get('Domicile Saran Mandataire')!;
    const result = await database.db.execute(
      sql`SELECT activity_codes, activity_mask, modes, mode_mask, publics, public_mask, regimes, regime_mask FROM organisation_search WHERE organisation_id = ${id}`,
    );
    const row = (result as unknown as { rows: Record<string, unknown>[] }).rows[0]!;
    const mask = (values: readonly string[], list: readonly string[]) =>
      values.reduce((m, v) => m + 2 ** list.indexOf(v), 0);
    expect(Number(row.activity_mask)).toBe(mask(row.activity_codes as string[], SEARCH_MASK_VALUES.activity));
    expect(Number(row.mode_mask)).toBe(mask(row.modes as string[], SEARCH_MASK_VALUES.mode));
    expect(Number(row.public_mask)).toBe(mask(row.publics as string[], SEARCH_MASK_VALUES.public));
    expect(Number(row.regime_mask)).toBe(mask(row.regimes as string[], SEARCH_MASK_VALUES.regime));
  });
});

describe('activities, map and public profile', () => {
  it('lists the 26 activities with their domain', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/directory/activities' });
    const activities =
      response.json<{ code: string; article: string; name: string; domain: string; domainLabel: string }[]>();
    expect(activities).toHaveLength(26);
    expect(activities[5]).toMatchObject({
      code: 'entretien-maison',
      article: 'II-1',
      domain: 'vie_quotidienne',
      domainLabel: 'Services de la vie quotidienne',
    });
  });

  it('draws the territory from its own communes and outlines', async () => {
    const map = (await app.inject({ method: 'GET', url: '/api/directory/map' })).json<{
      communes: { code: string; outline: { type: string } }[];
    }>();
    expect(map.communes).toHaveLength(22);
    expect(map.communes.find((c) => c.code === '45232')!.outline.type).toMatch(/Polygon/);
  });

  it('shows a public profile, and 404 for an unknown id', async () => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/directory/organisations/${ids.get('Présence Autonomie')}`,
    });
    expect(response.statusCode).toBe(200);
    const profile = response.json();
    expect(profile).toMatchObject({
      name: 'Présence Autonomie',
      siret: '73282932000165',
      legalFormLabel: expect.stringMatching(/Société/),
      qualityLabels: ['Qualisap'],
    });
    expect(profile.activities).toEqual(
      expect.arrayContaining([
        {
          code: 'entretien-maison',
          name: 'Entretien de la maison et travaux ménagers',
          modes: ['prestataire'],
          prices: [{ mode: 'prestataire', unit: 'heure', priceTtcCents: 2550 }],
        },
      ]),
    );
    expect(profile.communesServed.map((c: { name: string }) => c.name).sort()).toEqual([
      'Olivet',
      'Saint-Cyr-en-Val',
    ]);
    expect(profile.regimes.autorisation).toMatchObject({ number: 'SAP732829320' });
    expect(profile.regimes.agrement).toBeNull();
    for (const id of ['00000000-0000-4000-8000-000000000000', 'pas-un-id']) {
      const missing = await app.inject({ method: 'GET', url: `/api/directory/organisations/${id}` });
      expect(missing.statusCode).toBe(404);
      expect(missing.headers['content-type']).toMatch(/problem\+json/);
    }
  });
});

describe('a commune name inside an organisation’s name', () => {
  beforeAll(async () => {
    for (const [name, siret] of [
      ['Jardins de Loire Services', '73282932000215'],
      ['Les Jardins de Saran', '73282932000223'],
    ] as const) {
      const [row] = await database.db
        .insert(organisations)
        .values({
          name,
          siret,
          legalForm: 'association',
          communeCode: '45272',
          postalCode: '45590',
          publics: ['tout_public'],
        })
        .returning();
      await database.db
        .insert(organisationActivities)
        .values({ organisationId: row!.id, activityCode: 'petits-travaux-jardinage', mode: 'prestataire' });
      await database.db
        .insert(organisationCommunes)
        .values({ organisationId: row!.id, communeCode: '45272' });
    }
  });

  it('« Jardins de Loire Services » finds the organisation, not the commune of Loiré', async () => {
    const r = await search(`q=${encodeURIComponent('Jardins de Loire Services')}`);
    expect(names(r)[0]).toBe('Jardins de Loire Services');
    expect((r as Result & { interpretation: { commune: unknown } }).interpretation.commune).toBeNull();
  });

  it('« Jardins de Saran » is the organisation’s name, « jardinage près de Saran » a place', async () => {
    const named = await search(`q=${encodeURIComponent('Jardins de Saran')}`);
    expect(names(named)[0]).toBe('Les Jardins de Saran');
    const near = await search(`q=${encodeURIComponent('jardinage près de Saran')}`);
    expect(
      (near as Result & { interpretation: { commune: { code: string } } }).interpretation.commune.code,
    ).toBe('45302');
    // Serving Saran: Les Jardins de Sologne (and Clic Seniors, gardening since the test above), not the namesake.
    expect(names(near)).toContain('Les Jardins de Sologne');
    expect(names(near)).not.toContain('Les Jardins de Saran');
  });

  it('still reads Olivet in « auxilaire de vie Olivet »', async () => {
    expect(names(await search(`q=${encodeURIComponent('auxilaire de vie Olivet')}`))).toEqual([
      'Présence Autonomie',
    ]);
  });
});

describe('answers kept in memory', () => {
  it('follow a change written by another process (straight into the database), even outside the search rows', async () => {
    const before = await search('q=petits%20loups');
    expect(before.items[0]).toMatchObject({ name: 'Les Petits Loups', qualityLabels: [] });
    expect((await search('q=petits%20loups')).items[0]).toEqual(before.items[0]);
    const { eq } = await import('drizzle-orm');
    await database.db
      .update(organisations)
      .set({ qualityLabels: ['Cap’Handéo'] })
      .where(eq(organisations.id, ids.get('Les Petits Loups')!));
    expect((await search('q=petits%20loups')).items[0]).toMatchObject({ qualityLabels: ['Cap’Handéo'] });
  });
});
