import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { luhnCheckDigit } from '../../src/domain/identifiers';
import { seriousAccessibilityViolations, signInWithApi } from './helpers';

const ASSISTANCE = 'assistance-personnes-agees-handicapees';
const SAINT_JEAN_DE_BRAYE = '45284';

/** A 14-digit SIRET with valid Luhn keys (SIREN and SIRET), unique per run. */
function siret(seed: number): string {
  const siren = `${String(seed).padStart(8, '0').slice(-8)}`;
  const fullSiren = `${siren}${luhnCheckDigit(siren)}`;
  const body = `${fullSiren}0001`;
  return `${body}${luhnCheckDigit(body)}`;
}

async function signedIn(
  baseURL: string,
  email: string,
  password = 'proxidom-demo',
): Promise<{ api: APIRequestContext; csrf: string }> {
  const api = await playwrightRequest.newContext({ baseURL });
  const login = await api.post('/api/auth/login', { data: { email, password } });
  expect(login.status(), await login.text()).toBe(200);
  return { api, csrf: (await login.json()).csrfToken as string };
}

/**
 * Opens a provider through the territory admin, lets its admin join by the e-mailed invitation, fills its
 * profile (assistance to elderly people in one mode with the regime that mode needs — autorisation in
 * prestataire, agrément in mandataire —, the communes served) and adds a worker living in Saint-Jean-de-Braye. Returns its admin's e-mail.
 */
