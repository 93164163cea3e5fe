import { DomainError } from '../shared/errors';

export const roles = [
  'household',
  'provider_admin',
  'coordinator',
  'worker',
  'territory_admin',
  'innovator',
] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, string> = {
  household: 'Foyer',
  provider_admin: 'Administrateur de structure',
  coordinator: 'Responsable de secteur',
  worker: 'Intervenant·e',
  territory_admin: 'Administrateur du territoire',
  innovator: 'Innovation (lab)',
};

/** Roles that belong to a provider organisation and see its data. */
export const providerRoles = ['provider_admin', 'coordinator', 'worker'] as const satisfies readonly Role[];
/** Roles anyone can give themselves at sign-up; the others come by invitation. */
export const selfServiceRoles = ['household', 'worker', 'innovator'] as const satisfies readonly Role[];

/** Who is acting: the signed-in user, as every service sees them. */
export interface Actor {
  userId: string;
  role: Role;
  organisationId: string | null;
  territoryId: string | null;
}

/** The one access check of the app: an actor holding one of the roles, or an error to answer with. */
export function requireRole(actor: Actor | null, ...allowed: Role[]): Actor {
  if (!actor) throw new DomainError('unauthenticated', 'Vous devez être connecté·e.');
  if (allowed.length > 0 && !allowed.includes(actor.role)) {
    throw new DomainError('forbidden', "Votre rôle ne permet pas d'accéder à cette ressource.");
  }
  return actor;
}

/** An actor of a provider organisation, with the organisation to scope every query by. */
export function requireOrganisationRole(
  actor: Actor | null,
  ...allowed: Role[]
): Actor & { organisationId: string } {
  const checked = requireRole(actor, ...allowed);
  if (!checked.organisationId) {
    throw new DomainError('forbidden', "Cette ressource est réservée aux membres d'une structure.");
  }
  return checked as Actor & { organisationId: string };
}
