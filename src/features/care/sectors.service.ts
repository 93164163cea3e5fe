/**
 * Sectors (secteurs d'intervention) of a provider: a name, the communes covered — each commune in at most one
 * sector of the organisation — and the coordinators responsible (responsables de secteur). A beneficiary
 * belongs to the sector of their commune unless their file names one; a worker may have a home sector.
 * Managed by the provider admin; every change is audited in its transaction.
 */
import type { Db } from '../../db/client';
import type { TenantScope } from '../../db/tenant-scope';
import type { Actor } from '../../domain/access';
import type { SectorCreateInput, SectorUpdateInput } from '../../domain/schemas/sectors';
import type { Clock } from '../../shared/clock';
import { DomainError, notFound } from '../../shared/errors';
import type { AuditService } from '../audit/audit.service';
import * as repo from './sectors.repo';

/** A user of the organisation, as the accounts service lists them. */
export interface OrganisationMember {
  id: string;
  role: string;
  displayName: string;
}

/** Roles that may be responsible for a sector. */
const COORDINATOR_ROLES: readonly string[] = ['coordinator', 'provider_admin'];

const invalid = (field: string, message: string): DomainError => new DomainError('validation', message, [{ field, message }]);

/** Commune code → sector id, from the organisation's sectors. */
export function sectorByCommune(sectors: readonly { id: string; communeCodes: readonly string[] }[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const s of sectors) for (const code of s.communeCodes) out.set(code, s.id);
  return out;
}

/** The sector a person belongs to: the one chosen on their file, else the one covering their commune, else none. */
export function effectiveSectorId(person: { sectorId: string | null; communeCode: string | null }, byCommune: ReadonlyMap<string, string>): string | null {
  return person.sectorId ?? (person.communeCode ? (byCommune.get(person.communeCode) ?? null) : null);
}

