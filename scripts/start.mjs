// `npm start`: builds the web app when the build is missing or older than its sources, then starts
// the server (TypeScript run through tsx) in this process, so SIGTERM reaches its graceful stop.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { register } from 'tsx/esm/api';

const root = fileURLToPath(new URL('..', import.meta.url));
const builtIndex = join(root, 'dist/web/index.html');

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export function isWebBuildStale() {
  if (!existsSync(builtIndex)) return true;
  const sources = ['src/web', 'src/domain', 'src/shared', 'vite.config.ts', 'package-lock.json']
    .map((p) => join(root, p))
    .filter((p) => existsSync(p));
  return Math.max(...sources.map(newestMtime)) > statSync(builtIndex).mtimeMs;
}

if (isWebBuildStale()) {
  console.log("Construction de l'application web…");
  const { build } = await import('vite');
  // Vite's build sets NODE_ENV=production in this process; the server must see the caller's value.
  const nodeEnv = process.env.NODE_ENV;
  await build({ configFile: join(root, 'vite.config.ts'), logLevel: 'warn' });
  if (nodeEnv === undefined) delete process.env.NODE_ENV;
  else process.env.NODE_ENV = nodeEnv;
}

register();
const { startServer } = await import('../src/server/main.ts');
await startServer();
