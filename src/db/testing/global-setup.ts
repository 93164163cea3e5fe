// Builds one migrated template database before the integration tests; each test file clones it
// (src/db/testing/test-database.ts), which costs a fraction of a fresh migration.
import { writeFileSync } from 'node:fs';
import pg from 'pg';
import { openDatabase } from '../client';
import type { TestProject } from 'vitest/node';
import { newTemplateDumpPath, templateDatabaseName } from './paths';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDumpPath: string;
  }
}

export async function setup(project: TestProject): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS ${templateDatabaseName} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${templateDatabaseName}`);
    await admin.end();
    const template = await openDatabase({ url: withDatabase(url, templateDatabaseName), poolSize: 1 });
    await template.migrate();
    await template.close();
    return;
  }
  const database = await openDatabase({});
  await database.migrate();
  const client = (database.db as unknown as { $client: { dumpDataDir(c: 'none'): Promise<Blob> } }).$client;
  const dump = await client.dumpDataDir('none');
  const templateDumpPath = newTemplateDumpPath();
  writeFileSync(templateDumpPath, Buffer.from(await dump.arrayBuffer()));
  project.provide('templateDumpPath', templateDumpPath);
  await database.close();
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}
