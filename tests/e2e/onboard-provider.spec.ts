import { expect, test } from '@playwright/test';
import { signInWithApi } from './helpers';

test('the territory opens a provider, whose admin joins by the e-mailed link and invites a coordinator', async ({ page }) => {
  const suffix = Date.now().toString().slice(-6);
  const adminEmail = `direction.${suffix}@soins-loire.fr`;
  await signInWithApi(page, 'territoire@proxidom.test');
  await page.goto('/territoire/structures');
  await page.getByLabel('Raison sociale').fill(`Soins Loire ${suffix}`);
  await page.getByLabel('SIRET').fill('12345678901234');
  await page.getByLabel('Forme juridique').selectOption('societe');
  await page.getByLabel('Commune du siège').selectOption({ label: 'Saran (45770)' });
  await page.getByLabel('E-mail de l’administrateur').fill(adminEmail);
  await page.getByRole('button', { name: 'Créer la structure et inviter' }).click();
  await expect(page.getByRole('alert')).toContainText('clé de contrôle incorrecte');

  await page.getByLabel('SIRET').fill('443 061 841 00047');
  await page.getByRole('button', { name: 'Créer la structure et inviter' }).click();
  await expect(page.getByRole('status')).toContainText(`Soins Loire ${suffix} est créée`);

  await page.goto('/boite-envoi');
  const email = page.getByRole('listitem').filter({ hasText: adminEmail }).first();
  const invitationLink = await email.getByRole('link', { name: /\/invitation\// }).getAttribute('href');
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page).toHaveURL('/connexion');
  await page.goto(invitationLink!);

  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Rejoindre Soins Loire ${suffix}`);
  await page.getByLabel('Prénom et nom').fill('Claire Petit');
  await page.getByLabel('Mot de passe').fill('une phrase de passe solide');
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page).toHaveURL('/structure');
  await expect(page.getByTestId('role-home')).toContainText(`Soins Loire ${suffix}`);

  await page.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Équipe' }).click();
  await page.getByLabel('Adresse e-mail').fill(`coordination.${suffix}@soins-loire.fr`);
  await page.getByLabel('Rôle').selectOption('coordinator');
  await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
  await expect(page.getByRole('status')).toContainText('Invitation envoyée');
  await expect(page.getByText(`coordination.${suffix}@soins-loire.fr — Responsable de secteur`)).toBeVisible();
});
