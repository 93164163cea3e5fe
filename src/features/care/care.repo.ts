import { asc, eq, ilike, or, sql } from 'drizzle-orm';
import type { TenantScope } from '../../db/tenant-scope';
import { beneficiaries, workers } from '../../db/schema';

export type BeneficiaryRow = typeof beneficiaries.$inferSelect;

export async function findBeneficiaries(scope: TenantScope, filter: { q?: string; limit: number; offset: number }) {
  const search = filter.q ? `%${filter.q}%` : undefined;
  const where = scope.where(
    beneficiaries,
    search ? or(ilike(beneficiaries.lastName, search), ilike(beneficiaries.firstName, search)) : undefined,
  );
  const [items, [count]] = await Promise.all([
    scope.db
      .select({
        id: beneficiaries.id,
        firstName: beneficiaries.firstName,
        lastName: beneficiaries.lastName,
        communeCode: beneficiaries.communeCode,
        gir: beneficiaries.gir,
      })
      .from(beneficiaries)
      .where(where)
      .orderBy(asc(beneficiaries.lastName), asc(beneficiaries.firstName))
      .limit(filter.limit)
      .offset(filter.offset),
    scope.db.select({ total: sql<number>`count(*)::int` }).from(beneficiaries).where(where),
  ]);
  return { items, total: count?.total ?? 0 };
}

export async function findBeneficiary(scope: TenantScope, id: string): Promise<BeneficiaryRow | undefined> {
  const [row] = await scope.db.select().from(beneficiaries).where(scope.where(beneficiaries, eq(beneficiaries.id, id)));
  return row;
}

export async function findWorkers(scope: TenantScope) {
  return scope.db
    .select({
      id: workers.id,
      firstName: workers.firstName,
      lastName: workers.lastName,
      communeCode: workers.communeCode,
      skills: workers.skills,
      transportMode: workers.transportMode,
      contractHoursPerWeek: workers.contractHoursPerWeek,
    })
    .from(workers)
    .where(scope.where(workers))
    .orderBy(asc(workers.lastName), asc(workers.firstName));
}
