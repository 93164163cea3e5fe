/**
 * The avance immédiate's SQL, on its own tables only: clients registered with the Urssaf and payment requests
 * sent. Whether a household is a client of the organisation comes from the care and billing services.
 */
import { and, desc, eq, inArray, isNotNull, notInArray, or, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { TenantScope } from '../../db/tenant-scope';
import { urssafClients, urssafPaymentRequests } from '../../db/schema';
import { URSSAF_TERMINAL_STATUSES } from './urssaf.types';

export type UrssafClientRow = typeof urssafClients.$inferSelect;
export type UrssafRequestRow = typeof urssafPaymentRequests.$inferSelect;

export async function findClient(
  scope: TenantScope,
  householdId: string,
): Promise<UrssafClientRow | undefined> {
  const [row] = await scope.db
    .select()
    .from(urssafClients)
    .where(
      scope.where(
        urssafClients,
        eq(urssafClients.householdId, householdId),
        eq(urssafClients.isActive, true),
      ),
    );
  return row;
}

export async function upsertClient(
  scope: TenantScope,
  row: { householdId: string; idClient: string; birthDate: string },
): Promise<UrssafClientRow> {
  const [created] = await scope.db
    .insert(urssafClients)
    .values(scope.own({ ...row, status: 'registered', isActive: true }))
    .onConflictDoUpdate({
      target: [urssafClients.organisationId, urssafClients.householdId],
      set: { idClient: row.idClient, birthDate: row.birthDate, status: 'registered', isActive: true },
    })
    .returning();
  return created!;
}

export async function insertRequest(
  scope: TenantScope,
  row: Omit<typeof urssafPaymentRequests.$inferInsert, 'organisationId' | 'id'>,
): Promise<UrssafRequestRow> {
  const [created] = await scope.db.insert(urssafPaymentRequests).values(scope.own(row)).returning();
  return created!;
}

export async function updateRequest(
  scope: TenantScope,
  id: string,
  change: Partial<Omit<UrssafRequestRow, 'id' | 'organisationId' | 'invoiceId'>>,
): Promise<void> {
  await scope.db
    .update(urssafPaymentRequests)
    .set(change)
    .where(scope.where(urssafPaymentRequests, eq(urssafPaymentRequests.id, id)));
}

/** Requests still moving at the Urssaf (accepted and not in a terminal status). */
export async function findOpenRequests(scope: TenantScope): Promise<UrssafRequestRow[]> {
  return scope.db
    .select()
    .from(urssafPaymentRequests)
    .where(
      scope.where(
        urssafPaymentRequests,
        isNotNull(urssafPaymentRequests.idDemandePaiement),
        or(
          isNull(urssafPaymentRequests.statusCode),
          notInArray(urssafPaymentRequests.statusCode, [...URSSAF_TERMINAL_STATUSES]),
        ),
      ),
    );
}

/** The latest request of each invoice (any organisation: the caller has checked who reads). */
export async function findLatestRequests(
  db: Executor,
  invoiceIds: string[],
): Promise<Map<string, UrssafRequestRow>> {
  if (invoiceIds.length === 0) return new Map();
  const rows = await db
    .select()
    .from(urssafPaymentRequests)
    .where(inArray(urssafPaymentRequests.invoiceId, invoiceIds))
    .orderBy(desc(urssafPaymentRequests.sentAt));
  const out = new Map<string, UrssafRequestRow>();
  for (const r of rows) if (!out.has(r.invoiceId)) out.set(r.invoiceId, r);
  return out;
}

export async function findRequestsOfOrganisation(
  scope: TenantScope,
  invoiceId?: string,
): Promise<UrssafRequestRow[]> {
  return scope.db
    .select()
    .from(urssafPaymentRequests)
    .where(
      scope.where(
        urssafPaymentRequests,
        invoiceId ? eq(urssafPaymentRequests.invoiceId, invoiceId) : undefined,
      ),
    )
    .orderBy(desc(urssafPaymentRequests.sentAt));
}

export async function findClientsOfOrganisation(scope: TenantScope): Promise<UrssafClientRow[]> {
  return scope.db
    .select()
    .from(urssafClients)
    .where(scope.where(urssafClients, eq(urssafClients.isActive, true)));
}

export async function findClientsByHouseholds(
  scope: TenantScope,
  householdIds: string[],
): Promise<UrssafClientRow[]> {
  if (householdIds.length === 0) return [];
  return scope.db
    .select()
    .from(urssafClients)
    .where(
      scope.where(
        urssafClients,
        and(inArray(urssafClients.householdId, householdIds), eq(urssafClients.isActive, true)),
      ),
    );
}

/** Organisations that have requests still moving at the Urssaf (for the periodic sync). */
export async function findOrganisationsWithOpenRequests(db: Executor): Promise<string[]> {
  const rows = await db
    .selectDistinct({ organisationId: urssafPaymentRequests.organisationId })
    .from(urssafPaymentRequests)
    .where(
      and(
        isNotNull(urssafPaymentRequests.idDemandePaiement),
        or(
          isNull(urssafPaymentRequests.statusCode),
          notInArray(urssafPaymentRequests.statusCode, [...URSSAF_TERMINAL_STATUSES]),
        ),
      ),
    );
  return rows.map((r) => r.organisationId);
}
