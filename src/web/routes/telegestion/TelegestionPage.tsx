import { useCallback, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { ErrorSummary, problemOf, usePageTitle, type FormProblem } from '../../ui/form';
import { PageHeader } from '../../ui/Layout';
import { parisInstant, parisToday, parseMinutes } from '../../ui/schedule-time';
import { formatHours, formatTime, type OverviewRow } from './telegestion-api';

interface DayOverview {
  date: string;
  totals: { visits: number; plannedMinutes: number; actualMinutes: number; anomalies: number };
  items: OverviewRow[];
}

const STATE_LABELS: Record<OverviewRow['state'], string> = {
  upcoming: 'À venir',
  in_progress: 'En cours',
  complete: 'Réalisée',
  missed: 'Non pointée',
  cancelled: 'Annulée',
};

function badgeOf(status: OverviewRow['validationStatus']): string {
  return status === 'anomaly' ? 'badge badge-danger' : status === 'pending' ? 'badge' : 'badge badge-ok';
}

/** One anomaly to handle: validate as pointed (optional reason) or correct the times (reason required). */
function AnomalyItem({ row, onDone }: { row: OverviewRow; onDone(): void }) {
  const [reason, setReason] = useState('');
  const [isCorrecting, setIsCorrecting] = useState(false);
  const [start, setStart] = useState(row.actualStartAt ? formatTime(row.actualStartAt) : formatTime(row.plannedStartAt));
  const [end, setEnd] = useState(row.actualEndAt ? formatTime(row.actualEndAt) : formatTime(row.plannedEndAt));
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const id = row.visitId;
  const validate = async () => {
    try {
      await api(`/api/telegestion/anomalies/${id}/validate`, { method: 'POST', body: reason.trim() ? { reason } : {} });
      onDone();
    } catch (e) {
      setProblem(problemOf(e));
    }
  };
  const correct = async () => {
    const s = parseMinutes(start);
    const e = parseMinutes(end);
    if (s === null || e === null) {
      setProblem({ message: 'Indiquez les heures au format HH:MM.', fields: [] });
      return;
    }
    try {
      await api(`/api/telegestion/anomalies/${id}/correct`, { method: 'POST', body: { actualStart: parisInstant(row.localDate, s), actualEnd: parisInstant(row.localDate, e), reason } });
      onDone();
    } catch (err) {
      setProblem(problemOf(err));
    }
  };
  return (
    <li className="card" aria-labelledby={`anomaly-${id}`}>
      <h3 id={`anomaly-${id}`} className="card-title">
        {row.localDate.split('-').reverse().join('/')} · {formatTime(row.plannedStartAt)} · {row.beneficiaryName} · {row.workerName ?? 'sans intervenant·e'}
      </h3>
      <p>
        {row.anomalies.map((a) => (
          <span key={a.code} className="badge badge-danger">
            {a.label}
          </span>
        ))}
      </p>
      <p>
        Prévu {formatTime(row.plannedStartAt)}–{formatTime(row.plannedEndAt)} ({formatHours(row.plannedMin)}) · pointé {formatTime(row.actualStartAt)}–{formatTime(row.actualEndAt)}
        {row.actualMin !== null ? ` (${formatHours(row.actualMin)})` : ''}
      </p>
      <ErrorSummary problem={problem} labels={{ reason: 'Motif', actualStart: 'Arrivée', actualEnd: 'Départ' }} />
      <div className="field">
        <label htmlFor={`field-reason-${id}`}>Motif (visible par l’intervenant·e)</label>
        <input id={`field-reason-${id}`} value={reason} onChange={(e) => setReason(e.target.value)} maxLength={500} />
      </div>
      {isCorrecting && (
        <div className="form-grid">
          <div className="field">
            <label htmlFor={`field-start-${id}`}>Arrivée réelle</label>
            <input id={`field-start-${id}`} className="input-short" value={start} onChange={(e) => setStart(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`field-end-${id}`}>Départ réel</label>
            <input id={`field-end-${id}`} className="input-short" value={end} onChange={(e) => setEnd(e.target.value)} />
          </div>
        </div>
      )}
      <div className="button-row">
        <button type="button" className="button" onClick={() => void validate()}>
          Valider
        </button>
        {isCorrecting ? (
          <button type="button" className="button button-secondary" onClick={() => void correct()}>
            Enregistrer la correction
          </button>
        ) : (
          <button type="button" className="button button-secondary" onClick={() => setIsCorrecting(true)}>
            Corriger les heures
          </button>
        )}
      </div>
    </li>
  );
}

/** Coordinator: planned against actual for a day, the anomaly queue, and the month's exports. */
export function TelegestionPage() {
  usePageTitle('Télégestion');
  const [date, setDate] = useState(parisToday());
  const [month, setMonth] = useState(parisToday().slice(0, 7));
  const [overview, setOverview] = useState<DayOverview | null>(null);
  const [queue, setQueue] = useState<OverviewRow[] | null>(null);
  const [queueTotal, setQueueTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(async () => {
    try {
      const [day, anomalies] = await Promise.all([api<DayOverview>(`/api/telegestion/planned-vs-actual?date=${date}`), api<{ total: number; items: OverviewRow[] }>('/api/telegestion/anomalies?status=pending&limit=50')]);
      setOverview(day);
      setQueue(anomalies.items);
      setQueueTotal(anomalies.total);
      setError(null);
    } catch (e) {
      setError(problemOf(e).message);
    }
  }, [date]);

  useEffect(() => {
    void load();
  }, [load]);

  return (
    <>
      <PageHeader title="Télégestion">
        <p className="lead">Le prévu et le réalisé de chaque journée, et les anomalies de pointage à valider ou corriger avec un motif.</p>
      </PageHeader>
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
      {notice && (
        <p className="alert alert-success" role="status">
          {notice}
        </p>
      )}
      <section aria-labelledby="queue-title">
        <h2 id="queue-title">Anomalies à traiter {queue ? `(${queueTotal})` : ''}</h2>
        {queue && queueTotal > queue.length && <p>Les {queue.length} plus récentes sont affichées ; les suivantes apparaissent à mesure que vous traitez celles-ci.</p>}
        {queue && queue.length === 0 && <p>Aucune anomalie à traiter sur les 31 derniers jours.</p>}
        <ul className="card-list bare-list">
          {queue?.map((row) => (
            <AnomalyItem
              key={row.visitId}
              row={row}
              onDone={() => {
                setNotice('Intervention traitée.');
                void load();
              }}
            />
          ))}
        </ul>
      </section>
      <section aria-labelledby="day-title">
        <h2 id="day-title">Prévu et réalisé</h2>
        <div className="field">
          <label htmlFor="field-date">Journée</label>
          <input id="field-date" type="date" value={date} onChange={(e) => e.target.value && setDate(e.target.value)} />
        </div>
        {overview && (
          <p>
            {overview.totals.visits} interventions · prévu {formatHours(overview.totals.plannedMinutes)} · pointé {formatHours(overview.totals.actualMinutes)} · {overview.totals.anomalies} anomalie(s)
          </p>
        )}
        <div className="table-scroll">
          <table>
            <caption className="visually-hidden">Interventions de la journée, prévu et réalisé</caption>
            <thead>
              <tr>
                <th scope="col">Prévu</th>
                <th scope="col">Bénéficiaire</th>
                <th scope="col">Intervenant·e</th>
                <th scope="col">Pointé</th>
                <th scope="col">Écart au début</th>
                <th scope="col">État</th>
                <th scope="col">Validation</th>
              </tr>
            </thead>
            <tbody>
              {overview?.items.map((row) => (
                <tr key={row.visitId}>
                  <td>
                    {formatTime(row.plannedStartAt)}–{formatTime(row.plannedEndAt)}
                  </td>
                  <td>
                    <Link to={`/structure/beneficiaires/${row.beneficiaryId}/releve`}>{row.beneficiaryName}</Link>
                  </td>
                  <td>{row.workerName ?? '—'}</td>
                  <td>
                    {formatTime(row.actualStartAt)}–{formatTime(row.actualEndAt)}
                    {row.actualMin !== null ? ` (${formatHours(row.actualMin)})` : ''}
                  </td>
                  <td>{row.startDelayMin === null ? '—' : `${row.startDelayMin > 0 ? '+' : ''}${row.startDelayMin} min`}</td>
                  <td>{STATE_LABELS[row.state]}</td>
                  <td>
                    <span className={badgeOf(row.validationStatus)}>{row.validationLabel}</span>
                    {row.anomalies.length > 0 ? ` ${row.anomalies.map((a) => a.label).join(', ')}` : ''}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="exports-title">
        <h2 id="exports-title">Exports du mois</h2>
        <div className="field">
          <label htmlFor="field-month">Mois</label>
          <input id="field-month" type="month" value={month} onChange={(e) => e.target.value && setMonth(e.target.value)} />
        </div>
        <ul>
          <li>
            <a href={`/api/exports/departement.csv?month=${month}&departement=45`}>Interventions APA/PCH réalisées pour le département du Loiret (CSV, format inspiré d’ESPPADOM)</a>
          </li>
          <li>
            <a href={`/api/exports/payroll.csv?month=${month}`}>Préparation de la paie : heures, trajets et kilomètres par intervenant·e (CSV)</a>
          </li>
        </ul>
      </section>
    </>
  );
}
