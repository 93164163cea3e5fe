import { expect, test } from '@playwright/test';
import { seriousAccessibilityViolations, signInWithForm } from './helpers';

const demoAccounts = [
  { email: 'famille@proxidom.test', path: '/foyer', role: 'Foyer', nav: 'Mes demandes' },
  { email: 'admin@proxidom.test', path: '/structure', role: 'Administrateur de structure', nav: 'Équipe' },
  { email: 'coordination@proxidom.test', path: '/coordination', role: 'Responsable de secteur', nav: 'Planning' },
  { email: 'intervenant@proxidom.test', path: '/intervenant', role: 'Intervenant·e', nav: 'Mon planning' },
  { email: 'territoire@proxidom.test', path: '/territoire', role: 'Administrateur du territoire', nav: 'Structures' },
  { email: 'lab@proxidom.test', path: '/lab', role: 'Innovation (lab)', nav: 'Besoins' },
];

for (const account of demoAccounts) {
  test(`${account.email} signs in and lands on the ${account.role} home page`, async ({ page }) => {
    await signInWithForm(page, account.email);
    await expect(page).toHaveURL(account.path);
    await expect(page.getByTestId('role-home')).toContainText(account.role);
    await expect(page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: account.nav, exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Bonjour');
  });
}

test('a wrong password shows a French error, keeps the e-mail, and the right one then works', async ({ page }) => {
  await signInWithForm(page, 'famille@proxidom.test', 'mauvais-mot-de-passe');
  await expect(page.getByRole('alert')).toContainText('Adresse e-mail ou mot de passe incorrect.');
  await expect(page).toHaveURL('/connexion');
  await expect(page.getByLabel('Adresse e-mail')).toHaveValue('famille@proxidom.test');
  await page.getByLabel('Mot de passe').fill('proxidom-demo');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL('/foyer');
});

test('a household signs up, signs out and signs in again', async ({ page }) => {
  const email = `famille.${Date.now()}@exemple.fr`;
  await page.goto('/inscription');
  await page.getByLabel('Foyer').check();
  await page.getByLabel('Nom affiché').fill('Famille Lefèvre');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill('une longue phrase secrète');
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page).toHaveURL('/foyer');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bonjour Famille Lefèvre');

  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL('/connexion');
  await expect(page.getByRole('status')).toContainText('Vous êtes déconnecté·e.');
  await page.goto('/foyer');
  await expect(page).toHaveURL('/connexion');

  await signInWithForm(page, email, 'une longue phrase secrète');
  await expect(page).toHaveURL('/foyer');
});

test('sign-up errors name the field in French and keep what was typed', async ({ page }) => {
  await page.goto('/inscription');
  await page.getByLabel('Nom affiché').fill('Jean Dupont');
  await page.getByLabel('Adresse e-mail').fill('jean.dupont@exemple.fr');
  await page.getByLabel('Mot de passe').fill('court');
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page.getByRole('alert')).toContainText('au moins 12 caractères');
  await page.reload();
  await expect(page.getByLabel('Nom affiché')).toHaveValue('Jean Dupont');
  await expect(page.getByLabel('Adresse e-mail')).toHaveValue('jean.dupont@exemple.fr');
});

test('the public pages have no serious accessibility violation', async ({ page }) => {
  for (const path of ['/', '/connexion', '/inscription', '/mot-de-passe-oublie', '/accessibilite']) {
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    expect(await seriousAccessibilityViolations(page), path).toEqual([]);
  }
});

test('the login form works with the keyboard alone', async ({ page }) => {
  await page.goto('/connexion');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Aller au contenu' })).toBeFocused();
  await page.getByLabel('Adresse e-mail').focus();
  await page.keyboard.type('territoire@proxidom.test');
  await page.keyboard.press('Tab');
  await page.keyboard.type('proxidom-demo');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL('/territoire');
});
