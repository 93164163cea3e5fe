import type { TenantScope } from '../../db/tenant-scope';
import type { Actor } from '../../domain/access';
import { notFound } from '../../shared/errors';
import type { AuditService } from '../audit/audit.service';
import * as repo from './care.repo';

/** Beneficiaries' files and the organisation's workers. Every read of a person's data is audited. */
export function createCareService(deps: { audit: AuditService }) {
  return {
    async listBeneficiaries(scope: TenantScope, actor: Actor, filter: { q?: string; limit: number; offset: number }, requestId?: string) {
      const result = await repo.findBeneficiaries(scope, filter);
      await deps.audit.record({ actor, action: 'list', entityType: 'beneficiary', entityIds: result.items.map((b) => b.id), requestId }, scope.db);
      return result;
    },

    async getBeneficiary(scope: TenantScope, actor: Actor, id: string, requestId?: string) {
      const beneficiary = await repo.findBeneficiary(scope, id);
      if (!beneficiary) throw notFound('Bénéficiaire');
      await deps.audit.record({ actor, action: 'read', entityType: 'beneficiary', entityIds: [id], requestId }, scope.db);
      return beneficiary;
    },

    listWorkers: (scope: TenantScope) => repo.findWorkers(scope),
  };
}

export type CareService = ReturnType<typeof createCareService>;
