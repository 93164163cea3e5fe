import { parseArgs } from 'node:util';
import { openDatabase } from '../db/client';
import { ensureDemoData } from '../db/seed/ensure-demo-data';
import type { Config } from '../server/config';

export async function runSeedCommand(argv: string[], config: Config): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { seed: { type: 'string' } } });
  const seed = values.seed === undefined ? config.seed : Number(values.seed);
  if (!Number.isInteger(seed)) {
    process.stderr.write('--seed attend un nombre entier.\n');
    return 2;
  }
  const database = await openDatabase(config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    await database.migrate();
    const seeded = await ensureDemoData(database.db, { seed, log: (m) => process.stdout.write(`${m}\n`) });
    process.stdout.write(seeded ? 'Territoire de démonstration créé.\n' : 'La base contient déjà le territoire de démonstration : rien à faire.\n');
    return 0;
  } finally {
    await database.close();
  }
}
