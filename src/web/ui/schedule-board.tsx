/**
 * The schedule board: one row per worker, one column per day, visits as blocks placed by Paris time,
 * travel drawn between consecutive blocks, conflicts written in each block's name. Built to draw 60 workers
 * × 7 days × ~1,300 visits at once: plain elements, no per-visit component state, rows memoised so that
 * hovering a drop target re-renders one row only.
 */
import { memo, useCallback, useRef, type DragEvent } from 'react';
import {
  conflictLabel,
  type BoardModel,
  type PlacedVisit,
  type ScheduleConflict,
  type ScheduleWorker,
} from './schedule-model';
import {
  formatDay,
  formatDecimal,
  formatDuration,
  formatHours,
  formatMinutes,
  formatShortDay,
  parisLocal,
} from './schedule-time';

/** Where a dragged visit would land, and what the check said about it. */
export interface DropPreview {
  workerId: string | null;
  day: number;
  startMin: number;
  endMin: number;
  isChecking: boolean;
  conflicts: ScheduleConflict[] | null;
}

export interface BoardHandlers {
  onSelectVisit(visitId: string): void;
  onSelectWorker(workerId: string): void;
  onDragStartVisit(visitId: string): void;
  onDragEnd(): void;
  /** Hovering a worker's day at a minute (already snapped to 5 min). */
  onHover(workerId: string, day: number, minute: number): void;
  onDrop(workerId: string, day: number, minute: number): void;
}

export interface ScheduleBoardProps extends BoardHandlers {
  model: BoardModel;
  workers: readonly ScheduleWorker[];
  /** Days drawn: all 7 (week) or one index (day view). */
  visibleDays: readonly number[];
  /** Visits drawn: a filter (commune…) returns false to hide one. */
  isVisitShown?: (visit: PlacedVisit) => boolean;
  preview: DropPreview | null;
  selectedVisitId: string | null;
  activityName(code: string): string;
}

const SNAP_MIN = 5;

/** Accessible name of a visit block: who, when, what, and every conflict in words. */
/**
 * What a block says beyond its visible text (« 08:00 Jeanne Dupont »), for screen readers: end time, activity,
 * travel, lock and every conflict in words. The visible text starts the accessible name (WCAG 2.5.3).
 */
export function describeVisit(placed: PlacedVisit, activityName: (code: string) => string): string {
  const { visit } = placed;
  const parts = [`jusqu’à ${formatMinutes(placed.endMin)}`, activityName(visit.activityCode)];
  if (placed.travelIn && placed.travelIn.fromVisitId)
    parts.push(`trajet ${formatDuration(placed.travelIn.travelMinutes)} depuis la visite précédente`);
  if (visit.isLocked) parts.push('verrouillée');
  if (placed.conflicts.length)
    parts.push(`conflit : ${placed.conflicts.map((c) => c.message || conflictLabel(c)).join(' ; ')}`);
  return parts.join(', ');
}

export function ScheduleBoard(props: ScheduleBoardProps) {
  const { model, workers, visibleDays, preview } = props;
  const span = model.dayEndMin - model.dayStartMin;
  const hours: number[] = [];
  for (let m = model.dayStartMin; m < model.dayEndMin; m += 60) hours.push(m);
  const isDayView = visibleDays.length === 1;
  // Handlers are read through a ref so that memoised rows keep the same callbacks across renders.
  const handlers = useRef<BoardHandlers>(props);
  handlers.current = props;
  const stable = useStableHandlers(handlers);
  return (
    <div
      className={`board${isDayView ? ' board-day-view' : ''}`}
      style={{ ['--board-days' as string]: visibleDays.length }}
    >
      <div className="board-head" aria-hidden="true">
        <div className="board-head-worker">Intervenant·e</div>
        {visibleDays.map((day) => (
          <div key={day} className="board-head-day">
            <span>{isDayView ? formatDay(model.days[day]!) : formatShortDay(model.days[day]!)}</span>
            <span className="board-hours">
              {hours.map((m) =>
                isDayView || (m / 60) % 3 === 0 ? (
                  <span key={m} style={{ left: `${((m - model.dayStartMin) / span) * 100}%` }}>
                    {isDayView ? formatMinutes(m) : `${m / 60}h`}
                  </span>
                ) : null,
              )}
            </span>
          </div>
        ))}
      </div>
      <ul className="board-rows" aria-label="Planning des intervenant·es">
        {workers.map((worker) => (
          <WorkerRow
            key={worker.id}
            worker={worker}
            model={model}
            visibleDays={visibleDays}
            isVisitShown={props.isVisitShown}
            preview={preview && preview.workerId === worker.id ? preview : null}
            selectedVisitId={props.selectedVisitId}
            activityName={props.activityName}
            handlers={stable}
          />
        ))}
      </ul>
    </div>
  );
}

