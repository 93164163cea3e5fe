import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { useSession } from '../../app/session';
import { problemOf, usePageTitle } from '../../ui/form';
import { PageHeader } from '../../ui/Layout';
import { ScheduleBoard, UnassignedPanel, type DropPreview } from '../../ui/schedule-board';
import { DayRouteMap } from '../../ui/schedule-day-map';
import {
  buildBoardModel,
  conflictLabel,
  type PlacedVisit,
  type ScheduleConflict,
  type ScheduleVisit,
  type ScheduleWeek,
} from '../../ui/schedule-model';
import {
  addDays,
  formatDay,
  formatDuration,
  formatMinutes,
  formatShortDay,
  mondayOf,
  parisInstant,
  parisToday,
} from '../../ui/schedule-time';
import { SKILLS } from '../../../domain/skills';
import { useCommunes, useMapCommunes } from '../directory/geography';
import { AbsenceForm } from './AbsenceForm';
import { OptimisationPanel, type OptimisationRequest } from './OptimisationPanel';
import { VisitPanel } from './VisitPanel';
import { activityName, type RepairResult } from './workspace-api';

interface Banner {
  kind: 'success' | 'error' | 'info';
  message: string;
  details?: string[];
  undo?: () => Promise<void>;
}

interface AssignmentAnswer {
  conflicts?: ScheduleConflict[];
  batchId?: string | null;
  visit?: ScheduleVisit;
}

const CHECK_DEBOUNCE_MS = 200;

