import { z } from 'zod';
import { requireRole, type Actor } from '../../domain/access';
import {
  invitationAcceptSchema,
  loginInputSchema,
  meSchema,
  passwordResetConfirmSchema,
  passwordResetRequestSchema,
  signupInputSchema,
  staffInvitationSchema,
  type Me,
} from '../../domain/schemas/auth';
import { DomainError } from '../../shared/errors';
import type { HttpApp } from '../http';
import type { MailService } from '../mail/mail.service';
import type { AccountsService } from './accounts.service';
import { clearSessionCookie, setSessionCookie } from './session-cookie';

export interface AccountsRoutesDeps {
  accounts: AccountsService;
  mail: MailService;
  /** The name of an organisation, for the signed-in user's header. */
  organisationName(id: string): Promise<string | null>;
  isDemo: boolean;
  secureCookies: boolean;
  sessionTtlMs: number;
  loginRateLimitPerMinute: number;
}

const tags = ['Comptes'];

export function registerAccountsRoutes(app: HttpApp, deps: AccountsRoutesDeps): void {
  const describe = async (actor: Actor, email: string, displayName: string, csrfToken: string): Promise<Me> => ({
    id: actor.userId,
    email,
    role: actor.role,
    organisationId: actor.organisationId,
    displayName,
    organisationName: actor.organisationId ? await deps.organisationName(actor.organisationId) : null,
    csrfToken,
    isDemo: deps.isDemo,
  });

  app.post(
    '/api/auth/login',
    {
      schema: { tags, summary: 'Se connecter', body: loginInputSchema, response: { 200: meSchema } },
      config: { rateLimit: { max: deps.loginRateLimitPerMinute, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const session = await deps.accounts.login(request.body);
      setSessionCookie(reply, session.token, deps.sessionTtlMs, deps.secureCookies);
      return describe(session.actor, session.user.email, session.user.displayName, session.csrfToken);
    },
  );

  app.post(
    '/api/auth/signup',
    {
      schema: { tags, summary: 'Créer un compte (foyer, intervenant·e, innovation)', body: signupInputSchema, response: { 201: meSchema } },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const session = await deps.accounts.signup(request.body);
      setSessionCookie(reply, session.token, deps.sessionTtlMs, deps.secureCookies);
      return reply.status(201).send(await describe(session.actor, session.user.email, session.user.displayName, session.csrfToken));
    },
  );

  app.post('/api/auth/logout', { schema: { tags, summary: 'Se déconnecter' } }, async (request, reply) => {
    if (request.session) await deps.accounts.logout(request.session.sessionTokenHash);
    clearSessionCookie(reply, deps.secureCookies);
    return reply.status(204).send();
  });

  app.get('/api/me', { schema: { tags, summary: "L'utilisateur connecté", response: { 200: meSchema } } }, async (request) => {
    const actor = requireRole(request.actor);
    const session = request.session!;
    return describe(actor, session.email, session.displayName, session.csrfToken);
  });

  app.post(
    '/api/auth/password-reset/request',
    {
      schema: { tags, summary: 'Demander un lien de réinitialisation', body: passwordResetRequestSchema },
      config: { rateLimit: { max: 5, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      await deps.accounts.requestPasswordReset(request.body.email);
      return reply.status(202).send({ detail: 'Si un compte existe pour cette adresse, un e-mail vient de lui être envoyé.' });
    },
  );

  app.post(
    '/api/auth/password-reset/confirm',
    {
      schema: { tags, summary: 'Choisir un nouveau mot de passe', body: passwordResetConfirmSchema },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      await deps.accounts.confirmPasswordReset(request.body.token, request.body.password);
      return reply.status(204).send();
    },
  );

  const tokenParams = z.object({ token: z.string().min(20).max(200) });

  app.get(
    '/api/invitations/:token',
    { schema: { tags, summary: "Lire une invitation", params: tokenParams } },
    async (request) => {
      const invitation = await deps.accounts.getInvitation(request.params.token);
      return {
        email: invitation.email,
        role: invitation.role,
        organisationName: invitation.organisationId ? await deps.organisationName(invitation.organisationId) : null,
        expiresAt: invitation.expiresAt.toISOString(),
      };
    },
  );

  app.post(
    '/api/invitations/:token/accept',
    {
      schema: { tags, summary: 'Accepter une invitation et créer son compte', params: tokenParams, body: invitationAcceptSchema, response: { 201: meSchema } },
      config: { rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const session = await deps.accounts.acceptInvitation(request.params.token, request.body);
      setSessionCookie(reply, session.token, deps.sessionTtlMs, deps.secureCookies);
      return reply.status(201).send(await describe(session.actor, session.user.email, session.user.displayName, session.csrfToken));
    },
  );

  app.get('/api/organisation/members', { schema: { tags, summary: 'Les membres de ma structure et les invitations en attente' } }, async (request) => {
    const scope = request.tenant('provider_admin', 'coordinator');
    const [members, invitations] = await Promise.all([deps.accounts.listMembers(scope), deps.accounts.listPendingInvitations(scope)]);
    return { members, invitations };
  });

  app.post(
    '/api/organisation/invitations',
    { schema: { tags, summary: 'Inviter un·e responsable de secteur ou un·e intervenant·e', body: staffInvitationSchema }, config: { access: ['provider_admin'] } },
    async (request, reply) => {
      const scope = request.tenant('provider_admin');
      const actor = request.actor!;
      await deps.accounts.invite(actor, {
        email: request.body.email,
        role: request.body.role,
        organisationId: scope.organisationId,
        organisationName: await deps.organisationName(scope.organisationId),
      });
      return reply.status(201).send({ email: request.body.email, role: request.body.role });
    },
  );

  app.get('/api/outbox', { schema: { tags: ['Démo'], summary: 'Les e-mails envoyés (mode démo, administrateurs)' } }, async (request) => {
    requireRole(request.actor, 'provider_admin', 'territory_admin');
    if (!deps.isDemo) throw new DomainError('not_found', "La boîte d'envoi n'est visible qu'en mode démo.");
    const emails = await deps.mail.listRecent(200);
    return emails.map((email) => ({
      id: email.id,
      to: email.toAddress,
      subject: email.subject,
      text: email.bodyText,
      createdAt: email.createdAt.toISOString(),
      sentAt: email.sentAt?.toISOString() ?? null,
    }));
  });
}
