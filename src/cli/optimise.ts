/**
 * `proxidom optimise FILE.json [--time-limit SECONDS] [--seed N] [--check]`
 * Reads a problem in VROOM's JSON format (with our `proxidom` extensions), prints the plan in
 * VROOM's output format on stdout. `--check` scores the plan given in vehicles[].steps instead.
 */
import { readFile } from 'node:fs/promises';
import { InputError, checkVroom, solveVroom } from '../optimizer/index.js';

const USAGE = 'usage: proxidom optimise FILE.json [--time-limit SECONDS] [--seed N] [--check]';

export async function runOptimiseCommand(argv: string[]): Promise<number> {
  let file: string | undefined;
  let timeLimitS: number | undefined;
  let seed: number | undefined;
  let check = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--check') check = true;
    else if (a === '--time-limit' || a === '-l') {
      timeLimitS = Number(argv[++i]);
      if (!Number.isFinite(timeLimitS) || timeLimitS <= 0)
        return fail(
          `--time-limit attend un nombre de secondes positif / expects a positive number of seconds\n${USAGE}`,
        );
    } else if (a === '--seed') {
      seed = Number(argv[++i]);
      if (!Number.isInteger(seed)) return fail(`--seed attend un entier / expects an integer\n${USAGE}`);
    } else if (a === '--help' || a === '-h') {
      process.stdout.write(USAGE + '\n');
      return 0;
    } else if (a.startsWith('-')) return fail(`option inconnue / unknown option: ${a}\n${USAGE}`);
    else if (file === undefined) file = a;
    else return fail(`un seul fichier / only one file\n${USAGE}`);
  }
  if (file === undefined) return fail(`fichier manquant / missing file\n${USAGE}`);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    return fail(`impossible de lire / cannot read ${file}: ${(e as Error).message}`);
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    return fail(`JSON invalide / invalid JSON in ${file}: ${(e as Error).message}`);
  }
  try {
    const out = check
      ? checkVroom(input)
      : solveVroom(input, {
          ...(timeLimitS !== undefined ? { timeLimitMs: timeLimitS * 1000 } : {}),
          ...(seed !== undefined ? { seed } : {}),
        });
    process.stdout.write(JSON.stringify(out) + '\n');
    return 0;
  } catch (e) {
    if (e instanceof InputError) return fail(`entrée invalide / invalid input: ${e.message}`);
    throw e;
  }
}

function fail(message: string): number {
  process.stderr.write(message + '\n');
  return 1;
}
