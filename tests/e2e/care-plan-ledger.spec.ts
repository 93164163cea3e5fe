import { expect, test } from '@playwright/test';
import { demoPassword, signInWithApi } from './helpers';

/** « YYYY-MM-01 » of the month `offset` months from now (Paris time is close enough for a first day). */
function firstOfMonth(offset: number): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + offset, 1));
  return d.toISOString().slice(0, 10);
}

test('the household reads its care-plan ledger: funded, planned and delivered hours, gaps explained', async ({ browser, baseURL }) => {
  // Seed: the coordinator records the APA plan of the family's beneficiary.
  const householdContext = await browser.newContext({ baseURL });
  const page = await householdContext.newPage();
  await signInWithApi(page, 'famille@proxidom.test');
  const before = await (await page.request.get('/api/me/ledger')).json();
  expect(before.items.length).toBeGreaterThan(0);
  const beneficiary = before.items[0].beneficiary as { id: string; firstName: string; lastName: string };
  const providerName = before.items[0].organisation.name as string;

  const coordinator = await browser.newContext({ baseURL });
  const login = await coordinator.request.post('/api/auth/login', { data: { email: 'coordination@proxidom.test', password: demoPassword } });
  const csrf = (await login.json()).csrfToken as string;
  // The demo seed gives the family's beneficiary her APA plan; record one only if it is missing, so that the
  // other journeys (invoicing deducts the Département's share) find the demo data as seeded.
  const file = await (await coordinator.request.get(`/api/beneficiaries/${beneficiary.id}`)).json();
  const seededPlan = (file.carePlans as { funder: string; hoursPerMonth: number; reference: string | null }[]).find((p) => p.funder === 'apa');
  let planHours = seededPlan?.hoursPerMonth;
  let planReference = seededPlan?.reference ?? null;
  if (planHours === undefined) {
    planHours = 30;
    planReference = 'APA-45-2026-0042';
    const saved = await coordinator.request.put(`/api/beneficiaries/${beneficiary.id}`, {
      data: { carePlans: [{ funder: 'apa', hoursPerMonth: planHours, funderShareBp: 7_500, reference: 'APA-45-2026-0042', startsOn: firstOfMonth(-2) }] },
      headers: { 'x-csrf-token': csrf },
    });
    expect(saved.status()).toBe(200);
  }
  // A visit of the family cancelled at its request, so that the gap is explained.
  const week = await (await coordinator.request.get(`/api/schedule/week?start=${mondayOfToday()}`)).json();
  const familyVisit = (week.visits as { id: string; beneficiaryId: string; status: string }[]).find((v) => v.beneficiaryId === beneficiary.id && v.status === 'planned');
  if (familyVisit) {
    const cancelled = await coordinator.request.post(`/api/visits/${familyVisit.id}/cancel`, { data: { reason: 'Rendez-vous chez le cardiologue' }, headers: { 'x-csrf-token': csrf } });
    expect(cancelled.status()).toBe(200);
  }

  // The household's page.
  await page.goto('/foyer');
  await page.getByRole('link', { name: 'Relevé du plan d’aide' }).first().click();
  await expect(page).toHaveURL(/\/foyer\/releve$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Relevé du plan d’aide' })).toBeVisible();
  // The same person may be followed by several providers: the block of the provider that holds the plan.
  const block = page.getByRole('region', { name: `${beneficiary.firstName} ${beneficiary.lastName} · ${providerName}`, exact: true });
  await expect(block).toBeVisible();
  await expect(block.getByText(new RegExp(`APA : ${planHours} h par mois`))).toBeVisible();
  if (planReference) await expect(block.getByText(`(dossier ${planReference})`)).toBeVisible();
  const thisMonth = block.locator('section.card').first();
  await expect(thisMonth.getByText('Financées', { exact: true })).toBeVisible();
  await expect(thisMonth.getByText('Prévues', { exact: true })).toBeVisible();
  await expect(thisMonth.getByText('Réalisées', { exact: true })).toBeVisible();
  await expect(thisMonth.getByText('Les écarts expliqués')).toBeVisible();
  if (familyVisit) await expect(thisMonth.getByText(/Annulées à la demande de la personne ou de sa famille.*Rendez-vous chez le cardiologue/)).toBeVisible();

  // The same figures through the API, and nobody else's beneficiaries.
  const ledger = await (await page.request.get('/api/me/ledger')).json();
  const mine = ledger.items.find((i: { beneficiary: { id: string } }) => i.beneficiary.id === beneficiary.id);
  expect(mine.months.at(-1).fundedMinutes).toBeGreaterThan(0);
  expect(mine.months.at(-1).funders).toEqual(['apa']);
  expect((await coordinator.request.get('/api/me/ledger')).status()).toBe(403);
  await householdContext.close();
  await coordinator.close();
});

function mondayOfToday(): string {
  const now = new Date();
  const day = (now.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() - day)).toISOString().slice(0, 10);
}
