/**
 * What a plan breaks, visit by visit, for the schedule board and for drag-and-drop feedback. Pure.
 * The rules are the optimiser's (skills, forbidden workers, windows, shifts, travel, daily maximum) read
 * on the plan as the coordinator set it (with its planned start times), plus ours: absences and weekly
 * contract hours.
 */
import { endsAtOf, placeOf, travelBetween, type PlanningBeneficiary, type PlanningWorker, type PlanVisit } from './planning';
import { dayRoutes } from './kpis';
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

/** Starts are on the minute: a travel short by less than this is not a conflict. */
const TRAVEL_TOLERANCE_MS = 60_000;

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
    const start = v.startsAt.getTime();
    const end = endsAtOf(v).getTime();
    if (start < v.windowStartsAt.getTime() || start > v.windowEndsAt.getTime()) {
      add(v, 'outside_window', `Début à ${hhmm(v.startsAt)}, hors de la plage prévue (${hhmm(v.windowStartsAt)}–${hhmm(v.windowEndsAt)}).`);
    }
    if (!v.workerId) continue;
    const w = workerById.get(v.workerId);
    if (!w) continue;
    const missing = v.requiredSkills.filter((s) => !w.skills.includes(s));
    if (missing.length > 0) add(v, 'skill_missing', `${w.firstName} ${w.lastName} n’a pas la qualification requise : ${missing.join(', ')}.`);
    if (beneficiaryById.get(v.beneficiaryId)?.refusedWorkerIds.includes(w.id)) add(v, 'refused_worker', `Le bénéficiaire a refusé ${w.firstName} ${w.lastName}.`);
    const absences = absencesOf(w);
    if (overlaps(start, end, absences)) add(v, 'absent', `${w.firstName} ${w.lastName} est absent·e à ce moment.`);
    else if (!isInside(start, end, availabilityOn(w, localDayOf(v.startsAt)))) add(v, 'outside_availability', `Hors des disponibilités de ${w.firstName} ${w.lastName}.`);
  }

  // Day by day: overlaps, travel, daily maximum.
  for (const [key, route] of dayRoutes(active)) {
    const w = workerById.get(key.split('|')[0]!);
    if (!w) continue;
    let dayMinutes = 0;
    let overDay = false;
    let prev: PlanVisit | null = null;
    let prevEnd = -Infinity;
    for (const v of route) {
      const start = v.startsAt.getTime();
      if (prev) {
        const travel = travelBetween(placeOf(beneficiaryById.get(prev.beneficiaryId)), placeOf(beneficiaryById.get(v.beneficiaryId)), w.transportMode);
        if (start < prevEnd) add(v, 'overlap', `Chevauche une autre intervention de ${w.firstName} ${w.lastName} (jusqu’à ${hhmm(new Date(prevEnd))}).`);
        else if (start + TRAVEL_TOLERANCE_MS < prevEnd + travel.seconds * 1000) {
          add(v, 'travel_impossible', `Trajet impossible : ${Math.round(travel.seconds / 60)} min de trajet depuis l’intervention précédente, qui finit à ${hhmm(new Date(prevEnd))}.`);
        }
        dayMinutes += Math.max(0, Math.min(travel.seconds / 60, (start - prevEnd) / 60_000));
      }
      dayMinutes += v.durationMin;
      if (!overDay && dayMinutes > w.maxHoursPerDay * 60) {
        overDay = true;
        add(v, 'over_contract_hours', `Journée de ${hours(dayMinutes)} au-delà du maximum de ${w.maxHoursPerDay} h par jour.`);
      }
      if (endsAtOf(v).getTime() > prevEnd) {
        prevEnd = endsAtOf(v).getTime();
        prev = v;
      }
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