export function createSectorService(deps: { db: Db; audit: AuditService; clock: Clock; listMembers: (scope: TenantScope) => Promise<OrganisationMember[]> }) {
  const { audit, clock } = deps;
  const inTransaction = <T>(scope: TenantScope, fn: (tx: TenantScope) => Promise<T>): Promise<T> => deps.db.transaction((tx) => fn(scope.withExecutor(tx)));

  async function views(scope: TenantScope, rows: repo.SectorRow[]) {
    const [communes, members, people, workers, all] = await Promise.all([
      repo.findKnownCommunes(scope, [...new Set(rows.flatMap((s) => s.communeCodes))]),
      deps.listMembers(scope),
      repo.countBeneficiariesBySectorAndCommune(scope),
      repo.countWorkersBySector(scope),
      repo.findSectors(scope),
    ]);
    const communeName = new Map(communes.map((c) => [c.code, c.name]));
    const memberById = new Map(members.map((m) => [m.id, m]));
    const byCommune = sectorByCommune(all);
    const beneficiaryCount = new Map<string, number>();
    for (const p of people) {
      const id = effectiveSectorId(p, byCommune);
      if (id) beneficiaryCount.set(id, (beneficiaryCount.get(id) ?? 0) + p.count);
    }
    const workerCount = new Map(workers.filter((w) => w.sectorId).map((w) => [w.sectorId!, w.count]));
    return rows.map((s) => ({
      id: s.id,
      name: s.name,
      communeCodes: s.communeCodes,
      communes: s.communeCodes.map((code) => ({ code, name: communeName.get(code) ?? code })).sort((a, b) => a.name.localeCompare(b.name, 'fr')),
      // Accounts that left the organisation (or lost the role) are no longer shown as responsible.
      coordinators: s.coordinatorUserIds.flatMap((userId) => {
        const m = memberById.get(userId);
        return m && COORDINATOR_ROLES.includes(m.role) ? [{ userId, displayName: m.displayName, role: m.role }] : [];
      }),
      beneficiaryCount: beneficiaryCount.get(s.id) ?? 0,
      workerCount: workerCount.get(s.id) ?? 0,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
    }));
  }

  /** Checks the communes (known, not in another sector), the name (unique) and the coordinators (staff of the organisation). */
  async function checkInput(tx: TenantScope, input: { name?: string; communeCodes?: string[]; coordinatorUserIds?: string[] }, selfId: string | null): Promise<void> {
    const others = (await repo.findSectors(tx)).filter((s) => s.id !== selfId);
    if (input.name !== undefined && others.some((s) => s.name.toLocaleLowerCase('fr') === input.name!.toLocaleLowerCase('fr'))) {
      throw invalid('name', 'Un autre secteur de votre structure porte déjà ce nom.');
    }
    if (input.communeCodes) {
      const known = await repo.findKnownCommunes(tx, input.communeCodes);
      const names = new Map(known.map((c) => [c.code, c.name]));
      const unknown = input.communeCodes.filter((c) => !names.has(c));
      if (unknown.length > 0) throw invalid('communeCodes', `Commune inconnue de la plateforme : ${unknown.join(', ')}.`);
      const owner = sectorByCommune(others);
      const taken = input.communeCodes.filter((c) => owner.has(c));
      if (taken.length > 0) {
        const sectorName = new Map(others.map((s) => [s.id, s.name]));
        const list = taken.map((c) => `${names.get(c)} (secteur « ${sectorName.get(owner.get(c)!)} »)`).join(', ');
        throw invalid('communeCodes', `Une commune n'appartient qu'à un secteur : retirez d'abord de leur secteur ${list}.`);
      }
    }
    if (input.coordinatorUserIds && input.coordinatorUserIds.length > 0) {
      const staff = new Set((await deps.listMembers(tx)).filter((m) => COORDINATOR_ROLES.includes(m.role)).map((m) => m.id));
      if (input.coordinatorUserIds.some((id) => !staff.has(id))) {
        throw invalid('coordinatorUserIds', 'Les responsables d’un secteur sont des responsables de secteur ou administrateurs de votre structure.');
      }
    }
  }

  async function requireSector(scope: TenantScope, id: string): Promise<repo.SectorRow> {
    const row = await repo.findSector(scope, id);
    if (!row) throw notFound('Secteur');
    return row;
  }

  return {
    async listSectors(scope: TenantScope) {
      return views(scope, await repo.findSectors(scope));
    },

    async getSector(scope: TenantScope, id: string) {
      const [view] = await views(scope, [await requireSector(scope, id)]);
      return view!;
    },

    async createSector(scope: TenantScope, actor: Actor, input: SectorCreateInput, requestId?: string) {
      const created = await inTransaction(scope, async (tx) => {
        await repo.lockSectors(tx);
        await checkInput(tx, input, null);
        const row = await repo.insertSector(tx, { name: input.name, communeCodes: input.communeCodes, coordinatorUserIds: input.coordinatorUserIds });
        await audit.record({ actor, action: 'create', entityType: 'sector', entityIds: [row.id], requestId, details: { communes: row.communeCodes.length } }, tx.db);
        return row;
      });
      const [view] = await views(scope, [created]);
      return view!;
    },

    async updateSector(scope: TenantScope, actor: Actor, id: string, input: SectorUpdateInput, requestId?: string) {
      const updated = await inTransaction(scope, async (tx) => {
        await repo.lockSectors(tx);
        await requireSector(tx, id);
        await checkInput(tx, input, id);
        await repo.updateSector(tx, id, { ...input, updatedAt: clock.now() });
        await audit.record({ actor, action: 'update', entityType: 'sector', entityIds: [id], requestId, details: { fields: Object.keys(input).sort() } }, tx.db);
        return (await repo.findSector(tx, id))!;
      });
      const [view] = await views(scope, [updated]);
      return view!;
    },

    async deleteSector(scope: TenantScope, actor: Actor, id: string, requestId?: string): Promise<void> {
      await inTransaction(scope, async (tx) => {
        await repo.lockSectors(tx);
        if (!(await repo.deleteSector(tx, id))) throw notFound('Secteur');
        await audit.record({ actor, action: 'delete', entityType: 'sector', entityIds: [id], requestId }, tx.db);
      });
    },

    /** The organisation's sectors and which one covers each commune (for the care and schedule features). */
    async loadSectorMap(scope: TenantScope) {
      const sectors = await repo.findSectors(scope);
      return { sectors, byCommune: sectorByCommune(sectors) };
    },
  };
}

export type SectorService = ReturnType<typeof createSectorService>;
