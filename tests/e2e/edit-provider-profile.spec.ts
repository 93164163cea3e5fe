import { expect, test } from '@playwright/test';
import { seriousAccessibilityViolations, signInWithApi } from './helpers';

test('the provider admin changes the phone and a price, is told in French about a wrong postal code, and the public page shows the change', async ({
  page,
}) => {
  await signInWithApi(page, 'admin@proxidom.test');
  await page.goto('/structure');
  await page
    .getByRole('navigation', { name: 'Navigation principale' })
    .getByRole('link', { name: 'Profil de la structure' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Profil de la structure' })).toBeVisible();
  const phone = page.getByLabel('Téléphone');
  await expect(phone).not.toHaveValue('');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  await phone.fill('02 38 99 88 77');
  const price = page.getByLabel(
    'Prix TTC en euros (Entretien de la maison et travaux ménagers, prestataire)',
  );
  await price.fill('31,90');
  const postalCode = page.getByLabel('Code postal');
  await postalCode.fill('75001');
  await page.getByRole('button', { name: 'Enregistrer le profil' }).click();

  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Le profil n’est pas enregistré');
  await expect(
    summary.getByRole('link', { name: /Code postal : Le code postal 75001 ne correspond pas/ }),
  ).toBeVisible();
  await expect(postalCode).toHaveAttribute('aria-invalid', 'true');
  await expect(postalCode).toHaveAccessibleDescription(
    /Le code postal 75001 ne correspond pas au département de la commune choisie/,
  );

  // What was typed survives a reload (the draft), including the wrong postal code.
  await page.reload();
  await expect(page.getByLabel('Téléphone')).toHaveValue('02 38 99 88 77');
  await expect(page.getByLabel('Code postal')).toHaveValue('75001');
  await expect(page.getByText('Vos modifications non enregistrées ont été reprises.')).toBeVisible();

  await page.getByLabel('Code postal').fill('45000');
  await page.getByRole('button', { name: 'Enregistrer le profil' }).click();
  await expect(page.getByRole('status')).toContainText('Profil enregistré');

  await page.getByRole('link', { name: 'Voir la fiche publique' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Aide & Présence Orléans');
  await expect(page.getByRole('link', { name: '02 38 99 88 77' })).toHaveAttribute(
    'href',
    'tel:+33238998877',
  );
  const housework = page
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: 'Entretien de la maison et travaux ménagers' }) });
  await expect(housework).toContainText('Prestataire : 31,90 € de l’heure');
});

test('a coordinator reads the profile without changing it', async ({ page }) => {
  await signInWithApi(page, 'coordination@proxidom.test');
  await page.goto('/structure/profil');
  await expect(
    page.getByText('Vous consultez le profil : seul l’administrateur de la structure peut le modifier.'),
  ).toBeVisible();
  await expect(page.getByLabel('Téléphone')).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Enregistrer le profil' })).toHaveCount(0);
});
