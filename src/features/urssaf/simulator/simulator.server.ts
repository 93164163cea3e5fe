/**
 * A local simulator of the Urssaf API « Tiers de prestation »: its own Fastify server on 127.0.0.1 (random
 * port), the OAuth2 client-credentials token endpoint, the three API routes with the public contract's payload
 * rules, and a control API (`/__simulator/…`) to let time pass or act as the client. See docs/urssaf.md.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import Fastify from 'fastify';
import type { Clock } from '../../../shared/clock';
import { URSSAF_SCOPE } from '../urssaf.client';
import type { InputDemandePaiement, InputParticulier, InputRechercheDemandePaiement } from '../urssaf.types';
import { createSimulatorState, type SimulatorState } from './simulator-state';

export interface UrssafSimulator {
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  state: SimulatorState;
  close(): Promise<void>;
}

const TOKEN_TTL_S = 3600;

const same = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** Starts the simulator; credentials are generated unless given. */
export async function startUrssafSimulator(
  options: { clock?: Clock; clientId?: string; clientSecret?: string; port?: number } = {},
): Promise<UrssafSimulator> {
  const clock = options.clock ?? { now: () => new Date() };
  const clientId = options.clientId ?? `proxidom-${randomBytes(4).toString('hex')}`;
  const clientSecret = options.clientSecret ?? randomBytes(18).toString('base64url');
  const state = createSimulatorState({ clock });
  const tokens = new Map<string, number>();

  const app = Fastify({ logger: false });
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, Object.fromEntries(new URLSearchParams(String(body)))),
  );

  app.post('/api/oauth/v1/token', async (request, reply) => {
    const form = (request.body ?? {}) as Record<string, string>;
    let id = form.client_id ?? '';
    let secret = form.client_secret ?? '';
    const basic = /^Basic (.+)$/.exec(request.headers.authorization ?? '');
    if (basic) [id = '', secret = ''] = Buffer.from(basic[1]!, 'base64').toString().split(':');
    if (form.grant_type !== 'client_credentials')
      return reply
        .status(400)
        .send({
          error: 'unsupported_grant_type',
          error_description: 'grant_type must be client_credentials',
        });
    if (!same(id, clientId) || !same(secret, clientSecret))
      return reply
        .status(401)
        .send({ error: 'invalid_client', error_description: 'Client authentication failed' });
    if (form.scope && !form.scope.split(' ').includes(URSSAF_SCOPE))
      return reply
        .status(400)
        .send({ error: 'invalid_scope', error_description: `scope must be ${URSSAF_SCOPE}` });
    const token = randomBytes(24).toString('base64url');
    tokens.set(token, state.now() + TOKEN_TTL_S * 1000);
    return { access_token: token, token_type: 'Bearer', expires_in: TOKEN_TTL_S, scope: URSSAF_SCOPE };
  });

  // Every API route needs a live bearer token.
  app.addHook('onRequest', async (request, reply) => {
    if (!request.url.startsWith('/atp/')) return;
    const m = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
    const expiresAt = m ? tokens.get(m[1]!) : undefined;
    if (expiresAt === undefined || expiresAt <= state.now()) {
      return reply
        .status(401)
        .send([{ code: 'ERR_AUTHENTIFICATION', message: 'Jeton absent, invalide ou expiré.' }]);
    }
  });

  app.post('/atp/v1/tiersPrestations/particulier', async (request, reply) => {
    const result = state.registerParticulier(request.body as InputParticulier);
    if ('errors' in result) return reply.status(400).send(result.errors);
    return { idClient: result.idClient };
  });

  app.post('/atp/v1/tiersPrestations/demandePaiement', async (request, reply) => {
    if (!Array.isArray(request.body))
      return reply
        .status(400)
        .send([{ code: 'ERR_FORMAT', message: 'Le corps doit être une liste de demandes de paiement.' }]);
    return state.receiveDemandes(request.body as InputDemandePaiement[]);
  });

  app.post('/atp/v1/tiersPrestations/demandePaiement/rechercher', async (request) => ({
    infoDemandePaiements: state.search((request.body ?? {}) as InputRechercheDemandePaiement),
  }));

  // ——— control API (not part of the Urssaf's contract) ———
  app.post('/__simulator/advance', async (request, reply) => {
    const hours = Number((request.body as { hours?: unknown } | undefined)?.hours);
    if (!Number.isFinite(hours) || hours < 0 || hours > 24 * 365)
      return reply.status(400).send({ message: 'hours: a number of hours between 0 and 8760' });
    return { now: new Date(state.advance(hours)).toISOString() };
  });
  app.post('/__simulator/particulier/:idClient/valider', async (request, reply) => {
    const { idClient } = request.params as { idClient: string };
    if (!state.hasParticulier(idClient)) return reply.status(404).send({ message: 'unknown idClient' });
    return { validated: state.validate(idClient) };
  });
  app.post('/__simulator/particulier/:idClient/contester', async (request, reply) => {
    const { idClient } = request.params as { idClient: string };
    if (!state.hasParticulier(idClient)) return reply.status(404).send({ message: 'unknown idClient' });
    const body = (request.body ?? {}) as { code?: string; commentaire?: string };
    return { contested: state.contest(idClient, body.code, body.commentaire) };
  });
  app.post('/__simulator/demandePaiement/:id/refus-prelevement', async (request, reply) => {
    const { id } = request.params as { id: string };
    return state.refuseDebit(id)
      ? { refused: true }
      : reply.status(409).send({ message: 'request not validated or unknown' });
  });
  app.get('/__simulator/state', async () => state.snapshot());

  await app.listen({ host: '127.0.0.1', port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { baseUrl: `http://127.0.0.1:${port}`, clientId, clientSecret, state, close: () => app.close() };
}
