import type { Db } from '../../db/client';
import type { TenantScope } from '../../db/tenant-scope';
import { roleLabels, type Actor, type Role } from '../../domain/access';
import type { LoginInput, SignupInput } from '../../domain/schemas/auth';
import type { Clock } from '../../shared/clock';
import { DomainError } from '../../shared/errors';
import type { MailService } from '../mail/mail.service';
import * as repo from './accounts.repo';
import { hashPassword, hashToken, newToken, verifyPassword } from './secrets';

const maxFailedLogins = 5;
const lockMinutes = 15;
const resetTtlMs = 60 * 60_000;
const invitationTtlMs = 7 * 24 * 3600_000;

export interface SessionUser {
  actor: Actor;
  email: string;
  displayName: string;
  sessionTokenHash: string;
  csrfToken: string;
}

export interface AccountsDeps {
  db: Db;
  clock: Clock;
  mail: MailService;
  publicUrl: string;
  sessionTtlMs: number;
}

const toActor = (user: repo.UserRow): Actor => ({
  userId: user.id,
  role: user.role,
  organisationId: user.organisationId,
  territoryId: user.territoryId,
});

// Verifying against a real hash when the account does not exist keeps both answers equally slow,
// so timing does not tell which e-mails have an account.
let dummyHash: Promise<string> | undefined;

