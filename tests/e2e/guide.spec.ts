import { expect, test, type Page } from '@playwright/test';
import { seriousAccessibilityViolations } from './helpers';

// The server's Content-Security-Policy (script-src 'self') blocks the inline axe-core script that
// seriousAccessibilityViolations injects; the check runs with the page's CSP bypassed, as a test tool only.
test.use({ bypassCSP: true });

const guidePages = [
  { path: '/guide', h1: 'Le guide des services à la personne' },
  { path: '/guide/services-a-la-personne', h1: 'Les services à la personne, c’est quoi ?' },
  { path: '/guide/modes', h1: 'Prestataire, mandataire ou emploi direct' },
  { path: '/guide/cesu', h1: 'Le CESU : déclaratif et préfinancé' },
  { path: '/guide/credit-impot', h1: 'Le crédit d’impôt de 50 % et l’avance immédiate' },
  { path: '/guide/apa-pch', h1: 'L’APA et la PCH : les aides pour les personnes dépendantes' },
  { path: '/guide/choisir', h1: 'Bien choisir sa structure' },
  { path: '/guide/faq', h1: 'Questions fréquentes' },
];

/** Headings never skip a level (h2 after h1, h3 after h2…) and there is exactly one h1. */
async function expectOrderedHeadings(page: Page): Promise<void> {
  const levels = await page
    .locator('main h1, main h2, main h3, main h4, main h5, main h6')
    .evaluateAll((nodes) => nodes.map((n) => Number(n.tagName.slice(1))));
  expect(levels.filter((l) => l === 1)).toHaveLength(1);
  expect(levels[0]).toBe(1);
  for (let i = 1; i < levels.length; i++) expect(levels[i]! - levels[i - 1]!).toBeLessThanOrEqual(1);
}

