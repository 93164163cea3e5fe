import { expect, test, type Locator, type Page } from '@playwright/test';

/**
 * The rule, computed here independently of src/domain: the tax credit is 50 % of the spending (within the
 * ceiling, far away for these amounts), so the cost after the credit is the other half. Amounts in cents.
 */
const costAfterCredit = (hoursPerMonth: number, hourlyPriceCents: number) => {
  const spend = Math.round(hoursPerMonth * hourlyPriceCents);
  return spend - Math.round(spend * 0.5);
};

/** « 1 434,00 € » (Playwright folds the no-break spaces of the page into plain spaces). */
const euros = (cents: number) =>
  `${String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${String(cents % 100).padStart(2, '0')} €`;

/** Presses Tab until `target` has the focus, as a keyboard user would. */
async function tabTo(page: Page, target: Locator, maxPresses = 80): Promise<void> {
  for (let i = 0; i < maxPresses; i++) {
    await page.keyboard.press('Tab');
    if (await target.evaluate((el) => el === document.activeElement)) return;
  }
  throw new Error(`Not reached with the Tab key: ${target.toString()}`);
}

/** Changes a focused <select> with the arrow keys until it shows `value`. */
async function arrowSelect(
  page: Page,
  select: Locator,
  value: string,
  key: 'ArrowDown' | 'ArrowUp' = 'ArrowDown',
): Promise<void> {
  for (let i = 0; i < 40 && (await select.inputValue()) !== value; i++) await page.keyboard.press(key);
  await expect(select).toHaveValue(value);
}

test.beforeEach(async ({ page }) => {
  await page.goto('/simulateur');
  await page.evaluate(() => sessionStorage.clear());
  await page.goto('/simulateur');
});

test('a retired couple simulates 10 h a month of housework and reads the cost after the tax credit', async ({
  page,
}) => {
  const hours = 10;
  const priceCents = 23_90;
  await page.getByRole('button', { name: 'Couple de retraités' }).click();
  await expect(page.getByLabel('Personnes de plus de 65 ans dans le foyer')).toHaveValue('2');
  await expect(page.getByLabel('Service', { exact: true })).toHaveValue('entretien-maison');
  await page.getByLabel('Heures par mois').fill(String(hours));
  await page.getByLabel('Prix de l’heure, en euros').fill('23,90');
  await page.getByRole('button', { name: 'Calculer le coût' }).click();

  const expected = costAfterCredit(hours, priceCents);
  await expect(page.getByRole('status').filter({ hasText: 'Coût après crédit' })).toContainText(
    `Coût après crédit d’impôt : ${euros(expected)} par mois`,
  );
  await expect(page.getByRole('heading', { name: 'Résultat' })).toBeFocused();
  const totals = page.getByRole('table', { name: 'Votre coût, par mois et par an' });
  await expect(totals.getByRole('row', { name: /Prix des services/ })).toContainText(
    euros(hours * priceCents),
  );
  await expect(totals.getByRole('row', { name: /Coût après crédit d’impôt/ })).toContainText(
    euros(expected * 12),
  );
  // With the avance immédiate, what is paid now is already the cost after the credit.
  await expect(totals.getByRole('row', { name: /Payé maintenant/ })).toContainText(euros(expected));
  // The ceiling for two members over 65 is explained, and every figure has its line.
  await expect(
    page.getByRole('listitem').filter({ hasText: /majoré de 1\s500\s€ par personne pour 2 membre/ }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'D’où vient chaque chiffre' })).toBeVisible();
});

