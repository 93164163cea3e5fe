import type { Db } from '../../db/client';
import { requireRole, type Actor } from '../../domain/access';
import type { OrganisationOnboarding } from '../../domain/schemas/auth';
import { DomainError, notFound } from '../../shared/errors';
import type { AccountsService } from '../accounts/accounts.service';
import * as repo from './directory.repo';

export function createDirectoryService(deps: { db: Db; accounts: AccountsService }) {
  const { db } = deps;
  return {
    async getOrganisation(id: string) {
      const organisation = await repo.findOrganisationById(db, id);
      if (!organisation) throw notFound('Structure');
      return organisation;
    },

    async findOrganisationName(id: string): Promise<string | null> {
      return (await repo.findOrganisationById(db, id))?.name ?? null;
    },

    /** The territory admin opens a provider organisation and invites its first administrator, all or nothing. */
    async onboardOrganisation(actor: Actor | null, input: OrganisationOnboarding) {
      const admin = requireRole(actor, 'territory_admin');
      if (!(await repo.findCommune(db, input.communeCode))) {
        throw new DomainError('validation', 'Commune inconnue.', [
          { field: 'communeCode', message: 'Commune inconnue.' },
        ]);
      }
      if (await repo.findOrganisationBySiret(db, input.siret)) {
        throw new DomainError('conflict', 'Une structure avec ce SIRET existe déjà.', [
          { field: 'siret', message: 'Ce SIRET est déjà enregistré.' },
        ]);
      }
      return db.transaction(async (tx) => {
        const organisation = await repo.insertOrganisation(tx, {
          name: input.name,
          siret: input.siret,
          legalForm: input.legalForm,
          communeCode: input.communeCode,
          territoryId: admin.territoryId,
        });
        const { link } = await deps.accounts.invite(
          admin,
          {
            email: input.adminEmail,
            role: 'provider_admin',
            organisationId: organisation.id,
            organisationName: organisation.name,
          },
          tx,
        );
        return { organisation, invitationLink: link };
      });
    },

    async listTerritoryOrganisations(actor: Actor | null, page: { limit: number; offset: number }) {
      const admin = requireRole(actor, 'territory_admin');
      if (!admin.territoryId) return { items: [], total: 0 };
      return repo.findOrganisationsOfTerritory(db, admin.territoryId, page);
    },

    listCommunes: (territoryId: string | null) => repo.findCommunes(db, territoryId),

    /** The organisations offering one of the activities, with their activities, communes served and regimes (for routing requests). */
    listOrganisationsOffering: (activityCodes: string[]) => repo.findOrganisationsOffering(db, activityCodes),

    /** One commune of the reference (name, centre), or null. */
    findCommune: async (code: string) => (await repo.findCommune(db, code)) ?? null,

    /** The territory this instance serves (one per deployment). */
    async findInstanceTerritory() {
      return (await repo.findFirstTerritory(db)) ?? null;
    },

    // ------------------------------------------------------------ for the billing and visits features (stable API)

    /** The organisation as its invoices and certificates print it, with its regimes; undefined when unknown. */
    findOrganisationIdentity: (organisationId: string) => repo.findOrganisationIdentity(db, organisationId),

    /** Name and SIRET of organisations, by id (one query for any number of them). */
    async listOrganisationSummaries(
      ids: string[],
    ): Promise<Map<string, { id: string; name: string; siret: string }>> {
      const rows = await repo.findOrganisationSummaries(db, [...new Set(ids)]);
      return new Map(rows.map((r) => [r.id, r]));
    },

    /** The organisation's published hourly price of each activity it offers in this mode (absent or null: none). */
    async listActivityPrices(organisationId: string, mode: string): Promise<Map<string, number | null>> {
      const rows = await repo.findActivityPrices(db, organisationId, mode);
      return new Map(rows.map((r) => [r.activityCode, r.hourlyPriceCents]));
    },
  };
}

export type DirectoryService = ReturnType<typeof createDirectoryService>;