function useStableHandlers(ref: { current: BoardHandlers }): BoardHandlers {
  const onSelectVisit = useCallback((id: string) => ref.current.onSelectVisit(id), [ref]);
  const onSelectWorker = useCallback((id: string) => ref.current.onSelectWorker(id), [ref]);
  const onDragStartVisit = useCallback((id: string) => ref.current.onDragStartVisit(id), [ref]);
  const onDragEnd = useCallback(() => ref.current.onDragEnd(), [ref]);
  const onHover = useCallback((w: string, d: number, m: number) => ref.current.onHover(w, d, m), [ref]);
  const onDrop = useCallback((w: string, d: number, m: number) => ref.current.onDrop(w, d, m), [ref]);
  const handlers = useRef<BoardHandlers | null>(null);
  handlers.current ??= { onSelectVisit, onSelectWorker, onDragStartVisit, onDragEnd, onHover, onDrop };
  return handlers.current;
}

interface WorkerRowProps {
  worker: ScheduleWorker;
  model: BoardModel;
  visibleDays: readonly number[];
  isVisitShown?: (visit: PlacedVisit) => boolean;
  preview: DropPreview | null;
  selectedVisitId: string | null;
  activityName(code: string): string;
  handlers: BoardHandlers;
}

const WorkerRow = memo(function WorkerRow({
  worker,
  model,
  visibleDays,
  isVisitShown,
  preview,
  selectedVisitId,
  activityName,
  handlers,
}: WorkerRowProps) {
  const days = model.byWorker.get(worker.id) ?? [];
  const span = model.dayEndMin - model.dayStartMin;
  const planned = worker.plannedHours;
  const ratio = worker.contractHoursPerWeek > 0 ? planned / worker.contractHoursPerWeek : 0;
  const workerConflicts = model.workerConflicts.get(worker.id) ?? [];
  const nameId = `board-worker-${worker.id}`;
  const minuteAt = (event: DragEvent<HTMLElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    const x = Math.min(Math.max(event.clientX - rect.left, 0), rect.width);
    const minute = model.dayStartMin + (x / Math.max(rect.width, 1)) * span;
    return Math.round(minute / SNAP_MIN) * SNAP_MIN;
  };
  const absencesByDay = absenceSpans(worker, model);
  return (
    <li className="board-row" aria-labelledby={nameId}>
      <div className="board-worker">
        <button
          type="button"
          className="link-button board-worker-name"
          id={nameId}
          onClick={() => handlers.onSelectWorker(worker.id)}
        >
          {worker.name}
        </button>
        <span className={`board-load${ratio > 1 ? ' board-load-over' : ''}`}>
          <span className="board-load-text">
            {formatHours(planned)} / {formatHours(worker.contractHoursPerWeek)}
            {ratio > 1 ? ' (dépassement)' : ''}
          </span>
          <span className="board-load-bar" aria-hidden="true">
            <span style={{ width: `${Math.min(ratio, 1) * 100}%` }} />
          </span>
        </span>
        {workerConflicts.length > 0 && (
          <span className="board-worker-conflict">
            <span aria-hidden="true">⚠ </span>
            {workerConflicts.map((c) => c.message || conflictLabel(c)).join(' ; ')}
          </span>
        )}
      </div>
      {visibleDays.map((day) => {
        // Visits outside the filters stay on the worker's row, muted: the time is taken all the same.
        const list = days[day] ?? [];
        const muted = isVisitShown ? list.filter((p) => !isVisitShown(p)).length : 0;
        const dayPreview = preview && preview.day === day ? preview : null;
        return (
          <ol
            key={day}
            className={`board-day${dayPreview ? ' board-day-target' : ''}`}
            aria-label={`${worker.name}, ${formatDay(model.days[day]!)} : ${list.length} visite${list.length > 1 ? 's' : ''}${muted > 0 ? ` dont ${muted} hors du filtre` : ''}`}
            data-worker-id={worker.id}
            data-day={day}
            onDragOver={(event) => {
              event.preventDefault();
              event.dataTransfer.dropEffect = 'move';
              handlers.onHover(worker.id, day, minuteAt(event));
            }}
            onDrop={(event) => {
              event.preventDefault();
              handlers.onDrop(worker.id, day, minuteAt(event));
            }}
          >
            {(absencesByDay[day] ?? []).map(([from, to], i) => (
              <li
                key={`a${i}`}
                className="board-absence"
                style={placeStyle(from, to, model)}
                aria-label={`Absence ${formatMinutes(from)}–${formatMinutes(to)}`}
              />
            ))}
            {list.map((placed, i) => {
              const previous = i > 0 ? list[i - 1] : undefined;
              return (
                <VisitBlock
                  key={placed.visit.id}
                  placed={placed}
                  isMuted={isVisitShown !== undefined && !isVisitShown(placed)}
                  previousEndMin={
                    previous && placed.travelIn?.fromVisitId === previous.visit.id ? previous.endMin : null
                  }
                  model={model}
                  isSelected={placed.visit.id === selectedVisitId}
                  activityName={activityName}
                  handlers={handlers}
                />
              );
            })}
            {dayPreview && (
              <li
                className={`board-preview${dayPreview.conflicts && dayPreview.conflicts.length ? ' board-preview-conflict' : ''}`}
                style={placeStyle(dayPreview.startMin, dayPreview.endMin, model)}
                aria-hidden="true"
              >
                {formatMinutes(dayPreview.startMin)}
              </li>
            )}
          </ol>
        );
      })}
    </li>
  );
});

