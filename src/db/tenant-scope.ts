import { and, eq, type SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from './client';

/** A table whose rows belong to one provider organisation. */
export type TenantTable = PgTable & { organisationId: PgColumn };

/**
 * The one place where a provider's data is scoped by its organisation. Repositories receive a scope,
 * never a bare organisation id, and build every query of tenant data through it.
 */
export interface TenantScope {
  readonly organisationId: string;
  readonly db: Executor;
  /** The condition "belongs to this organisation", and-ed with the given ones. */
  where(table: TenantTable, ...conditions: (SQL | undefined)[]): SQL;
  /** Stamps rows to insert with the organisation, whatever they said. */
  own<T extends object>(row: T): T & { organisationId: string };
  /** The same scope running on another executor (inside a transaction). */
  withExecutor(db: Executor): TenantScope;
}

export function createTenantScope(db: Executor, organisationId: string): TenantScope {
  return {
    organisationId,
    db,
    where: (table, ...conditions) => and(eq(table.organisationId, organisationId), ...conditions) as SQL,
    own: (row) => ({ ...row, organisationId }),
    withExecutor: (other) => createTenantScope(other, organisationId),
  };
}
