import { expect, test } from '@playwright/test';
import { seriousAccessibilityViolations, signInWithApi } from './helpers';

// The provider admin (the only role that may erase) keeps a beneficiary's file from creation to erasure.
test('a provider admin creates a beneficiary, edits the file, uploads a document, exports the data and erases them', async ({
  page,
}) => {
  await signInWithApi(page, 'admin@proxidom.test');
  const lastName = `Fichet${Date.now() % 100000}`;

  await page.goto('/structure/beneficiaires');
  await expect(page.getByRole('heading', { level: 1, name: 'Bénéficiaires' })).toBeVisible();
  await page.getByRole('link', { name: 'Nouveau bénéficiaire' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Nouveau bénéficiaire' })).toBeVisible();

  // Own checks first: the names are required, the summary links to the field.
  await page.getByRole('button', { name: 'Créer le dossier' }).click();
  const summary = page.getByRole('alert');
  await expect(summary).toContainText('Le nom est obligatoire.');
  await summary.getByRole('link', { name: /Nom : Le nom est obligatoire/ }).click();
  await expect(page.getByLabel('Nom', { exact: true })).toBeFocused();

  await page.getByLabel('Nom', { exact: true }).fill(lastName);
  await page.getByLabel('Prénom').fill('Germaine');
  await page.getByLabel('Date de naissance').fill('1936-04-12');
  await page.getByLabel('GIR', { exact: true }).selectOption('3');
  await page.getByLabel('Adresse', { exact: true }).fill('12 rue des Tilleuls');
  await page.getByLabel('Commune', { exact: true }).selectOption({ label: 'Saran (45770)' });
  await expect(page.getByLabel('Code postal')).toHaveValue('45770');
  // A reload keeps what was typed (useDraft).
  await page.reload();
  await expect(page.getByLabel('Nom', { exact: true })).toHaveValue(lastName);
  await page.getByRole('button', { name: 'Placer au centre de la commune' }).click();
  await expect(page.getByLabel('Latitude')).not.toHaveValue('');
  await page
    .getByLabel('Informations d’accès (code, boîte à clés)')
    .fill('Code porte 4521B, boîte à clés sous le compteur');
  await page.getByRole('button', { name: 'Créer le dossier' }).click();

  await expect(
    page.getByRole('heading', { level: 1, name: `${lastName.toUpperCase()} Germaine` }),
  ).toBeVisible();
  await expect(page.getByText(`Le dossier de Germaine ${lastName} est créé.`)).toBeVisible();
  await expect(page.locator('.lead')).toContainText('GIR 3 · 12 rue des Tilleuls, 45770 Saran');
  await expect(page.getByRole('group', { name: 'Le domicile sur la carte du territoire' })).toBeVisible();
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  // Edit: an aidant, an APA plan, a consent.
  await page.getByRole('button', { name: 'Ajouter un contact' }).click();
  const contact = page.getByRole('group', { name: 'Contact 1' });
  await contact.getByLabel('Nom').fill('Paul Fichet');
  await contact.getByLabel('Lien').fill('Fils');
  await contact.getByLabel('Téléphone').fill('06 39 98 12 34');
  await contact.getByLabel('À prévenir en cas d’urgence').check();
  await page.getByRole('button', { name: 'Enregistrer les contacts' }).click();
  await expect(page.getByText('Contacts enregistrés.', { exact: true })).toBeVisible();
  await expect(page.getByRole('group', { name: 'Contact 1' }).getByLabel('Nom')).toHaveValue('Paul Fichet');

  await page.getByRole('button', { name: 'Ajouter un plan d’aide' }).click();
  const plan = page.getByRole('group', { name: 'Plan 1' });
  await plan.getByLabel('Heures financées par mois').fill('-4');
  await page.getByRole('button', { name: 'Enregistrer le plan d’aide' }).click();
  await expect(page.getByRole('alert')).toContainText(
    'Le nombre d’heures par mois doit être un nombre positif.',
  );
  await plan.getByLabel('Heures financées par mois').fill('22,5');
  await plan.getByLabel('Part du département (%)').fill('80');
  await page.getByRole('button', { name: 'Enregistrer le plan d’aide' }).click();
  await expect(page.getByText('Plan d’aide enregistré.', { exact: true })).toBeVisible();
  await expect(
    page.getByRole('group', { name: 'Plan 1' }).getByLabel('Heures financées par mois'),
  ).toHaveValue('22,5');

  await page
    .getByRole('group', { name: 'Traitement des données de santé nécessaires à l’accompagnement' })
    .getByLabel('Donné')
    .check();
  await page.getByRole('button', { name: 'Enregistrer les consentements' }).click();
  await expect(page.getByText('Consentements enregistrés.', { exact: true })).toBeVisible();

  // Upload a document, then download it back.
  await page
    .getByLabel('Document à ajouter')
    .setInputFiles({
      name: 'notification-apa.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Notification APA : 22,5 h par mois.'),
    });
  await page.getByRole('button', { name: 'Ajouter le document' }).click();
  await expect(page.getByText('Document « notification-apa.txt » ajouté.', { exact: true })).toBeVisible();
  const documents = page.getByRole('list', { name: 'Documents du dossier' });
  await expect(documents).toContainText('notification-apa.txt');
  const download = page.waitForEvent('download');
  await documents.getByRole('button', { name: 'Télécharger notification-apa.txt' }).click();
  expect((await download).suggestedFilename()).toBe('notification-apa.txt');

  // RGPD export: one JSON file with the person's data.
  const exported = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Exporter (RGPD)' }).click();
  const file = await exported;
  expect(file.suggestedFilename()).toMatch(/\.json$/);
  const content = await (await file.createReadStream()).toArray();
  const text = Buffer.concat(content).toString('utf8');
  expect(text).toContain(lastName);
  expect(text).toContain('Paul Fichet');

  // Erasure needs the typed word.
  await page.getByText('Effacer les données de ce bénéficiaire').click();
  await page.getByLabel('Tapez EFFACER pour confirmer').fill('effacer');
  await page.getByRole('button', { name: 'Effacer définitivement' }).click();
  await expect(page.getByRole('alert')).toContainText('Tapez EFFACER en majuscules pour confirmer.');
  await page.getByLabel('Tapez EFFACER pour confirmer').fill('EFFACER');
  await page.getByRole('button', { name: 'Effacer définitivement' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Bénéficiaires' })).toBeVisible();
  await expect(page.getByText(`Les données de Germaine ${lastName} ont été effacées.`)).toBeVisible();
  await page.getByLabel('Rechercher par nom').fill(lastName);
  await expect(page.getByText('Aucun bénéficiaire ne correspond à ces critères.')).toBeVisible();
});
