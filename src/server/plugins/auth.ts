import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createTenantScope, type TenantScope } from '../../db/tenant-scope';
import type { Db } from '../../db/client';
import { requireOrganisationRole, requireRole, type Actor, type Role } from '../../domain/access';
import type { AccountsService, SessionUser } from '../../features/accounts/accounts.service';
import { DomainError } from '../../shared/errors';
import { sessionCookieName } from '../../features/accounts/session-cookie';


declare module 'fastify' {
  interface FastifyContextConfig {
    /** Roles allowed on the route, checked before the input is validated (an empty list: any signed-in user). */
    access?: Role[];
  }
  interface FastifyRequest {
    /** The signed-in user, or null for an anonymous visitor. */
    actor: Actor | null;
    session: SessionUser | null;
    /** The data scope of the actor's organisation, for the given roles (401/403 otherwise). */
    tenant(...allowed: Role[]): TenantScope;
  }
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Reads the session cookie once per request, puts the actor on the request, and checks the CSRF
 * token on every change made with a session cookie. Tenancy starts here: `request.tenant()`.
 */
export function registerAuth(app: FastifyInstance, deps: { db: Db; accounts: AccountsService }): void {
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('tenant', function tenant(this: FastifyRequest, ...allowed: Role[]) {
    const actor = requireOrganisationRole(this.actor, ...allowed);
    return createTenantScope(deps.db, actor.organisationId);
  });

  app.addHook('onRequest', async (request) => {
    const token = request.cookies[sessionCookieName];
    if (!token) return;
    const session = await deps.accounts.authenticate(token);
    if (!session) return;
    request.session = session;
    request.actor = session.actor;
    if (unsafeMethods.has(request.method) && request.headers['x-csrf-token'] !== session.csrfToken) {
      // Signing out must work even from a stale page: losing a session is never an attack.
      if (request.url === '/api/auth/logout') return;
      throw new DomainError('csrf', 'Jeton de sécurité (CSRF) manquant ou invalide : rechargez la page puis réessayez.');
    }
  });

  // Who may call a route is answered before what they sent: a stranger learns nothing from validation errors.
  app.addHook('preValidation', async (request) => {
    const access = request.routeOptions.config.access;
    if (access) requireRole(request.actor, ...access);
  });
}
