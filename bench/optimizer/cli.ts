/** Stand-in for `proxidom optimise …` until src/cli/main.ts dispatches to it: npx tsx bench/optimizer/cli.ts FILE.json … */
import { runOptimiseCommand } from '../../src/cli/optimise.js';

process.exitCode = await runOptimiseCommand(process.argv.slice(2));