async function openProvider(
  baseURL: string,
  options: { name: string; siret: string; communesServed: string[]; mode: 'prestataire' | 'mandataire' },
) {
  const territory = await signedIn(baseURL, 'territoire@proxidom.test');
  const adminEmail = `direction.${options.siret}@exemple.fr`;
  const created = await territory.api.post('/api/territory/organisations', {
    headers: { 'x-csrf-token': territory.csrf },
    data: {
      name: options.name,
      siret: options.siret,
      legalForm: 'association',
      communeCode: '45234',
      adminEmail,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const outbox = (await (await territory.api.get('/api/outbox')).json()) as { to: string; text: string }[];
  const mail = outbox.find((m) => m.to === adminEmail)!;
  const token = /\/invitation\/([\w-]+)/.exec(mail.text)![1]!;
  const admin = await playwrightRequest.newContext({ baseURL });
  const joined = await admin.post(`/api/invitations/${token}/accept`, {
    data: { password: 'une phrase de passe solide', displayName: `Direction ${options.name}` },
  });
  expect(joined.status(), await joined.text()).toBe(201);
  const csrf = (await joined.json()).csrfToken as string;
  const profile = await (await admin.get('/api/organisation/profile')).json();
  const saved = await admin.put('/api/organisation/profile', {
    headers: { 'x-csrf-token': csrf },
    data: {
      ...profile,
      id: undefined,
      address: { street: '5 rue Royale', postalCode: '45000', communeCode: '45234', city: 'Orléans' },
      phone: '0238000000',
      email: `contact.${options.siret}@exemple.fr`,
      activities: [{ activityCode: ASSISTANCE, modes: [options.mode] }],
      publics: ['personnes_agees'],
      regime: {
        declaration: { number: `SAP${options.siret.slice(0, 9)}`, date: '2020-01-01' },
        agrement:
          options.mode === 'mandataire'
            ? { number: `SAP/AGR/${options.siret.slice(-4)}`, date: '2020-01-01' }
            : null,
        autorisation:
          options.mode === 'prestataire'
            ? { number: `AUT-45-${options.siret.slice(-4)}`, date: '2020-01-01', departement: '45' }
            : null,
      },
      prices: [{ activityCode: ASSISTANCE, mode: options.mode, unit: 'heure', priceTtcCents: 2800 }],
      labels: ['Qualisap'],
      communesServed: options.communesServed,
      acceptingNewClients: true,
    },
  });
  expect(saved.status(), await saved.text()).toBe(200);
  const worker = await admin.post('/api/workers', {
    headers: { 'x-csrf-token': csrf },
    data: {
      firstName: 'Lina',
      lastName: 'Auxiliaire',
      communeCode: SAINT_JEAN_DE_BRAYE,
      skills: ['aide_toilette', 'deaes'],
      contractHoursPerWeek: 35,
    },
  });
  expect(worker.status(), await worker.text()).toBe(201);
  return adminEmail;
}

test('a household asks for morning help for its mother, two providers answer, it accepts one whose schedule gets the visits', async ({
  page,
  baseURL,
  browser,
}) => {
  test.setTimeout(180_000);
  const suffix = Date.now() % 1_000_000;
  const secondName = `Bien Vieillir Loire ${suffix}`;
  const secondAdmin = await openProvider(baseURL!, {
    name: secondName,
    siret: siret(suffix),
    communesServed: [SAINT_JEAN_DE_BRAYE, '45234'],
    mode: 'prestataire',
  });
  // Serves Saint-Jean-de-Braye too, with the agrément, but in mandataire mode only: not for a prestataire request.
  const thirdName = `Mandat Services ${suffix}`;
  const thirdAdmin = await openProvider(baseURL!, {
    name: thirdName,
    siret: siret(suffix + 1),
    communesServed: [SAINT_JEAN_DE_BRAYE],
    mode: 'mandataire',
  });

  // The household describes its need; a reload keeps what was typed.
  await signInWithApi(page, 'famille@proxidom.test');
  await page.goto(`/foyer/demandes/nouvelle?activite=${ASSISTANCE}`);
  await page.getByLabel('Prénom').fill('Jeanne');
  await page.getByLabel('Année de naissance').fill('1946');
  await page.reload();
  await expect(page.getByLabel('Prénom')).toHaveValue('Jeanne');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.getByLabel("GIR (degré d'autonomie), s'il a été évalué").selectOption('3');
  await page.getByLabel("Un plan d'aide APA a été notifié").check();
  await page.getByLabel("Montant mensuel du plan d'aide (€)").fill('400');
  await page.getByLabel('Commune').selectOption({ label: 'Saint-Jean-de-Braye' });
  await page.getByLabel('Adresse', { exact: true }).fill('14 rue des Tilleuls');
  await expect(page.getByLabel('Code postal')).toHaveValue('45800');
  await page.getByLabel("Heure d'arrivée souhaitée").fill('08:30');
  await page.getByLabel('Souhaits particuliers').fill('Aide au lever et à la toilette.');
  await page.getByRole('button', { name: 'Envoyer ma demande' }).click();

  await expect(page).toHaveURL(/\/foyer\/demandes\/[0-9a-f-]{36}$/);
  const requestId = page.url().split('/').pop()!;
  const routed = page.getByRole('region', { name: 'À qui votre demande a été envoyée, et pourquoi' });
  await expect(routed.getByText('Aide & Présence Orléans')).toBeVisible();
  await expect(routed.getByText(secondName)).toBeVisible();
  await expect(routed.getByText(thirdName)).toHaveCount(0);
  await expect(routed).toContainText('Saint-Jean-de-Braye');

  // The provider that does not match never sees the request.
  const third = await browser.newPage();
  await signInWithApi(third, thirdAdmin, 'une phrase de passe solide');
  await third.goto('/structure/demandes');
  await expect(third.getByText('Aucune demande pour le moment.')).toBeVisible();
  expect((await third.request.get(`/api/provider/requests/${requestId}`)).status()).toBe(404);

  // Both matching providers answer with a quote, from their inbox (no address shown before acceptance).
  for (const [email, password, price] of [
    ['admin@proxidom.test', 'proxidom-demo', '24,50'],
    [secondAdmin, 'une phrase de passe solide', '27'],
  ] as const) {
    const provider = await browser.newPage();
    await signInWithApi(provider, email, password);
    await provider.goto('/structure/demandes');
    await provider.getByRole('button', { name: 'Ouvrir la demande de Jeanne' }).first().click();
    await expect(
      provider.getByText('Saint-Jean-de-Braye (adresse communiquée si votre devis est accepté)'),
    ).toBeVisible();
    await expect(provider.getByText('14 rue des Tilleuls')).toHaveCount(0);
    expect(await seriousAccessibilityViolations(provider)).toEqual([]);
    await provider.getByLabel('Prix horaire TTC (€)').fill(price);
    await provider.getByLabel('Description de la prestation').fill('Aide au lever, toilette, petit-déjeuner');
    await provider.getByRole('button', { name: 'Envoyer le devis' }).click();
    await expect(provider.getByRole('status')).toContainText('envoyé au foyer');
    await provider.close();
  }

  // The household compares the quotes side by side and accepts one, with a confirmation.
  await page.reload();
  const table = page.getByRole('table', { name: 'Comparaison des devis' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await expect(table).toContainText('Aide & Présence Orléans');
  await expect(table).toContainText(secondName);
  await expect(table).toContainText('24,50');
  expect(await seriousAccessibilityViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Accepter le devis de Aide & Présence Orléans' }).click();
  await page.getByRole('button', { name: 'Confirmer' }).click();
  await expect(page.getByRole('status')).toContainText('Devis accepté');
  await expect(page.getByText('Proposition acceptée')).toBeVisible();

  // The contract and its visits are in the chosen provider's schedule, with the now-shared address.
  const chosen = await browser.newPage();
  await signInWithApi(chosen, 'admin@proxidom.test');
  const detail = await (await chosen.request.get(`/api/provider/requests/${requestId}`)).json();
  expect(detail).toMatchObject({
    routingStatus: 'won',
    address: { addressLine: '14 rue des Tilleuls', postalCode: '45800' },
  });
  const contracts = (await (await chosen.request.get('/api/contracts')).json()) as {
    beneficiaryId: string;
    hourlyPriceCents: number;
    startsOn: string;
  }[];
  const contract = contracts.find((c) => c.hourlyPriceCents === 2450)!;
  expect(contract).toBeTruthy();
  const start = new Date(`${contract.startsOn}T12:00:00Z`);
  const monday = new Date(start.getTime() - ((start.getUTCDay() + 6) % 7) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const nextMonday = new Date(new Date(`${monday}T12:00:00Z`).getTime() + 7 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  let visits = 0;
  for (const week of [monday, nextMonday]) {
    const board = await (await chosen.request.get(`/api/schedule/week?start=${week}`)).json();
    visits += (board.visits as { beneficiaryId: string }[]).filter(
      (v) => v.beneficiaryId === contract.beneficiaryId,
    ).length;
  }
  expect(visits).toBeGreaterThan(0);
  await chosen.goto('/structure/demandes');
  await expect(chosen.getByRole('table', { name: 'Demandes reçues' })).toBeVisible({ timeout: 30_000 });
  await expect(chosen.getByRole('row').filter({ hasText: 'Jeanne' }).first()).toContainText('Retenue');

  // The other provider sees the request closed, still without the address.
  const other = await browser.newPage();
  await signInWithApi(other, secondAdmin, 'une phrase de passe solide');
  await other.goto('/structure/demandes');
  await expect(other.getByRole('table', { name: 'Demandes reçues' })).toBeVisible({ timeout: 30_000 });
  await expect(other.getByRole('row').filter({ hasText: 'Jeanne' })).toContainText('Clôturée');
  const closed = await (await other.request.get(`/api/provider/requests/${requestId}`)).json();
  expect(closed).toMatchObject({ routingStatus: 'closed', address: null });

  // Requests of a household are never visible to another one.
  const stranger = await playwrightRequest.newContext({ baseURL });
  const signup = await stranger.post('/api/auth/signup', {
    data: {
      email: `autre.${suffix}@exemple.fr`,
      password: 'une phrase de passe solide',
      displayName: 'Autre Foyer',
      role: 'household',
    },
  });
  expect(signup.status(), await signup.text()).toBe(201);
  expect((await stranger.get(`/api/requests/${requestId}`)).status()).toBe(404);
  expect((await (await stranger.get('/api/requests')).json()).items).toHaveLength(0);
});
