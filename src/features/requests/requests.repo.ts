/**
 * The SQL of requests, routings, quotes and messages. Household-side queries are scoped by the household
 * id; provider-side ones by the tenant scope (routings, quotes and messages carry organisation_id).
 */
import { and, asc, desc, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import type { TenantScope } from '../../db/tenant-scope';
import { quotes, requestMessages, requestRoutings, serviceRequests } from '../../db/schema';

export type RequestRow = typeof serviceRequests.$inferSelect;
export type RoutingRow = typeof requestRoutings.$inferSelect;
export type QuoteRow = typeof quotes.$inferSelect;
export type MessageRow = typeof requestMessages.$inferSelect;

/** Quote columns without the PDF bytes. */
const quoteColumns = {
  id: quotes.id,
  requestId: quotes.requestId,
  organisationId: quotes.organisationId,
  number: quotes.number,
  issuedOn: quotes.issuedOn,
  lines: quotes.lines,
  annexFees: quotes.annexFees,
  hourlyPriceTtcCents: quotes.hourlyPriceTtcCents,
  monthlyTtcCents: quotes.monthlyTtcCents,
  monthlyHtCents: quotes.monthlyHtCents,
  firstAvailableOn: quotes.firstAvailableOn,
  workerProfile: quotes.workerProfile,
  validUntil: quotes.validUntil,
  message: quotes.message,
  status: quotes.status,
  createdAt: quotes.createdAt,
};
export type QuoteSummaryRow = Omit<QuoteRow, 'pdf' | 'createdByUserId'>;

// ---------------------------------------------------------------- requests (household side)

export async function insertRequest(
  db: Executor,
  row: typeof serviceRequests.$inferInsert,
): Promise<RequestRow> {
  const [created] = await db.insert(serviceRequests).values(row).returning();
  return created!;
}

export async function findRequestsOfHousehold(db: Executor, householdId: string): Promise<RequestRow[]> {
  return db
    .select()
    .from(serviceRequests)
    .where(eq(serviceRequests.householdId, householdId))
    .orderBy(desc(serviceRequests.createdAt));
}

/** A request of this household (undefined for another household's). */
export async function findRequestOfHousehold(
  db: Executor,
  householdId: string,
  id: string,
): Promise<RequestRow | undefined> {
  const [row] = await db
    .select()
    .from(serviceRequests)
    .where(and(eq(serviceRequests.id, id), eq(serviceRequests.householdId, householdId)));
  return row;
}

/** Locks the request row until the end of the transaction (accept, cancel and quotes do not cross). */
export async function lockRequest(db: Executor, id: string): Promise<RequestRow | undefined> {
  const [row] = await db.select().from(serviceRequests).where(eq(serviceRequests.id, id)).for('update');
  return row;
}

export async function updateRequest(
  db: Executor,
  id: string,
  changes: Partial<Pick<RequestRow, 'status' | 'acceptedQuoteId' | 'updatedAt'>>,
) {
  await db.update(serviceRequests).set(changes).where(eq(serviceRequests.id, id));
}

// ---------------------------------------------------------------- routings

export async function insertRoutings(
  db: Executor,
  rows: (typeof requestRoutings.$inferInsert)[],
): Promise<RoutingRow[]> {
  if (rows.length === 0) return [];
  return db.insert(requestRoutings).values(rows).returning();
}

/** Every routing of a request (household side: the household owns the request). */
export async function findRoutingsOfRequest(db: Executor, requestId: string): Promise<RoutingRow[]> {
  return db
    .select()
    .from(requestRoutings)
    .where(eq(requestRoutings.requestId, requestId))
    .orderBy(asc(requestRoutings.distanceKm));
}

export async function findRoutingsOfRequests(db: Executor, requestIds: string[]): Promise<RoutingRow[]> {
  if (requestIds.length === 0) return [];
  return db.select().from(requestRoutings).where(inArray(requestRoutings.requestId, requestIds));
}

/** The organisation's routing of a request (undefined when the request was not sent to it). */
export async function findOwnRouting(scope: TenantScope, requestId: string): Promise<RoutingRow | undefined> {
  const [row] = await scope.db
    .select()
    .from(requestRoutings)
    .where(scope.where(requestRoutings, eq(requestRoutings.requestId, requestId)));
  return row;
}

/** The organisation's inbox: its routings with their requests, newest first. */
export async function findInbox(scope: TenantScope) {
  return scope.db
    .select({ routing: requestRoutings, request: serviceRequests })
    .from(requestRoutings)
    .innerJoin(serviceRequests, eq(serviceRequests.id, requestRoutings.requestId))
    .where(scope.where(requestRoutings))
    .orderBy(desc(requestRoutings.createdAt))
    .limit(200);
}

export async function findRequestById(db: Executor, id: string): Promise<RequestRow | undefined> {
  const [row] = await db.select().from(serviceRequests).where(eq(serviceRequests.id, id));
  return row;
}

export async function updateOwnRouting(
  scope: TenantScope,
  requestId: string,
  changes: Partial<Pick<RoutingRow, 'status' | 'declineReason' | 'updatedAt'>>,
) {
  await scope.db
    .update(requestRoutings)
    .set(changes)
    .where(scope.where(requestRoutings, eq(requestRoutings.requestId, requestId)));
}

/** Sets the status of every routing of a request but the given organisation's (which gets `winnerStatus`). */
export async function settleRoutings(
  db: Executor,
  requestId: string,
  winnerOrganisationId: string | null,
  at: Date,
) {
  await db
    .update(requestRoutings)
    .set({ status: 'closed', updatedAt: at })
    .where(
      and(
        eq(requestRoutings.requestId, requestId),
        winnerOrganisationId ? ne(requestRoutings.organisationId, winnerOrganisationId) : undefined,
        inArray(requestRoutings.status, ['pending', 'quoted']),
      ),
    );
  if (winnerOrganisationId) {
    await db
      .update(requestRoutings)
      .set({ status: 'won', updatedAt: at })
      .where(
        and(
          eq(requestRoutings.requestId, requestId),
          eq(requestRoutings.organisationId, winnerOrganisationId),
        ),
      );
  }
}

// ---------------------------------------------------------------- quotes

export async function insertQuote(
  scope: TenantScope,
  row: Omit<typeof quotes.$inferInsert, 'organisationId'>,
): Promise<QuoteSummaryRow> {
  const [created] = await scope.db.insert(quotes).values(scope.own(row)).returning(quoteColumns);
  return created!;
}

/** Quotes the organisation issued this year (for the next number). */
export async function countQuotesOfYear(scope: TenantScope, year: number): Promise<number> {
  const [row] = await scope.db
    .select({ n: sql<number>`count(*)::int` })
    .from(quotes)
    .where(scope.where(quotes, sql`${quotes.number} like ${`D-${year}-%`}`));
  return row?.n ?? 0;
}

/** Serialises quote numbering of one organisation until the end of the transaction. */
export async function lockQuoteNumbering(scope: TenantScope, year: number) {
  await scope.db.execute(
    sql`select pg_advisory_xact_lock(hashtext(${`quotes:${scope.organisationId}:${year}`}))`,
  );
}

export async function findQuotesOfRequest(db: Executor, requestId: string): Promise<QuoteSummaryRow[]> {
  return db
    .select(quoteColumns)
    .from(quotes)
    .where(eq(quotes.requestId, requestId))
    .orderBy(asc(quotes.createdAt));
}

export async function findOwnQuotesOfRequest(
  scope: TenantScope,
  requestId: string,
): Promise<QuoteSummaryRow[]> {
  return scope.db
    .select(quoteColumns)
    .from(quotes)
    .where(scope.where(quotes, eq(quotes.requestId, requestId)))
    .orderBy(asc(quotes.createdAt));
}

export async function findQuote(db: Executor, id: string): Promise<QuoteSummaryRow | undefined> {
  const [row] = await db.select(quoteColumns).from(quotes).where(eq(quotes.id, id));
  return row;
}

export async function findQuotePdf(
  db: Executor,
  id: string,
): Promise<{ number: string; organisationId: string; requestId: string; pdf: Uint8Array } | undefined> {
  const [row] = await db
    .select({
      number: quotes.number,
      organisationId: quotes.organisationId,
      requestId: quotes.requestId,
      pdf: quotes.pdf,
    })
    .from(quotes)
    .where(eq(quotes.id, id));
  return row;
}

/** The accepted quote becomes `accepted`, the other sent quotes of the request `rejected`. */
export async function settleQuotes(db: Executor, requestId: string, acceptedQuoteId: string | null) {
  await db
    .update(quotes)
    .set({ status: 'rejected' })
    .where(
      and(
        eq(quotes.requestId, requestId),
        eq(quotes.status, 'sent'),
        acceptedQuoteId ? ne(quotes.id, acceptedQuoteId) : undefined,
      ),
    );
  if (acceptedQuoteId)
    await db.update(quotes).set({ status: 'accepted' }).where(eq(quotes.id, acceptedQuoteId));
}

/** A declining organisation withdraws the quotes it had sent. */
export async function withdrawOwnQuotes(scope: TenantScope, requestId: string) {
  await scope.db
    .update(quotes)
    .set({ status: 'withdrawn' })
    .where(scope.where(quotes, eq(quotes.requestId, requestId), eq(quotes.status, 'sent')));
}

// ---------------------------------------------------------------- messages

export async function insertMessage(
  db: Executor,
  row: typeof requestMessages.$inferInsert,
): Promise<MessageRow> {
  const [created] = await db.insert(requestMessages).values(row).returning();
  return created!;
}

export async function findThread(
  db: Executor,
  requestId: string,
  organisationId: string,
): Promise<MessageRow[]> {
  return db
    .select()
    .from(requestMessages)
    .where(and(eq(requestMessages.requestId, requestId), eq(requestMessages.organisationId, organisationId)))
    .orderBy(asc(requestMessages.createdAt));
}

export async function findThreadsOfRequest(db: Executor, requestId: string): Promise<MessageRow[]> {
  return db
    .select()
    .from(requestMessages)
    .where(eq(requestMessages.requestId, requestId))
    .orderBy(asc(requestMessages.createdAt));
}

/** The organisation's own thread of a request. */
export async function findOwnThread(scope: TenantScope, requestId: string): Promise<MessageRow[]> {
  return scope.db
    .select()
    .from(requestMessages)
    .where(scope.where(requestMessages, eq(requestMessages.requestId, requestId)))
    .orderBy(asc(requestMessages.createdAt));
}
