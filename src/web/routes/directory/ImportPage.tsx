import { useCallback, useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import { Link } from 'react-router';
import { ApiError, api } from '../../api/client';
import { useSession } from '../../app/session';
import { FileDrop } from '../../ui/FileDrop';
import { problemOf, usePageTitle } from '../../ui/form';
import { PageHeader } from '../../ui/Layout';
import type { ImportReport } from './directory-api';

/** How often a running import is asked for its progress. */
const POLL_MS = 500;
const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** Sends a file as the raw body (the api() client sends JSON), with the session's CSRF token. */
async function uploadCsv(path: string, file: File, csrfToken: string | undefined): Promise<{ id: string }> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: 'POST',
      credentials: 'same-origin',
      headers: {
        accept: 'application/json',
        'content-type': 'text/csv',
        'x-file-name': encodeURIComponent(file.name),
        ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
      },
      body: file,
    });
  } catch {
    throw new ApiError(0, 'Connexion impossible : vérifiez votre réseau puis réessayez.');
  }
  const text = await response.text();
  let data: unknown;
  try {
    data = text ? JSON.parse(text) : undefined;
  } catch {
    data = undefined;
  }
  if (!response.ok) {
    const problem = (data ?? {}) as {
      detail?: string;
      errors?: { field: string; message: string }[];
      code?: string;
    };
    throw new ApiError(
      response.status,
      problem.detail ?? 'L’envoi du fichier a échoué. Réessayez.',
      problem.errors ?? [],
      problem.code,
    );
  }
  return data as { id: string };
}

