/**
 * What a plan breaks, visit by visit, for the schedule board and for drag-and-drop feedback. Pure.
 * The rules of a worker's day (skills, refused workers, windows, travel and overlaps, daily maximum) are
 * the optimiser's, found by its check mode on the plan as the coordinator set it (plan-check.ts); ours
 * are availability, absences and weekly contract hours.
 */
import { endsAtOf, type PlanningBeneficiary, type PlanningWorker, type PlanVisit } from './planning';
import { dayRoutes } from './kpis';
import { checkWorkerDay } from './plan-check';
import { absencesOf, availabilityOn, isInside, localDayOf, overlaps } from './shifts';
import { PARIS_TIME_ZONE } from '../../shared/local-time';

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

const timeFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS_TIME_ZONE, hour: '2-digit', minute: '2-digit' });
const hhmm = (d: Date): string => timeFormat.format(d);
const hours = (minutes: number): string => `${(Math.round((minutes / 60) * 10) / 10).toString().replace('.', ',')} h`;

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
        add(v, 'outside_window', `Début à ${hhmm(v.startsAt)}, hors de la plage prévue (${hhmm(v.windowStartsAt)}–${hhmm(v.windowEndsAt)}).`);
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

  // The week: contract hours.
  if (input.weekDays !== undefined) {
    const byWorker = new Map<string, PlanVisit[]>();
    for (const v of active) if (v.workerId) byWorker.set(v.workerId, [...(byWorker.get(v.workerId) ?? []), v]);
    for (const [workerId, mine] of byWorker) {
      const w = workerById.get(workerId);
      if (!w) continue;
      const limit = ((w.contractHoursPerWeek * Math.min(7, input.weekDays)) / 7) * 60;
      let minutes = 0;
      for (const v of mine.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime())) {
        minutes += v.durationMin;
        if (minutes > limit) {
          add(v, 'over_contract_hours', `${w.firstName} ${w.lastName} dépasse son contrat : ${hours(minutes)} planifiées pour ${hours(limit)}.`);
          break;
        }
      }
    }
  }
  return conflicts;
}
