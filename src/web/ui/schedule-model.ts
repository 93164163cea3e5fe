/**
 * The schedule as the API answers it (src/features/schedule), and what the board derives from it once per
 * answer: visits grouped by worker and day, positioned in Paris minutes, with their travel and conflicts.
 */
import { addDays, parisLocal } from './schedule-time';

export interface AvailabilitySlot {
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** « 08:00 ». */
  start: string;
  end: string;
}

export interface Absence {
  id?: string;
  startsAt: string;
  endsAt: string;
  kind?: string | null;
}

export interface ScheduleWorker {
  id: string;
  name: string;
  skills: string[];
  contractHoursPerWeek: number;
  plannedHours: number;
  availability?: AvailabilitySlot[] | null;
  absences?: Absence[] | null;
  homeLatitude: number | null;
  homeLongitude: number | null;
  communeCode?: string | null;
  /** The worker's home sector. */
  sectorId?: string | null;
}

export interface ScheduleVisit {
  id: string;
  beneficiaryId: string;
  beneficiaryName: string;
  communeCode: string | null;
  /** The sector of the person visited. */
  sectorId?: string | null;
  latitude: number | null;
  longitude: number | null;
  addressLine: string | null;
  workerId: string | null;
  startsAt: string;
  endsAt: string;
  windowStartsAt: string;
  windowEndsAt: string;
  activityCode: string;
  requiredSkills: string[];
  status: string;
  isLocked: boolean;
}

export interface TravelLeg {
  workerId: string;
  fromVisitId: string | null;
  /** Null: the way back home after the day's last visit. */
  toVisitId: string | null;
  travelMinutes: number;
  travelKm: number;
}

export interface ScheduleConflict {
  visitId: string | null;
  workerId: string | null;
  code: string;
  message: string;
}

export interface PlanKpis {
  travelMinutes: number;
  travelKm: number;
  unassignedVisits: number;
  continuityRate: number;
}

export interface ScheduleWeek {
  from: string;
  to: string;
  workers: ScheduleWorker[];
  visits: ScheduleVisit[];
  travel: TravelLeg[];
  conflicts: ScheduleConflict[];
  kpis?: PlanKpis;
  /** The organisation's sectors, with who is responsible for each. */
  sectors?: { id: string; name: string; coordinatorUserIds: string[] }[];
}

/** Short French names of the conflict codes, for markers; the API's message is the full text. */
export const CONFLICT_LABELS: Record<string, string> = {
  skill_missing: 'compétence manquante',
  missing_skill: 'compétence manquante',
  skill: 'compétence manquante',
  overlap: 'chevauchement',
  outside_availability: 'hors disponibilité',
  unavailable: 'hors disponibilité',
  absent: 'intervenant·e absent·e',
  worker_absent: 'intervenant·e absent·e',
  travel_impossible: 'trajet impossible',
  travel: 'trajet impossible',
  over_contract_hours: 'au-delà des heures du contrat',
  contract_hours: 'au-delà des heures du contrat',
  over_max_hours_per_day: 'au-delà du maximum par jour',
  max_hours_per_day: 'au-delà du maximum par jour',
  refused_worker: 'intervenant·e refusé·e',
  refused: 'intervenant·e refusé·e',
  outside_window: 'hors de la plage horaire',
  time_window: 'hors de la plage horaire',
  unassigned: 'non affectée',
};

export const conflictLabel = (conflict: Pick<ScheduleConflict, 'code' | 'message'>): string =>
  CONFLICT_LABELS[conflict.code] ?? conflict.message;

/** A visit placed on the board: Paris day index (0 = Monday) and minutes since local midnight. */
export interface PlacedVisit {
  visit: ScheduleVisit;
  day: number;
  startMin: number;
  endMin: number;
  windowStartMin: number;
  windowEndMin: number;
  /** Travel to this visit from the previous one of the same worker (null: first of the day). */
  travelIn: TravelLeg | null;
  conflicts: ScheduleConflict[];
}

export interface BoardModel {
  weekStart: string;
  days: string[];
  /** Visits of each worker, per day (7 arrays), in time order. */
  byWorker: Map<string, PlacedVisit[][]>;
  unassigned: PlacedVisit[];
  visitById: Map<string, PlacedVisit>;
  /** Conflicts of each worker that are not tied to a visit (over contract hours…). */
  workerConflicts: Map<string, ScheduleConflict[]>;
  /** Earliest and latest minute drawn, rounded to the hour. */
  dayStartMin: number;
  dayEndMin: number;
}