for (const guide of guidePages) {
  test(`${guide.path} has one h1, ordered headings, a table of contents, sources, a date, and no serious accessibility violation`, async ({
    page,
  }) => {
    await page.goto(guide.path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(guide.h1);
    await expectOrderedHeadings(page);
    await expect(page.getByRole('navigation', { name: 'Sur cette page' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Sources' })).toBeVisible();
    await expect(page.getByText(/Mis à jour le \d{1,2}(er)? \p{L}+ \d{4}/u)).toBeVisible();
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
  });
}

test('the table of contents leads to its sections, and the guide pages link to each other', async ({
  page,
}) => {
  await page.goto('/guide/credit-impot');
  const toc = page.getByRole('navigation', { name: 'Sur cette page' });
  await toc.getByRole('link', { name: 'L’avance immédiate : ne payer que la moitié' }).click();
  await expect(page).toHaveURL(/#avance-immediate$/);
  await expect(page.getByRole('heading', { name: 'Comment ça marche, étape par étape' })).toBeInViewport();
  await page
    .getByRole('navigation', { name: 'Dans le guide' })
    .getByRole('link', { name: /Page suivante/ })
    .click();
  await expect(page).toHaveURL('/guide/apa-pch');
});

test('the tax-credit page shows the ceilings and sub-ceilings of the rules, and the cash exclusion', async ({
  page,
}) => {
  await page.goto('/guide/credit-impot');
  const ceilings = page.getByRole('table', { name: 'Plafond des dépenses retenues, par an et par foyer' });
  await expect(ceilings.getByRole('row', { name: /Cas général/ })).toContainText('12 000 €');
  await expect(ceilings.getByRole('row', { name: /Cas général/ })).toContainText('15 000 €');
  await expect(ceilings.getByRole('row', { name: /Cas général/ })).toContainText('7 500 €');
  await expect(ceilings.getByRole('row', { name: /invalidité/ })).toContainText('20 000 €');
  await expect(page.getByRole('listitem').filter({ hasText: 'bricolage' }).first()).toContainText('500 €');
  await expect(page.getByText(/payée en espèces n’ouvre pas droit/)).toBeVisible();
});

test('/activites lists the 26 activities by domain and filters them without caring for accents', async ({
  page,
}) => {
  await page.goto('/activites');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Les 26 activités de services à la personne',
  );
  await expectOrderedHeadings(page);
  await expect(page.getByRole('heading', { level: 3 })).toHaveCount(26);
  for (const domain of [
    'Services à la famille',
    'Services de la vie quotidienne',
    'Services aux personnes dépendantes',
  ]) {
    await expect(page.getByRole('heading', { level: 2, name: domain })).toBeVisible();
  }
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  await page.getByLabel('Chercher une activité').fill('menage');
  await expect(page.getByRole('status')).toContainText('correspondent à votre recherche');
  await expect(page.getByRole('link', { name: 'Entretien de la maison et travaux ménagers' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Assistance informatique à domicile' })).toHaveCount(0);

  await page.getByLabel('Chercher une activité').fill('JARDINAGE');
  await expect(page.getByRole('link', { name: /Petits travaux de jardinage/ })).toBeVisible();

  await page.getByLabel('Chercher une activité').fill('xylophone');
  await expect(page.getByRole('status')).toHaveText(
    'Aucune activité ne correspond à votre recherche. Essayez un autre mot.',
  );
});

test('an activity page explains who may provide it, the sub-ceiling and VAT, and links to the directory and the simulator', async ({
  page,
}) => {
  await page.goto('/activites/petits-travaux-jardinage');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    'Petits travaux de jardinage, y compris le débroussaillage',
  );
  await expectOrderedHeadings(page);
  await expect(page.getByRole('navigation', { name: 'Sur cette page' })).toBeVisible();
  await expect(
    page.getByText('Plafond propre à cette activité : les dépenses comptent jusqu’à 5 000 € par an'),
  ).toBeVisible();
  await expect(page.locator('#tva').locator('..')).toContainText('20 %');
  await expect(page.getByRole('link', { name: 'Trouver une structure pour cette activité' })).toHaveAttribute(
    'href',
    '/annuaire?activity=petits-travaux-jardinage',
  );
  await expect(page.getByRole('link', { name: 'Calculer le coût de cette activité' })).toHaveAttribute(
    'href',
    '/simulateur?activite=petits-travaux-jardinage',
  );
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
});

test('help to elderly people needs the Département’s autorisation in prestataire and the agrément in mandataire', async ({
  page,
}) => {
  await page.goto('/activites/assistance-personnes-agees-handicapees');
  const table = page.getByRole('table');
  const row = table.getByRole('row', { name: /Personnes âgées/ });
  await expect(row.getByRole('cell').nth(0)).toHaveText('Autorisation du Département obligatoire');
  await expect(row.getByRole('cell').nth(1)).toHaveText('Agrément de l’État obligatoire');
  await expect(row.getByRole('cell').nth(2)).toContainText('vous êtes l’employeur');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
});

test('an activity whose VAT rate is not confirmed says « taux à vérifier »; an unknown activity is not found', async ({
  page,
}) => {
  await page.goto('/activites/teleassistance-visioassistance');
  await expect(page.getByText('taux à vérifier')).toBeVisible();
  await page.goto('/activites/plomberie');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page introuvable');
});

test('/simulateur has one h1, ordered headings and no serious accessibility violation, before and after a result', async ({
  page,
}) => {
  await page.goto('/simulateur');
  await expect(page.getByRole('heading', { level: 1 })).toHaveCount(1);
  await expectOrderedHeadings(page);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Personne âgée dépendante (GIR 3)' }).click();
  await page.getByLabel('Heures par mois').fill('10');
  await page.getByLabel('Prix de l’heure, en euros').fill('25');
  await page.getByRole('button', { name: 'Calculer le coût' }).click();
  await expect(page.getByText('Coût après crédit d’impôt')).not.toHaveCount(0);
  await expectOrderedHeadings(page);
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
});
