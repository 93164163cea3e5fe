import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { seriousAccessibilityViolations, signInWithApi } from './helpers';

/** Clicks a download link and returns the first bytes of the file. */
async function download(page: Page, name: string | RegExp): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name }).first().click(),
  ]);
  return readFileSync((await file.path())!)
    .subarray(0, 5)
    .toString('latin1');
}

// The coordinator invoices last month, the Lefèvre family is registered for the avance immédiate and its invoice
// is paid through the Urssaf simulator; then the family reads its invoice, its payment split and its certificate.
test('a coordinator invoices last month, the avance immédiate pays the family’s invoice, the family reads invoice and certificate', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(180_000);
  await signInWithApi(page, 'coordination@proxidom.test');
  await page.goto('/structure/facturation');
  await expect(page.getByRole('heading', { level: 1, name: 'Facturation' })).toBeVisible();

  // The demo server gives the demo organisation last month's done visits at start-up (its seed plans this week only).
  const runButton = page.getByRole('button', { name: /^Facturer / });
  await expect(runButton).toBeEnabled();
  const monthName = (await runButton.textContent())!.replace('Facturer ', '').trim();
  const year = monthName.split(' ')[1]!;

  await runButton.click();
  await expect(page.getByRole('status')).toContainText(`Facturation de ${monthName} terminée`, {
    timeout: 90_000,
  });
  // Which invoice is the famille@ account's (another household may bear the same name): asked as the family.
  const family = await playwright.request.newContext({ baseURL });
  expect(
    (
      await family.post('/api/auth/login', {
        data: { email: 'famille@proxidom.test', password: 'proxidom-demo' },
      })
    ).status(),
  ).toBe(200);
  const familyInvoices = (await (await family.get('/api/me/invoices')).json()) as {
    items: { number: string; organisationName: string }[];
  };
  const number = familyInvoices.items.find((i) => i.organisationName === 'Aide & Présence Orléans')!.number;
  await family.dispose();
  const row = page.getByRole('row').filter({ hasText: number });
  await expect(row).toContainText('Famille Lefèvre');
  await expect(row).toContainText('Émise');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  // Registration with the Urssaf (the simulator checks the same rules as the API).
  await row.getByRole('button', { name: 'Inscrire à l’avance immédiate' }).click();
  const form = page.getByRole('form', { name: 'Inscription à l’avance immédiate' });
  await form.getByLabel('Nom de naissance', { exact: true }).fill('Lefèvre');
  await form.getByLabel('Prénoms', { exact: true }).fill('Sophie');
  await form.getByLabel('Date de naissance', { exact: true }).fill('1968-04-12');
  await form.getByLabel('Commune de naissance', { exact: true }).fill('Orléans');
  await form.getByLabel('Code INSEE de la commune de naissance', { exact: true }).fill('45234');
  await form.getByLabel('Téléphone portable', { exact: true }).fill('0639988352');
  await form.getByLabel('E-mail', { exact: true }).fill('famille@proxidom.test');
  await form.getByLabel('Numéro', { exact: true }).fill('41');
  await form.getByLabel('Voie', { exact: true }).fill('rue du Faubourg Bannier');
  await form.getByLabel('Code postal', { exact: true }).fill('45000');
  await form.getByLabel('Commune', { exact: true }).fill('Orléans');
  await form.getByLabel('Code INSEE de la commune', { exact: true }).fill('45234');
  await form.getByLabel('IBAN', { exact: true }).fill('FR76 3000 6000 0112 3456 7890 189');
  await form.getByLabel('BIC', { exact: true }).fill('BNPAFRPPXXX');
  await form.getByLabel('Titulaire du compte', { exact: true }).fill('Sophie Lefèvre');
  await form.getByRole('button', { name: 'Inscrire auprès de l’Urssaf' }).click();
  await expect(page.getByRole('status')).toContainText('est inscrit à l’avance immédiate');

  await row.getByRole('button', { name: 'Envoyer à l’Urssaf' }).click();
  await expect(page.getByRole('status')).toContainText('En attente de validation');
  await expect(row).toContainText('En attente de validation');

  // No answer from the family within 48 hours: deemed validated, then debited and paid.
  await page.getByRole('button', { name: 'Simulateur Urssaf : faire passer 48 h' }).click();
  await expect(row).toContainText('Validée');
  await page.getByRole('button', { name: 'Simulateur Urssaf : faire passer 48 h' }).click();
  await expect(row).toContainText('Payée');
  expect(await download(page, number)).toBe('%PDF-');

  await page.getByLabel('Année des services').fill(year);
  await page.getByRole('button', { name: `Établir les attestations ${year} de tous les foyers` }).click();
  await expect(page.getByText(/attestation\(s\) fiscale\(s\) \d{4} établie\(s\)/)).toBeVisible();

  // The family signs in and reads its invoices.
  await page.context().clearCookies();
  await signInWithApi(page, 'famille@proxidom.test');
  await page.goto('/foyer/factures');
  await expect(page.getByRole('heading', { level: 1, name: 'Factures et attestations' })).toBeVisible();
  const mine = page.getByRole('row').filter({ hasText: number });
  await expect(mine).toContainText('Payée');
  const cells = await mine.getByRole('cell').allTextContents();
  // Payé maintenant and versé par l'Urssaf: each half of the invoice.
  expect(cells[5]).toMatch(/€/);
  expect(cells[6]).toMatch(/€/);
  expect(await download(page, `Facture ${number} (PDF)`)).toBe('%PDF-');
  await expect(
    page.getByRole('link', { name: new RegExp(`Attestation fiscale ${year} — Aide & Présence Orléans`) }),
  ).toBeVisible();
  expect(await download(page, new RegExp(`Attestation fiscale ${year}`))).toBe('%PDF-');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
});