/** Everything the board draws, computed once per answer (O(visits)). */
export function buildBoardModel(week: ScheduleWeek, weekStart: string): BoardModel {
  const days = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  const dayIndex = new Map(days.map((d, i) => [d, i]));
  const conflictsByVisit = new Map<string, ScheduleConflict[]>();
  const workerConflicts = new Map<string, ScheduleConflict[]>();
  for (const conflict of week.conflicts) {
    if (conflict.visitId) {
      const list = conflictsByVisit.get(conflict.visitId);
      if (list) list.push(conflict);
      else conflictsByVisit.set(conflict.visitId, [conflict]);
    } else if (conflict.workerId) {
      const list = workerConflicts.get(conflict.workerId);
      if (list) list.push(conflict);
      else workerConflicts.set(conflict.workerId, [conflict]);
    }
  }
  const travelTo = new Map<string, TravelLeg>();
  for (const leg of week.travel) if (leg.toVisitId) travelTo.set(leg.toVisitId, leg);

  const byWorker = new Map<string, PlacedVisit[][]>();
  for (const worker of week.workers)
    byWorker.set(
      worker.id,
      days.map(() => []),
    );
  const unassigned: PlacedVisit[] = [];
  const visitById = new Map<string, PlacedVisit>();
  let dayStartMin = 7 * 60;
  let dayEndMin = 20 * 60;
  for (const visit of week.visits) {
    if (visit.status === 'cancelled') continue;
    const start = parisLocal(visit.startsAt);
    const day = dayIndex.get(start.localDate);
    if (day === undefined) continue;
    const startMin = start.minuteOfDay;
    const endMin = Math.max(
      startMin + 5,
      startMin + Math.round((new Date(visit.endsAt).getTime() - new Date(visit.startsAt).getTime()) / 60_000),
    );
    const placed: PlacedVisit = {
      visit,
      day,
      startMin,
      endMin,
      windowStartMin: parisLocal(visit.windowStartsAt).minuteOfDay,
      windowEndMin: parisLocal(visit.windowEndsAt).minuteOfDay,
      travelIn: travelTo.get(visit.id) ?? null,
      conflicts: conflictsByVisit.get(visit.id) ?? [],
    };
    visitById.set(visit.id, placed);
    dayStartMin = Math.min(dayStartMin, Math.floor(startMin / 60) * 60);
    dayEndMin = Math.max(dayEndMin, Math.min(24 * 60, Math.ceil(endMin / 60) * 60));
    const row = visit.workerId ? byWorker.get(visit.workerId) : undefined;
    if (row) row[day]!.push(placed);
    else unassigned.push(placed);
  }
  for (const row of byWorker.values()) for (const list of row) list.sort((a, b) => a.startMin - b.startMin);
  unassigned.sort((a, b) => a.day - b.day || a.startMin - b.startMin);
  return { weekStart, days, byWorker, unassigned, visitById, workerConflicts, dayStartMin, dayEndMin };
}

/** Optimisation run, as polled. */
export interface PlanFigures {
  travelMinutes: number;
  travelKm: number;
  unassignedVisits: number;
  continuityRate: number;
  hoursByWorker:
    Record<string, number> | { workerId: string; plannedHours: number; contractHours?: number }[];
}

export interface OptimisationRun {
  id?: string;
  status: string;
  progress: number;
  current?: PlanFigures | null;
  proposal?:
    (PlanFigures & { assignments?: unknown[]; unassigned?: { visitId: string; reason: string }[] }) | null;
  error?: string | null;
  message?: string | null;
}

/** Hours per worker, whatever the shape the API chose (record or list). */
export function hoursOf(figures: PlanFigures | null | undefined): Map<string, number> {
  const hours = new Map<string, number>();
  if (!figures?.hoursByWorker) return hours;
  if (Array.isArray(figures.hoursByWorker))
    for (const h of figures.hoursByWorker) hours.set(h.workerId, h.plannedHours);
  else for (const [id, h] of Object.entries(figures.hoursByWorker)) hours.set(id, h);
  return hours;
}

/** Contract hours per worker over the hours' span (whole weeks), when the API gives them. */
export function contractHoursOf(figures: PlanFigures | null | undefined): Map<string, number> {
  const hours = new Map<string, number>();
  if (Array.isArray(figures?.hoursByWorker))
    for (const h of figures.hoursByWorker) if (h.contractHours !== undefined) hours.set(h.workerId, h.contractHours);
  return hours;
}

/** The continuity rate as a percentage, whether the API sends 0.83 or 83. */
export const percentOf = (rate: number): number => (rate <= 1 ? rate * 100 : rate);

/** Progress 0…1, whether the API sends 0.4 or 40. */
export const fractionOf = (progress: number): number =>
  Math.max(0, Math.min(1, progress > 1 ? progress / 100 : progress));
