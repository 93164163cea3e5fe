import { useEffect, useRef, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { problemOf, useDraft } from '../../ui/form';
import {
  conflictLabel,
  type PlacedVisit,
  type ScheduleConflict,
  type ScheduleWorker,
} from '../../ui/schedule-model';
import { formatDay, formatDuration, formatMinutes, parisInstant, parseMinutes } from '../../ui/schedule-time';
import { activityName, skillShortLabel } from './workspace-api';

/**
 * The selected visit, and the keyboard way to do what dragging does: « Réaffecter » to a worker (or to
 * nobody) at a start time, checked against the rules before it is saved; lock, cancel.
 */
export function VisitPanel({
  placed,
  days,
  workers,
  onMove,
  onChanged,
  onClose,
}: {
  placed: PlacedVisit;
  days: readonly string[];
  workers: readonly ScheduleWorker[];
  onMove(visitId: string, workerId: string | null, startsAt: string): Promise<void>;
  onChanged(message: string): void;
  onClose(): void;
}) {
  const { visit } = placed;
  const [draft, update] = useDraft(`reassign-${visit.id}`, {
    workerId: visit.workerId ?? '',
    start: formatMinutes(placed.startMin),
    reason: '',
    durationMin: String(placed.endMin - placed.startMin),
  });
  const [check, setCheck] = useState<{
    isChecking: boolean;
    conflicts: ScheduleConflict[] | null;
    error?: string;
  }>({ isChecking: false, conflicts: null });
  const [problem, setProblem] = useState<string | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [visit.id]);

  const startMin = parseMinutes(draft.start);
  const isUnchanged = (draft.workerId || null) === visit.workerId && startMin === placed.startMin;

  // The check mode of the optimiser, on each change of the choice (debounced).
  useEffect(() => {
    if (isUnchanged || startMin === null) {
      setCheck({ isChecking: false, conflicts: null });
      return;
    }
    let isCurrent = true;
    setCheck({ isChecking: true, conflicts: null });
    const timer = setTimeout(() => {
      api<{ conflicts: ScheduleConflict[] }>('/api/schedule/check', {
        method: 'POST',
        body: {
          visitId: visit.id,
          workerId: draft.workerId || null,
          startsAt: parisInstant(days[placed.day]!, startMin),
        },
      })
        .then((answer) => isCurrent && setCheck({ isChecking: false, conflicts: answer.conflicts }))
        .catch(
          (error: unknown) =>
            isCurrent && setCheck({ isChecking: false, conflicts: null, error: problemOf(error).message }),
        );
    }, 250);
    return () => {
      isCurrent = false;
      clearTimeout(timer);
    };
  }, [draft.workerId, startMin, isUnchanged, visit.id, days, placed.day]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (startMin === null) {
      setProblem('Indiquez l’heure de début au format 08:00.');
      return;
    }
    setProblem(null);
    await onMove(visit.id, draft.workerId || null, parisInstant(days[placed.day]!, startMin));
  };

  const toggleLock = async () => {
    try {
      await api(`/api/visits/${visit.id}/assignment`, {
        method: 'PATCH',
        body: { workerId: visit.workerId, isLocked: !visit.isLocked },
      });
      onChanged(
        visit.isLocked
          ? 'Visite déverrouillée : l’optimisation pourra la déplacer.'
          : 'Visite verrouillée : l’optimisation ne la déplacera pas.',
      );
    } catch (error) {
      setProblem(problemOf(error).message);
    }
  };

  const cancelVisit = async () => {
    if (!draft.reason.trim()) {
      setProblem('Indiquez le motif de l’annulation.');
      return;
    }
    try {
      await api(`/api/visits/${visit.id}/cancel`, { method: 'POST', body: { reason: draft.reason.trim() } });
      onChanged(`Visite de ${visit.beneficiaryName} annulée.`);
      onClose();
    } catch (error) {
      setProblem(problemOf(error).message);
    }
  };

  /** A one-off change of this visit only (the contract and the other weeks keep their slot). */
  const changeDuration = async () => {
    const durationMin = Number(draft.durationMin);
    if (!Number.isInteger(durationMin) || durationMin < 5 || durationMin > 720) {
      setProblem('La durée est un nombre entier de 5 à 720 minutes.');
      return;
    }
    try {
      await api(`/api/visits/${visit.id}/one-off`, { method: 'PATCH', body: { durationMin } });
      onChanged(
        `Visite de ${visit.beneficiaryName} : durée portée à ${formatDuration(durationMin)}, pour cette fois seulement.`,
      );
    } catch (error) {
      setProblem(problemOf(error).message);
    }
  };

  const workerName = workers.find((w) => w.id === visit.workerId)?.name;
  return (
    <section className="panel visit-panel" aria-labelledby="visit-panel-title">
      <h2 id="visit-panel-title" ref={headingRef} tabIndex={-1}>
        Visite de {visit.beneficiaryName}
      </h2>
      <p>
        {formatDay(days[placed.day]!)}, {formatMinutes(placed.startMin)}–{formatMinutes(placed.endMin)} ·{' '}
        {activityName(visit.activityCode)}
        <br />
        {visit.addressLine ?? ''} · plage possible {formatMinutes(placed.windowStartMin)}–
        {formatMinutes(placed.windowEndMin)}
        <br />
        {workerName ? `Intervenant·e : ${workerName}` : 'Non affectée'}
        {visit.requiredSkills.length > 0 &&
          ` · compétences requises : ${visit.requiredSkills.map(skillShortLabel).join(', ')}`}
        {visit.isLocked && ' · verrouillée'}
      </p>
      {placed.conflicts.length > 0 && (
        <div className="alert alert-error">
          <p>Conflits actuels</p>
          <ul>
            {placed.conflicts.map((c, i) => (
              <li key={i}>{c.message || conflictLabel(c)}</li>
            ))}
          </ul>
        </div>
      )}
      {problem && (
        <div className="alert alert-error" role="alert">
          <p>{problem}</p>
        </div>
      )}
      <form onSubmit={submit} className="form-grid" aria-label="Réaffecter la visite">
        <div className="field">
          <label htmlFor="reassign-worker">Réaffecter à</label>
          <select
            id="reassign-worker"
            value={draft.workerId}
            onChange={(event) => update({ workerId: event.target.value })}
            disabled={visit.isLocked}
          >
            <option value="">Personne (non affectée)</option>
            {workers.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="reassign-start">Heure de début</label>
          <input
            id="reassign-start"
            type="time"
            step={300}
            value={draft.start}
            onChange={(event) => update({ start: event.target.value })}
            disabled={visit.isLocked}
          />
        </div>
        <div>
          <button type="submit" className="button" disabled={isUnchanged || visit.isLocked}>
            Réaffecter
          </button>
        </div>
      </form>
      <div role="status" aria-live="polite" className="check-result">
        {check.isChecking && 'Vérification des règles…'}
        {check.error}
        {check.conflicts && check.conflicts.length === 0 && 'Vérifié : aucun conflit avec ce choix.'}
        {check.conflicts && check.conflicts.length > 0 && (
          <>
            Ce choix créerait {check.conflicts.length} conflit{check.conflicts.length > 1 ? 's' : ''} :
            <ul>
              {check.conflicts.map((c, i) => (
                <li key={i}>{c.message || conflictLabel(c)}</li>
              ))}
            </ul>
          </>
        )}
      </div>
      <div className="button-row">
        <button type="button" className="button button-secondary" onClick={toggleLock}>
          {visit.isLocked ? 'Déverrouiller' : 'Verrouiller'}
        </button>
        <button type="button" className="button button-secondary" onClick={onClose}>
          Fermer
        </button>
      </div>
      <details className="visit-cancel">
        <summary>Changer la durée de cette seule visite</summary>
        <div className="field">
          <label htmlFor="one-off-duration">Durée (minutes)</label>
          <input
            id="one-off-duration"
            inputMode="numeric"
            value={draft.durationMin}
            onChange={(event) => update({ durationMin: event.target.value })}
          />
        </div>
        <button type="button" className="button button-secondary" onClick={changeDuration}>
          Enregistrer pour cette visite
        </button>
      </details>
      <details className="visit-cancel">
        <summary>Annuler cette visite</summary>
        <div className="field">
          <label htmlFor="cancel-reason">Motif de l’annulation</label>
          <input
            id="cancel-reason"
            value={draft.reason}
            onChange={(event) => update({ reason: event.target.value })}
          />
        </div>
        <button type="button" className="button button-secondary" onClick={cancelVisit}>
          Annuler la visite
        </button>
      </details>
    </section>
  );
}
