import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, sessionCookieOf, type TestApp } from '../../server/testing/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const outboxLinks = async (admin: Awaited<ReturnType<TestApp['login']>>, to: string) => {
  const emails = (await admin.request('GET', '/api/outbox')).json<{ to: string; text: string }[]>();
  return emails.filter((e) => e.to === to).map((e) => /https?:\/\/\S+/.exec(e.text)?.[0] ?? '');
};

describe('sign-in', () => {
  it('answers the signed-in user and a CSRF token, and sets an HttpOnly SameSite session cookie', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'ADMIN-A@test.proxidom', password: 'mot-de-passe-de-test' } });
    expect(response.statusCode).toBe(200);
    const me = response.json();
    expect(me).toMatchObject({ email: 'admin-a@test.proxidom', role: 'provider_admin', organisationId: t.fixture.orgA.id, organisationName: 'Structure A' });
    expect(me.csrfToken).toMatch(/^[\w-]{20,}$/);
    const setCookie = String(response.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
  });

  it('refuses a wrong password with a French problem document and no cookie', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'foyer@test.proxidom', password: 'pas-le-bon' } });
    expect(response.statusCode).toBe(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(response.json()).toMatchObject({ status: 401, detail: 'Adresse e-mail ou mot de passe incorrect.' });
    expect(response.headers['set-cookie']).toBeUndefined();
  });

  it('gives the same answer for an unknown e-mail as for a wrong password', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'personne@test.proxidom', password: 'x' } });
    expect(response.statusCode).toBe(401);
    expect(response.json().detail).toBe('Adresse e-mail ou mot de passe incorrect.');
  });

  it('names the fields at fault when the input is malformed', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'pas-un-email' } });
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem.errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'password']);
    expect(problem.detail).toMatch(/champs/);
  });

  it('answers 400, not 500, to a body that is not JSON', async () => {
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', headers: { 'content-type': 'application/json' }, payload: '{"email":' });
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toMatch(/problem\+json/);
  });

  it('locks an account after five wrong passwords, even with the right one next', async () => {
    for (let i = 0; i < 5; i++) {
      await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'lab@test.proxidom', password: `faux-${i}` } });
    }
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'lab@test.proxidom', password: 'mot-de-passe-de-test' } });
    expect(response.statusCode).toBe(429);
    expect(response.json().detail).toMatch(/Trop de tentatives/);
  });
});

describe('session', () => {
  it('GET /api/me answers 401 without a session and the user with one', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/me' })).statusCode).toBe(401);
    const session = await t.login('coordination-a@test.proxidom');
    const me = (await session.request('GET', '/api/me')).json();
    expect(me).toMatchObject({ role: 'coordinator', organisationId: t.fixture.orgA.id, csrfToken: session.csrfToken });
  });

  it('refuses a change made with the session cookie but without the CSRF token', async () => {
    const session = await t.login('admin-a@test.proxidom');
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/organisation/invitations',
      headers: { cookie: session.cookie },
      payload: { email: 'nouveau@test.proxidom', role: 'worker' },
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('csrf');
  });

  it('logs out: the cookie no longer opens a session', async () => {
    const session = await t.login('intervenant-a@test.proxidom');
    expect((await session.request('POST', '/api/auth/logout')).statusCode).toBe(204);
    expect((await session.request('GET', '/api/me')).statusCode).toBe(401);
  });
});

describe('sign-up', () => {
  it('creates a household account, signs it in, and refuses the same e-mail twice', async () => {
    const payload = { email: 'nouvelle.famille@test.proxidom', password: 'une phrase de passe', displayName: 'Famille Durand', role: 'household' };
    const response = await t.app.inject({ method: 'POST', url: '/api/auth/signup', payload });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ role: 'household', organisationId: null });
    const me = await t.app.inject({ method: 'GET', url: '/api/me', headers: { cookie: sessionCookieOf(response) } });
    expect(me.json().displayName).toBe('Famille Durand');
    const again = await t.app.inject({ method: 'POST', url: '/api/auth/signup', payload });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].field).toBe('email');
  });

  it('does not let anyone sign up as a provider admin or a territory admin', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { email: 'pirate@test.proxidom', password: 'une phrase de passe', displayName: 'Pirate', role: 'territory_admin' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('role');
  });

  it('refuses a short password and keeps nothing', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/auth/signup',
      payload: { email: 'court@test.proxidom', password: 'court', displayName: 'Court', role: 'worker' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({ field: 'password', message: expect.stringMatching(/12 caractères/) });
    const login = await t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'court@test.proxidom', password: 'court' } });
    expect(login.statusCode).toBe(401);
  });
});

