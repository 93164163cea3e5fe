import { expect, test, type Locator, type Page } from '@playwright/test';
import { seriousAccessibilityViolations, signInWithApi } from './helpers';

/** Today in Paris (YYYY-MM-DD) and as the board writes it (« dimanche 22 novembre »). */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const todayLabel = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  timeZone: 'UTC',
}).format(new Date(`${today}T00:00:00Z`));
const weekdayName = new Intl.DateTimeFormat('fr-FR', { weekday: 'long', timeZone: 'UTC' }).format(
  new Date(`${today}T00:00:00Z`),
);
const WORKER = 'Élodie Marchand';

/** Presses Tab until `target` has the focus (a time field takes several presses: hours, minutes). */
async function tabTo(page: Page, target: Locator, max = 10): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

/** The visit's block or item, found by the beneficiary's name in its accessible name. */
const named = (lastName: string) => new RegExp(lastName, 'i');

async function createBeneficiaryWithContract(page: Page, lastName: string): Promise<void> {
  await page.goto('/structure/beneficiaires/nouveau');
  await page.getByLabel('Nom', { exact: true }).fill(lastName);
  await page.getByLabel('Prénom').fill('Lucienne');
  await page.getByLabel('GIR', { exact: true }).selectOption('2');
  await page.getByLabel('Adresse', { exact: true }).fill('3 allée des Peupliers');
  await page.getByLabel('Commune', { exact: true }).selectOption({ label: 'Saran (45770)' });
  await page.getByLabel('Informations d’accès (code, boîte à clés)').fill('Code porte 7788');
  await page.getByRole('button', { name: 'Créer le dossier' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: `${lastName.toUpperCase()} Lucienne` }),
  ).toBeVisible();

  // A one-day contract (today) that needs a skill nobody in the demo team holds: LSF.
  const form = page.getByRole('form', { name: 'Nouveau contrat' });
  await form.getByLabel('Prix de l’heure (€)').fill('24,50');
  await form.getByLabel('Début du contrat').fill(today);
  await form.getByLabel('Fin du contrat').fill(today);
  const slot = form.getByRole('group', { name: 'Créneau 1' });
  await slot.getByRole('checkbox', { name: weekdayName, exact: true }).check();
  await slot.getByLabel('Heure de début').fill('20:00');
  await slot.getByLabel('Durée (minutes)').fill('60');
  await slot.getByLabel('Tolérance ± (minutes)').fill('15');
  await form.getByRole('checkbox', { name: 'Langue des signes française (LSF)' }).check();
  await form.getByRole('button', { name: 'Créer le contrat' }).click();
  await expect(page.getByText(/^Contrat créé : /)).toBeVisible();
  await expect(page.getByText(`${weekdayName} à 20:00 (1 h, ± 15 min)`, { exact: true })).toBeVisible();
}