function placeStyle(startMin: number, endMin: number, model: BoardModel) {
  const span = model.dayEndMin - model.dayStartMin;
  return {
    left: `${((startMin - model.dayStartMin) / span) * 100}%`,
    width: `${((endMin - startMin) / span) * 100}%`,
  };
}

/** The parts of each visible day a worker is absent, in Paris minutes. */
function absenceSpans(worker: ScheduleWorker, model: BoardModel): [number, number][][] {
  const spans: [number, number][][] = model.days.map(() => []);
  for (const absence of worker.absences ?? []) {
    const from = parisLocal(absence.startsAt);
    const to = parisLocal(absence.endsAt);
    model.days.forEach((day, i) => {
      if (day < from.localDate || day > to.localDate) return;
      const start = day === from.localDate ? from.minuteOfDay : model.dayStartMin;
      const end = day === to.localDate ? to.minuteOfDay : model.dayEndMin;
      if (end > start) spans[i]!.push([Math.max(start, model.dayStartMin), Math.min(end, model.dayEndMin)]);
    });
  }
  return spans;
}

interface VisitBlockProps {
  placed: PlacedVisit;
  previousEndMin: number | null;
  model: BoardModel;
  isSelected: boolean;
  /** Outside the board's filters (another sector or commune): shown, muted. */
  isMuted: boolean;
  activityName(code: string): string;
  handlers: BoardHandlers;
}

