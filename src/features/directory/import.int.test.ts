import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runImportCommand } from '../../cli/import';
import type { Database } from '../../db/client';
import { fixturePassword, insertFixture, type Fixture } from '../../db/testing/fixtures';
import { createTestDatabase } from '../../db/testing/test-database';
import { buildApp, type App } from '../../server/app';
import { loadConfig } from '../../server/config';
import { sessionCookieOf } from '../../server/testing/test-app';
import { createImportService, type ImportReport } from './import.service';

const sample = readFileSync(new URL('../../../docs/samples/organisations-sample.csv', import.meta.url));

let database: Database;
let app: App;
let fixture: Fixture;
let session: { cookie: string; csrfToken: string };

beforeAll(async () => {
  database = await createTestDatabase();
  fixture = await insertFixture(database.db);
  app = await buildApp({
    database,
    config: loadConfig({ NODE_ENV: 'test', PROXIDOM_DEMO: '1', PUBLIC_URL: 'http://localhost:3000' }),
    clock: { now: () => new Date() },
  });
  await app.ready();
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { email: fixture.accounts.territory_admin, password: fixturePassword },
  });
  session = { cookie: sessionCookieOf(login), csrfToken: login.json().csrfToken };
});
afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function upload(
  body: Buffer | string,
  contentType = 'text/csv',
  fileName = 'liste.csv',
): Promise<ImportReport> {
  const response = await app.inject({
    method: 'POST',
    url: `/api/territory/imports?fileName=${encodeURIComponent(fileName)}`,
    headers: { cookie: session.cookie, 'x-csrf-token': session.csrfToken, 'content-type': contentType },
    payload: body,
  });
  expect(response.statusCode, response.body).toBe(202);
  const { id } = response.json<{ id: string }>();
  await app.services.imports.waitForImport(id);
  const report = await app.inject({
    method: 'GET',
    url: `/api/territory/imports/${id}`,
    headers: { cookie: session.cookie },
  });
  expect(report.statusCode).toBe(200);
  return report.json<ImportReport>();
}

const search = async (query: string) =>
  (await app.inject({ method: 'GET', url: `/api/directory/organisations?${query}` })).json<{
    total: number;
    items: { name: string; communeCode: string; siret: string }[];
  }>();

