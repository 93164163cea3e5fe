import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { ErrorSummary, problemOf, TextField, useDraft, type FormProblem } from '../../ui/form';
import {
  formatMinutes,
  mondayOf,
  formatShortDay,
  parisInstant,
  parisLocal,
  parisToday,
  parseMinutes,
} from '../../ui/schedule-time';
import { ABSENCE_KIND_OPTIONS, type RepairResult } from './workspace-api';

const labels = {
  fromDate: 'Absent·e à partir du',
  fromTime: 'À partir de (heure)',
  toDate: 'Jusqu’au',
  toTime: 'Jusqu’à (heure)',
  kind: 'Motif',
  from: 'Début',
  to: 'Fin',
};

export interface VisitInfo {
  beneficiaryName: string;
  startsAt: string;
}

/**
 * « Déclarer une absence »: the absence is recorded and the affected visits are reassigned at once with as
 * few changes as possible; each change is listed, and can be undone as one batch.
 */
export function AbsenceForm({
  workerId,
  workerName,
  workerNames,
  visitInfo,
  onRepaired,
  defaultDate,
}: {
  workerId: string;
  workerName: string;
  workerNames: ReadonlyMap<string, string>;
  /** Who and when each visit is, to write the changes plainly (from the board or the worker's visits). */
  visitInfo?: ReadonlyMap<string, VisitInfo>;
  onRepaired?(result: RepairResult | null): void;
  defaultDate?: string;
}) {
  const today = defaultDate ?? parisToday();
  const initial = { fromDate: today, fromTime: '08:00', toDate: today, toTime: '20:00', kind: 'maladie' };
  const [draft, update, clear] = useDraft(`absence-${workerId}`, initial);
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [result, setResult] = useState<RepairResult | null>(null);
  const [isSending, setIsSending] = useState(false);
  const [undone, setUndone] = useState<string | null>(null);
  const [loadedInfo, setLoadedInfo] = useState<ReadonlyMap<string, VisitInfo> | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const fromMin = parseMinutes(draft.fromTime);
    const toMin = parseMinutes(draft.toTime);
    const fields = [
      ...(draft.fromDate ? [] : [{ field: 'fromDate', message: 'Indiquez le jour du début de l’absence.' }]),
      ...(fromMin === null ? [{ field: 'fromTime', message: 'Indiquez l’heure au format 08:00.' }] : []),
      ...(draft.toDate ? [] : [{ field: 'toDate', message: 'Indiquez le jour de la fin de l’absence.' }]),
      ...(toMin === null ? [{ field: 'toTime', message: 'Indiquez l’heure au format 20:00.' }] : []),
    ];
    if (!fields.length && `${draft.toDate} ${draft.toTime}` <= `${draft.fromDate} ${draft.fromTime}`)
      fields.push({ field: 'toDate', message: 'La fin doit être après le début.' });
    if (fields.length) {
      setProblem({ message: 'L’absence n’a pas été enregistrée : corrigez les champs indiqués.', fields });
      return;
    }
    setIsSending(true);
    setUndone(null);
    try {
      const answer = await api<RepairResult>(`/api/workers/${workerId}/absences`, {
        method: 'POST',
        body: {
          from: parisInstant(draft.fromDate, fromMin!),
          to: parisInstant(draft.toDate, toMin!),
          kind: draft.kind,
        },
      });
      setProblem(null);
      if (!visitInfo && answer.reassignedVisits.length + answer.unassignedVisits.length > 0) {
        // Outside the board: read the week of the absence once, to name the people whose visit moved.
        const week = await api<{ visits: { id: string; beneficiaryName: string; startsAt: string }[] }>(
          `/api/schedule/week?start=${mondayOf(draft.fromDate)}`,
        ).catch(() => null);
        if (week)
          setLoadedInfo(
            new Map(
              week.visits.map((v) => [v.id, { beneficiaryName: v.beneficiaryName, startsAt: v.startsAt }]),
            ),
          );
      }
      setResult(answer);
      clear();
      onRepaired?.(answer);
    } catch (error) {
      setProblem(problemOf(error));
    } finally {
      setIsSending(false);
    }
  };

  const undo = async () => {
    if (!result?.batchId) return;
    try {
      await api(`/api/schedule/changes/${result.batchId}/undo`, { method: 'POST' });
      setUndone('Les réaffectations ont été annulées : les visites sont revenues à leur intervenant·e.');
      setResult(null);
      onRepaired?.(null);
    } catch (error) {
      setProblem(problemOf(error));
    }
  };

  const describe = (visitId: string, startsAt?: string) => {
    const info = (visitInfo ?? loadedInfo)?.get(visitId);
    if (!info && !startsAt) return 'Une visite';
    const local = parisLocal(info?.startsAt ?? startsAt!);
    return `${info?.beneficiaryName ?? 'Visite'}, ${formatShortDay(local.localDate)} à ${formatMinutes(local.minuteOfDay)}`;
  };
  const nameOf = (id: string | null) => (id ? (workerNames.get(id) ?? 'une autre intervenante') : 'personne');

  return (
    <div className="absence-form">
      <ErrorSummary problem={problem} labels={labels} />
      <form onSubmit={submit} noValidate aria-label={`Déclarer une absence de ${workerName}`}>
        <div className="form-grid">
          <TextField
            name="fromDate"
            label={labels.fromDate}
            type="date"
            value={draft.fromDate}
            onChange={(fromDate) =>
              update({ fromDate, toDate: draft.toDate < fromDate ? fromDate : draft.toDate })
            }
            problem={problem}
          />
          <TextField
            name="fromTime"
            label={labels.fromTime}
            type="time"
            value={draft.fromTime}
            onChange={(fromTime) => update({ fromTime })}
            problem={problem}
          />
          <TextField
            name="toDate"
            label={labels.toDate}
            type="date"
            value={draft.toDate}
            onChange={(toDate) => update({ toDate })}
            problem={problem}
          />
          <TextField
            name="toTime"
            label={labels.toTime}
            type="time"
            value={draft.toTime}
            onChange={(toTime) => update({ toTime })}
            problem={problem}
          />
          <div className="field">
            <label htmlFor={`absence-kind-${workerId}`}>{labels.kind}</label>
            <select
              id={`absence-kind-${workerId}`}
              value={draft.kind}
              onChange={(event) => update({ kind: event.target.value })}
            >
              {ABSENCE_KIND_OPTIONS.map((k) => (
                <option key={k.value} value={k.value}>
                  {k.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        <button className="button" type="submit" disabled={isSending}>
          {isSending ? 'Réaffectation en cours…' : 'Déclarer l’absence et réaffecter'}
        </button>
      </form>
      <div role="status" aria-live="polite">
        {undone && <p className="alert alert-success">{undone}</p>}
        {result && (
          <div className="alert alert-success repair-result">
            <h3>
              Absence enregistrée — {result.reassignedVisits.length} visite
              {result.reassignedVisits.length > 1 ? 's' : ''} réaffectée
              {result.reassignedVisits.length > 1 ? 's' : ''}
              {result.unassignedVisits.length ? `, ${result.unassignedVisits.length} sans intervenant·e` : ''}
            </h3>
            {result.reassignedVisits.length === 0 && result.unassignedVisits.length === 0 && (
              <p>Aucune visite n’était prévue pendant cette absence.</p>
            )}
            {result.reassignedVisits.length > 0 && (
              <ul aria-label="Changements">
                {result.reassignedVisits.map((change) => (
                  <li key={change.visitId}>
                    {describe(change.visitId, change.startsAt)} : de {nameOf(change.fromWorkerId)} à{' '}
                    <strong>{nameOf(change.toWorkerId)}</strong>
                  </li>
                ))}
              </ul>
            )}
            {result.unassignedVisits.length > 0 && (
              <ul aria-label="Visites restées sans intervenant·e">
                {result.unassignedVisits.map((u) => (
                  <li key={u.visitId}>
                    {describe(u.visitId)} : non affectée — {u.reason}
                  </li>
                ))}
              </ul>
            )}
            {(result.changedWorkers?.length ?? 0) > 0 && (
              <p>Prévenu·es du changement : {result.changedWorkers!.map((id) => nameOf(id)).join(', ')}.</p>
            )}
            {result.batchId && (
              <button type="button" className="button button-secondary" onClick={undo}>
                Annuler ces réaffectations
              </button>
            )}
          </div>
        )}
      </div>
    </div>
  );
}
