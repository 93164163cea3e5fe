import type { LightMyRequestResponse } from 'fastify';
import { createTestDatabase } from '../../db/testing/test-database';
import { fixturePassword, insertFixture, type Fixture } from '../../db/testing/fixtures';
import type { Clock } from '../../shared/clock';
import { buildApp, type App } from '../app';
import { loadConfig } from '../config';

export interface TestApp {
  app: App;
  fixture: Fixture;
  /** Signs in through the API and returns what a browser would send back. */
  login(email: string, password?: string): Promise<Session>;
  close(): Promise<void>;
}

export interface Session {
  cookie: string;
  csrfToken: string;
  /** Calls the API as this user: the session cookie, and the CSRF token on changes. */
  request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown): Promise<LightMyRequestResponse>;
}

/** The whole app on a fresh database (PGlite, or PostgreSQL with DATABASE_URL) with two organisations. */
export async function createTestApp(options: { clock?: Clock; env?: Record<string, string> } = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const fixture = await insertFixture(database.db);
  const config = loadConfig({ NODE_ENV: 'test', PROXIDOM_DEMO: '1', PUBLIC_URL: 'http://localhost:3000', ...options.env });
  const app = await buildApp({ database, config, clock: options.clock ?? { now: () => new Date() } });
  await app.ready();

  const login = async (email: string, password = fixturePassword): Promise<Session> => {
    const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password } });
    if (response.statusCode !== 200) throw new Error(`login ${email} failed: ${response.statusCode} ${response.body}`);
    const cookie = sessionCookieOf(response);
    const csrfToken = response.json<{ csrfToken: string }>().csrfToken;
    return {
      cookie,
      csrfToken,
      request: (method, url, payload) =>
        app.inject({
          method,
          url,
          payload: payload as Record<string, unknown> | undefined,
          headers: { cookie, ...(method === 'GET' ? {} : { 'x-csrf-token': csrfToken }) },
        }),
    };
  };

  return {
    app,
    fixture,
    login,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export function sessionCookieOf(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'proxidom_session');
  if (!cookie) throw new Error('no session cookie');
  return `${cookie.name}=${cookie.value}`;
}
