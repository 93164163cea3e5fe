import { expect, test, type Locator, type Page } from '@playwright/test';
import { seriousAccessibilityViolations } from './helpers';

/** Presses Tab (or Shift+Tab) until `target` has the focus: the way a keyboard user reaches a control. */
async function tabTo(
  page: Page,
  target: Locator,
  options: { max?: number; backwards?: boolean } = {},
): Promise<void> {
  const max = options.max ?? 80;
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(options.backwards ? 'Shift+Tab' : 'Tab');
  }
  throw new Error(`Not reached with ${max} presses of Tab: ${target.toString()}`);
}

const count = (page: Page) => page.getByTestId('results-count');

/** The number of results the status line announces. */
async function announcedTotal(page: Page): Promise<number> {
  const text = (await count(page).textContent()) ?? '';
  if (text.startsWith('Aucun')) return 0;
  return Number(/^([\d\s\u202f\u00a0]+)/.exec(text)?.[1]?.replace(/\D/g, '') ?? NaN);
}

/** The count a facet's checkbox shows in its label: « Prestataire (12) » → 12. */
async function facetCount(checkbox: Locator): Promise<number> {
  const id = await checkbox.getAttribute('id');
  const label = (await checkbox.page().locator(`label[for="${id}"]`).textContent()) ?? '';
  return Number(/\(([\d\s\u202f\u00a0]+)\)/.exec(label)?.[1]?.replace(/\D/g, '') ?? NaN);
}

/** « 24,70 € » on the provider page → 2470 cents. */
const centsOf = (text: string) => Number(text.replace(/[^\d,]/g, '').replace(',', '.')) * 100;

/** « 1 434,00 € » (Playwright folds the page's no-break spaces into plain spaces). */
const euros = (cents: number) =>
  `${String(Math.floor(cents / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ' ')},${String(cents % 100).padStart(2, '0')} €`;

/**
 * The rule, computed here independently of src/domain: the tax credit is 50 % of the spending (the ceiling is
 * far away for 10 h a month), so what remains is the other half.
 */
const costAfterCredit = (hoursPerMonth: number, hourlyPriceCents: number) => {
  const spend = Math.round(hoursPerMonth * hourlyPriceCents);
  return spend - Math.round(spend * 0.5);
};

/** The provider's hourly prestataire price for housework, read on its public page. */
async function houseworkPrestatairePrice(page: Page): Promise<number> {
  const row = page
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Entretien de la maison et travaux ménagers' }) });
  const text = (await row.textContent()) ?? '';
  const price = /Prestataire : ([\d\s\u202f\u00a0]+,\d\d)\s*€ de l’heure/.exec(text)?.[1];
  expect(price, `prestataire price in « ${text} »`).toBeDefined();
  return Math.round(centsOf(price!));
}

