/**
 * The optimiser's check mode on a worker's day as the coordinator set it: the worker leaves home, does the
 * day's visits at their planned starts (VROOM `service_at`) and goes home; the engine's independent checker
 * recomputes every arrival and says which rule each visit breaks. The board and the drag-and-drop check read
 * these rules from here, so a plan the optimiser would refuse is never shown as fine, and the reverse. Pure.
 *
 * What the engine checks: skills, refused workers (forbidden), the visit's window, the arrival in time
 * (travel from the previous visit, overlaps, and the delays they carry to the next visits) and the day's
 * maximum of visit time (capacity, as the problem builder models it). Availability, absences and weekly
 * contract hours are ours (conflicts.ts): they are not rules of a single route.
 */
import { checkVroom, type Violation } from '../../optimizer/index';
import type { Conflict } from './conflicts';
import { hhmm, hours, outsideWindowMessage } from './conflict-messages';
import { endsAtOf, homeOf, placeOf, TRANSPORT_MODES, travelMatrices, type LatLon, type PlanningBeneficiary, type PlanningWorker, type PlanVisit } from './planning';
import { localDayOf, periodBounds } from './shifts';

/** Starts are on the minute: arriving late by less than this is not a conflict. */
const LATE_TOLERANCE_S = 60;


/**
 * Conflicts of one worker's day, its visits in time order, found by the optimiser's check mode.
 * Each visit gets at most one conflict per code.
 */
export function checkWorkerDay(worker: PlanningWorker, day: readonly PlanVisit[], beneficiaryById: ReadonlyMap<string, PlanningBeneficiary>): Conflict[] {
  if (day.length === 0) return [];
  const visits = [...day].sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
  const originMs = periodBounds(localDayOf(visits[0]!.startsAt), localDayOf(visits[0]!.startsAt)).from.getTime();
  const sec = (d: Date): number => Math.round((d.getTime() - originMs) / 1000);
  const atSec = (s: number): Date => new Date(originMs + s * 1000);
  const mode = TRANSPORT_MODES.includes(worker.transportMode) ? worker.transportMode : 'car';

  // Location 0 is the worker's home, or "anywhere" without one; then each visit's place.
  const places: (LatLon | null)[] = [homeOf(worker), ...visits.map((v) => placeOf(beneficiaryById.get(v.beneficiaryId)))];
  const skillIds = new Map<string, number>();
  const skillId = (code: string): number => {
    if (!skillIds.has(code)) skillIds.set(code, skillIds.size + 1);
    return skillIds.get(code)!;
  };
  const input = {
    vehicles: [
      {
        id: 1,
        start_index: 0,
        end_index: 0,
        profile: mode,
        skills: worker.skills.map(skillId),
        capacity: [worker.maxHoursPerDay * 60],
        steps: [{ type: 'start' }, ...visits.map((v, i) => ({ type: 'job', id: i + 1, service_at: sec(v.startsAt) })), { type: 'end' }],
      },
    ],
    jobs: visits.map((v, i) => ({
      id: i + 1,
      location_index: i + 1,
      service: v.durationMin * 60,
      delivery: [v.durationMin],
      skills: v.requiredSkills.map(skillId),
      time_windows: [[sec(v.windowStartsAt), Math.max(sec(v.windowStartsAt), sec(v.windowEndsAt))]],
      proxidom: { forbidden_workers: beneficiaryById.get(v.beneficiaryId)?.refusedWorkerIds.includes(worker.id) ? [1] : [] },
    })),
    matrices: { [mode]: travelMatrices(places, mode) },
  };
  const { check } = checkVroom(input);
  const arrivalOf = new Map(check.routes[0]?.steps.filter((s) => s.type === 'job').map((s) => [s.index, s.arrival]) ?? []);

  const late = new Set(check.violations.filter((x) => x.code === 'schedule' && (x.amount ?? 0) > LATE_TOLERANCE_S).map((x) => x.job));
  const name = `${worker.firstName} ${worker.lastName}`;
  const out = new Map<string, Conflict>();
  const add = (v: PlanVisit, code: Conflict['code'], message: string): void => {
    const key = `${v.id}|${code}`;
    if (!out.has(key)) out.set(key, { visitId: v.id, workerId: worker.id, code, message });
  };
  const onVisit = (x: Violation, v: PlanVisit, i: number): void => {
    switch (x.code) {
      case 'skills':
        add(v, 'skill_missing', `${name} n’a pas la qualification requise : ${v.requiredSkills.filter((s) => !worker.skills.includes(s)).join(', ')}.`);
        return;
      case 'forbidden-worker':
        add(v, 'refused_worker', `Le bénéficiaire a refusé ${name}.`);
        return;
      case 'lead-time':
      case 'time-window':
        // A start pushed past the window by a delay is the delay's conflict, reported as such.
        if (late.has(i) && v.startsAt >= v.windowStartsAt && v.startsAt <= v.windowEndsAt) return;
        add(v, 'outside_window', outsideWindowMessage(v));
        return;
      case 'schedule': {
        if ((x.amount ?? 0) <= LATE_TOLERANCE_S) return;
        const earlier = visits.slice(0, i);
        const prevEnd = Math.max(...earlier.map((e) => endsAtOf(e).getTime()));
        if (prevEnd > v.startsAt.getTime()) {
          add(v, 'overlap', `Chevauche une autre intervention de ${name} (jusqu’à ${hhmm(new Date(prevEnd))}).`);
          return;
        }
        const travelS = input.matrices[mode]!.durations[i]![i + 1]!;
        const arrival = arrivalOf.get(i);
        add(
          v,
          'travel_impossible',
          `Trajet impossible : arrivée au plus tôt à ${arrival === undefined ? '?' : hhmm(atSec(arrival))}, ${Math.ceil((x.amount ?? 0) / 60)} min après le début prévu (${Math.round(travelS / 60)} min de trajet depuis l’intervention précédente).`,
        );
        return;
      }
      default:
        return;
    }
  };
  for (const x of check.violations) {
    if (x.job !== undefined) {
      const v = visits[x.job];
      if (v) onVisit(x, v, x.job);
    } else if (x.code === 'capacity') {
      // The day holds more visit time than the maximum: marked on the visit that goes over.
      let minutes = 0;
      const over = visits.find((v) => (minutes += v.durationMin) > worker.maxHoursPerDay * 60) ?? visits[visits.length - 1]!;
      add(over, 'over_contract_hours', `Journée de ${hours(visits.reduce((s, v) => s + v.durationMin, 0))} d’intervention au-delà du maximum de ${worker.maxHoursPerDay} h par jour.`);
    }
  }
  return [...out.values()];
}
