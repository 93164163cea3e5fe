import { desc, eq, isNull } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { outboxEmails } from '../../db/schema';

export type OutboxEmail = typeof outboxEmails.$inferSelect;

export async function insertEmail(db: Executor, email: typeof outboxEmails.$inferInsert): Promise<OutboxEmail> {
  const [row] = await db.insert(outboxEmails).values(email).returning();
  return row!;
}

export async function findRecentEmails(db: Executor, limit: number): Promise<OutboxEmail[]> {
  return db.select().from(outboxEmails).orderBy(desc(outboxEmails.createdAt)).limit(limit);
}

export async function findUnsentEmails(db: Executor, limit: number): Promise<OutboxEmail[]> {
  return db.select().from(outboxEmails).where(isNull(outboxEmails.sentAt)).orderBy(outboxEmails.createdAt).limit(limit);
}

export async function markEmailSent(db: Executor, id: string, at: Date): Promise<void> {
  await db.update(outboxEmails).set({ sentAt: at, error: null }).where(eq(outboxEmails.id, id));
}

export async function markEmailFailed(db: Executor, id: string, error: string): Promise<void> {
  await db.update(outboxEmails).set({ error }).where(eq(outboxEmails.id, id));
}
