// The server the browser tests talk to: a fresh embedded database each run, with the demo territory.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// One folder per port, so that several runs (E2E_PORT) can go side by side.
const dataDir = fileURLToPath(new URL(`../.tmp/e2e-data-${process.env.PORT}`, import.meta.url));
rmSync(dataDir, { recursive: true, force: true });
process.env.PROXIDOM_DATA_DIR = dataDir;
process.env.PROXIDOM_DEMO = '1';
// Every journey signs in from 127.0.0.1: the per-IP limit would throttle the suite, not an attacker.
process.env.LOGIN_RATE_LIMIT_PER_MINUTE = '1000';
process.env.PUBLIC_URL = `http://127.0.0.1:${process.env.PORT}`;
delete process.env.DATABASE_URL;
await import('./start.mjs');
