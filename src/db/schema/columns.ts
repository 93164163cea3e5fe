import { uuid } from 'drizzle-orm/pg-core';
import { organisations } from './organisations';

/** The id and owning organisation of every provider's row: what the tenant scope filters on (db/tenant-scope.ts). */
export const tenantColumns = () => ({
  id: uuid('id').primaryKey().defaultRandom(),
  organisationId: uuid('organisation_id')
    .notNull()
    .references(() => organisations.id, { onDelete: 'cascade' }),
});
