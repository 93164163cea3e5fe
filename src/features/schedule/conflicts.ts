/**
 * What a plan breaks, visit by visit, for the schedule board and for drag-and-drop feedback. Pure.
 * The rules of a worker's day (skills, refused workers, windows, travel and overlaps, daily maximum) are
 * the optimiser's, found by its check mode on the plan as the coordinator set it (plan-check.ts); ours
 * are availability, absences and weekly contract hours.
 */
import { endsAtOf, placeOf, type LatLon, type PlanningBeneficiary, type PlanningWorker, type PlanVisit } from './planning';
import { dayRoutes, visitWorkMinutes } from './kpis';
import { hours, outsideWindowMessage } from './conflict-messages';
import { checkWorkerDay } from './plan-check';
import { absencesOf, availabilityOn, isInside, localDayOf, overlaps } from './shifts';

export type ConflictCode =
  | 'skill_missing'
  | 'overlap'
  | 'outside_availability'
  | 'absent'
  | 'travel_impossible'
  | 'over_contract_hours'
  | 'refused_worker'
  | 'outside_window';

export interface Conflict {
  visitId: string;
  workerId: string | null;
  code: ConflictCode;
  /** French, for the coordinator. */
  message: string;
}


export interface ConflictInput {
  visits: readonly PlanVisit[];
  workers: readonly PlanningWorker[];
  beneficiaries: readonly PlanningBeneficiary[];
  /** Weekly contract hours are checked over these local days (a week); none: not checked. */
  weekDays?: number;
  /** Only report conflicts of these visits (the others are context). */
  onlyVisitIds?: ReadonlySet<string>;
}

export function findConflicts(input: ConflictInput): Conflict[] {
  const workerById = new Map(input.workers.map((w) => [w.id, w]));
  const beneficiaryById = new Map(input.beneficiaries.map((b) => [b.id, b]));
  const conflicts: Conflict[] = [];
  const add = (v: PlanVisit, code: ConflictCode, message: string): void => {
    if (input.onlyVisitIds && !input.onlyVisitIds.has(v.id)) return;
    conflicts.push({ visitId: v.id, workerId: v.workerId, code, message });
  };
  const active = input.visits.filter((v) => v.status !== 'cancelled');

  for (const v of active) {
    if (!v.workerId) {
      if (v.startsAt < v.windowStartsAt || v.startsAt > v.windowEndsAt) {
        add(v, 'outside_window', outsideWindowMessage(v));
      }
      continue;
    }
    const w = workerById.get(v.workerId);
    if (!w) continue;
    const start = v.startsAt.getTime();
    const end = endsAtOf(v).getTime();
    if (overlaps(start, end, absencesOf(w))) add(v, 'absent', `${w.firstName} ${w.lastName} est absent·e à ce moment.`);
    else if (!isInside(start, end, availabilityOn(w, localDayOf(v.startsAt)))) add(v, 'outside_availability', `Hors des disponibilités de ${w.firstName} ${w.lastName}.`);
  }

  // Day by day, the optimiser's check mode: skills, refused workers, windows, travel and overlaps, daily maximum.
  for (const [key, route] of dayRoutes(active)) {
    const w = workerById.get(key.split('|')[0]!);
    if (!w) continue;
    if (input.onlyVisitIds && !route.some((v) => input.onlyVisitIds!.has(v.id))) continue;
    for (const c of checkWorkerDay(w, route, beneficiaryById)) {
      if (!input.onlyVisitIds || input.onlyVisitIds.has(c.visitId)) conflicts.push(c);
    }
  }

  // The week: contract hours, working time measured as the figures measure it (visits and travel between them).
  if (input.weekDays !== undefined) {
    const weekDays = input.weekDays;
    const placeOfVisit = (v: PlanVisit): LatLon | null => placeOf(beneficiaryById.get(v.beneficiaryId));
    const minutesSoFar = new Map<string, number>();
    // Keys are "worker|YYYY-MM-DD": sorted, each worker's days come in order.
    for (const [key, route] of [...dayRoutes(active)].sort(([a], [b]) => (a < b ? -1 : 1))) {
      const w = workerById.get(key.split('|')[0]!);
      if (!w || minutesSoFar.get(w.id) === Infinity) continue;
      const limit = ((w.contractHoursPerWeek * Math.min(7, weekDays)) / 7) * 60;
      let minutes = minutesSoFar.get(w.id) ?? 0;
      const added = visitWorkMinutes(route, w, placeOfVisit);
      const over = route.findIndex((_, i) => (minutes += added[i]!) > limit);
      if (over >= 0) {
        add(route[over]!, 'over_contract_hours', `${w.firstName} ${w.lastName} dépasse son contrat : ${hours(minutes)} planifiées pour ${hours(limit)}.`);
        minutes = Infinity;
      }
      minutesSoFar.set(w.id, minutes);
    }
  }
  return conflicts;
}
