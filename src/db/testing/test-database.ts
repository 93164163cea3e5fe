import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../client';
import { templateDatabaseName } from './paths';
import { withDatabase } from './global-setup';

/**
 * A fresh, migrated database for one test file: a clone of the run's template, on PGlite by default
 * or on the PostgreSQL server of DATABASE_URL. `close()` throws it away.
 */
export async function createTestDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const clone = await clonePostgresTemplate(url);
    const database = await openDatabase({ url: clone.url, poolSize: 4 });
    return {
      ...database,
      close: async () => {
        await database.close();
        await clone.drop();
      },
    };
  }
  const dump = readFileSync(inject('templateDumpPath'));
  return openDatabase({ loadDataDir: new Blob([dump]) });
}

/** A new database on the server of `serverUrl`, cloned from the run's migrated template: its URL, and `drop`. */
export async function clonePostgresTemplate(serverUrl: string, prefix = 'proxidom_test'): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name} TEMPLATE ${templateDatabaseName}`);
  await admin.end();
  return {
    url: withDatabase(serverUrl, name),
    drop: async () => {
      const dropper = new pg.Client({ connectionString: serverUrl });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
    },
  };
}
