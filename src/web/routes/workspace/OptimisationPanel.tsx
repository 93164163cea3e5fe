import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/client';
import { problemOf } from '../../ui/form';
import {
  fractionOf,
  contractHoursOf,
  hoursOf,
  percentOf,
  type OptimisationRun,
  type PlanFigures,
  type ScheduleWorker,
} from '../../ui/schedule-model';
import {
  formatDuration,
  formatHours,
  formatMinutes,
  formatShortDay,
  parisLocal,
} from '../../ui/schedule-time';

export interface OptimisationRequest {
  /** First and last local days (YYYY-MM-DD, Europe/Paris), both included. */
  from: string;
  to: string;
  /** « la semaine du 23 novembre », « lundi 23 novembre ». */
  label: string;
}

const POLL_MS = 500;
/** Statuses of a run (src/features/schedule): running, done, failed, applied, cancelled (keeps the best found). */
const isRunning = (status: string) => status === 'running';

/**
 * An optimisation run: started in the background, followed with a progress bar (polled every 500 ms), then
 * the proposal beside the current plan, to apply in full or ignore.
 */
export function OptimisationPanel({
  request,
  workers,
  visitInfo,
  onApplied,
  onClose,
}: {
  request: OptimisationRequest;
  workers: readonly ScheduleWorker[];
  visitInfo: ReadonlyMap<string, { beneficiaryName: string; startsAt: string }>;
  onApplied(result: { changedVisits: number | unknown[]; batchId: string }): void;
  onClose(): void;
}) {
  const [runId, setRunId] = useState<string | null>(null);
  const [run, setRun] = useState<OptimisationRun | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isApplying, setIsApplying] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    let isCurrent = true;
    api<{ id: string }>('/api/schedule/optimisations', {
      method: 'POST',
      body: { from: request.from, to: request.to },
    })
      .then((answer) => isCurrent && setRunId(answer.id))
      .catch((failure: unknown) => isCurrent && setError(problemOf(failure).message));
    return () => {
      isCurrent = false;
    };
  }, [request.from, request.to]);

  useEffect(() => {
    if (!runId) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let isCurrent = true;
    const poll = async () => {
      try {
        const next = await api<OptimisationRun>(`/api/schedule/optimisations/${runId}`);
        if (!isCurrent) return;
        setRun(next);
        if (next.status === 'failed')
          setError(next.error ?? next.message ?? 'L’optimisation n’a pas abouti.');
        else if (next.status === 'cancelled' && !next.proposal)
          setError('Optimisation arrêtée avant d’avoir trouvé une proposition.');
        else if (isRunning(next.status)) timer = setTimeout(poll, POLL_MS);
      } catch (failure) {
        if (isCurrent) setError(problemOf(failure).message);
      }
    };
    timer = setTimeout(poll, POLL_MS);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [runId]);

  const proposal = run?.proposal && !isRunning(run.status) ? run.proposal : null;
  const [isStopping, setIsStopping] = useState(false);
  useEffect(() => {
    if (proposal) headingRef.current?.focus();
  }, [proposal]);

  /** Stops the search: the run keeps the best proposal found so far, shown when the next poll sees it. */
  const stop = async () => {
    if (!runId) return onClose();
    setIsStopping(true);
    await api(`/api/schedule/optimisations/${runId}/cancel`, { method: 'POST' }).catch(() => undefined);
  };

  const apply = async () => {
    if (!runId) return;
    setIsApplying(true);
    try {
      const result = await api<{ changedVisits: number | unknown[]; batchId: string }>(
        `/api/schedule/optimisations/${runId}/apply`,
        { method: 'POST' },
      );
      onApplied(result);
    } catch (failure) {
      setError(problemOf(failure).message);
    } finally {
      setIsApplying(false);
    }
  };

  const progress = fractionOf(run?.progress ?? 0);
  return (
    <section className="panel optimisation-panel" aria-labelledby="optimisation-title">
      <h2 id="optimisation-title" ref={headingRef} tabIndex={-1}>
        {proposal ? `Proposition pour ${request.label}` : `Optimisation de ${request.label}`}
      </h2>
      {error && (
        <div className="alert alert-error" role="alert">
          <p>{error}</p>
        </div>
      )}
      {!proposal && !error && (
        <>
          <label htmlFor="optimisation-progress">
            Recherche du meilleur planning… {Math.round(progress * 100)} %
          </label>
          <progress id="optimisation-progress" max={100} value={Math.round(progress * 100)} />
          <p className="hint">
            Les visites verrouillées restent à leur place. Vous pouvez continuer à consulter le planning.
          </p>
          <button type="button" className="button button-secondary" onClick={stop} disabled={isStopping}>
            {isStopping ? 'Arrêt en cours…' : 'Arrêter l’optimisation'}
          </button>
        </>
      )}
      {proposal && (
        <>
          <Comparison current={run?.current ?? null} proposal={proposal} workers={workers} />
          {(proposal.unassigned?.length ?? 0) > 0 && (
            <>
              <h3>Visites que la proposition laisse sans intervenant·e</h3>
              <ul>
                {proposal.unassigned!.map((u) => {
                  const info = visitInfo.get(u.visitId);
                  const local = info ? parisLocal(info.startsAt) : null;
                  return (
                    <li key={u.visitId}>
                      {info
                        ? `${info.beneficiaryName}, ${formatShortDay(local!.localDate)} à ${formatMinutes(local!.minuteOfDay)}`
                        : 'Visite'}{' '}
                      — {u.reason}
                    </li>
                  );
                })}
              </ul>
            </>
          )}
          <div className="button-row">
            <button type="button" className="button" onClick={apply} disabled={isApplying}>
              Appliquer la proposition
            </button>
            <button type="button" className="button button-secondary" onClick={onClose}>
              Ignorer
            </button>
          </div>
        </>
      )}
      {error && (
        <button type="button" className="button button-secondary" onClick={onClose}>
          Fermer
        </button>
      )}
    </section>
  );
}

