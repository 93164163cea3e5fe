import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const templateDatabaseName = 'proxidom_test_template';

/** Where global setup leaves the migrated PGlite template for this run. */
export function newTemplateDumpPath(): string {
  return join(tmpdir(), `proxidom-test-template-${process.pid}-${Date.now()}.tar`);
}
