import { loadConfig } from '../server/config';

const usage = `Usage : proxidom <commande> [options]

Commandes :
  serve                                    démarre le serveur (comme npm start, sans construire l'application web)
  seed [--seed N]                          crée le territoire de démonstration s'il n'existe pas
  import organisations FICHIER.csv         importe la liste des organismes de services à la personne
  optimise FICHIER.json [--time-limit S] [--seed N] [--check]
                                           optimise un problème au format VROOM et écrit la solution
  help                                     cette aide
`;

/** Entry point of the `proxidom` command; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve': {
      const { startServer } = await import('../server/main');
      await startServer();
      return 0;
    }
    case 'seed': {
      const { runSeedCommand } = await import('./seed');
      return runSeedCommand(rest, loadConfig());
    }
    case 'import': {
      const { runImportCommand } = await import('./import');
      return runImportCommand(rest, loadConfig());
    }
    case 'optimise':
    case 'optimize': {
      const { runOptimiseCommand } = await import('./optimise');
      return runOptimiseCommand(rest);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(usage);
      return command === undefined ? 1 : 0;
    default:
      process.stderr.write(`Commande inconnue : ${command}\n\n${usage}`);
      return 2;
  }
}
