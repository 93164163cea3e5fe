/**
 * Import of the national list of declared SAP organisations (CSV): encoding and separator detected, columns
 * mapped by header name, rows validated one by one, batches upserted by SIRET each in its own transaction
 * with the import's progress, so a crash loses no committed batch and a re-run completes the rest (rows
 * already there are "unchanged"). Runs in the background for the web page, in the foreground for the CLI.
 */
import { parse } from 'csv-parse';
import iconv from 'iconv-lite';
import type { Db } from '../../db/client';
import { requireRole, type Actor } from '../../domain/access';
import { DomainError, notFound } from '../../shared/errors';
import {
  countRecords,
  detectDelimiter,
  detectEncoding,
  mapHeaders,
  readRow,
  type CommuneLookup,
  type ImportField,
  type ImportRecord,
} from './import-format';
import * as repo from './import.repo';

export interface ImportReport {
  id: string;
  status: 'running' | 'done' | 'failed';
  fileName?: string;
  totalRows: number | null;
  processedRows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  unknownColumns: string[];
  mappedColumns: Record<string, string>;
  errors: { line: number; reason: string }[];
  warnings: { line: number; reason: string }[];
  failure?: string;
  encoding?: string;
  startedAt: string;
  finishedAt: string | null;
}

/** The first this many rejected rows (and remarks) are kept in the report. */
const REPORT_LIMIT = 1_000;
/** A running import whose progress has not moved for this long was interrupted (its process stopped). */
const STALE_MS = 5 * 60_000;

export interface ImportOptions {
  db: Db;
  batchSize?: number;
  /** Called after each committed batch (tests use it to simulate a crash). */
  afterBatch?: (batchIndex: number) => void | Promise<void>;
  /** Called when organisations changed (the search's caches). */
  onChange?: () => void;
  /** Called once France's communes are in the database (the search's commune names). */
  onCommunesLoaded?: () => void;
  /** When given, milliseconds spent per phase are added to it (the benchmark's profile). */
  phases?: Record<string, number>;
}

