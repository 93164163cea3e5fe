/** Writes generated demo rows, in batches, in dependency order. The caller provides the transaction. */
import { inArray, sql } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import type { Executor } from '../client';
import {
  beneficiaries,
  beneficiaryContacts,
  carePlans,
  checkEvents,
  sectors,
  visitActuals,
  workerAbsences,
  workerAvailability,
  workerQualifications,
  workerTravelCredits,
  communes,
  contracts,
  households,
  organisationActivities,
  organisationCommunes,
  organisationRegimes,
  organisations,
  territories,
  users,
  visits,
  workers,
} from '../schema';
import type { DemoData } from './generate-demo-data';

/** Rows per INSERT statement: well under PostgreSQL's 65 535 parameters for every table here. */
export const BATCH_SIZE = 500;

async function insertBatches<T extends PgTable>(
  db: Executor,
  table: T,
  rows: readonly T['$inferInsert'][],
): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH_SIZE) {
    await db.insert(table).values(rows.slice(i, i + BATCH_SIZE) as T['$inferInsert'][]);
  }
}

export interface InsertCounts {
  [table: string]: number;
}

/**
 * Inserts the demo territory. Communes already present (a national import, say) are attached to the
 * territory and keep their own outline when they have one. A demo account whose e-mail is already taken
 * is left out (and so are its links), rather than failing the whole seed.
 */
export async function insertDemoData(
  db: Executor,
  data: DemoData,
  passwordHashes: ReadonlyMap<string, string>,
): Promise<InsertCounts> {
  await db.insert(territories).values(data.territory);
  await db
    .insert(communes)
    .values(data.communes)
    .onConflictDoUpdate({
      target: communes.code,
      set: {
        territoryId: sql`excluded.territory_id`,
        outline: sql`coalesce(${communes.outline}, excluded.outline)`,
      },
    });
  await insertBatches(db, organisations, data.organisations);
  await insertBatches(db, organisationActivities, data.organisationActivities);
  await insertBatches(db, organisationCommunes, data.organisationCommunes);
  await insertBatches(db, organisationRegimes, data.organisationRegimes);

  const emails = data.users.map((u) => u.email.toLowerCase());
  const taken = new Set(
    (
      await db
        .select({ email: users.email })
        .from(users)
        .where(inArray(sql`lower(${users.email})`, emails))
    ).map((u) => u.email.toLowerCase()),
  );
  const newUsers = data.users.filter((u) => !taken.has(u.email.toLowerCase()));
  const newUserIds = new Set(newUsers.map((u) => u.id));
  if (newUsers.length > 0) {
    await db.insert(users).values(
      newUsers.map((u) => {
        const passwordHash = passwordHashes.get(u.email);
        if (passwordHash === undefined) throw new Error(`No password hash for ${u.email}`);
        return { ...u, passwordHash };
      }),
    );
  }
  const linked = <T extends { userId: string | null }>(row: T): T =>
    row.userId !== null && !newUserIds.has(row.userId) ? { ...row, userId: null } : row;

  // Responsible users left out above are left out of their sectors too.
  await insertBatches(
    db,
    sectors,
    data.sectors.map((s) => ({
      ...s,
      coordinatorUserIds: s.coordinatorUserIds.filter((id) => newUserIds.has(id)),
    })),
  );
  await insertBatches(db, workers, data.workers.map(linked));
  await insertBatches(db, workerAvailability, data.availability);
  await insertBatches(db, households, data.households.map(linked));
  await insertBatches(db, beneficiaries, data.beneficiaries);
  await insertBatches(db, contracts, data.contracts);
  await insertBatches(db, visits, [...data.history.visits, ...data.visits]);
  await insertBatches(db, visitActuals, data.history.actuals);
  await insertBatches(db, checkEvents, data.history.checkEvents);
  await insertBatches(db, workerTravelCredits, data.history.travelCredits);
  await insertBatches(db, workerAbsences, data.history.absences);
  await insertBatches(db, carePlans, data.careDetails.carePlans);
  await insertBatches(db, beneficiaryContacts, data.careDetails.contacts);
  await insertBatches(db, workerQualifications, data.careDetails.qualifications);
  return {
    territories: 1,
    communes: data.communes.length,
    organisations: data.organisations.length,
    organisationActivities: data.organisationActivities.length,
    organisationCommunes: data.organisationCommunes.length,
    organisationRegimes: data.organisationRegimes.length,
    users: newUsers.length,
    workers: data.workers.length,
    households: data.households.length,
    beneficiaries: data.beneficiaries.length,
    contracts: data.contracts.length,
    visits: data.visits.length + data.history.visits.length,
    pastVisits: data.history.visits.length,
    checkEvents: data.history.checkEvents.length,
    workerAvailability: data.availability.length,
    sectors: data.sectors.length,
    carePlans: data.careDetails.carePlans.length,
    beneficiaryContacts: data.careDetails.contacts.length,
    workerQualifications: data.careDetails.qualifications.length,
  };
}