function Comparison({
  current,
  proposal,
  workers,
}: {
  current: PlanFigures | null;
  proposal: PlanFigures;
  workers: readonly ScheduleWorker[];
}) {
  const km = (v: number | undefined) =>
    v === undefined ? '—' : `${v.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} km`;
  const rows: [string, string, string][] = [
    ['Distance parcourue', km(current?.travelKm), km(proposal.travelKm)],
    [
      'Temps de trajet',
      current ? formatDuration(current.travelMinutes) : '—',
      formatDuration(proposal.travelMinutes),
    ],
    [
      'Visites non affectées',
      current ? String(current.unassignedVisits) : '—',
      String(proposal.unassignedVisits),
    ],
    [
      'Continuité (même intervenant·e qu’habituellement)',
      current ? `${Math.round(percentOf(current.continuityRate))} %` : '—',
      `${Math.round(percentOf(proposal.continuityRate))} %`,
    ],
  ];
  const currentHours = hoursOf(current);
  const proposedHours = hoursOf(proposal);
  const contractHours = contractHoursOf(proposal);
  const shownWorkers = workers.filter((w) => currentHours.has(w.id) || proposedHours.has(w.id));
  return (
    <>
      <table className="comparison-table">
        <caption>Plan actuel et proposition</caption>
        <thead>
          <tr>
            <th scope="col">Indicateur</th>
            <th scope="col">Plan actuel</th>
            <th scope="col">Proposition</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([label, a, b]) => (
            <tr key={label}>
              <th scope="row">{label}</th>
              <td>{a}</td>
              <td>{b}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {shownWorkers.length > 0 && (
        <details className="comparison-hours">
          <summary>Heures de la semaine par intervenant·e au regard du contrat ({shownWorkers.length})</summary>
          <div className="table-scroll">
            <table>
              <caption className="visually-hidden">Heures par intervenant·e</caption>
              <thead>
                <tr>
                  <th scope="col">Intervenant·e</th>
                  <th scope="col">Contrat</th>
                  <th scope="col">Plan actuel</th>
                  <th scope="col">Proposition</th>
                </tr>
              </thead>
              <tbody>
                {shownWorkers.map((w) => {
                  const proposed = proposedHours.get(w.id) ?? 0;
                  const contract = contractHours.get(w.id) ?? w.contractHoursPerWeek;
                  return (
                    <tr key={w.id}>
                      <th scope="row">{w.name}</th>
                      <td>{formatHours(contract)}</td>
                      <td>{formatHours(currentHours.get(w.id) ?? 0)}</td>
                      <td>
                        {formatHours(proposed)}
                        {proposed > contract ? ' (au-delà du contrat)' : ''}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </details>
      )}
    </>
  );
}
