import { expect, test } from '@playwright/test';
import { seriousAccessibilityViolations, signInWithApi } from './helpers';

// The demo organisation's sectors (seeded): « Centre — Orléans » (coordination@ responsible), « Est », « Nord »,
// « Ouest ». The admin makes a « Sud Loire » sector out of a commune of « Est »; the coordinator, responsible for
// two sectors now, starts the board on her first one and filters by sector and commune — a reload keeps both.
test('an admin divides the territory into sectors; a coordinator’s board starts on her sector, filters by sector and commune, and keeps them on reload', async ({
  page,
  browser,
}) => {
  test.setTimeout(180_000);
  await signInWithApi(page, 'admin@proxidom.test');
  await page.goto('/structure');
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Secteurs', exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Secteurs' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Secteurs de la structure' });
  const centre = table
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Centre — Orléans' }) });
  await expect(centre).toContainText('Karima Benali');
  await expect(
    table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Est', exact: true }) }),
  ).toContainText('Saint-Cyr-en-Val');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  // A commune belongs to one sector only: refused, field by field, in French.
  const form = page.getByRole('form', { name: 'Nouveau secteur' });
  await form.getByLabel('Nom du secteur').fill('Sud Loire');
  await form.getByRole('checkbox', { name: /^Saint-Cyr-en-Val/ }).check();
  await form.getByRole('checkbox', { name: /^Karima Benali/ }).check();
  await form.getByRole('button', { name: 'Créer le secteur' }).click();
  await expect(form.getByRole('alert')).toContainText('Saint-Cyr-en-Val (secteur « Est »)');

  // Take it out of « Est » first, then create the new sector.
  await page.getByRole('button', { name: 'Modifier le secteur Est' }).click();
  const edit = page.getByRole('form', { name: 'Modifier le secteur Est' });
  await edit.getByRole('checkbox', { name: /^Saint-Cyr-en-Val/ }).uncheck();
  await edit.getByRole('button', { name: 'Enregistrer le secteur' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Secteur « Est » enregistré.' })).toBeVisible();
  await expect(
    table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Est', exact: true }) }),
  ).not.toContainText('Saint-Cyr-en-Val');
  const again = page.getByRole('form', { name: 'Nouveau secteur' });
  await again.getByLabel('Nom du secteur').fill('Sud Loire');
  await again.getByRole('checkbox', { name: /^Saint-Cyr-en-Val/ }).check();
  await again.getByRole('checkbox', { name: /^Karima Benali/ }).check();
  await again.getByRole('button', { name: 'Créer le secteur' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Secteur « Sud Loire » créé.' })).toBeVisible();
  const south = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Sud Loire' }) });
  await expect(south).toContainText('Saint-Cyr-en-Val');
  await expect(south).toContainText('Karima Benali');

  // The coordinator's board starts on her first sector; the commune list follows the sector.
  const context = await browser.newContext();
  const coordinator = await context.newPage();
  await signInWithApi(coordinator, 'coordination@proxidom.test');
  await coordinator.goto('/structure/planning');
  const sector = coordinator.getByLabel('Secteur', { exact: true });
  await expect(sector.locator('option:checked')).toHaveText('Centre — Orléans (mon secteur)');
  await expect(sector.getByRole('option', { name: 'Sud Loire (mon secteur)' })).toHaveCount(1);
  await expect(coordinator).toHaveURL(/secteur=[0-9a-f-]{36}/);
  const commune = coordinator.getByLabel('Commune', { exact: true });
  await expect(commune.getByRole('option')).toHaveText(['Toutes', 'Orléans']);
  const board = coordinator.getByRole('list', { name: 'Planning des intervenant·es' });
  await expect(board).toBeVisible();

  await sector.selectOption({ label: 'Nord' });
  await expect(commune.getByRole('option', { name: 'Orléans' })).toHaveCount(0);
  await expect(commune.getByRole('option', { name: 'Saran' })).toHaveCount(1);
  await commune.selectOption({ label: 'Saran' });
  // A worker's visits elsewhere stay on her row, muted: the coordinator sees when she is busy.
  const inSaran = board.getByRole('button', { name: /^\d\d:\d\d .*(?<!\(hors du filtre\))$/ });
  const elsewhere = board.getByRole('button', { name: /\(hors du filtre\)$/ });
  await expect(inSaran.first()).toBeVisible();
  await expect(elsewhere.first()).toBeVisible();
  await expect(elsewhere.first()).toHaveClass(/board-visit-muted/);
  await expect(coordinator).toHaveURL(
    /secteur=[0-9a-f-]{36}.*commune=45302|commune=45302.*secteur=[0-9a-f-]{36}/,
  );
  await coordinator.reload();
  await expect(sector.locator('option:checked')).toHaveText('Nord');
  await expect(commune.locator('option:checked')).toHaveText('Saran');

  // Every sector, chosen on purpose, stays chosen after a reload.
  await sector.selectOption({ label: 'Tous les secteurs' });
  await expect(coordinator).toHaveURL(/secteur=tous/);
  await coordinator.reload();
  await expect(sector.locator('option:checked')).toHaveText('Tous les secteurs');
  await expect(commune.getByRole('option', { name: 'Orléans' })).toHaveCount(1);
  expect(await seriousAccessibilityViolations(coordinator)).toEqual([]);

  // The beneficiaries' list filters by sector too, and says each person's sector.
  await coordinator.goto('/structure/beneficiaires');
  await coordinator.getByLabel('Secteur', { exact: true }).selectOption({ label: 'Nord' });
  await expect(coordinator).toHaveURL(/secteur=[0-9a-f-]{36}/);
  const people = coordinator.getByRole('table', { name: 'Bénéficiaires de la structure' }).locator('tbody tr');
  await expect.poll(async () => [...new Set(await people.locator('td:nth-child(3)').allTextContents())]).toEqual(['Nord']);
  await context.close();

  // The admin deletes the new sector: Saint-Cyr-en-Val is in no sector any more.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Supprimer le secteur Sud Loire' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Secteur « Sud Loire » supprimé.' })).toBeVisible();
  await expect(table.getByRole('rowheader', { name: 'Sud Loire' })).toHaveCount(0);
});