test('a GIR 3 person with an APA plan sees the share the APA pays', async ({ page }) => {
  await page.getByRole('button', { name: 'Personne âgée dépendante (GIR 3)' }).click();
  await expect(page.getByLabel('GIR de la personne')).toHaveValue('3');
  await page.getByLabel('Service', { exact: true }).selectOption('assistance-personnes-agees-handicapees');
  await page.getByLabel('Heures par mois').fill('20');
  await page.getByLabel('Prix de l’heure, en euros').fill('25');
  await page.getByLabel('Montant du plan d’aide APA, en euros par mois').fill('400');
  await page.getByRole('button', { name: 'Calculer le coût' }).click();

  // 20 h × 25 € = 500 €; the plan (400 €, no participation without resources) pays 400 €; 100 € remain, half of
  // which comes back as a tax credit the next year (no avance immédiate with the APA).
  await expect(page.getByText('Part payée par l’APA : 400,00 € par mois')).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Coût après crédit' })).toContainText(
    `Coût après crédit d’impôt : ${euros(costAfterCredit(1, 100_00))} par mois`,
  );
  await expect(page.getByText(/pas encore ouverte aux bénéficiaires de l'APA/).first()).toBeVisible();
});

test('the retired couple’s journey works with the keyboard alone', async ({ page }) => {
  await tabTo(page, page.getByRole('button', { name: 'Couple de retraités' }));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Personnes de plus de 65 ans dans le foyer')).toHaveValue('2');

  await tabTo(page, page.getByLabel('Heures par mois'));
  await page.keyboard.type('10');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Prix de l’heure, en euros')).toBeFocused();
  await page.keyboard.type('25');
  await page.keyboard.press('Enter');

  await expect(page.getByRole('status').filter({ hasText: 'Coût après crédit' })).toContainText(
    `Coût après crédit d’impôt : ${euros(costAfterCredit(10, 25_00))} par mois`,
  );
  await expect(page.getByRole('heading', { name: 'Résultat' })).toBeFocused();
});

test('the GIR 3 journey works with the keyboard alone: arrows in the lists, Space on the boxes', async ({
  page,
}) => {
  await tabTo(page, page.getByRole('button', { name: 'Personne âgée dépendante (GIR 3)' }));
  await page.keyboard.press('Space');
  await expect(
    page.getByLabel('Les services sont pour une personne âgée qui a besoin d’aide au quotidien'),
  ).toBeChecked();

  const service = page.getByLabel('Service', { exact: true });
  await tabTo(page, service);
  await arrowSelect(page, service, 'assistance-personnes-agees-handicapees');
  await tabTo(page, page.getByLabel('Heures par mois'));
  await page.keyboard.type('20');
  await page.keyboard.press('Tab');
  await page.keyboard.type('25');

  const gir = page.getByLabel('GIR de la personne');
  await tabTo(page, gir);
  await arrowSelect(page, gir, '2', 'ArrowUp');
  await arrowSelect(page, gir, '3', 'ArrowDown');
  await tabTo(page, page.getByLabel('Montant du plan d’aide APA, en euros par mois'));
  await page.keyboard.type('400');

  // Without the avance immédiate box: unticked then ticked again with Space.
  const avance = page.getByLabel('Je veux utiliser l’avance immédiate du crédit d’impôt');
  await tabTo(page, avance);
  await page.keyboard.press('Space');
  await expect(avance).not.toBeChecked();
  await page.keyboard.press('Space');
  await expect(avance).toBeChecked();

  await tabTo(page, page.getByRole('button', { name: 'Calculer le coût' }));
  await page.keyboard.press('Enter');
  await expect(page.getByText('Part payée par l’APA : 400,00 € par mois')).toBeVisible();
});

test('a negative number of hours shows a French error next to the field and in the summary', async ({
  page,
}) => {
  await page.getByLabel('Heures par mois').fill('-3');
  await page.getByLabel('Prix de l’heure, en euros').fill('25');
  await page.getByRole('button', { name: 'Calculer le coût' }).click();

  const summary = page.getByRole('alert');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('corrigez les champs signalés');
  await expect(
    summary.getByRole('link', { name: "Heures par mois : Le nombre d'heures ne peut pas être négatif." }),
  ).toBeVisible();
  await expect(page.getByLabel('Heures par mois')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Heures par mois')).toHaveAccessibleDescription(/ne peut pas être négatif/);
  await expect(page.getByRole('status').filter({ hasText: 'Coût après crédit' })).toHaveCount(0);

  await summary.getByRole('link').click();
  await expect(page.getByLabel('Heures par mois')).toBeFocused();
});

test('a reload keeps what was typed, and the result', async ({ page }) => {
  await page.getByRole('button', { name: 'Parent isolé avec deux enfants' }).click();
  await page.getByLabel('Heures par mois').fill('12');
  await page.getByLabel('Prix de l’heure, en euros').fill('23,50');
  await page.getByLabel('Mode d’intervention').selectOption('mandataire');
  await page.getByRole('button', { name: 'Calculer le coût' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Coût après crédit' })).toBeVisible();

  await page.reload();
  await expect(page.getByLabel('Enfants à charge')).toHaveValue('2');
  await expect(page.getByLabel('Heures par mois')).toHaveValue('12');
  await expect(page.getByLabel('Prix de l’heure, en euros')).toHaveValue('23,50');
  await expect(page.getByLabel('Mode d’intervention')).toHaveValue('mandataire');
  await expect(page.getByRole('status').filter({ hasText: 'Coût après crédit' })).toContainText(
    euros(costAfterCredit(12, 23_50)),
  );

  // A changed value makes the result stale until « Calculer » again.
  await page.getByLabel('Heures par mois').fill('13');
  await expect(page.getByText('Vous avez modifié le formulaire')).toBeVisible();
  await page.getByRole('button', { name: 'Calculer le coût' }).click();
  await expect(page.getByText('Vous avez modifié le formulaire')).toHaveCount(0);
  await expect(page.getByRole('status').filter({ hasText: 'Coût après crédit' })).toContainText(
    euros(costAfterCredit(13, 23_50)),
  );
});

test('an activity page opens the simulator on that activity; URL parameters fill the price and the mode', async ({
  page,
}) => {
  await page.goto('/activites/petit-bricolage');
  await page.getByRole('link', { name: 'Calculer le coût de cette activité' }).click();
  await expect(page).toHaveURL('/simulateur?activite=petit-bricolage');
  await expect(page.getByLabel('Service', { exact: true })).toHaveValue('petit-bricolage');

  await page.goto('/simulateur?activite=assistance-informatique&prix=3250&mode=mandataire');
  await expect(page.getByLabel('Service', { exact: true })).toHaveValue('assistance-informatique');
  await expect(page.getByLabel('Prix de l’heure, en euros')).toHaveValue('32,50');
  await expect(page.getByLabel('Mode d’intervention')).toHaveValue('mandataire');
});

test('with a provider in the URL, the simulator uses its hourly price and says whose it is', async ({
  page,
}) => {
  await page.route('**/api/directory/organisations/org-essai', (route) =>
    route.fulfill({
      json: {
        name: 'Aide Loire Essai',
        activities: [
          {
            code: 'entretien-maison',
            name: 'Entretien de la maison et travaux ménagers',
            modes: ['prestataire', 'mandataire'],
            prices: [
              { mode: 'mandataire', unit: 'heure', priceTtcCents: 19_80 },
              { mode: 'prestataire', unit: 'heure', priceTtcCents: 26_40 },
            ],
          },
        ],
      },
    }),
  );
  await page.goto('/simulateur?activite=entretien-maison&organisation=org-essai&mode=prestataire');
  await expect(page.getByLabel('Prix de l’heure, en euros')).toHaveValue('26,40');
  await expect(page.getByText(/Tarif de Aide Loire Essai/).first()).toBeVisible();

  await page.getByRole('button', { name: 'Couple de retraités' }).click();
  await page.getByLabel('Heures par mois').fill('10');
  await page.getByRole('button', { name: 'Calculer le coût' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Coût après crédit' })).toContainText(
    euros(costAfterCredit(10, 26_40)),
  );
});

/** « 26,40 » → 2640. */
const centsOf = (typed: string) => Math.round(Number(typed.replace(/\s/g, '').replace(',', '.')) * 100);

test.describe('from the directory to the simulator (issue 4, « done means »)', () => {
  const resultsCount = (page: Page) => page.getByTestId('results-count');
  const prestataireFacet = (page: Page) =>
    page.getByRole('group', { name: 'Mode d’intervention' }).getByRole('checkbox', { name: /^Prestataire/ });
  /** The count a facet shows in its label: « Prestataire (12) » → 12. */
  const facetCount = async (checkbox: Locator) => {
    const id = await checkbox.getAttribute('id');
    const label = (await checkbox.page().locator(`label[for="${id}"]`).textContent()) ?? '';
    return Number(/\(([\d\s\u202f\u00a0]+)\)/.exec(label)?.[1]?.replace(/\D/g, '') ?? NaN);
  };
  /** Ticks « Prestataire » with `tick` and waits until the results are the prestataire ones. */
  const keepOnlyPrestataire = async (page: Page, tick: () => Promise<void>) => {
    const expected = await facetCount(prestataireFacet(page));
    await tick();
    await expect(prestataireFacet(page)).toBeChecked();
    await expect(page).toHaveURL(/mode=prestataire/);
    await expect(resultsCount(page)).toContainText(`${expected.toLocaleString('fr-FR')} structure`);
  };
  const firstResult = (page: Page) =>
    page.getByRole('list', { name: 'Résultats' }).getByRole('heading').getByRole('link').first();

  test('« aide ménagère » near Saran, prestataire only, a provider, then 10 h a month for a retired couple', async ({
    page,
  }) => {
    await page.goto('/annuaire');
    await page.getByLabel('Que cherchez-vous ?').fill('aide ménagère');
    await page.getByLabel('Commune ou code postal').fill('Saran');
    await page.getByLabel('Rayon autour de la commune').selectOption({ label: '10 km' });
    // Both the debounced text and the place must be in the answer before its facets are read.
    await expect(resultsCount(page)).toContainText('pour « aide ménagère » à 10 km de Saran');
    await keepOnlyPrestataire(page, () => prestataireFacet(page).check());
    const name = (await firstResult(page).textContent())!.trim();
    await firstResult(page).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);

    await page.getByRole('link', { name: 'Estimer le coût', exact: true }).click();
    await expect(page).toHaveURL(/\/simulateur\?organisation=.+&activite=entretien-maison/);
    const price = page.getByLabel('Prix de l’heure, en euros');
    await expect(price).not.toHaveValue('');
    await expect(page.getByText(`Tarif de ${name}`).first()).toBeVisible();
    await expect(page.getByLabel('Mode d’intervention')).toHaveValue('prestataire');
    const priceCents = centsOf(await price.inputValue());

    await page.getByRole('button', { name: 'Couple de retraités' }).click();
    await page.getByLabel('Heures par mois').fill('10');
    await page.getByRole('button', { name: 'Calculer le coût' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Coût après crédit' })).toContainText(
      `Coût après crédit d’impôt : ${euros(costAfterCredit(10, priceCents))} par mois`,
    );
  });

  test('the same journey with the keyboard alone', async ({ page }) => {
    await page.goto('/annuaire');
    await expect(resultsCount(page)).toContainText('structures trouvées');
    await tabTo(page, page.getByLabel('Que cherchez-vous ?'));
    await page.keyboard.type('aide ménagère');
    await tabTo(page, page.getByLabel('Commune ou code postal'));
    await page.keyboard.type('Saran');
    const radius = page.getByLabel('Rayon autour de la commune');
    await tabTo(page, radius);
    await arrowSelect(page, radius, '10');
    // Both the debounced text and the place must be in the answer before its facets are read.
    await expect(resultsCount(page)).toContainText('pour « aide ménagère » à 10 km de Saran');
    await keepOnlyPrestataire(page, async () => {
      await tabTo(page, prestataireFacet(page));
      await page.keyboard.press('Space');
    });
    const name = (await firstResult(page).textContent())!.trim();
    await tabTo(page, firstResult(page));
    await page.keyboard.press('Enter');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);

    await tabTo(page, page.getByRole('link', { name: 'Estimer le coût', exact: true }));
    await page.keyboard.press('Enter');
    const price = page.getByLabel('Prix de l’heure, en euros');
    await expect(price).not.toHaveValue('');
    await expect(page.getByText(`Tarif de ${name}`).first()).toBeVisible();
    const priceCents = centsOf(await price.inputValue());

    await tabTo(page, page.getByRole('button', { name: 'Couple de retraités' }));
    await page.keyboard.press('Enter');
    await tabTo(page, page.getByLabel('Heures par mois'));
    await page.keyboard.type('10');
    await page.keyboard.press('Enter');
    await expect(page.getByRole('status').filter({ hasText: 'Coût après crédit' })).toContainText(
      `Coût après crédit d’impôt : ${euros(costAfterCredit(10, priceCents))} par mois`,
    );
  });
});
