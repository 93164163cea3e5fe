import { and, desc, eq } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { auditLog } from '../../db/schema';

export async function insertAuditEntries(db: Executor, entries: (typeof auditLog.$inferInsert)[]): Promise<void> {
  if (entries.length > 0) await db.insert(auditLog).values(entries);
}

export async function findAuditEntries(db: Executor, filter: { entityType: string; entityId: string }) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, filter.entityType), eq(auditLog.entityId, filter.entityId)))
    .orderBy(desc(auditLog.id));
}