test('a coordinator plans the week: new beneficiary with a contract, generation, optimisation applied, a drag onto a worker without the skill (mouse and keyboard), an absence repaired; the worker sees her changed day', async ({
  page,
  browser,
}) => {
  test.setTimeout(240_000);
  await signInWithApi(page, 'coordination@proxidom.test');
  const lastName = `Planel${Date.now() % 100000}`;
  await createBeneficiaryWithContract(page, lastName);

  // Generate the week.
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Planning', exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Planning' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Planning des intervenant·es' })).toBeVisible();
  // She starts on her sector (Orléans); the new beneficiary lives in Saran: every sector.
  const sector = page.getByLabel('Secteur', { exact: true });
  await expect(sector.locator('option:checked')).toHaveText(/\(mon secteur\)$/);
  await sector.selectOption({ label: 'Tous les secteurs' });
  await page.getByRole('button', { name: 'Générer la semaine' }).click();
  await expect(page.getByText(/^Semaine générée : \d+ visites? créées?/)).toBeVisible({ timeout: 60_000 });
  const unassigned = page.getByRole('region', { name: /Visites non affectées/ });
  await expect(unassigned.getByRole('button', { name: named(lastName) })).toBeVisible();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  // Optimise the week: progress, then the proposal beside the current plan; apply it.
  await page.getByRole('button', { name: 'Optimiser la semaine' }).click();
  await expect(page.getByRole('progressbar')).toBeVisible();
  const proposal = page.getByRole('region', { name: /^Proposition pour la semaine du/ });
  await expect(proposal).toBeVisible({ timeout: 120_000 });
  const comparison = proposal.getByRole('table', { name: 'Plan actuel et proposition' });
  await expect(comparison.getByRole('row', { name: /Distance parcourue/ })).toContainText('km');
  await expect(comparison.getByRole('row', { name: /Continuité/ })).toContainText('%');
  await expect(proposal.getByRole('listitem').filter({ hasText: named(lastName) })).toBeVisible();
  await proposal.getByRole('button', { name: 'Appliquer la proposition' }).click();
  await expect(page.getByText(/^Plan appliqué — \d+ visites? modifiées?\./)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Annuler', exact: true })).toBeVisible();

  // Only her row, today, to drag onto.
  await page.getByLabel('Intervenant·e', { exact: true }).selectOption({ label: WORKER });
  await page.getByLabel('Vue', { exact: true }).selectOption({ label: 'Journée' });
  await expect(page.getByLabel('Jour', { exact: true })).toHaveValue(
    String((new Date(`${today}T12:00:00Z`).getUTCDay() + 6) % 7),
  );
  const herDay = page.getByRole('list', { name: new RegExp(`^${WORKER}, ${todayLabel} :`) });
  await expect(herDay).toBeVisible();

  // Mouse: drag the visit onto her day; the check says what it would break while hovering, then the drop shows it.
  const item = unassigned.getByRole('button', { name: named(lastName) });
  await herDay.scrollIntoViewIfNeeded();
  await item.scrollIntoViewIfNeeded();
  await item.hover();
  await page.mouse.down();
  const box = (await herDay.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height / 2, { steps: 5 });
  await page.mouse.move(box.x + box.width * 0.62, box.y + box.height / 2, { steps: 2 });
  await expect(page.getByText(/^Déposer ici \(.*\) créerait : .*qualification requise/)).toBeVisible();
  await page.mouse.up();
  const banner = page.locator('.planning-banner');
  await expect(banner).toContainText(`affectée à ${WORKER}, avec`);
  await expect(
    banner.getByRole('listitem').filter({ hasText: /n’a pas la qualification requise : lsf/ }),
  ).toBeVisible();
  await expect(herDay.getByRole('button', { name: /conflit : .*qualification requise/ })).toBeVisible();
  // Undo the move: the visit goes back aside.
  await banner.getByRole('button', { name: 'Annuler', exact: true }).click();
  await expect(page.getByText(/^Déplacement annulé/)).toBeVisible();
  await expect(unassigned.getByRole('button', { name: named(lastName) })).toBeVisible();

  // Keyboard: the same with « Réaffecter », checked before it is saved.
  await unassigned.getByRole('button', { name: named(lastName) }).focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('region', { name: /^Visite de / });
  await expect(panel.getByRole('heading', { level: 2 })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(panel.getByLabel('Réaffecter à')).toBeFocused();
  await panel.getByLabel('Réaffecter à').selectOption({ label: WORKER });
  await expect(panel.getByRole('status')).toContainText('Ce choix créerait');
  await expect(panel.getByRole('status')).toContainText('qualification requise');
  await tabTo(page, panel.getByRole('button', { name: 'Réaffecter' }));
  await page.keyboard.press('Enter');
  await expect(banner).toContainText(`affectée à ${WORKER}, avec`);
  await expect(herDay.getByRole('button', { name: named(lastName) })).toBeVisible();

  // The worker sees the visit in her day, with today's access details.
  const workerContext = await browser.newContext();
  const workerPage = await workerContext.newPage();
  await signInWithApi(workerPage, 'intervenant@proxidom.test');
  await workerPage.goto('/intervenant');
  await expect(workerPage.getByRole('heading', { level: 2, name: /^Ma journée — / })).toBeVisible();
  const myDay = workerPage.getByRole('list', { name: 'Visites du jour' });
  const myVisit = myDay
    .getByRole('listitem')
    .filter({ has: workerPage.getByRole('heading', { name: named(lastName) }) });
  await expect(myVisit).toContainText('20:00–21:00');
  await expect(myVisit).toContainText('Code porte 7788');
  const countBefore = (await workerPage.getByTestId('my-day-count').textContent()) ?? '';

  // She is absent today: her visits are repaired at once, each change listed.
  await page.getByRole('button', { name: WORKER, exact: true }).click();
  const workerPanel = page.getByRole('region', { name: WORKER });
  await expect(workerPanel.getByRole('group', { name: new RegExp(`^Tournée de ${WORKER}`) })).toBeVisible();
  await workerPanel.getByLabel('Absent·e à partir du').fill(today);
  await workerPanel.getByLabel('À partir de (heure)').fill('00:00');
  await workerPanel.getByLabel('Jusqu’au').fill(today);
  await workerPanel.getByLabel('Jusqu’à (heure)').fill('23:30');
  await workerPanel.getByLabel('Motif').selectOption({ label: 'Maladie' });
  await workerPanel.getByRole('button', { name: 'Déclarer l’absence et réaffecter' }).click();
  await expect(
    workerPanel.getByRole('heading', { name: /^Absence enregistrée — \d+ visites? réaffectées?/ }),
  ).toBeVisible({ timeout: 60_000 });
  await expect(workerPanel.getByRole('list', { name: 'Visites restées sans intervenant·e' })).toContainText(
    named(lastName),
  );
  await expect(unassigned.getByRole('button', { name: named(lastName) })).toBeVisible();

  // Her day has changed: that visit is no longer hers.
  await workerPage.reload();
  await expect(workerPage.getByTestId('my-day-count')).toBeVisible();
  await expect(myDay.getByRole('heading', { name: named(lastName) })).toHaveCount(0);
  expect((await workerPage.getByTestId('my-day-count').textContent()) ?? '').not.toBe(countBefore);
  expect(await seriousAccessibilityViolations(workerPage)).toEqual([]);
  await workerPage.getByRole('link', { name: 'Mon planning', exact: true }).click();
  await expect(
    workerPage.getByRole('heading', { level: 2, name: new RegExp(`^${todayLabel}`, 'i') }),
  ).toBeVisible();
  await workerContext.close();

  // The absence is on her file, among the workers' list with its qualification alerts.
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Intervenant·es', exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 2, name: /^Qualifications à renouveler/ })).toBeVisible();
  await page
    .getByRole('table', { name: 'Intervenant·es de la structure' })
    .getByRole('link', { name: WORKER, exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: WORKER })).toBeVisible();
  await expect(
    page
      .getByRole('region', { name: 'Absences' })
      .getByRole('listitem')
      .filter({ hasText: /^Maladie/ }),
  ).toBeVisible();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
});
