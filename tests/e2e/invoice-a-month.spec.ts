import { readFileSync } from 'node:fs';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { seriousAccessibilityViolations, signInWithApi } from './helpers';

/** Clicks a download link and returns the first bytes of the file. */
async function download(scope: Page | Locator, page: Page, name: string | RegExp): Promise<string> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    scope.getByRole('link', { name }).first().click(),
  ]);
  return readFileSync((await file.path())!)
    .subarray(0, 5)
    .toString('latin1');
}

// The coordinator invoices last month: the Lefèvre family's invoice deducts the APA share billed to the
// Département and is paid by transfer; another household (without APA: the avance immédiate is not open to APA
// beneficiaries yet) is registered with the Urssaf and paid through the simulator after 48 hours. Then the family
// reads its invoice, its ledger and its certificate.
test('a coordinator invoices last month, a payment goes through the avance immédiate, the family reads invoice, ledger and certificate', async ({
  page,
  playwright,
  baseURL,
}) => {
  test.setTimeout(240_000);
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
    timeout: 120_000,
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
  // Jeannine's APA plan: the Département's share is deducted and named.
  await expect(row).toContainText('Loiret (45)');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);

  // The family pays its share by transfer.
  await row.getByRole('button', { name: 'Paiement' }).click();
  await row.getByRole('button', { name: 'Enregistrer le paiement' }).click();
  await expect(page.getByRole('status')).toContainText(`Paiement enregistré : facture ${number} payée.`);
  await expect(row).toContainText('Payée');
  expect(await download(row, page, number)).toBe('%PDF-');

  // Another household of the month, without APA: registered with the Urssaf (the simulator checks the API's rules).
  const aiRow = page
    .getByRole('row')
    .filter({ has: page.getByRole('button', { name: 'Inscrire à l’avance immédiate' }) })
    .first();
  const aiNumber = (await aiRow.getByRole('link').first().textContent())!.trim();
  const ai = page.getByRole('row').filter({ hasText: aiNumber });
  await ai.getByRole('button', { name: 'Inscrire à l’avance immédiate' }).click();
  const form = page.getByRole('form', { name: 'Inscription à l’avance immédiate' });
  await form.getByLabel('Nom de naissance', { exact: true }).fill('Moreau');
  await form.getByLabel('Prénoms', { exact: true }).fill('Claire');
  await form.getByLabel('Date de naissance', { exact: true }).fill('1971-09-23');
  await form.getByLabel('Commune de naissance', { exact: true }).fill('Orléans');
  await form.getByLabel('Code INSEE de la commune de naissance', { exact: true }).fill('45234');
  await form.getByLabel('Téléphone portable', { exact: true }).fill('0639981234');
  await form.getByLabel('E-mail', { exact: true }).fill('claire.moreau@example.org');
  await form.getByLabel('Numéro', { exact: true }).fill('8');
  await form.getByLabel('Voie', { exact: true }).fill('rue de la République');
  await form.getByLabel('Code postal', { exact: true }).fill('45000');
  await form.getByLabel('Commune', { exact: true }).fill('Orléans');
  await form.getByLabel('Code INSEE de la commune', { exact: true }).fill('45234');
  // A wrong IBAN first: the French message names the field.
  await form.getByLabel('IBAN', { exact: true }).fill('FR76 3000 6000 0112 3456 7890 180');
  await form.getByLabel('BIC', { exact: true }).fill('BNPAFRPPXXX');
  await form.getByLabel('Titulaire du compte', { exact: true }).fill('Claire Moreau');
  await form.getByRole('button', { name: 'Inscrire auprès de l’Urssaf' }).click();
  await expect(page.getByRole('alert')).toContainText("L'IBAN est invalide.");
  await form.getByLabel('IBAN', { exact: true }).fill('FR76 3000 6000 0112 3456 7890 189');
  await form.getByRole('button', { name: 'Inscrire auprès de l’Urssaf' }).click();
  await expect(page.getByRole('status')).toContainText('est inscrit à l’avance immédiate');

  await ai.getByRole('button', { name: 'Envoyer à l’Urssaf' }).click();
  await expect(page.getByRole('status')).toContainText('En attente de validation');
  await expect(ai).toContainText('En attente de validation');

  // No answer from the client within 48 hours: deemed validated, then debited and paid to the provider.
  await page.getByRole('button', { name: 'Simulateur Urssaf : faire passer 48 h' }).click();
  await expect(ai).toContainText('Validée');
  await page.getByRole('button', { name: 'Simulateur Urssaf : faire passer 48 h' }).click();
  await expect(ai.getByRole('cell').nth(5)).toHaveText('Payée');
  await expect(ai).toContainText('Payée');

  await page.getByLabel('Année des services').fill(year);
  await page.getByRole('button', { name: `Établir les attestations ${year} de tous les foyers` }).click();
  await expect(page.getByText(/attestation\(s\) fiscale\(s\) \d{4} établie\(s\)/)).toBeVisible();

  // The family signs in and reads its invoice, its ledger and its certificate.
  await page.context().clearCookies();
  await signInWithApi(page, 'famille@proxidom.test');
  await page.goto('/foyer/factures');
  await expect(page.getByRole('heading', { level: 1, name: 'Factures et attestations' })).toBeVisible();
  const mine = page.getByRole('table', { name: 'Mes factures' }).getByRole('row').filter({ hasText: number });
  await expect(mine).toContainText('Payée');
  const cells = await mine.getByRole('cell').allTextContents();
  expect(cells[4]).toMatch(/€/); // APA/PCH taken in charge
  expect(cells[5]).toMatch(/€/); // paid now
  expect(await download(mine, page, `Facture ${number} (PDF)`)).toBe('%PDF-');
  const ledger = page.getByRole('table', { name: 'Factures et paiements, du plus ancien au plus récent' });
  await expect(
    ledger.getByRole('row').filter({ hasText: `Paiement virement — facture ${number}` }),
  ).toBeVisible();
  const certificate = page.getByRole('link', {
    name: new RegExp(`Attestation fiscale ${year} — Aide & Présence Orléans`),
  });
  await expect(certificate).toBeVisible();
  expect(await download(page, page, new RegExp(`Attestation fiscale ${year} — Aide`))).toBe('%PDF-');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
});

