// The integration tests (database, services, routes) against the PostgreSQL server of DATABASE_URL,
// with the same closing line as `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';

if (!process.env.DATABASE_URL) {
  console.error('DATABASE_URL doit désigner un serveur PostgreSQL de test.');
  process.exit(2);
}
mkdirSync('.tmp/test-reports', { recursive: true });
const report = '.tmp/test-reports/vitest-postgres.json';
const result = spawnSync('npx', ['vitest', 'run', '--project', 'int', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`], { stdio: 'inherit' });
let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  passed = json.numPassedTests;
  failed = json.numFailedTests + json.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length;
}
if (result.status !== 0 && failed === 0) failed = 1;
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
