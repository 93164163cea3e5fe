import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isoWeekday, localDateOf } from '../../shared/local-time';
import { extractPdfText } from '../billing/pdf-text';
import type { Session } from '../../server/testing/test-app';
import { createRequestsTestApp, motherNeed, quoteFor, type RequestsTestApp } from './testing';

let t: RequestsTestApp;
let household: Session;
let other: Session;
let adminA: Session;
let adminB: Session;
let adminC: Session;
const today = localDateOf(new Date());
const tomorrow = addDays(today, 1);

beforeAll(async () => {
  t = await createRequestsTestApp();
  [household, other, adminA, adminB, adminC] = await Promise.all([
    t.login('foyer@test.proxidom'),
    t.login('autre-foyer@test.proxidom'),
    t.login(t.fixture.orgA.accounts.provider_admin),
    t.login(t.fixture.orgB.accounts.coordinator),
    t.login(t.orgC.admin),
  ]);
});
afterAll(() => t?.close());

describe('a household asks, providers answer, the household accepts', () => {
  let requestId = '';
  let quoteA = '';
  let quoteB = '';

  it('routes the request to the providers that serve the commune with the autorisation and room, and says why', async () => {
    const response = await household.request('POST', '/api/requests', motherNeed(tomorrow));
    expect(response.statusCode, response.body).toBe(201);
    const body = response.json<{
      id: string;
      routedTo: { organisationId: string; organisationName: string; reason: string }[];
      notRouted: { code: string; count: number }[];
    }>();
    requestId = body.id;
    expect(body.routedTo.map((r) => r.organisationId).sort()).toEqual(
      [t.fixture.orgA.id, t.fixture.orgB.id].sort(),
    );
    expect(body.routedTo[0]!.reason).toContain('Saint-Jean-de-Braye');
    expect(body.routedTo[0]!.reason).toContain("l'autorisation");
    expect(body.notRouted).toEqual([expect.objectContaining({ code: 'regime', count: 1 })]);
    const mails = await t.app.services.mail.listRecent();
    expect(
      mails.some(
        (m) =>
          m.toAddress === t.fixture.orgA.accounts.provider_admin && m.subject.startsWith('Nouvelle demande'),
      ),
    ).toBe(true);
    expect(mails.some((m) => m.toAddress === 'admin-c@test.proxidom')).toBe(false);
  });

  it('refuses a bad need with French messages and no 5xx', async () => {
    const response = await household.request('POST', '/api/requests', {
      ...motherNeed(tomorrow),
      activityCodes: [],
      postalCode: '75001',
    });
    expect(response.statusCode).toBe(400);
    expect(
      response.json<{ errors: { field: string; message: string }[] }>().errors.map((e) => e.message),
    ).toContain('Choisissez au moins une activité.');
  });

  it('shows routed providers the request without the address, the first name and an age bracket, with distance and fit', async () => {
    const inbox = await adminA.request('GET', '/api/provider/requests');
    expect(inbox.statusCode).toBe(200);
    const item = inbox.json<{ items: Record<string, unknown>[] }>().items.find((i) => i.id === requestId)!;
    expect(item).toMatchObject({
      address: null,
      communeName: 'Saint-Jean-de-Braye',
      person: { firstName: 'Jeanne', ageBracket: '75 à 84 ans', gir: 3, hasApaPlan: true },
    });
    expect(JSON.stringify(item)).not.toContain('rue des Lilas');
    expect(JSON.stringify(item)).not.toContain('1944');
    expect((item.fit as { roomHoursPerWeek: number; skilledWorkers: number }).skilledWorkers).toBe(1);
    expect((item.fit as { roomHoursPerWeek: number }).roomHoursPerWeek).toBe(35);
    expect(item.distanceKm).toBeGreaterThan(0);
    const inboxC = await adminC.request('GET', '/api/provider/requests');
    expect(inboxC.json<{ items: unknown[] }>().items).toHaveLength(0);
  });

  it('takes a quote from each provider, numbered, checked and printed as a PDF', async () => {
    const a = await adminA.request('POST', `/api/requests/${requestId}/quotes`, quoteFor(tomorrow, 2600));
    expect(a.statusCode, a.body).toBe(201);
    const qa = a.json<{ id: string; number: string; monthlyTtcCents: number; isQuoteMandatory: boolean }>();
    expect(qa.number).toMatch(/^D-\d{4}-000001$/);
    expect(qa.monthlyTtcCents).toBe(563_42);
    expect(qa.isQuoteMandatory).toBe(true);
    quoteA = qa.id;
    const b = await adminB.request('POST', `/api/requests/${requestId}/quotes`, quoteFor(tomorrow, 2900));
    expect(b.statusCode, b.body).toBe(201);
    quoteB = b.json<{ id: string }>().id;

    const pdf = await household.request('GET', `/api/quotes/${quoteA}/pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = extractPdfText(pdf.rawPayload);
    expect(text).toContain('Devis gratuit');
    expect(text).toContain(qa.number);
    expect(text).toContain('Déclaration SAP n° SAPA12345678');
    expect(text).not.toContain('rue des Lilas');
  });

  it('compares the quotes side by side, after APA and tax credit', async () => {
    const response = await household.request('GET', `/api/requests/${requestId}`);
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      routings: { status: string }[];
      comparison: {
        organisationId: string;
        monthlyTtcCents: number;
        monthlyApaCents: number;
        monthlyNetCostCents: number;
        hourlyPriceTtcCents: number;
        isCheapest: boolean;
        qualityLabels: string[];
      }[];
    }>();
    expect(body.routings.map((r) => r.status)).toEqual(['quoted', 'quoted']);
    expect(body.comparison).toHaveLength(2);
    expect(body.comparison[0]).toMatchObject({
      organisationId: t.fixture.orgA.id,
      hourlyPriceTtcCents: 2600,
      isCheapest: true,
      qualityLabels: ['Qualisap'],
    });
    expect(body.comparison[0]!.monthlyApaCents).toBeGreaterThan(0);
    expect(body.comparison[0]!.monthlyNetCostCents).toBeLessThan(
      body.comparison[0]!.monthlyTtcCents - body.comparison[0]!.monthlyApaCents,
    );
  });

  it('keeps a message thread per provider: a provider sees only its own', async () => {
    const sent = await household.request(
      'POST',
      `/api/requests/${requestId}/messages?organisationId=${t.fixture.orgB.id}`,
      { body: 'Pouvez-vous venir le samedi ?' },
    );
    expect(sent.statusCode, sent.body).toBe(201);
    const toA = await adminA.request('POST', `/api/requests/${requestId}/messages`, {
      body: 'Bonjour, nous confirmons.',
    });
    expect(toA.statusCode).toBe(201);
    const seenByA = await adminA.request('GET', `/api/requests/${requestId}/messages`);
    expect(seenByA.json<{ items: { body: string }[] }>().items.map((m) => m.body)).toEqual([
      'Bonjour, nous confirmons.',
    ]);
    const seenByHousehold = await household.request('GET', `/api/requests/${requestId}/messages`);
    expect(seenByHousehold.json<{ items: unknown[] }>().items).toHaveLength(2);
  });

  it('keeps requests private: another household, a provider not routed and anonymous visitors get 404 / 401', async () => {
    const routes: ['GET' | 'POST', string, unknown?][] = [
      ['GET', `/api/requests/${requestId}`],
      ['POST', `/api/requests/${requestId}/cancel`],
      ['GET', `/api/requests/${requestId}/messages`],
      [
        'POST',
        `/api/requests/${requestId}/messages?organisationId=${t.fixture.orgA.id}`,
        { body: 'Bonjour' },
      ],
      ['POST', `/api/quotes/${quoteA}/accept`],
      ['GET', `/api/quotes/${quoteA}/pdf`],
    ];
    for (const [method, url, payload] of routes) {
      expect((await other.request(method, url, payload)).statusCode, `${method} ${url}`).toBe(404);
      expect(
        (await t.app.inject({ method, url, payload: payload as Record<string, unknown> | undefined }))
          .statusCode,
        `anonymous ${method} ${url}`,
      ).toBe(401);
    }
    expect((await other.request('GET', '/api/requests')).json<{ items: unknown[] }>().items).toHaveLength(0);
    const providerRoutes: ['GET' | 'POST', string, unknown?][] = [
      ['GET', `/api/provider/requests/${requestId}`],
      ['POST', `/api/requests/${requestId}/quotes`, quoteFor(tomorrow)],
      ['POST', `/api/requests/${requestId}/decline`, { reason: 'Complet' }],
      ['GET', `/api/requests/${requestId}/messages`],
      ['POST', `/api/requests/${requestId}/messages`, { body: 'Bonjour' }],
      ['GET', `/api/quotes/${quoteA}/pdf`],
    ];
    for (const [method, url, payload] of providerRoutes) {
      expect((await adminC.request(method, url, payload)).statusCode, `C ${method} ${url}`).toBe(404);
      expect(
        (await t.app.inject({ method, url, payload: payload as Record<string, unknown> | undefined }))
          .statusCode,
        `anonymous ${method} ${url}`,
      ).toBe(401);
    }
    expect((await adminB.request('GET', `/api/quotes/${quoteA}/pdf`)).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/api/provider/requests' })).statusCode).toBe(401);
    expect((await household.request('GET', '/api/provider/requests')).statusCode).toBe(403);
  });

  it('accepting a quote creates one contract and one beneficiary at that provider, links the household, closes the others and generates the visits', async () => {
    const response = await household.request('POST', `/api/quotes/${quoteA}/accept`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json<{
      contractIds: string[];
      beneficiaryId: string;
      visitsGenerated: number;
      startsOn: string;
    }>();
    expect(body.contractIds).toHaveLength(1);
    expect(body.visitsGenerated).toBeGreaterThan(0);

    const contracts = await adminA.request('GET', '/api/contracts');
    const own =
      contracts.json<
        { id: string; hourlyPriceCents: number; recurrence: unknown[]; beneficiaryId: string }[]
      >();
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ hourlyPriceCents: 2600, beneficiaryId: body.beneficiaryId });
    expect(own[0]!.recurrence).toHaveLength(5);
    const file = await adminA.request('GET', `/api/beneficiaries/${body.beneficiaryId}`);
    expect(file.json()).toMatchObject({
      firstName: 'Jeanne',
      gir: 3,
      addressLine: '12 rue des Lilas',
      communeCode: '45284',
      household: { name: 'foyer' },
    });
    const households = await adminA.request('GET', '/api/households');
    expect(households.json<{ userId: string | null }[]>().filter((h) => h.userId !== null)).toHaveLength(1);
    expect((await adminB.request('GET', '/api/contracts')).json<unknown[]>()).toHaveLength(0);

    const monday = addDays(body.startsOn, 1 - isoWeekday(body.startsOn));
    const visits = [];
    for (const start of [monday, addDays(monday, 7)]) {
      const week = await adminA.request('GET', `/api/schedule/week?start=${start}`);
      visits.push(
        ...week
          .json<{ visits: { beneficiaryId: string; workerId: string | null }[] }>()
          .visits.filter((v) => v.beneficiaryId === body.beneficiaryId),
      );
    }
    expect(visits.length).toBeGreaterThan(0);
    expect(visits.every((v) => v.workerId === null)).toBe(true);

    const seenByA = await adminA.request('GET', `/api/provider/requests/${requestId}`);
    expect(seenByA.json()).toMatchObject({
      routingStatus: 'won',
      address: { addressLine: '12 rue des Lilas', postalCode: '45800' },
    });
    const seenByB = await adminB.request('GET', `/api/provider/requests/${requestId}`);
    expect(seenByB.json()).toMatchObject({
      routingStatus: 'closed',
      requestStatus: 'accepted',
      address: null,
    });
    const mails = await t.app.services.mail.listRecent();
    expect(
      mails.some(
        (m) =>
          m.toAddress === t.fixture.orgB.accounts.coordinator &&
          m.bodyText.includes('une autre proposition a été retenue'),
      ),
    ).toBe(true);

    const again = await household.request('POST', `/api/quotes/${quoteB}/accept`);
    expect(again.statusCode).toBe(409);
    expect(
      (await adminB.request('POST', `/api/requests/${requestId}/quotes`, quoteFor(tomorrow))).statusCode,
    ).toBe(409);
  });

  it('asking again for the same person links the existing file (no double entry)', async () => {
    const second = await household.request('POST', '/api/requests', {
      ...motherNeed(tomorrow),
      slots: [{ weekdays: [6], start: '10:00', durationMin: 60, toleranceMin: 0 }],
    });
    expect(second.statusCode).toBe(201);
    const id = second.json<{ id: string }>().id;
    const quote = await adminA.request('POST', `/api/requests/${id}/quotes`, quoteFor(tomorrow));
    const accepted = await household.request('POST', `/api/quotes/${quote.json<{ id: string }>().id}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ isExistingBeneficiary: true });
    expect((await adminA.request('GET', '/api/contracts')).json<unknown[]>()).toHaveLength(2);
  });

  it('lets the household cancel an open request and the providers decline one', async () => {
    const created = await household.request('POST', '/api/requests', motherNeed(tomorrow));
    const id = created.json<{ id: string }>().id;
    const declined = await adminB.request('POST', `/api/requests/${id}/decline`, {
      reason: 'Plus de place le matin',
    });
    expect(declined.statusCode).toBe(200);
    const seen = await household.request('GET', `/api/requests/${id}`);
    expect(
      seen
        .json<{ routings: { organisationId: string; status: string; declineReason: string | null }[] }>()
        .routings.find((r) => r.organisationId === t.fixture.orgB.id),
    ).toMatchObject({ status: 'declined', declineReason: 'Plus de place le matin' });
    expect((await household.request('POST', `/api/requests/${id}/cancel`)).statusCode).toBe(200);
    expect((await household.request('POST', `/api/requests/${id}/cancel`)).statusCode).toBe(409);
    expect((await adminA.request('GET', `/api/provider/requests/${id}`)).json()).toMatchObject({
      routingStatus: 'closed',
      requestStatus: 'cancelled',
    });
  });
});

describe('capacity per commune', () => {
  it('gives each provider serving the commune its room for new clients, aggregated', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/api/directory/capacity?commune=45284&activity=assistance-personnes-agees-handicapees',
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      communeName: string;
      items: { organisationId: string; roomHoursPerWeek: number; canStart: boolean }[];
    }>();
    expect(body.communeName).toBe('Saint-Jean-de-Braye');
    expect(body.items).toHaveLength(3);
    expect(
      body.items.every(
        (i) => Object.keys(i).sort().join() === 'canStart,isAcceptingClients,organisationId,roomHoursPerWeek',
      ),
    ).toBe(true);
    expect(body.items.find((i) => i.organisationId === t.orgC.id)).toMatchObject({ canStart: true });
    expect(
      (await t.app.inject({ method: 'GET', url: '/api/directory/capacity?commune=99999' })).statusCode,
    ).toBe(400);
  });
});

describe('OpenAPI', () => {
  it('documents the requests routes', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(response.statusCode).toBe(200);
    const paths = Object.keys(response.json<{ paths: Record<string, unknown> }>().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/requests',
        '/api/quotes/{id}/accept',
        '/api/directory/capacity',
        '/api/provider/requests',
      ]),
    );
  });
});