// An issued invoice is wrong: it cannot be changed, so the coordinator cancels it by a credit note, then
// invoices the household again; the credit note and the new invoice take the next numbers of the one series.
test('a coordinator cancels an invoice by a credit note and invoices the household again, with the next number', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await signInWithApi(page, 'coordination@proxidom.test');
  await page.goto('/structure/facturation');
  const runButton = page.getByRole('button', { name: /^Facturer / });
  await expect(runButton).toBeEnabled();
  await runButton.click();
  await expect(page.getByRole('status')).toContainText('terminée', { timeout: 120_000 });

  const numbersShown = async () =>
    (await page.getByRole('table', { name: 'Factures du mois' }).getByRole('link').allTextContents())
      .map((n) => n.trim())
      .sort();
  const before = await numbersShown();
  const issued = page
    .getByRole('row')
    .filter({ hasText: 'Émise' })
    .filter({ hasNotText: 'Lefèvre' }) // the demo family's invoice is read by the other journeys
    .filter({ has: page.getByRole('button', { name: 'Avoir' }) })
    .last();
  const number = (await issued.getByRole('link').first().textContent())!.trim();
  const household = (await issued.getByRole('cell').nth(1).textContent())!.trim();
  const rowOf = (n: string) =>
    page.getByRole('row').filter({ has: page.getByRole('link', { name: n, exact: true }) });
  const row = rowOf(number);

  page.once('dialog', (dialog) => void dialog.accept('Durée de la visite du 3 mal saisie'));
  await row.getByRole('button', { name: 'Avoir' }).click();
  await expect(page.getByRole('status')).toContainText(`la facture ${number} est annulée`);
  await expect(row).toContainText('Annulée par avoir');

  await row.getByRole('button', { name: 'Refacturer' }).click();
  await expect(page.getByRole('status')).toContainText(`${household} : nouvelle facture`);
  const after = await numbersShown();
  const added = after.filter((n) => !before.includes(n));
  // The credit note, then the new invoice: the two numbers that follow the last one, no gap.
  expect(added).toHaveLength(2);
  const seq = (n: string) => Number(n.split('-')[2]);
  const last = Math.max(...before.map(seq));
  expect(added.map(seq).sort((a, b) => a - b)).toEqual([last + 1, last + 2]);
  const reissued = rowOf(added.find((n) => seq(n) === last + 2)!);
  await expect(reissued).toContainText(household);
  await expect(reissued).toContainText('Émise');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
});