function VisitBlock({ placed, previousEndMin, model, isSelected, isMuted, activityName, handlers }: VisitBlockProps) {
  const { visit } = placed;
  const hasConflict = placed.conflicts.length > 0;
  const travel = placed.travelIn;
  return (
    <>
      {travel && previousEndMin !== null && placed.startMin > previousEndMin && (
        <li
          className="board-travel"
          style={placeStyle(previousEndMin, placed.startMin, model)}
          aria-hidden="true"
          title={`Trajet ${formatDuration(travel.travelMinutes)}, ${formatDecimal(travel.travelKm)} km`}
        >
          <span>{Math.round(travel.travelMinutes)}′</span>
        </li>
      )}
      <li className="board-visit-slot" style={placeStyle(placed.startMin, placed.endMin, model)}>
        <button
          type="button"
          className={`board-visit${hasConflict ? ' board-visit-conflict' : ''}${visit.isLocked ? ' board-visit-locked' : ''}${isSelected ? ' board-visit-selected' : ''}${isMuted ? ' board-visit-muted' : ''}`}
          draggable={!visit.isLocked}
          data-visit-id={visit.id}
          aria-label={`${formatMinutes(placed.startMin)} ${visit.beneficiaryName}, ${describeVisit(placed, activityName)}${isMuted ? ' (hors du filtre)' : ''}`}
          aria-pressed={isSelected}
          onClick={() => handlers.onSelectVisit(visit.id)}
          onDragStart={(event) => {
            event.dataTransfer.effectAllowed = 'move';
            event.dataTransfer.setData('text/plain', visit.id);
            handlers.onDragStartVisit(visit.id);
          }}
          onDragEnd={handlers.onDragEnd}
        >
          {formatMinutes(placed.startMin)} {visit.beneficiaryName}
        </button>
      </li>
    </>
  );
}

/** The unassigned visits, grouped by day: a drop target to unassign, and the source of drags. */
export const UnassignedPanel = memo(function UnassignedPanel({
  model,
  isVisitShown,
  selectedVisitId,
  activityName,
  reasons,
  handlers,
}: {
  model: BoardModel;
  isVisitShown?: (visit: PlacedVisit) => boolean;
  selectedVisitId: string | null;
  activityName(code: string): string;
  reasons: ReadonlyMap<string, string>;
  handlers: Pick<BoardHandlers, 'onSelectVisit' | 'onDragStartVisit' | 'onDragEnd'> & {
    onDropUnassign(): void;
  };
}) {
  const shown = isVisitShown ? model.unassigned.filter(isVisitShown) : model.unassigned;
  return (
    <section
      className="board-unassigned"
      aria-labelledby="unassigned-title"
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
      }}
      onDrop={(event) => {
        event.preventDefault();
        handlers.onDropUnassign();
      }}
    >
      <h2 id="unassigned-title">Visites non affectées ({shown.length})</h2>
      {shown.length === 0 ? (
        <p>Toutes les visites de la semaine sont affectées.</p>
      ) : (
        <ul className="unassigned-list">
          {shown.map((placed) => {
            const reason = reasons.get(placed.visit.id);
            return (
              <li key={placed.visit.id}>
                <button
                  type="button"
                  className={`unassigned-visit${placed.visit.id === selectedVisitId ? ' board-visit-selected' : ''}`}
                  draggable
                  data-visit-id={placed.visit.id}
                  aria-pressed={placed.visit.id === selectedVisitId}
                  onClick={() => handlers.onSelectVisit(placed.visit.id)}
                  onDragStart={(event: DragEvent) => {
                    event.dataTransfer.effectAllowed = 'move';
                    event.dataTransfer.setData('text/plain', placed.visit.id);
                    handlers.onDragStartVisit(placed.visit.id);
                  }}
                  onDragEnd={handlers.onDragEnd}
                >
                  <strong>
                    {formatShortDay(model.days[placed.day]!)} {formatMinutes(placed.startMin)}–
                    {formatMinutes(placed.endMin)}
                  </strong>
                  <span>{placed.visit.beneficiaryName}</span>
                  <span className="hint">{activityName(placed.visit.activityCode)}</span>
                  {reason && <span className="unassigned-reason">Motif : {reason}</span>}
                </button>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
});