const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString('fr-FR')} ${count > 1 ? many : one}`;

function formatDateTime(iso: string | undefined | null): string {
  if (!iso) return '—';
  const date = new Date(iso);
  return Number.isNaN(date.getTime())
    ? iso
    : date.toLocaleString('fr-FR', { dateStyle: 'short', timeStyle: 'short' });
}

function statusLabel(status: ImportReport['status']): string {
  return status === 'running' ? 'En cours' : status === 'done' ? 'Terminé' : 'Échoué';
}

function columnsOf(mapped: ImportReport['mappedColumns']): string[] {
  if (Array.isArray(mapped)) return mapped;
  return Object.entries(mapped ?? {}).map(([column, field]) =>
    column === field ? column : `${column} → ${field}`,
  );
}

export function ImportPage() {
  usePageTitle('Import des structures');
  const { me } = useSession();
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [isSending, setIsSending] = useState(false);
  const [history, setHistory] = useState<ImportReport[] | null>(null);
  const reportHeading = useRef<HTMLHeadingElement>(null);

  const loadHistory = useCallback(() => {
    api<ImportReport[] | { items: ImportReport[] }>('/api/territory/imports')
      .then((answer) => setHistory(Array.isArray(answer) ? answer : answer.items))
      .catch(() => setHistory([]));
  }, []);
  useEffect(loadHistory, [loadHistory]);

  // Follows a running import until it ends.
  const runningId = report?.status === 'running' ? report.id : null;
  useEffect(() => {
    if (!runningId) return;
    let isCurrent = true;
    const timer = setInterval(() => {
      api<ImportReport>(`/api/territory/imports/${encodeURIComponent(runningId)}`)
        .then((next) => {
          if (!isCurrent) return;
          setReport({ ...next, id: next.id ?? runningId });
          if (next.status !== 'running') loadHistory();
        })
        .catch((failure: unknown) => isCurrent && setError(problemOf(failure).message));
    }, POLL_MS);
    return () => {
      isCurrent = false;
      clearInterval(timer);
    };
  }, [runningId, loadHistory]);

  const isFinished = report !== null && report.status !== 'running';
  useEffect(() => {
    if (isFinished) reportHeading.current?.focus();
  }, [isFinished]);

  const chooseFile = (next: File | null) => {
    setFile(next);
    setError(null);
    if (next && !/\.(csv|txt)$/i.test(next.name) && next.type !== 'text/csv')
      setFileError('Choisissez un fichier CSV (extension .csv).');
    else if (next && next.size > MAX_FILE_BYTES)
      setFileError('Le fichier dépasse 20 Mo : découpez-le en plusieurs fichiers.');
    else setFileError(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) {
      setFileError('Choisissez d’abord le fichier CSV des structures.');
      return;
    }
    if (fileError) return;
    setIsSending(true);
    setError(null);
    try {
      const { id } = await uploadCsv('/api/territory/imports', file, me?.csrfToken);
      setReport({
        id,
        status: 'running',
        totalRows: null,
        processedRows: 0,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        rejected: 0,
        unknownColumns: [],
        mappedColumns: [],
        errors: [],
        fileName: file.name,
      });
    } catch (failure) {
      setError(problemOf(failure).message);
    } finally {
      setIsSending(false);
    }
  };

  const isRunning = report?.status === 'running';
  return (
    <>
      <PageHeader title="Import des structures">
        <p className="lead">
          Ajoutez ou mettez à jour les structures du territoire à partir d’un fichier CSV (par exemple
          l’export NOVA de la DDETS).
        </p>
      </PageHeader>

      <section aria-labelledby="upload" className="panel">
        <h2 id="upload">Envoyer un fichier</h2>
        <p>
          Une ligne par structure, séparateur point-virgule ou virgule, encodage UTF-8 ou Windows-1252. Les
          structures déjà connues (même SIRET) sont mises à jour ; les lignes en erreur sont écartées et
          listées dans le rapport, les autres sont importées.
        </p>
        {error && (
          <p className="alert alert-error" role="alert">
            {error}
          </p>
        )}
        <form onSubmit={submit} noValidate>
          <FileDrop
            label="Fichier CSV des structures"
            hint="Colonnes attendues : siret, raison sociale, forme juridique, adresse, code postal, commune, téléphone, e-mail, activités, modes…"
            accept=".csv,text/csv"
            file={file}
            onFile={chooseFile}
            isDisabled={isRunning || isSending}
            error={fileError}
          />
          <button type="submit" className="button" disabled={isRunning || isSending}>
            {isSending ? 'Envoi…' : 'Importer le fichier'}
          </button>
        </form>
      </section>

      {report && <ImportProgress report={report} headingRef={reportHeading} />}

      <section aria-labelledby="history">
        <h2 id="history">Imports précédents</h2>
        {history === null ? (
          <p>Chargement…</p>
        ) : history.length === 0 ? (
          <p>Aucun import pour le moment.</p>
        ) : (
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">Imports précédents, du plus récent au plus ancien</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Fichier</th>
                  <th scope="col">État</th>
                  <th scope="col">Ajoutées</th>
                  <th scope="col">Mises à jour</th>
                  <th scope="col">Inchangées</th>
                  <th scope="col">Rejetées</th>
                  <th scope="col">Rapport</th>
                </tr>
              </thead>
              <tbody>
                {history.map((item) => (
                  <tr key={item.id}>
                    <td>{formatDateTime(item.finishedAt ?? item.startedAt ?? item.createdAt)}</td>
                    <td>{item.fileName ?? '—'}</td>
                    <td>{statusLabel(item.status)}</td>
                    <td>{item.inserted}</td>
                    <td>{item.updated}</td>
                    <td>{item.unchanged}</td>
                    <td>{item.rejected}</td>
                    <td>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() =>
                          api<ImportReport>(`/api/territory/imports/${encodeURIComponent(item.id)}`)
                            .then((full) => setReport({ ...full, id: full.id ?? item.id }))
                            .catch((failure: unknown) => setError(problemOf(failure).message))
                        }
                      >
                        Voir le rapport
                        <span className="visually-hidden">
                          {' '}
                          de l’import du {formatDateTime(item.finishedAt ?? item.startedAt ?? item.createdAt)}
                        </span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function ImportProgress({
  report,
  headingRef,
}: {
  report: ImportReport;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const isRunning = report.status === 'running';
  const total = report.totalRows;
  const processed = isRunning ? report.processedRows : (total ?? report.processedRows);
  const percent = total ? Math.round((processed / Math.max(total, 1)) * 100) : null;
  const unknown = report.unknownColumns ?? [];
  const mapped = columnsOf(report.mappedColumns);
  return (
    <section aria-labelledby="report" className="panel import-report">
      <h2 id="report" ref={headingRef} tabIndex={-1}>
        {isRunning ? 'Import en cours' : 'Rapport d’import'}
        {report.fileName ? ` — ${report.fileName}` : ''}
      </h2>
      <div className="field">
        <label htmlFor="import-progress">Avancement</label>
        <progress
          id="import-progress"
          max={total ?? undefined}
          value={total ? processed : isRunning ? undefined : 1}
          aria-valuetext={
            total
              ? `${processed} lignes traitées sur ${total} (${percent} %)`
              : isRunning
                ? 'Lecture du fichier…'
                : 'Terminé'
          }
        />
        <p className="hint" aria-hidden="true">
          {total
            ? `${processed.toLocaleString('fr-FR')} / ${total.toLocaleString('fr-FR')} lignes (${percent} %)`
            : isRunning
              ? 'Lecture du fichier…'
              : ''}
        </p>
      </div>
      <div role="status" aria-live="polite">
        {report.status === 'done' && (
          <p className="alert alert-success">
            Import terminé : {plural(report.inserted, 'structure ajoutée', 'structures ajoutées')},{' '}
            {plural(report.updated, 'mise à jour', 'mises à jour')},{' '}
            {plural(report.unchanged, 'inchangée', 'inchangées')},{' '}
            {plural(report.rejected, 'ligne rejetée', 'lignes rejetées')}.
          </p>
        )}
        {report.status === 'failed' && (
          <p className="alert alert-error">
            L’import a échoué{report.failure ? ` : ${report.failure}` : ''}. Aucune ligne n’a été enregistrée
            ; corrigez le fichier puis réessayez.
          </p>
        )}
      </div>
      {!isRunning && (
        <>
          <dl className="import-counts">
            <div>
              <dt>Ajoutées</dt>
              <dd>{report.inserted}</dd>
            </div>
            <div>
              <dt>Mises à jour</dt>
              <dd>{report.updated}</dd>
            </div>
            <div>
              <dt>Inchangées</dt>
              <dd>{report.unchanged}</dd>
            </div>
            <div>
              <dt>Rejetées</dt>
              <dd>{report.rejected}</dd>
            </div>
          </dl>
          {unknown.length > 0 && (
            <div className="alert alert-info">
              <p>
                {plural(
                  unknown.length,
                  'colonne inconnue a été ignorée',
                  'colonnes inconnues ont été ignorées',
                )}{' '}
                : {unknown.join(', ')}.
              </p>
            </div>
          )}
          {mapped.length > 0 && (
            <details>
              <summary>Colonnes reconnues ({mapped.length})</summary>
              <ul className="plain-list">
                {mapped.map((column) => (
                  <li key={column}>{column}</li>
                ))}
              </ul>
            </details>
          )}
          <h3 id="bad-rows">Lignes rejetées</h3>
          {report.errors.length === 0 ? (
            <p>Aucune ligne rejetée.</p>
          ) : (
            <div className="table-scroll">
              <table aria-labelledby="bad-rows">
                <thead>
                  <tr>
                    <th scope="col">Ligne</th>
                    <th scope="col">Motif</th>
                  </tr>
                </thead>
                <tbody>
                  {report.errors.map((row, i) => (
                    <tr key={`${row.line}-${i}`}>
                      <td>{row.line}</td>
                      <td>{row.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {(report.warnings ?? []).length > 0 && (
            <details>
              <summary>Remarques sur des lignes importées ({report.warnings!.length})</summary>
              <div className="table-scroll">
                <table>
                  <caption className="visually-hidden">Lignes importées avec une remarque</caption>
                  <thead>
                    <tr>
                      <th scope="col">Ligne</th>
                      <th scope="col">Remarque</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.warnings!.map((row, i) => (
                      <tr key={`${row.line}-${i}`}>
                        <td>{row.line}</td>
                        <td>{row.reason}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
          )}
          {report.inserted + report.updated > 0 && (
            <p>
              <Link to="/annuaire?sort=name">Voir les structures dans l’annuaire</Link>
            </p>
          )}
        </>
      )}
    </section>
  );
}