describe('password reset', () => {
  it('sends a link by e-mail that sets a new password once and closes the old sessions', async () => {
    const old = await t.login('intervenant-b@test.proxidom');
    const asked = await t.app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email: 'intervenant-b@test.proxidom' } });
    expect(asked.statusCode).toBe(202);
    const admin = await t.login('territoire@test.proxidom');
    const [link] = await outboxLinks(admin, 'intervenant-b@test.proxidom');
    const token = new URL(link!).searchParams.get('jeton')!;
    const confirm = () =>
      t.app.inject({ method: 'POST', url: '/api/auth/password-reset/confirm', payload: { token, password: 'nouveau mot de passe sûr' } });
    expect((await confirm()).statusCode).toBe(204);
    expect((await old.request('GET', '/api/me')).statusCode).toBe(401);
    await expect(t.login('intervenant-b@test.proxidom', 'nouveau mot de passe sûr')).resolves.toBeTruthy();
    const reused = await confirm();
    expect(reused.statusCode).toBe(422);
    expect(reused.json().detail).toMatch(/invalide ou a expiré/);
  });

  it('answers the same for an unknown e-mail and sends nothing', async () => {
    const asked = await t.app.inject({ method: 'POST', url: '/api/auth/password-reset/request', payload: { email: 'inconnu@test.proxidom' } });
    expect(asked.statusCode).toBe(202);
    const admin = await t.login('territoire@test.proxidom');
    expect(await outboxLinks(admin, 'inconnu@test.proxidom')).toEqual([]);
  });
});

describe('invitations', () => {
  it('territory admin opens an organisation, its admin joins by the link and invites a worker', async () => {
    const territory = await t.login('territoire@test.proxidom');
    const created = await territory.request('POST', '/api/territory/organisations', {
      name: 'Aide Loire Services',
      siret: '443 061 841 00047',
      legalForm: 'societe',
      communeCode: '45302',
      adminEmail: 'direction@aide-loire.test',
    });
    expect(created.statusCode).toBe(201);
    const organisationId = created.json().id;
    const [link] = await outboxLinks(territory, 'direction@aide-loire.test');
    const token = new URL(link!).pathname.split('/').pop()!;

    const invitation = await t.app.inject({ method: 'GET', url: `/api/invitations/${token}` });
    expect(invitation.json()).toMatchObject({ email: 'direction@aide-loire.test', role: 'provider_admin', organisationName: 'Aide Loire Services' });
    const accepted = await t.app.inject({ method: 'POST', url: `/api/invitations/${token}/accept`, payload: { displayName: 'Claire Petit', password: 'une phrase de passe' } });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toMatchObject({ role: 'provider_admin', organisationId });
    const reused = await t.app.inject({ method: 'POST', url: `/api/invitations/${token}/accept`, payload: { displayName: 'X Y', password: 'une phrase de passe' } });
    expect(reused.statusCode).toBe(404);

    const admin = await t.login('direction@aide-loire.test', 'une phrase de passe');
    expect((await admin.request('POST', '/api/organisation/invitations', { email: 'sophie@aide-loire.test', role: 'worker' })).statusCode).toBe(201);
    const team = (await admin.request('GET', '/api/organisation/members')).json();
    expect(team.members.map((m: { email: string }) => m.email)).toEqual(['direction@aide-loire.test']);
    expect(team.invitations).toMatchObject([{ email: 'sophie@aide-loire.test', role: 'worker' }]);
  });

  it('refuses an invalid SIRET and creates nothing', async () => {
    const territory = await t.login('territoire@test.proxidom');
    const response = await territory.request('POST', '/api/territory/organisations', {
      name: 'Mauvais SIRET',
      siret: '12345678901234',
      legalForm: 'association',
      communeCode: '45234',
      adminEmail: 'x@mauvais.test',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([{ field: 'siret', message: expect.stringMatching(/SIRET/) }]);
    const list = (await territory.request('GET', '/api/territory/organisations?pageSize=100')).json();
    expect(list.items.map((o: { name: string }) => o.name)).not.toContain('Mauvais SIRET');
  });

  it('only a territory admin opens organisations, only a provider admin invites staff', async () => {
    const coordinator = await t.login('coordination-a@test.proxidom');
    const open = await coordinator.request('POST', '/api/territory/organisations', { name: 'X', siret: '73282932000074', legalForm: 'association', communeCode: '45234', adminEmail: 'a@b.test' });
    expect(open.statusCode).toBe(403);
    const invite = await coordinator.request('POST', '/api/organisation/invitations', { email: 'z@test.proxidom', role: 'worker' });
    expect(invite.statusCode).toBe(403);
    const household = await t.login('foyer@test.proxidom');
    expect((await household.request('POST', '/api/organisation/invitations', { email: 'z@test.proxidom', role: 'worker' })).statusCode).toBe(403);
  });
});

describe('platform', () => {
  it('reports its health and that of the database', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('publishes an OpenAPI document that lists the routes', async () => {
    const document = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(document.openapi).toMatch(/^3\./);
    expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(['/api/auth/login', '/api/me', '/api/beneficiaries/{id}']));
  });

  it('answers an unknown API route with a French 404 problem', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/nulle-part' });
    expect(response.statusCode).toBe(404);
    expect(response.json().detail).toMatch(/Aucune ressource/);
  });

  it('sends security headers', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/health' });
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['content-security-policy']).toMatch(/default-src 'self'/);
  });
});

describe('login rate limit per IP', () => {
  it('answers 429 in French once an IP has tried too often in a minute', async () => {
    const limited = await createTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) {
        const response = await limited.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: `x${i}@test.proxidom`, password: 'x' } });
        statuses.push(response.statusCode);
        if (response.statusCode === 429) expect(response.json().detail).toMatch(/Trop de tentatives/);
      }
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.close();
    }
  });
});