function toReport(row: repo.ImportRow, live: boolean): ImportReport {
  const stale = row.status === 'running' && !live && Date.now() - row.updatedAt.getTime() > STALE_MS;
  return {
    id: row.id,
    status: stale ? 'failed' : (row.status as ImportReport['status']),
    ...(row.fileName ? { fileName: row.fileName } : {}),
    totalRows: row.totalRows,
    processedRows: row.processedRows,
    inserted: row.inserted,
    updated: row.updated,
    unchanged: row.unchanged,
    rejected: row.rejected,
    unknownColumns: row.unknownColumns,
    mappedColumns: row.mappedColumns as Record<string, string>,
    errors: row.errors as ImportReport['errors'],
    warnings: row.warnings as ImportReport['warnings'],
    ...(row.failure || stale
      ? {
          failure:
            row.failure ??
            "L'import a été interrompu : relancez-le, les lots déjà enregistrés seront reconnus.",
        }
      : {}),
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/** Bytes → text: UTF-8 (BOM dropped) when valid, else Latin-1 / Windows-1252; line breaks made `\n`. */
export function decodeCsv(bytes: Buffer): { text: string; encoding: 'utf-8' | 'latin1' } {
  const encoding = detectEncoding(bytes);
  const text = encoding === 'utf-8' ? bytes.toString('utf8') : iconv.decode(bytes, 'win1252');
  return { text: text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'), encoding };
}

export function createImportService(options: ImportOptions) {
  const { db } = options;
  const batchSize = options.batchSize ?? 1_000;
  const phases = options.phases;
  /** Runs `work`, adding its wall time to `phase` when phases are measured. */
  async function timed<T>(phase: string, work: () => Promise<T> | T): Promise<T> {
    if (!phases) return work();
    const started = performance.now();
    try {
      return await work();
    } finally {
      phases[phase] = (phases[phase] ?? 0) + performance.now() - started;
    }
  }
  const running = new Map<string, Promise<ImportReport>>();

  async function communeLookup(): Promise<CommuneLookup> {
    await repo.loadFranceCommunes(db);
    const rows = await repo.findCommunesForImport(db);
    const byCode = new Map(rows.map((r) => [r.code, r]));
    const byPostalCode = new Map<string, { code: string; name: string }[]>();
    for (const r of rows)
      for (const pc of r.postalCodes)
        byPostalCode.set(pc, [...(byPostalCode.get(pc) ?? []), { code: r.code, name: r.name }]);
    return { byCode: (code) => byCode.get(code), byPostalCode: (pc) => byPostalCode.get(pc) ?? [] };
  }

  /** Processes the file of an import already recorded; never throws (a failure is written to the import). */
  async function process(
    id: string,
    bytes: Buffer,
    onProgress?: (report: ImportReport) => void,
  ): Promise<ImportReport> {
    const counters = { processedRows: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 };
    const errors: ImportReport['errors'] = [];
    const warnings: ImportReport['warnings'] = [];
    const reject = (line: number, reason: string) => {
      counters.rejected++;
      counters.processedRows++;
      if (errors.length < REPORT_LIMIT) errors.push({ line, reason });
    };
    const remark = (line: number, reason: string) => {
      if (warnings.length < REPORT_LIMIT) warnings.push({ line, reason });
    };
    try {
      const { text, encoding } = decodeCsv(bytes);
      const delimiter = detectDelimiter(text);
      const totalRows = Math.max(0, countRecords(text) - 1);
      const communes = await timed('communes', communeLookup);
      options.onCommunesLoaded?.();
      const parser = parse({
        delimiter,
        info: true,
        raw: true,
        relax_quotes: true,
        relax_column_count: true,
        skip_empty_lines: true,
        skip_records_with_error: true,
        on_skip: (error) => {
          const e = error as { code?: string; lines?: number } | undefined;
          reject(
            e?.lines ?? 0,
            e?.code === 'CSV_QUOTE_NOT_CLOSED'
              ? 'Guillemet jamais fermé : la fin du fichier à partir de cette ligne est illisible.'
              : `Ligne illisible (${e?.code ?? 'format CSV'}).`,
          );
        },
      });
      // Feed the text in slices so that parsing streams (files of tens of megabytes).
      void (async () => {
        for (let i = 0; i < text.length; i += 1 << 20) {
          if (!parser.write(text.slice(i, i + (1 << 20))))
            await new Promise((resolve) => parser.once('drain', resolve));
        }
        parser.end();
      })();

      let columns: Map<number, ImportField> | null = null;
      let batch: { line: number; record: ImportRecord }[] = [];
      let batchIndex = 0;
      let lastProgressAt = 0;
      const seen = new Map<string, number>();
      const flush = async () => {
        if (batch.length === 0) return;
        const records = batch.map((b) => b.record);
        const lineOf = new Map(batch.map((b) => [b.record.siret, b.line]));
        batch = [];
        await timed('transaction', () =>
          db.transaction(async (tx) => {
            const outcome = await timed('upsert', () => repo.upsertBatch(tx, records));
            await timed('search documents', () => repo.refreshSearchDocuments(tx, outcome.written));
            counters.inserted += outcome.inserted;
            counters.updated += outcome.updated;
            counters.unchanged += outcome.unchanged;
            counters.processedRows += records.length;
            for (const siret of outcome.managedHere)
              remark(lineOf.get(siret) ?? 0, 'structure gérée sur la plateforme : sa fiche est conservée');
            await timed('progress', () => repo.updateImport(tx, id, { ...counters, errors, warnings }));
          }),
        );
        options.onChange?.();
        if (onProgress) onProgress(toReport((await repo.findImport(db, id))!, true));
        await options.afterBatch?.(batchIndex++);
      };

      for await (const { record, info, raw } of parser as AsyncIterable<{
        record: string[];
        info: { lines: number };
        raw: string;
      }>) {
        const line = info.lines - (raw.replace(/^\n+/, '').replace(/\n$/, '').match(/\n/g)?.length ?? 0);
        if (columns === null) {
          const mapping = mapHeaders(record);
          await repo.updateImport(db, id, {
            totalRows,
            unknownColumns: mapping.unknown,
            mappedColumns: mapping.mapped,
          });
          if (mapping.missingRequired.length > 0) {
            throw new DomainError(
              'validation',
              `Fichier inutilisable : colonne${mapping.missingRequired.length > 1 ? 's' : ''} introuvable${mapping.missingRequired.length > 1 ? 's' : ''} : ${mapping.missingRequired.join(', ')}. En-têtes lus : ${record.join(' | ').slice(0, 300)} (séparateur « ${delimiter === '\t' ? 'tabulation' : delimiter} », encodage ${encoding}).`,
            );
          }
          columns = mapping.columns;
          continue;
        }
        const cells: Partial<Record<ImportField, string>> = {};
        columns.forEach((field, index) => {
          cells[field] = record[index] ?? '';
        });
        const validating = phases ? performance.now() : 0;
        const result = readRow(cells, communes);
        if (phases) phases.validate = (phases.validate ?? 0) + performance.now() - validating;
        if (!result.ok) {
          reject(line, result.reason);
          continue;
        }
        const first = seen.get(result.record.siret);
        if (first !== undefined) {
          reject(line, `SIRET ${result.record.siret} déjà présent ligne ${first}.`);
          continue;
        }
        seen.set(result.record.siret, line);
        for (const w of result.warnings) remark(line, w);
        batch.push({ line, record: result.record });
        if (batch.length >= batchSize) await flush();
        else if (counters.processedRows - lastProgressAt >= batchSize) {
          // Many refused rows in a row: the page's progress bar moves all the same.
          lastProgressAt = counters.processedRows;
          await repo.updateImport(db, id, { ...counters, errors, warnings });
        }
      }
      if (columns === null) throw new DomainError('validation', 'Fichier vide : aucune ligne d’en-tête.');
      await flush();
      await repo.updateImport(db, id, {
        ...counters,
        errors,
        warnings,
        status: 'done',
        finishedAt: new Date(),
      });
    } catch (error) {
      // The driver's message holds the whole query and its parameters: keep the database's own reason, short.
      const reason = ((error as { cause?: Error }).cause?.message ?? (error as Error).message).slice(0, 300);
      const failure =
        error instanceof DomainError
          ? error.message
          : `L'import s'est arrêté : ${reason}. Les lots déjà enregistrés sont conservés ; relancez l'import pour terminer.`;
      await repo
        .updateImport(db, id, {
          ...counters,
          errors,
          warnings,
          status: 'failed',
          failure,
          finishedAt: new Date(),
        })
        .catch(() => undefined);
    }
    const report = toReport((await repo.findImport(db, id))!, false);
    onProgress?.(report);
    return report;
  }

  return {
    /** Records the import and runs it in the background; the page polls `getImport`. */
    async startImport(actor: Actor | null, bytes: Buffer, fileName: string | null): Promise<{ id: string }> {
      const admin = requireRole(actor, 'territory_admin');
      if (bytes.length === 0)
        throw new DomainError('validation', 'Le fichier est vide.', [
          { field: 'body', message: 'Envoyez le fichier CSV.' },
        ]);
      const row = await repo.insertImport(db, {
        fileName,
        fileBytes: bytes.length,
        actorUserId: admin.userId,
        territoryId: admin.territoryId,
      });
      const job = process(row.id, bytes).finally(() => running.delete(row.id));
      running.set(row.id, job);
      return { id: row.id };
    },

    /** Runs an import to the end (the CLI): same report as the web page's. */
    async runImport(
      bytes: Buffer,
      fileName: string | null,
      onProgress?: (report: ImportReport) => void,
    ): Promise<ImportReport> {
      const row = await repo.insertImport(db, {
        fileName,
        fileBytes: bytes.length,
        actorUserId: null,
        territoryId: null,
      });
      return process(row.id, bytes, onProgress);
    },

    async getImport(actor: Actor | null, id: string): Promise<ImportReport> {
      requireRole(actor, 'territory_admin');
      const row = /^[0-9a-f-]{36}$/i.test(id) ? await repo.findImport(db, id) : undefined;
      if (!row) throw notFound('Import');
      return toReport(row, running.has(id));
    },

    async listImports(actor: Actor | null): Promise<ImportReport[]> {
      requireRole(actor, 'territory_admin');
      return (await repo.findRecentImports(db, 20)).map((row) => ({
        ...toReport(row, running.has(row.id)),
        errors: [],
        warnings: [],
      }));
    },

    /** Resolves when a background import ends (tests, graceful shutdown). */
    async waitForImport(id: string): Promise<void> {
      await running.get(id);
    },
  };
}

export type ImportService = ReturnType<typeof createImportService>;
