/** Small named planning instances for the schedule's unit tests (a Monday in Orléans, winter time). */
import type { PlanningBeneficiary, PlanningWorker, PlanVisit } from './planning';

export const MONDAY = '2026-03-02';
/** `HH:MM` on the Monday of the instances (UTC+1). */
export const at = (hhmm: string, day = MONDAY): Date => new Date(`${day}T${hhmm}:00+01:00`);

export function worker(id: string, over: Partial<PlanningWorker> = {}): PlanningWorker {
  return {
    id,
    firstName: 'Inès',
    lastName: id,
    skills: ['aide_toilette'],
    homeLatitude: 47.9029,
    homeLongitude: 1.9093,
    transportMode: 'car',
    contractHoursPerWeek: 35,
    maxHoursPerDay: 10,
    availability: [],
    absences: [],
    ...over,
  };
}

export function beneficiary(id: string, over: Partial<PlanningBeneficiary> = {}): PlanningBeneficiary {
  return {
    id,
    firstName: 'Jeanne',
    lastName: id,
    latitude: 47.9029,
    longitude: 1.9093,
    communeCode: '45234',
    addressLine: '1 rue Jeanne d’Arc',
    accessDetails: 'Code 1234',
    preferredWorkerIds: [],
    refusedWorkerIds: [],
    ...over,
  };
}

export function visit(id: string, beneficiaryId: string, workerId: string | null, start: string, over: Partial<PlanVisit> = {}): PlanVisit {
  const startsAt = over.startsAt ?? at(start);
  return {
    id,
    beneficiaryId,
    workerId,
    startsAt,
    durationMin: 60,
    windowStartsAt: new Date(startsAt.getTime() - 30 * 60_000),
    windowEndsAt: new Date(startsAt.getTime() + 30 * 60_000),
    requiredSkills: [],
    activityCode: 'assistance_personnes_agees',
    status: 'planned',
    isLocked: false,
    ...over,
  };
}

/** About 2 km east of the centre of Orléans (≈ 9–10 min by car). */
export const EAST = { latitude: 47.9029, longitude: 1.9361 };
