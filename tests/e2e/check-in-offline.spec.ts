import { expect, test, type APIRequestContext } from '@playwright/test';
import { demoPassword, signInWithApi } from './helpers';

interface MyVisit {
  id: string;
  beneficiaryName: string;
  status: string;
}

/** Signs in through the API on a request context and returns the CSRF token for changes. */
async function apiLogin(request: APIRequestContext, email: string): Promise<string> {
  const response = await request.post('/api/auth/login', { data: { email, password: demoPassword } });
  expect(response.status()).toBe(200);
  return (await response.json()).csrfToken as string;
}

/** The ISO instant of now minus a few minutes, on the minute (the visit has just started). */
const justStarted = () => new Date(Math.floor((Date.now() - 3 * 60_000) / 60_000) * 60_000).toISOString();

test.setTimeout(180_000);

test('a worker checks in and out with no network, syncs once back, the visit counts once; the coordinator validates the anomaly', async ({ browser, baseURL }) => {
  // Seed: one of the demo worker's visits of the week moved to right now (the coordinator's move).
  const workerContext = await browser.newContext({ baseURL });
  const page = await workerContext.newPage();
  await signInWithApi(page, 'intervenant@proxidom.test');
  const schedule = (await (await page.request.get('/api/me/schedule')).json()) as { workerId: string; visits: MyVisit[] };
  const visit = schedule.visits.find((v) => v.status === 'planned');
  expect(visit, 'the demo worker has a planned visit this week').toBeTruthy();
  const coordinatorContext = await browser.newContext({ baseURL });
  const coordinatorCsrf = await apiLogin(coordinatorContext.request, 'coordination@proxidom.test');
  const moved = await coordinatorContext.request.patch(`/api/visits/${visit!.id}/assignment`, { data: { workerId: schedule.workerId, startsAt: justStarted() }, headers: { 'x-csrf-token': coordinatorCsrf } });
  expect(moved.status()).toBe(200);

  // The round, online first: the service worker installs and keeps the day.
  await page.goto('/intervenant/tournee');
  // Installing caches the app shell (≈ 0.7 MB of script): slow on a loaded machine.
  await expect(page.getByText('Disponible hors ligne')).toBeVisible({ timeout: 90_000 });
  const card = page.locator('li.my-visit', { has: page.locator(`#visit-${visit!.id}`) });
  await expect(card).toBeVisible();

  // No network: check in, check out, write the transmission.
  await workerContext.setOffline(true);
  await expect(page.getByText('Hors ligne', { exact: true })).toBeVisible();
  await card.getByRole('button', { name: 'Pointer l’arrivée' }).click();
  await expect(card.getByText(/Arrivée pointée à .* \(en attente de synchronisation\)/)).toBeVisible();
  await card.getByRole('button', { name: 'Pointer le départ' }).click();
  await expect(card.getByText(/Départ pointé à .* \(en attente de synchronisation\)/)).toBeVisible();
  await card.getByLabel('Transmission pour le prochain passage').fill('Mme Lefèvre a bien déjeuné ; plus de lait dans le frigo.');
  await card.getByRole('button', { name: 'Enregistrer le compte rendu' }).click();
  await expect(page.getByTestId('pending-count')).toHaveText('3 actions en attente de synchronisation');

  // Reload with no network: the service worker serves the page, the queue is still there.
  await page.reload();
  await expect(page.getByTestId('pending-count')).toHaveText('3 actions en attente de synchronisation', { timeout: 20_000 });
  await expect(page.locator('li.my-visit', { has: page.locator(`#visit-${visit!.id}`) }).getByText(/Départ pointé à/)).toBeVisible();

  // Back online: the queue is sent (automatically, or with the button), once.
  await workerContext.setOffline(false);
  const pending = page.getByTestId('pending-count');
  await expect(async () => {
    if ((await pending.textContent())?.includes('en attente')) await page.getByRole('button', { name: 'Synchroniser' }).click({ timeout: 2_000 }).catch(() => undefined);
    await expect(pending).toHaveText('Aucune action en attente', { timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  // A second sync from the button cannot count anything twice either.
  const today = await (await page.request.get('/api/me/today')).json();
  const synced = today.visits.find((v: { id: string }) => v.id === visit!.id);
  expect(synced.checkEvents.map((e: { kind: string }) => e.kind)).toEqual(['check_in', 'check_out']);
  expect(synced.actual.transmission).toBe('Mme Lefèvre a bien déjeuné ; plus de lait dans le frigo.');

  // The coordinator validates the anomaly (a visit of a few seconds is too short).
  const coordinatorPage = await coordinatorContext.newPage();
  await coordinatorPage.goto('/structure/telegestion');
  const anomaly = coordinatorPage.locator('li.card', { has: coordinatorPage.locator(`#anomaly-${visit!.id}`) });
  await expect(anomaly).toBeVisible({ timeout: 20_000 });
  await expect(anomaly.getByText('Durée trop courte')).toBeVisible();
  await anomaly.getByLabel('Motif (visible par l’intervenant·e)').fill('Visite écourtée à la demande de la bénéficiaire (rendez-vous médical)');
  await anomaly.getByRole('button', { name: 'Valider' }).click();
  await expect(coordinatorPage.getByText('Intervention traitée.')).toBeVisible();
  await expect(anomaly).toHaveCount(0);
  const reviewed = await (await coordinatorContext.request.get('/api/telegestion/anomalies?status=reviewed')).json();
  expect(reviewed.items.find((i: { visitId: string }) => i.visitId === visit!.id)).toMatchObject({ validationStatus: 'valid', review: { reason: 'Visite écourtée à la demande de la bénéficiaire (rendez-vous médical)' } });

  // The worker sees the decision and its reason.
  const activity = await (await page.request.get('/api/me/activity')).json();
  expect(activity.visits.find((v: { visitId: string }) => v.visitId === visit!.id).review.reason).toMatch(/rendez-vous médical/);
  await workerContext.close();
  await coordinatorContext.close();
});