describe('import of the national list', () => {
  it('keeps the good rows of the sample, reports each bad one with its line, and the directory finds them', async () => {
    const report = await upload(sample, 'text/csv', 'organisations-sample.csv');
    expect(report).toMatchObject({
      status: 'done',
      fileName: 'organisations-sample.csv',
      totalRows: 14,
      processedRows: 14,
      inserted: 7,
      updated: 0,
      unchanged: 0,
      rejected: 7,
      unknownColumns: ['Région'],
    });
    expect(report.mappedColumns).toMatchObject({
      SIRET: 'siret',
      'Raison sociale': 'name',
      'Code postal': 'postalCode',
      'Code INSEE': 'communeCode',
      Activités: 'activities',
      "Modes d'intervention": 'modes',
    });
    expect(report.errors.map((e) => e.line)).toEqual([9, 10, 11, 12, 13, 14, 15]);
    expect(report.errors.find((e) => e.line === 9)!.reason).toMatch(/SIRET .*invalide/);
    expect(report.errors.find((e) => e.line === 11)!.reason).toMatch(
      /code postal 45000 n'est pas celui d'Olivet|code postal 45000/i,
    );
    expect(report.errors.find((e) => e.line === 13)!.reason).toMatch(/déjà présent ligne 4/);
    expect(report.warnings).toEqual(
      expect.arrayContaining([{ line: 16, reason: expect.stringMatching(/repassage/) }]),
    );
    expect(report.finishedAt).not.toBeNull();

    const found = await search(`q=${encodeURIComponent('ménage Orléans')}`);
    expect(found.items.map((i) => i.name)).toContain('Orléans Ménage Service');
    expect((await search('q=jardinage')).items.map((i) => i.name)).toContain('Jardins et Haies du Val');
    // An organisation elsewhere in France gets its commune from France's list.
    expect((await search('q=informatique%20Lyon')).items.map((i) => [i.name, i.communeCode])).toEqual([
      ['Clic Informatique Senior', '69123'],
    ]);
    const saran = (await search(`q=${encodeURIComponent('auxiliaire de vie Saran')}&mode=mandataire`)).items;
    expect(saran.map((i) => i.name)).toEqual(['Aide et Présence Saran']);
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = (await search('pageSize=100')).total;
    const report = await upload(sample);
    expect(report).toMatchObject({ status: 'done', inserted: 0, updated: 0, unchanged: 7, rejected: 7 });
    expect((await search('pageSize=100')).total).toBe(before);
  });

  it('reads Latin-1 with commas, UTF-8 with a BOM, and quoted line breaks; updates a changed row', async () => {
    const latin = iconv.encode(
      'Numéro SIRET,Dénomination,CP,Ville,Activités exercées,Date de dépôt\r\n' +
        '12019313100659,"Orléans Ménage Service, repassage compris",45000,Orléans,"1, 6",15/03/2019\r\n' +
        '77687335800696,Bébés Câlins,45100,Orléans,"I-1\nII-1",2020-02-02\r\n',
      'latin1',
    );
    const report = await upload(latin, 'application/octet-stream');
    expect(report).toMatchObject({ status: 'done', inserted: 1, updated: 1, rejected: 0 });
    const profile = (await search('q=calins')).items[0]!;
    expect(profile.name).toBe('Bébés Câlins');
    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('siret;raison sociale;code commune;activites\n37811544800078;Élan Ménage;45232;ménage\n'),
    ]);
    expect(await upload(bom)).toMatchObject({
      status: 'done',
      inserted: 1,
      mappedColumns: { siret: 'siret' },
    });
    expect((await search('q=elan')).items.map((i) => i.name)).toEqual(['Élan Ménage']);
  });

  it('refuses an unusable file and says why', async () => {
    const report = await upload('nom;ville\nA;B\n');
    expect(report.status).toBe('failed');
    expect(report.failure).toMatch(/SIRET/);
  });

  it('keeps the committed batches when a batch fails mid-file, and a re-run completes the rest', async () => {
    const rows = ['siret;raison sociale;code commune;activites'];
    const sirets = ['55208131766514', '55208131766548', '55208131766555', '55208131766563', '55208131766571'];
    sirets.forEach((siret, i) => rows.push(`${siret};Lot ${i};45302;jardinage`));
    const file = Buffer.from(rows.join('\n'));
    const onChange = () => app.services.search.invalidate();
    const crashing = createImportService({
      db: database.db,
      batchSize: 2,
      onChange,
      afterBatch: (index) => {
        if (index === 1) throw new Error('panne simulée');
      },
    });
    const failed = await crashing.runImport(file, 'lots.csv');
    expect(failed).toMatchObject({ status: 'failed', inserted: 4, processedRows: 4 });
    expect(failed.failure).toMatch(/panne simulée/);
    expect((await search('q=lot&pageSize=100')).total).toBe(4);
    const rerun = await createImportService({ db: database.db, batchSize: 2, onChange }).runImport(
      file,
      'lots.csv',
    );
    expect(rerun).toMatchObject({ status: 'done', inserted: 1, unchanged: 4 });
    expect((await search('q=lot&pageSize=100')).total).toBe(5);
  });

  it('is for the territory admin only', async () => {
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/territory/imports',
          headers: { 'content-type': 'text/csv' },
          payload: 'x',
        })
      ).statusCode,
    ).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/territory/imports' })).statusCode).toBe(401);
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { email: fixture.orgA.accounts.provider_admin, password: fixturePassword },
    });
    const cookie = sessionCookieOf(login);
    const csrf = login.json().csrfToken;
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/territory/imports',
          headers: { cookie, 'x-csrf-token': csrf, 'content-type': 'text/csv' },
          payload: sample,
        })
      ).statusCode,
    ).toBe(403);
    const list = await app.inject({
      method: 'GET',
      url: '/api/territory/imports',
      headers: { cookie: session.cookie },
    });
    expect(list.json<ImportReport[]>().length).toBeGreaterThan(3);
    expect(
      (
        await app.inject({
          method: 'GET',
          url: '/api/territory/imports/00000000-0000-4000-8000-000000000000',
          headers: { cookie: session.cookie },
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe('the import command', () => {
  it('imports a file into the configured database, prints the report, exits 0 with rejected rows and 2 on an unusable file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'proxidom-import-'));
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const config = loadConfig({ NODE_ENV: 'test', PROXIDOM_DATA_DIR: join(dir, 'data') });
      const file = join(dir, 'liste.csv');
      writeFileSync(file, sample);
      expect(await runImportCommand(['organisations', file], config)).toBe(0);
      const printed = out.mock.calls.map((c) => String(c[0])).join('');
      expect(printed).toMatch(/7 créées, 0 modifiées, 0 inchangées, 7 refusées/);
      expect(printed).toMatch(/ligne 9 : SIRET/);
      writeFileSync(file, 'nom\nA\n');
      expect(await runImportCommand(['organisations', file], config)).toBe(2);
      expect(await runImportCommand(['organisations', join(dir, 'absent.csv')], config)).toBe(2);
    } finally {
      out.mockRestore();
      err.mockRestore();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
