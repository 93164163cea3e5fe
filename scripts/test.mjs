// `npm test`: the whole suite — typecheck, lint, unit and integration tests, browser tests — and one
// closing line `N passed, N failed` (typecheck and lint count as one check each; a suite that fails to
// load counts as failed).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const root = fileURLToPath(new URL('..', import.meta.url));
const reports = join(root, '.tmp/test-reports');
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

let passed = 0;
let failed = 0;
const failures = [];

function run(title, command, args, env = {}) {
  console.log(`\n━━ ${title}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function check(title, ok) {
  if (ok) passed++;
  else {
    failed++;
    failures.push(title);
  }
}

function ensureChromium() {
  if (existsSync('/usr/bin/chromium')) return true;
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    console.log('Chromium est absent : installation du paquet Debian « chromium »…');
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    if (existsSync('/usr/bin/chromium')) return true;
  }
  console.error(
    'Les tests du navigateur ont besoin de Chromium (/usr/bin/chromium). Installez-le avec « sudo apt-get install -y chromium » puis relancez « npm test ».',
  );
  return false;
}

const npx = (bin, ...args) => ['npx', [bin, ...args]];

check('typecheck', run('Typecheck (application)', ...npx('tsc', '-p', 'tsconfig.json', '--noEmit')) && run('Typecheck (pure parts: no Node, no DOM)', ...npx('tsc', '-p', 'tsconfig.pure.json', '--noEmit')));
check('lint', run('Lint', ...npx('eslint', '--max-warnings', '0', '.')));

const vitestReport = join(reports, 'vitest.json');
const vitestOk = run('Unit and integration tests (vitest)', ...npx('vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestReport}`));
if (existsSync(vitestReport)) {
  const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A file that fails to load has no tests counted: count it as one failure.
  const brokenFiles = report.testResults.filter((file) => file.status === 'failed' && file.assertionResults.length === 0);
  failed += brokenFiles.length;
  failures.push(...brokenFiles.map((file) => `vitest: ${file.name}`));
  if (report.numFailedTests > 0) failures.push(`vitest: ${report.numFailedTests} test(s)`);
  if (!vitestOk && report.numFailedTests === 0 && brokenFiles.length === 0) check('vitest run', false);
} else {
  check('vitest (no report)', false);
}

if (ensureChromium()) {
  const e2eReport = join(reports, 'playwright.json');
  const e2eOk = run('Browser tests (Playwright, Chromium)', ...npx('playwright', 'test'), { PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport });
  if (existsSync(e2eReport)) {
    const stats = JSON.parse(readFileSync(e2eReport, 'utf8')).stats;
    passed += stats.expected + stats.flaky;
    failed += stats.unexpected;
    if (stats.unexpected > 0) failures.push(`playwright: ${stats.unexpected} test(s)`);
    if (!e2eOk && stats.unexpected === 0) check('playwright run', false);
  } else {
    check('playwright (no report)', false);
  }
} else {
  check('browser tests (Chromium missing)', false);
}

if (failures.length > 0) console.log(`\nÉchecs : ${failures.join(' · ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 ? 1 : 0;
