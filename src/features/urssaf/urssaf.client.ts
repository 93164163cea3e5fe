/**
 * HTTP client of the Urssaf API « Tiers de prestation » (SAP-REFERENCE §4.4): OAuth2 client credentials
 * (`POST {base}/api/oauth/v1/token`, scope `homeplus.tiersprestations`, token kept until it expires), then
 * `{base}/atp/v1/tiersPrestations/…`. The same client talks to the real service or to the local simulator.
 */
import type { Clock } from '../../shared/clock';
import { DomainError } from '../../shared/errors';
import type {
  InputDemandePaiement,
  InputParticulier,
  InputRechercheDemandePaiement,
  OutputDemandePaiement,
  OutputParticulier,
  OutputRechercheDemandePaiement,
  UrssafError,
} from './urssaf.types';

export interface UrssafClientConfig {
  /** `https://api.urssaf.fr` (production), `https://api-edi.urssaf.fr` (sandbox) or the simulator's address. */
  baseUrl: string;
  clientId: string;
  clientSecret: string;
  /** Per request, in milliseconds (default 15 s). */
  timeoutMs?: number;
}

export const URSSAF_SCOPE = 'homeplus.tiersprestations';
const API_PATH = '/atp/v1/tiersPrestations';

/** A failure of the Urssaf API, with its French message and the API's own errors when it gave some. */
export class UrssafApiError extends DomainError {
  constructor(
    message: string,
    readonly status: number,
    readonly errors: UrssafError[] = [],
  ) {
    super(
      status === 400 ? 'validation' : 'unprocessable',
      message,
      errors.map((e) => ({ field: e.code, message: e.message })),
    );
    this.name = 'UrssafApiError';
  }
}

function frenchMessage(status: number, errors: UrssafError[]): string {
  const detail = errors.length > 0 ? ` : ${errors.map((e) => `${e.message} (${e.code})`).join(' ; ')}` : '.';
  switch (status) {
    case 400:
      return `L'Urssaf a refusé les données envoyées${detail}`;
    case 401:
      return "L'Urssaf a refusé l'authentification de la structure (identifiants de l'API Tiers de prestation à vérifier).";
    case 403:
      return "La structure n'est pas habilitée à cette opération de l'API Tiers de prestation.";
    case 404:
      return "L'Urssaf ne connaît pas cet élément.";
    case 429:
      return "Trop d'appels à l'Urssaf : réessayez dans une minute.";
    default:
      return status >= 500
        ? "Le service de l'Urssaf ne répond pas correctement : réessayez plus tard."
        : `Réponse inattendue de l'Urssaf (${status})${detail}`;
  }
}

function asErrors(body: unknown): UrssafError[] {
  const list = Array.isArray(body)
    ? body
    : body && typeof body === 'object' && Array.isArray((body as { errors?: unknown }).errors)
      ? (body as { errors: unknown[] }).errors
      : [];
  return list
    .filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null && 'code' in e)
    .map((e) => ({
      code: String(e.code),
      message: String(e.message ?? ''),
      ...(e.description ? { description: String(e.description) } : {}),
    }));
}

export function createUrssafClient(config: UrssafClientConfig, deps: { clock: Clock; fetch?: typeof fetch }) {
  const base = config.baseUrl.replace(/\/$/, '');
  const doFetch = deps.fetch ?? fetch;
  let token: { value: string; expiresAt: number } | null = null;

  async function call(url: string, init: RequestInit): Promise<Response> {
    try {
      return await doFetch(url, { ...init, signal: AbortSignal.timeout(config.timeoutMs ?? 15_000) });
    } catch {
      throw new UrssafApiError("Le service de l'Urssaf est injoignable : réessayez plus tard.", 503);
    }
  }

  /** A bearer token, fetched once and kept until a minute before it expires. */
  async function accessToken(): Promise<string> {
    const now = deps.clock.now().getTime();
    if (token && token.expiresAt - 60_000 > now) return token.value;
    const response = await call(`${base}/api/oauth/v1/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams({
        grant_type: 'client_credentials',
        client_id: config.clientId,
        client_secret: config.clientSecret,
        scope: URSSAF_SCOPE,
      }).toString(),
    });
    if (!response.ok) throw new UrssafApiError(frenchMessage(401, []), 401);
    const body = (await response.json()) as { access_token?: string; expires_in?: number };
    if (!body.access_token) throw new UrssafApiError(frenchMessage(401, []), 401);
    token = { value: body.access_token, expiresAt: now + (body.expires_in ?? 3600) * 1000 };
    return token.value;
  }

  async function post<T>(path: string, payload: unknown, retried = false): Promise<T> {
    const response = await call(`${base}${API_PATH}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/json',
        authorization: `Bearer ${await accessToken()}`,
      },
      body: JSON.stringify(payload),
    });
    if (response.status === 401 && !retried) {
      // A token revoked or expired early: one new token, one more try.
      token = null;
      return post<T>(path, payload, true);
    }
    const text = await response.text();
    const body: unknown = text ? JSON.parse(text) : null;
    if (!response.ok) {
      const errors = asErrors(body);
      throw new UrssafApiError(frenchMessage(response.status, errors), response.status, errors);
    }
    return body as T;
  }

  return {
    /** Registers a client; the Urssaf then asks them by e-mail to activate their account. */
    registerParticulier: (input: InputParticulier) => post<OutputParticulier>('/particulier', input),
    /** Sends payment requests; the answer has one item per request, with its id and status or its errors. */
    sendDemandesPaiement: (items: InputDemandePaiement[]) =>
      post<OutputDemandePaiement[]>('/demandePaiement', items),
    /** Reads payment requests by ids, invoice numbers or a date range. */
    searchDemandesPaiement: (query: InputRechercheDemandePaiement) =>
      post<OutputRechercheDemandePaiement>('/demandePaiement/rechercher', query),
    /** Forgets the token (tests). */
    resetToken: () => {
      token = null;
    },
  };
}

export type UrssafClient = ReturnType<typeof createUrssafClient>;