/** The schedule board of the week: generate, assign by drag or keyboard, optimise, repair. */
export function PlanningPage() {
  usePageTitle('Planning');
  const [params, setParams] = useSearchParams();
  const weekStart = mondayOf(
    /^\d{4}-\d{2}-\d{2}$/.test(params.get('semaine') ?? '') ? params.get('semaine')! : parisToday(),
  );
  const view = params.get('vue') === 'jour' ? 'day' : 'week';
  const todayIndex = Math.max(
    0,
    Math.min(6, Math.round((Date.parse(parisToday()) - Date.parse(weekStart)) / 86_400_000)),
  );
  const dayParam = Number(params.get('jour'));
  const dayIndex =
    Number.isInteger(dayParam) && dayParam >= 0 && dayParam <= 6 && params.has('jour')
      ? dayParam
      : todayIndex;
  const communeFilter = params.get('commune') ?? '';
  // « tous »: every sector, chosen on purpose (a coordinator otherwise starts on their own sector).
  const sectorParam = params.get('secteur') ?? '';
  const sectorFilter = sectorParam === 'tous' ? '' : sectorParam;
  const workerFilter = params.get('intervenant') ?? '';
  const skillFilter = params.get('competence') ?? '';
  const setParam = (patch: Record<string, string>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [k, v] of Object.entries(patch))
          if (v) next.set(k, v);
          else next.delete(k);
        return next;
      },
      { replace: true },
    );

  const [week, setWeek] = useState<ScheduleWeek | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(true);
  const requested = useRef(weekStart);
  const reload = useCallback(async () => {
    requested.current = weekStart;
    setIsLoading(true);
    try {
      const answer = await api<ScheduleWeek>(`/api/schedule/week?start=${weekStart}`);
      if (requested.current !== weekStart) return;
      performance.clearMarks();
      performance.clearMeasures();
      performance.mark('board:data');
      setWeek(answer);
      setLoadError(null);
    } catch (error) {
      if (requested.current === weekStart) setLoadError(problemOf(error).message);
    } finally {
      if (requested.current === weekStart) setIsLoading(false);
    }
  }, [weekStart]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const model = useMemo(() => {
    if (!week) return null;
    const built = buildBoardModel(week, weekStart);
    if (performance.getEntriesByName('board:model').length === 0) performance.mark('board:model');
    return built;
  }, [week, weekStart]);
  const communes = useCommunes();
  const mapCommunes = useMapCommunes();
  const communeName = useMemo(
    () => new Map((communes.data ?? []).map((c) => [c.code, c.name])),
    [communes.data],
  );

  const { me } = useSession();
  const sectors = useMemo(() => week?.sectors ?? [], [week]);
  const mySectorIds = useMemo(
    () => new Set(sectors.filter((s) => me && s.coordinatorUserIds.includes(me.id)).map((s) => s.id)),
    [sectors, me],
  );
  // A coordinator responsible for a sector starts on it; the choice then lives in the URL.
  useEffect(() => {
    if (sectorParam || !week) return;
    const mine = sectors.find((s) => mySectorIds.has(s.id));
    if (mine) setParam({ secteur: mine.id });
  }, [week, sectorParam, sectors, mySectorIds]);
  const sectorVisitWorkers = useMemo(
    () =>
      new Set(
        sectorFilter
          ? (week?.visits ?? []).filter((v) => v.sectorId === sectorFilter).map((v) => v.workerId)
          : [],
      ),
    [week, sectorFilter],
  );

  const workers = useMemo(() => week?.workers ?? [], [week]);
  const workerNames = useMemo(() => new Map(workers.map((w) => [w.id, w.name])), [workers]);
  const shownWorkers = useMemo(
    () =>
      workers.filter(
        (w) =>
          (!workerFilter || w.id === workerFilter) &&
          (!skillFilter || w.skills.includes(skillFilter)) &&
          (!sectorFilter || w.sectorId === sectorFilter || sectorVisitWorkers.has(w.id)),
      ),
    [workers, workerFilter, skillFilter, sectorFilter, sectorVisitWorkers],
  );
  const isVisitShown = useMemo(
    () =>
      communeFilter || sectorFilter
        ? (p: PlacedVisit) =>
            (!communeFilter || p.visit.communeCode === communeFilter) &&
            (!sectorFilter || p.visit.sectorId === sectorFilter)
        : undefined,
    [communeFilter, sectorFilter],
  );
  const visitCommunes = useMemo(
    () => [
      ...new Set(
        (week?.visits ?? [])
          .filter((v) => !sectorFilter || v.sectorId === sectorFilter)
          .map((v) => v.communeCode)
          .filter((c): c is string => !!c),
      ),
    ],
    [week, sectorFilter],
  );
  const visitInfo = useMemo(
    () =>
      new Map(
        (week?.visits ?? []).map((v) => [v.id, { beneficiaryName: v.beneficiaryName, startsAt: v.startsAt }]),
      ),
    [week],
  );

  const [banner, setBanner] = useState<Banner | null>(null);
  const [status, setStatus] = useState('');
  const [selectedVisitId, setSelectedVisitId] = useState<string | null>(null);
  const [selectedWorkerId, setSelectedWorkerId] = useState<string | null>(null);
  const [optimisation, setOptimisation] = useState<OptimisationRequest | null>(null);
  const [unassignedReasons, setUnassignedReasons] = useState<ReadonlyMap<string, string>>(new Map());
  const [isGenerating, setIsGenerating] = useState(false);

  // ——— Drag and drop, checked while hovering ———
  const dragged = useRef<string | null>(null);
  const [preview, setPreview] = useState<DropPreview | null>(null);
  const previewKey = useRef('');
  const checkTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const durationOf = (visitId: string) => {
    const placed = model?.visitById.get(visitId);
    return placed ? placed.endMin - placed.startMin : 30;
  };

  const onHover = (workerId: string, day: number, minute: number) => {
    const visitId = dragged.current;
    if (!visitId || !model) return;
    const key = `${workerId}|${day}|${minute}`;
    if (key === previewKey.current) return;
    previewKey.current = key;
    setPreview({
      workerId,
      day,
      startMin: minute,
      endMin: minute + durationOf(visitId),
      isChecking: true,
      conflicts: null,
    });
    clearTimeout(checkTimer.current);
    checkTimer.current = setTimeout(() => {
      api<{ conflicts: ScheduleConflict[] }>('/api/schedule/check', {
        method: 'POST',
        body: { visitId, workerId, startsAt: parisInstant(model.days[day]!, minute) },
      })
        .then((answer) => {
          if (previewKey.current !== key) return;
          setPreview((p) => (p ? { ...p, isChecking: false, conflicts: answer.conflicts } : p));
        })
        .catch(() => previewKey.current === key && setPreview((p) => (p ? { ...p, isChecking: false } : p)));
    }, CHECK_DEBOUNCE_MS);
  };

  const endDrag = () => {
    dragged.current = null;
    previewKey.current = '';
    clearTimeout(checkTimer.current);
    setPreview(null);
  };

  /** Saves an assignment, shows the conflicts it leaves, and offers to undo it. */
  const moveVisit = async (visitId: string, workerId: string | null, startsAt: string | undefined) => {
    const before = model?.visitById.get(visitId)?.visit;
    try {
      const answer = await api<AssignmentAnswer & Partial<ScheduleVisit>>(
        `/api/visits/${visitId}/assignment`,
        { method: 'PATCH', body: { workerId, ...(startsAt ? { startsAt } : {}) } },
      );
      const conflicts = answer.conflicts ?? [];
      const who = workerId ? (workerNames.get(workerId) ?? 'l’intervenant·e') : 'personne';
      const name = before?.beneficiaryName ?? 'La visite';
      const undo = async () => {
        if (answer.batchId) await api(`/api/schedule/changes/${answer.batchId}/undo`, { method: 'POST' });
        else if (before)
          await api(`/api/visits/${visitId}/assignment`, {
            method: 'PATCH',
            body: { workerId: before.workerId, startsAt: before.startsAt },
          });
        setBanner({ kind: 'info', message: `Déplacement annulé : ${name} est revenue à sa place.` });
        await reload();
      };
      setBanner({
        kind: conflicts.length ? 'error' : 'success',
        message: conflicts.length
          ? `Visite de ${name} affectée à ${who}, avec ${conflicts.length} conflit${conflicts.length > 1 ? 's' : ''} :`
          : `Visite de ${name} affectée à ${who}, sans conflit.`,
        details: conflicts.map((c) => c.message || conflictLabel(c)),
        undo,
      });
      await reload();
    } catch (error) {
      setBanner({ kind: 'error', message: problemOf(error).message });
    }
  };

  const onDrop = (workerId: string, day: number, minute: number) => {
    const visitId = dragged.current;
    endDrag();
    if (!visitId || !model) return;
    void moveVisit(visitId, workerId, parisInstant(model.days[day]!, minute));
  };

  const onDropUnassign = () => {
    const visitId = dragged.current;
    endDrag();
    if (visitId && model?.visitById.get(visitId)?.visit.workerId) void moveVisit(visitId, null, undefined);
  };

  // The side panel's handlers stay the same object across renders (the panel is memoised: a drag's hover
  // re-renders the page, not the list of unassigned visits); they call the latest closures through a ref.
  const latest = useRef({ endDrag, onDropUnassign });
  latest.current = { endDrag, onDropUnassign };
  const unassignedHandlers = useMemo(
    () => ({
      onSelectVisit: (id: string) => setSelectedVisitId(id),
      onDragStartVisit: (id: string) => {
        dragged.current = id;
      },
      onDragEnd: () => latest.current.endDrag(),
      onDropUnassign: () => latest.current.onDropUnassign(),
    }),
    [],
  );

  useEffect(() => {
    if (!preview || preview.isChecking) return;
    const worker = preview.workerId ? workerNames.get(preview.workerId) : 'personne';
    const at = `${worker}, ${model ? formatShortDay(model.days[preview.day]!) : ''} à ${formatMinutes(preview.startMin)}`;
    setStatus(
      preview.conflicts && preview.conflicts.length
        ? `Déposer ici (${at}) créerait : ${preview.conflicts.map((c) => c.message || conflictLabel(c)).join(' ; ')}`
        : `Déposer ici (${at}) : aucun conflit.`,
    );
  }, [preview, workerNames, model]);

  const generate = async () => {
    setIsGenerating(true);
    try {
      const result = await api<{
        created: number;
        kept: number;
        cancelledBySuspension: number;
        unassigned?: number;
        assignedByContinuity?: number;
        conflicts: number | { reason?: string; message?: string }[];
      }>('/api/schedule/generate', { method: 'POST', body: { weekStart } });
      const conflictCount =
        (Array.isArray(result.conflicts) ? result.conflicts.length : result.conflicts) ?? 0;
      const plural = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;
      setBanner({
        kind: 'success',
        message:
          `Semaine générée : ${plural(result.created, 'visite')} ${result.created > 1 ? 'créées' : 'créée'}` +
          (result.assignedByContinuity !== undefined
            ? ` (dont ${result.assignedByContinuity} à l’intervenant·e habituel·le)`
            : '') +
          `, ${result.kept} déjà là, ${result.cancelledBySuspension} ${result.cancelledBySuspension > 1 ? 'annulées' : 'annulée'} par une suspension` +
          (result.unassigned !== undefined ? `, ${result.unassigned} sans intervenant·e` : '') +
          `, ${plural(conflictCount, 'conflit')}.`,
        details: Array.isArray(result.conflicts)
          ? result.conflicts.slice(0, 20).map((c) => c.reason ?? c.message ?? '')
          : undefined,
      });
      await reload();
    } catch (error) {
      setBanner({ kind: 'error', message: problemOf(error).message });
    } finally {
      setIsGenerating(false);
    }
  };

  const startOptimisation = (scope: 'week' | 'day') =>
    setOptimisation(
      scope === 'week'
        ? { from: weekStart, to: addDays(weekStart, 6), label: `la semaine du ${formatDay(weekStart)}` }
        : {
            from: addDays(weekStart, dayIndex),
            to: addDays(weekStart, dayIndex),
            label: `la journée du ${formatDay(addDays(weekStart, dayIndex))}`,
          },
    );

  const onApplied = async (result: { changedVisits: number | unknown[]; batchId: string }) => {
    const changed = Array.isArray(result.changedVisits) ? result.changedVisits.length : result.changedVisits;
    setOptimisation(null);
    setBanner({
      kind: 'success',
      message: `Plan appliqué — ${changed} visite${changed > 1 ? 's' : ''} modifiée${changed > 1 ? 's' : ''}.`,
      undo: async () => {
        await api(`/api/schedule/changes/${result.batchId}/undo`, { method: 'POST' });
        setBanner({ kind: 'info', message: 'Plan annulé : le planning précédent est rétabli.' });
        await reload();
      },
    });
    await reload();
  };

  const onRepaired = (result: RepairResult | null) => {
    if (result) setUnassignedReasons(new Map(result.unassignedVisits.map((u) => [u.visitId, u.reason])));
    void reload();
  };

  const selectedPlaced = selectedVisitId ? (model?.visitById.get(selectedVisitId) ?? null) : null;
  const selectedWorker = selectedWorkerId ? (workers.find((w) => w.id === selectedWorkerId) ?? null) : null;
  const visibleDays = useMemo(() => (view === 'day' ? [dayIndex] : [0, 1, 2, 3, 4, 5, 6]), [view, dayIndex]);
  const conflictCount = week?.conflicts.length ?? 0;

  // Render time of the board, for the benchmark (bench/board): from the API's answer to the board
  // committed to the DOM (board:render), then to the next frame painted (board:paint).
  useEffect(() => {
    if (
      !model ||
      performance.getEntriesByName('board:data').length === 0 ||
      performance.getEntriesByName('board:render').length > 0
    )
      return;
    performance.measure('board:render', 'board:data');
    requestAnimationFrame(() => setTimeout(() => performance.measure('board:paint', 'board:data'), 0));
  }, [model]);

  return (
    <>
      <PageHeader title="Planning">
        <p className="lead">
          Semaine du {formatDay(weekStart)} au {formatDay(addDays(weekStart, 6))}
        </p>
      </PageHeader>
      <div className="planning-toolbar">
        <div className="planning-week">
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setParam({ semaine: addDays(weekStart, -7) })}
          >
            Semaine précédente
          </button>
          <div className="field">
            <label htmlFor="planning-week">Semaine du</label>
            <input
              id="planning-week"
              type="date"
              value={weekStart}
              onChange={(event) => event.target.value && setParam({ semaine: mondayOf(event.target.value) })}
            />
          </div>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => setParam({ semaine: addDays(weekStart, 7) })}
          >
            Semaine suivante
          </button>
        </div>
        <div className="planning-actions">
          <button type="button" className="button" onClick={generate} disabled={isGenerating}>
            {isGenerating ? 'Génération…' : 'Générer la semaine'}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => startOptimisation('week')}
            disabled={!!optimisation}
          >
            Optimiser la semaine
          </button>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => startOptimisation('day')}
            disabled={!!optimisation}
          >
            Optimiser la journée
          </button>
        </div>
      </div>
      <fieldset className="planning-filters">
        <legend>Affichage et filtres</legend>
        <div className="field">
          <label htmlFor="planning-view">Vue</label>
          <select
            id="planning-view"
            value={view}
            onChange={(event) => setParam({ vue: event.target.value === 'day' ? 'jour' : '' })}
          >
            <option value="week">Semaine</option>
            <option value="day">Journée</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="planning-day">Jour</label>
          <select
            id="planning-day"
            value={dayIndex}
            onChange={(event) => setParam({ jour: event.target.value })}
          >
            {Array.from({ length: 7 }, (_, i) => (
              <option key={i} value={i}>
                {formatDay(addDays(weekStart, i))}
              </option>
            ))}
          </select>
        </div>
        {sectors.length > 0 && (
          <div className="field">
            <label htmlFor="planning-sector">Secteur</label>
            <select
              id="planning-sector"
              value={sectorFilter || 'tous'}
              onChange={(event) => setParam({ secteur: event.target.value, commune: '' })}
            >
              <option value="tous">Tous les secteurs</option>
              {sectors.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                  {mySectorIds.has(s.id) ? ' (mon secteur)' : ''}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="planning-commune">Commune</label>
          <select
            id="planning-commune"
            value={communeFilter}
            onChange={(event) => setParam({ commune: event.target.value })}
          >
            <option value="">Toutes</option>
            {visitCommunes
              .map((code) => ({ code, name: communeName.get(code) ?? code }))
              .sort((a, b) => a.name.localeCompare(b.name, 'fr'))
              .map((c) => (
                <option key={c.code} value={c.code}>
                  {c.name}
                </option>
              ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="planning-worker">Intervenant·e</label>
          <select
            id="planning-worker"
            value={workerFilter}
            onChange={(event) => setParam({ intervenant: event.target.value })}
          >
            <option value="">Toutes et tous</option>
            {workers.map((w) => (
              <option key={w.id} value={w.id}>
                {w.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="planning-skill">Compétence</label>
          <select
            id="planning-skill"
            value={skillFilter}
            onChange={(event) => setParam({ competence: event.target.value })}
          >
            <option value="">Toutes</option>
            {SKILLS.map((s) => (
              <option key={s.code} value={s.code}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
      </fieldset>

      <div role="status" aria-live="polite" className="planning-status">
        {isLoading && !week ? 'Chargement du planning…' : status}
      </div>
      {loadError && (
        <div className="alert alert-error" role="alert">
          <p>{loadError}</p>
        </div>
      )}
      {banner && (
        <div
          className={`alert alert-${banner.kind} planning-banner`}
          role={banner.kind === 'error' ? 'alert' : 'status'}
        >
          <p>{banner.message}</p>
          {banner.details && banner.details.length > 0 && (
            <ul>
              {banner.details.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          )}
          <div className="button-row">
            {banner.undo && (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => {
                  const undo = banner.undo!;
                  setBanner(null);
                  undo().catch((error: unknown) =>
                    setBanner({ kind: 'error', message: problemOf(error).message }),
                  );
                }}
              >
                Annuler
              </button>
            )}
            <button type="button" className="link-button" onClick={() => setBanner(null)}>
              Masquer le message
            </button>
          </div>
        </div>
      )}
      {optimisation && (
        <OptimisationPanel
          request={optimisation}
          workers={workers}
          visitInfo={visitInfo}
          onApplied={onApplied}
          onClose={() => setOptimisation(null)}
        />
      )}
      {selectedPlaced && model && (
        <VisitPanel
          key={selectedPlaced.visit.id}
          placed={selectedPlaced}
          days={model.days}
          workers={workers}
          onMove={async (visitId, workerId, startsAt) => {
            await moveVisit(visitId, workerId, startsAt);
          }}
          onChanged={(message) => {
            setBanner({ kind: 'success', message });
            void reload();
          }}
          onClose={() => setSelectedVisitId(null)}
        />
      )}
      {selectedWorker && model && (
        <section className="panel worker-panel" aria-labelledby="worker-panel-title">
          <h2 id="worker-panel-title">{selectedWorker.name}</h2>
          <p>
            {selectedWorker.plannedHours.toLocaleString('fr-FR', { maximumFractionDigits: 1 })} h prévues pour{' '}
            {selectedWorker.contractHoursPerWeek} h au contrat.
          </p>
          <h3>Carte de la journée — {formatDay(model.days[dayIndex]!)}</h3>
          {mapCommunes.data ? (
            <DayRouteMap
              communes={mapCommunes.data}
              home={
                selectedWorker.homeLatitude !== null && selectedWorker.homeLongitude !== null
                  ? { latitude: selectedWorker.homeLatitude, longitude: selectedWorker.homeLongitude }
                  : null
              }
              title={`Tournée de ${selectedWorker.name}, ${formatDay(model.days[dayIndex]!)}`}
              stops={(model.byWorker.get(selectedWorker.id)?.[dayIndex] ?? []).map((p, i) => ({
                id: p.visit.id,
                latitude: p.visit.latitude,
                longitude: p.visit.longitude,
                label: `${i + 1}. ${formatMinutes(p.startMin)} ${p.visit.beneficiaryName}${p.visit.communeCode ? `, ${communeName.get(p.visit.communeCode) ?? ''}` : ''}${p.travelIn ? ` (trajet ${formatDuration(p.travelIn.travelMinutes)})` : ''}`,
              }))}
            />
          ) : (
            <p>Chargement de la carte…</p>
          )}
          <h3>Déclarer une absence</h3>
          <AbsenceForm
            key={selectedWorker.id}
            workerId={selectedWorker.id}
            workerName={selectedWorker.name}
            workerNames={workerNames}
            visitInfo={visitInfo}
            defaultDate={model.days[dayIndex]}
            onRepaired={onRepaired}
          />
          <button type="button" className="button button-secondary" onClick={() => setSelectedWorkerId(null)}>
            Fermer
          </button>
        </section>
      )}
      {model && (
        <>
          <p className="planning-summary">
            {week!.visits.filter((v) => v.status !== 'cancelled').length} visites, {model.unassigned.length}{' '}
            non affectée{model.unassigned.length > 1 ? 's' : ''}, {conflictCount} conflit
            {conflictCount > 1 ? 's' : ''}. Glissez une visite sur la ligne d’une intervenante, ou
            choisissez-la pour la réaffecter au clavier.
          </p>
          {conflictCount > 0 && (
            <details className="planning-conflicts">
              <summary>Conflits de la semaine ({conflictCount})</summary>
              <ul>
                {week!.conflicts.slice(0, 200).map((c, i) => {
                  const placed = c.visitId ? model.visitById.get(c.visitId) : undefined;
                  return (
                    <li key={i}>
                      {placed ? (
                        <button
                          type="button"
                          className="link-button"
                          onClick={() => setSelectedVisitId(placed.visit.id)}
                        >
                          {placed.visit.beneficiaryName}, {formatShortDay(model.days[placed.day]!)}{' '}
                          {formatMinutes(placed.startMin)}
                        </button>
                      ) : (
                        c.workerId && workerNames.get(c.workerId)
                      )}{' '}
                      : {c.message || conflictLabel(c)}
                    </li>
                  );
                })}
              </ul>
            </details>
          )}
          <a className="skip-board" href="#unassigned-title">
            Passer le tableau et aller aux visites non affectées
          </a>
          <div className="planning-layout">
            <div className="board-scroll">
              <ScheduleBoard
                model={model}
                workers={shownWorkers}
                visibleDays={visibleDays}
                isVisitShown={isVisitShown}
                preview={preview}
                selectedVisitId={selectedVisitId}
                activityName={activityName}
                onSelectVisit={(id) => setSelectedVisitId(id)}
                onSelectWorker={(id) => setSelectedWorkerId(id)}
                onDragStartVisit={(id) => {
                  dragged.current = id;
                }}
                onDragEnd={endDrag}
                onHover={onHover}
                onDrop={onDrop}
              />
            </div>
            <UnassignedPanel
              model={model}
              isVisitShown={isVisitShown}
              selectedVisitId={selectedVisitId}
              activityName={activityName}
              reasons={unassignedReasons}
              handlers={unassignedHandlers}
            />
          </div>
        </>
      )}
    </>
  );
}
