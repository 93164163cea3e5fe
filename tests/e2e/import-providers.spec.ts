import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { seriousAccessibilityViolations, signInWithApi } from './helpers';

const samplePath = process.env.IMPORT_SAMPLE_CSV ?? 'docs/samples/organisations-sample.csv';

/**
 * The sample's records by the line they start on (the header is line 1), as a spreadsheet reads them: a
 * quoted cell may hold the delimiter, doubled quotes and line breaks.
 */
function readSample(): { header: string[]; rows: Map<number, string[]> } {
  const text = readFileSync(samplePath, 'utf8')
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n');
  const firstLine = text.slice(0, text.indexOf('\n'));
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) >= (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      cells.push(cell.trim());
      cell = '';
    } else if (c === '\n') {
      cells.push(cell.trim());
      if (cells.some((v) => v !== '')) records.push({ line: recordLine, cells });
      cells = [];
      cell = '';
      line++;
      recordLine = line;
    } else cell += c;
  }
  cells.push(cell.trim());
  if (cells.some((v) => v !== '')) records.push({ line: recordLine, cells });
  const [header, ...rows] = records;
  return { header: header!.cells, rows: new Map(rows.map((r) => [r.line, r.cells])) };
}

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');

test('the territory admin imports a file with bad rows: the report lists them by line and the good rows reach the directory', async ({
  page,
}) => {
  await signInWithApi(page, 'territoire@proxidom.test');
  await page.goto('/territoire');
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Import des structures' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Import des structures' })).toBeVisible();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  await page.getByLabel('Fichier CSV des structures').setInputFiles(samplePath);
  await expect(page.getByText(/^Fichier choisi : .+\.csv/)).toBeVisible();
  await page.getByRole('button', { name: 'Importer le fichier' }).click();

  const progress = page.getByRole('progressbar', { name: 'Avancement' });
  await expect(progress).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Import terminé' })).toBeVisible({
    timeout: 60_000,
  });
  const max = await progress.getAttribute('max');
  expect(max).not.toBeNull();
  await expect(progress).toHaveAttribute('value', max!);

  const badRows = page.getByRole('table', { name: 'Lignes rejetées' }).getByRole('row');
  const count = await badRows.count();
  expect(count).toBeGreaterThan(1);
  const badLines = new Set<number>();
  for (const row of (await badRows.all()).slice(1)) {
    const [line, reason] = await row.getByRole('cell').allTextContents();
    expect(Number(line)).toBeGreaterThan(1);
    expect(reason!.length).toBeGreaterThan(5);
    badLines.add(Number(line));
  }
  await expect(page.getByRole('status')).toContainText(
    `${badLines.size} ligne${badLines.size > 1 ? 's rejetées' : ' rejetée'}`,
  );
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  // Each reported line is where a record of the file starts (a quoted cell may span two lines).
  const sample = readSample();
  for (const line of badLines) expect(sample.rows.has(line), `line ${line} starts a record`).toBe(true);

  // A good row of the file is now in the directory.
  const nameColumn = sample.header.findIndex((h) =>
    [
      'raisonsociale',
      'denomination',
      'nom',
      'nomorganisme',
      'organisme',
      'nomstructure',
      'structure',
    ].includes(fold(h)),
  );
  expect(nameColumn).toBeGreaterThanOrEqual(0);
  const good = [...sample.rows].find(
    ([line, cells]) => !badLines.has(line) && (cells[nameColumn] ?? '').length > 3,
  );
  expect(good).toBeDefined();
  const name = good![1][nameColumn]!;
  const cityColumn = sample.header.findIndex((h) =>
    ['commune', 'ville', 'localite', 'libellecommune', 'nomcommune'].includes(fold(h)),
  );
  const city = cityColumn >= 0 ? (good![1][cityColumn] ?? '') : '';

  // With the commune chosen, words of the name that look like a commune (« de Loire ») stay words of the name.
  await page.goto('/annuaire');
  await page.getByLabel('Que cherchez-vous ?').fill(name);
  if (city) await page.getByLabel('Commune ou code postal').fill(city);
  await page.getByRole('button', { name: 'Rechercher' }).click();
  const result = page.getByRole('list', { name: 'Résultats' }).getByRole('link', { name, exact: true });
  await expect(result).toBeVisible();
  await result.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);

  // The import is listed with the previous ones.
  await page.goto('/territoire/import');
  await expect(page.getByRole('table', { name: /Imports précédents/ }).getByRole('row')).not.toHaveCount(1);
});