export function createAccountsService(deps: AccountsDeps) {
  const { db, clock } = deps;

  async function openSession(user: repo.UserRow) {
    const { token, tokenHash } = newToken();
    const csrfToken = newToken().token;
    await repo.insertSession(db, {
      tokenHash,
      userId: user.id,
      csrfToken,
      expiresAt: new Date(clock.now().getTime() + deps.sessionTtlMs),
    });
    return { token, csrfToken, actor: toActor(user), user };
  }

  return {
    async login(input: LoginInput) {
      const user = await repo.findUserByEmail(db, input.email);
      if (!user || user.isDisabled) {
        await verifyPassword(await (dummyHash ??= hashPassword('not-a-real-password')), input.password);
        throw new DomainError('unauthenticated', 'Adresse e-mail ou mot de passe incorrect.');
      }
      const now = clock.now();
      if (user.lockedUntil && user.lockedUntil > now) {
        throw new DomainError(
          'rate_limited',
          `Trop de tentatives sur ce compte : réessayez après ${user.lockedUntil.toLocaleTimeString('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' })}, ou réinitialisez votre mot de passe.`,
        );
      }
      if (!(await verifyPassword(user.passwordHash, input.password))) {
        await repo.recordFailedLogin(db, user.id, maxFailedLogins, new Date(now.getTime() + lockMinutes * 60_000));
        throw new DomainError('unauthenticated', 'Adresse e-mail ou mot de passe incorrect.');
      }
      if (user.failedLoginCount > 0) await repo.clearFailedLogins(db, user.id);
      return openSession(user);
    },

    async signup(input: SignupInput) {
      if (await repo.findUserByEmail(db, input.email)) {
        throw new DomainError('conflict', 'Un compte existe déjà avec cette adresse e-mail. Connectez-vous ou réinitialisez votre mot de passe.', [
          { field: 'email', message: 'Un compte existe déjà avec cette adresse e-mail.' },
        ]);
      }
      const user = await db.transaction(async (tx) => {
        const created = await repo.insertUser(tx, {
          email: input.email,
          passwordHash: await hashPassword(input.password),
          displayName: input.displayName,
          role: input.role,
        });
        await deps.mail.enqueue(
          {
            to: input.email,
            subject: 'Bienvenue sur ProxiDom',
            text: `Bonjour ${input.displayName},\n\nVotre compte ${roleLabels[input.role]} est créé. Connectez-vous sur ${deps.publicUrl}/connexion.\n\nL'équipe ProxiDom`,
          },
          tx,
        );
        return created;
      });
      return openSession(user);
    },

    /** The signed-in user behind a session cookie, or null when the session is unknown or expired. */
    async authenticate(sessionToken: string): Promise<SessionUser | null> {
      const tokenHash = hashToken(sessionToken);
      const row = await repo.findLiveSession(db, tokenHash, clock.now());
      if (!row) return null;
      return {
        actor: toActor(row.user),
        email: row.user.email,
        displayName: row.user.displayName,
        sessionTokenHash: tokenHash,
        csrfToken: row.session.csrfToken,
      };
    },

    logout: (sessionTokenHash: string) => repo.deleteSession(db, sessionTokenHash),

    /** Always answers the same way, so it does not tell whether an account exists. */
    async requestPasswordReset(email: string): Promise<void> {
      const user = await repo.findUserByEmail(db, email);
      if (!user || user.isDisabled) return;
      const { token, tokenHash } = newToken();
      await db.transaction(async (tx) => {
        await repo.insertPasswordReset(tx, { tokenHash, userId: user.id, expiresAt: new Date(clock.now().getTime() + resetTtlMs) });
        await deps.mail.enqueue(
          {
            to: user.email,
            subject: 'Réinitialisation de votre mot de passe ProxiDom',
            text: `Bonjour ${user.displayName},\n\nPour choisir un nouveau mot de passe, ouvrez ce lien dans l'heure :\n${deps.publicUrl}/reinitialiser?jeton=${token}\n\nSi vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe actuel reste valable.\n\nL'équipe ProxiDom`,
            organisationId: user.organisationId,
          },
          tx,
        );
      });
    },

    async confirmPasswordReset(token: string, password: string): Promise<void> {
      const passwordHash = await hashPassword(password);
      await db.transaction(async (tx) => {
        const userId = await repo.consumePasswordReset(tx, hashToken(token), clock.now());
        if (!userId) {
          throw new DomainError('unprocessable', 'Ce lien de réinitialisation est invalide ou a expiré. Demandez-en un nouveau.', [
            { field: 'token', message: 'Lien invalide ou expiré.' },
          ]);
        }
        await repo.updateUserPassword(tx, userId, passwordHash);
        // A new password closes every open session: whoever knew the old one is signed out.
        await repo.deleteUserSessions(tx, userId);
      });
    },

    /** Sends an invitation link; the caller has checked that the actor may invite to that role. */
    async invite(
      actor: Actor,
      invitation: { email: string; role: Role; organisationId: string | null; organisationName: string | null },
      executor: Parameters<MailService['enqueue']>[1] = db,
    ): Promise<{ link: string }> {
      if (await repo.findUserByEmail(executor, invitation.email)) {
        throw new DomainError('conflict', 'Cette personne a déjà un compte ProxiDom.', [
          { field: 'email', message: 'Un compte existe déjà avec cette adresse e-mail.' },
        ]);
      }
      const { token, tokenHash } = newToken();
      const link = `${deps.publicUrl}/invitation/${token}`;
      await repo.insertInvitation(executor, {
        tokenHash,
        email: invitation.email,
        role: invitation.role,
        organisationId: invitation.organisationId,
        invitedBy: actor.userId,
        expiresAt: new Date(clock.now().getTime() + invitationTtlMs),
      });
      const where = invitation.organisationName ? ` de ${invitation.organisationName}` : '';
      await deps.mail.enqueue(
        {
          to: invitation.email,
          subject: `Invitation à rejoindre ProxiDom${where}`,
          text: `Bonjour,\n\nVous êtes invité·e à rejoindre ProxiDom${where} en tant que ${roleLabels[invitation.role]}.\nCréez votre compte avec ce lien, valable 7 jours :\n${link}\n\nL'équipe ProxiDom`,
          organisationId: invitation.organisationId,
        },
        executor,
      );
      return { link };
    },

    async getInvitation(token: string) {
      const invitation = await repo.findLiveInvitation(db, hashToken(token), clock.now());
      if (!invitation) throw new DomainError('not_found', "Cette invitation est invalide, a expiré ou a déjà été utilisée.");
      return invitation;
    },

    async acceptInvitation(token: string, input: { password: string; displayName: string }) {
      const tokenHash = hashToken(token);
      const passwordHash = await hashPassword(input.password);
      const user = await db.transaction(async (tx) => {
        const invitation = await repo.findLiveInvitation(tx, tokenHash, clock.now());
        if (!invitation || !(await repo.markInvitationAccepted(tx, tokenHash, clock.now()))) {
          throw new DomainError('not_found', "Cette invitation est invalide, a expiré ou a déjà été utilisée.");
        }
        if (await repo.findUserByEmail(tx, invitation.email)) {
          throw new DomainError('conflict', 'Un compte existe déjà avec cette adresse e-mail.');
        }
        return repo.insertUser(tx, {
          email: invitation.email,
          passwordHash,
          displayName: input.displayName,
          role: invitation.role,
          organisationId: invitation.organisationId,
        });
      });
      return openSession(user);
    },

    findUser: (id: string) => repo.findUserById(db, id),
    /** The organisation of the account with this e-mail (case ignored), null when none (billing's demo history). */
    findOrganisationIdOfEmail: async (email: string): Promise<string | null> => (await repo.findUserByEmail(db, email))?.organisationId ?? null,
    listMembers: (scope: TenantScope) => repo.findOrganisationMembers(scope),
    listPendingInvitations: (scope: TenantScope) => repo.findPendingInvitations(scope, clock.now()),

    /** For the demo seed and tests: an account with a known password. */
    async createUser(user: { email: string; password: string; displayName: string; role: Role; organisationId?: string | null; territoryId?: string | null }) {
      return repo.insertUser(db, { ...user, passwordHash: await hashPassword(user.password) });
    },
  };
}

export type AccountsService = ReturnType<typeof createAccountsService>;
