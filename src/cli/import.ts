import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../db/client';
import { createImportService, type ImportReport } from '../features/directory/import.service';
import type { Config } from '../server/config';

const usage = `Usage : proxidom import organisations FICHIER.csv [--json] [--batch-size N]

Importe la liste nationale des organismes de services à la personne (format : docs/import-format.md).
Les lignes refusées sont listées avec leur numéro ; les autres sont enregistrées par lots.
Code de sortie : 0 quand l'import s'est terminé (même avec des lignes refusées), 2 si le fichier est inutilisable.
`;

const fmt = (n: number) => n.toLocaleString('fr-FR');

/** `proxidom import organisations FILE.csv`: runs the import in the foreground and prints its report. */
export async function runImportCommand(argv: string[], config: Config): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      'batch-size': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [what, file] = positionals;
  if (values.help || what !== 'organisations' || !file) {
    (values.help ? process.stdout : process.stderr).write(usage);
    return values.help ? 0 : 2;
  }
  let bytes: Buffer;
  try {
    if (!statSync(file).isFile()) throw new Error('pas un fichier');
    bytes = readFileSync(file);
  } catch (error) {
    process.stderr.write(`Impossible de lire ${file} : ${(error as Error).message}\n`);
    return 2;
  }
  const batchSize = values['batch-size'] === undefined ? undefined : Number(values['batch-size']);
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0)) {
    process.stderr.write('--batch-size attend un entier positif.\n');
    return 2;
  }

  const database = await openDatabase(
    config.databaseUrl ? { url: config.databaseUrl } : { dataDir: config.dataDir },
  );
  try {
    await database.migrate();
    const imports = createImportService({ db: database.db, batchSize });
    const startedAt = performance.now();
    let lastPrinted = 0;
    const report = await imports.runImport(bytes, basename(file), (progress) => {
      if (progress.status !== 'running' || performance.now() - lastPrinted < 500) return;
      lastPrinted = performance.now();
      const total = progress.totalRows === null ? '' : ` / ${fmt(progress.totalRows)}`;
      process.stderr.write(
        `… ${fmt(progress.processedRows)}${total} lignes (${fmt(progress.inserted)} créées, ${fmt(progress.updated)} modifiées, ${fmt(progress.unchanged)} inchangées, ${fmt(progress.rejected)} refusées)\n`,
      );
    });
    const seconds = (performance.now() - startedAt) / 1000;
    if (values.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    else printReport(report, seconds);
    return report.status === 'done' ? 0 : 2;
  } finally {
    await database.close();
  }
}

function printReport(report: ImportReport, seconds: number): void {
  const out = (line = '') => process.stdout.write(`${line}\n`);
  out(`Import ${report.id} : ${report.status === 'done' ? 'terminé' : 'échoué'} en ${seconds.toFixed(1)} s.`);
  if (report.failure) out(report.failure);
  out(
    `Lignes : ${fmt(report.processedRows)}${report.totalRows === null ? '' : ` sur ${fmt(report.totalRows)}`} — ${fmt(report.inserted)} créées, ${fmt(report.updated)} modifiées, ${fmt(report.unchanged)} inchangées, ${fmt(report.rejected)} refusées.`,
  );
  out(
    `Colonnes reconnues : ${
      Object.entries(report.mappedColumns)
        .map(([h, f]) => `${h} → ${f}`)
        .join(', ') || 'aucune'
    }`,
  );
  if (report.unknownColumns.length > 0)
    out(`Colonnes inconnues (ignorées) : ${report.unknownColumns.join(', ')}`);
  if (report.errors.length > 0) {
    out('Lignes refusées :');
    for (const e of report.errors.slice(0, 50)) out(`  ligne ${e.line} : ${e.reason}`);
    if (report.rejected > 50)
      out(
        `  … et ${fmt(report.rejected - 50)} autres (--json pour la liste complète des ${fmt(Math.min(report.rejected, 1000))} premières).`,
      );
  }
  if (report.warnings.length > 0) {
    out(`Remarques (${fmt(report.warnings.length)}${report.warnings.length >= 1000 ? '+' : ''}) :`);
    for (const w of report.warnings.slice(0, 20)) out(`  ligne ${w.line} : ${w.reason}`);
  }
}