test('an anonymous visitor searches « aide ménagère » near Saran, keeps only prestataire, opens a provider and reads the cost of 10 h a month for a retired couple after tax credit', async ({
  page,
}) => {
  await page.goto('/annuaire');
  await expect(page.getByRole('heading', { level: 1, name: 'Annuaire des structures' })).toBeVisible();
  await expect(count(page)).toContainText('structures trouvées');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  await page.getByLabel('Que cherchez-vous ?').fill('aide ménagère');
  await page.getByLabel('Commune ou code postal').fill('Saran');
  await page.getByLabel('Rayon autour de la commune').selectOption({ label: '10 km' });
  await expect(count(page)).toContainText('pour « aide ménagère » à 10 km de Saran');
  await expect(page).toHaveURL(/q=aide\+m%C3%A9nag%C3%A8re|q=aide%20m%C3%A9nag%C3%A8re/);
  await expect(page).toHaveURL(/commune=45302/);
  const before = await announcedTotal(page);
  expect(before).toBeGreaterThan(0);

  const prestataire = page
    .getByRole('group', { name: 'Mode d’intervention' })
    .getByRole('checkbox', { name: /^Prestataire/ });
  const expected = await facetCount(prestataire);
  expect(expected).toBeGreaterThan(0);
  await prestataire.check();
  await expect(page).toHaveURL(/mode=prestataire/);
  await expect(count(page)).toContainText(`${expected.toLocaleString('fr-FR')} structure`);
  const results = page
    .getByRole('list', { name: 'Résultats' })
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading') });
  await expect(results.first()).toBeVisible();
  for (const item of await results.all())
    await expect(item.getByText('Prestataire', { exact: true })).toBeVisible();

  // The map draws the territory and a focusable point per result of the page.
  await expect(
    page
      .getByRole('group', { name: /Les communes du territoire/ })
      .getByRole('link')
      .first(),
  ).toBeVisible();

  // Back and forward keep the search.
  await page.goBack();
  await expect(prestataire).not.toBeChecked();
  await page.goForward();
  await expect(prestataire).toBeChecked();

  const first = results.first().getByRole('heading').getByRole('link');
  const name = (await first.textContent())!.trim();
  await first.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.getByRole('heading', { name: 'Activités et tarifs' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Horaires d’ouverture' })).toBeVisible();
  const estimate = page.getByRole('link', { name: 'Estimer le coût', exact: true });
  await expect(estimate).toHaveAttribute(
    'href',
    /^\/simulateur\?organisation=[0-9a-f-]+&activite=entretien-maison&mode=prestataire$/,
  );
  await expect(page.getByRole('link', { name: /^0\d( \d\d){4}$/ })).toHaveAttribute(
    'href',
    /^tel:\+33\d{9}$/,
  );
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  await page.getByRole('link', { name: 'Retour aux résultats' }).click();
  await expect(page).toHaveURL(/mode=prestataire/);
  await expect(count(page)).toContainText(`${expected.toLocaleString('fr-FR')} structure`);

  // Back on the provider, the simulator takes its price: 10 h a month for a retired couple.
  await page.getByRole('list', { name: 'Résultats' }).getByRole('link', { name, exact: true }).click();
  const priceCents = await houseworkPrestatairePrice(page);
  await page.getByRole('link', { name: 'Estimer le coût', exact: true }).click();
  await expect(page).toHaveURL(/\/simulateur\?organisation=/);
  await expect(page.getByText(`Tarif de ${name} repris dans le simulateur.`)).toBeVisible();
  await page.getByRole('button', { name: 'Couple de retraités' }).click();
  await expect(page.getByLabel('Personnes de plus de 65 ans dans le foyer')).toHaveValue('2');
  await expect(page.getByLabel('Service', { exact: true })).toHaveValue('entretien-maison');
  await expect(page.getByLabel('Prix de l’heure, en euros')).toHaveValue(euros(priceCents).replace(' €', ''));
  await page.getByLabel('Heures par mois').fill('10');
  await page.getByRole('button', { name: 'Calculer le coût' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Coût après crédit' })).toContainText(
    `Coût après crédit d’impôt : ${euros(costAfterCredit(10, priceCents))} par mois`,
  );
});

test('the same journey works with the keyboard alone', async ({ page }) => {
  await page.goto('/annuaire');
  await expect(count(page)).toContainText('structures trouvées');

  await tabTo(page, page.getByLabel('Que cherchez-vous ?'));
  await page.keyboard.type('aide ménagère');
  await tabTo(page, page.getByLabel('Commune ou code postal'));
  await page.keyboard.type('Saran');
  await tabTo(page, page.getByLabel('Rayon autour de la commune'));
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByLabel('Rayon autour de la commune')).toHaveValue('10');
  await expect(count(page)).toContainText('pour « aide ménagère » à 10 km de Saran');

  const prestataire = page
    .getByRole('group', { name: 'Mode d’intervention' })
    .getByRole('checkbox', { name: /^Prestataire/ });
  const expected = await facetCount(prestataire);
  await tabTo(page, prestataire);
  await page.keyboard.press('Space');
  await expect(prestataire).toBeChecked();
  await expect(count(page)).toContainText(`${expected.toLocaleString('fr-FR')} structure`);

  const first = page.getByRole('list', { name: 'Résultats' }).getByRole('heading').getByRole('link').first();
  const name = (await first.textContent())!.trim();
  await tabTo(page, first);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);

  const priceCents = await houseworkPrestatairePrice(page);
  const estimate = page.getByRole('link', { name: 'Estimer le coût', exact: true });
  await tabTo(page, estimate);
  await expect(estimate).toHaveAttribute('href', /activite=entretien-maison&mode=prestataire/);
  await page.keyboard.press('Enter');

  await expect(page.getByText(`Tarif de ${name} repris dans le simulateur.`)).toBeVisible();
  await tabTo(page, page.getByRole('button', { name: 'Couple de retraités' }));
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Personnes de plus de 65 ans dans le foyer')).toHaveValue('2');
  await tabTo(page, page.getByLabel('Heures par mois'));
  await page.keyboard.type('10');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Coût après crédit' })).toContainText(
    `Coût après crédit d’impôt : ${euros(costAfterCredit(10, priceCents))} par mois`,
  );
});

test('a point of the map is a link to its provider, reached with the keyboard', async ({ page }) => {
  await page.goto('/annuaire?commune=45302&radiusKm=5');
  await expect(count(page)).toContainText('à 5 km de Saran');
  const point = page
    .getByRole('group', { name: /Les communes du territoire/ })
    .getByRole('link')
    .first();
  const label = (await point.getAttribute('aria-label'))!;
  await tabTo(page, point, { max: 200 });
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(label.split(',')[0]!);
});
