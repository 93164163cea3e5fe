/**
 * What the schedule needs to know about workers, beneficiaries and visits, independent of where it comes
 * from. Production reads workers and beneficiaries through the care service (`PlanningSource`); the pure
 * modules (problem builder, KPIs, conflicts, repair) only see these records. Pure.
 */
import type { TenantScope } from '../../db/tenant-scope';
import type { Executor } from '../../db/client';
import type { Actor } from '../../domain/access';
import { isTransportMode, TRANSPORT_MODES as DOMAIN_TRANSPORT_MODES, TRANSPORT_SPEEDS } from '../../domain/travel';

/** A weekly slot of availability, local time Europe/Paris. */
export interface AvailabilitySlot {
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** "HH:MM". */
  start: string;
  /** "HH:MM", after start. */
  end: string;
}

export interface AbsenceRecord {
  id: string;
  startsAt: Date;
  endsAt: Date;
  kind: string;
}

/** A worker as planning sees them (care service's `listWorkersForPlanning`). */
export interface PlanningWorker {
  id: string;
  firstName: string;
  lastName: string;
  /** For notifications; absent when the care service does not give it. */
  email?: string | null;
  /** Skill codes valid at the start of the period. */
  skills: string[];
  homeLatitude: number | null;
  homeLongitude: number | null;
  /** car, bike, public_transport, walk. */
  transportMode: string;
  contractHoursPerWeek: number;
  maxHoursPerDay: number;
  /** Empty means Monday–Friday 07:00–20:00. */
  availability: AvailabilitySlot[];
  absences: AbsenceRecord[];
  /** The worker's home sector; absent when the source has no sectors. */
  sectorId?: string | null;
}

/** A beneficiary as planning sees them (care service's `listBeneficiariesForPlanning`). */
export interface PlanningBeneficiary {
  id: string;
  firstName: string;
  lastName: string;
  latitude: number | null;
  longitude: number | null;
  communeCode: string | null;
  addressLine: string | null;
  /** Door code, key box: shown to the worker on the day of the visit only. */
  accessDetails: string | null;
  preferredWorkerIds: string[];
  refusedWorkerIds: string[];
  /** The sector the person belongs to (chosen on the file, else their commune's); absent when the source has no sectors. */
  sectorId?: string | null;
}

/** A household to tell about its visits, with the address to write to (care service's `listHouseholdContacts`). */
export interface HouseholdContact {
  householdId: string;
  householdName: string;
  /** Null: no e-mail known (the household, nor a contact of its people). */
  email: string | null;
  beneficiaryIds: string[];
}

/** A sector of the organisation as the board filters by it. */
export interface PlanningSector {
  id: string;
  name: string;
  coordinatorUserIds: string[];
}

/** A visit with what the schedule reads and changes. */
export interface PlanVisit {
  id: string;
  beneficiaryId: string;
  workerId: string | null;
  startsAt: Date;
  durationMin: number;
  windowStartsAt: Date;
  windowEndsAt: Date;
  requiredSkills: string[];
  activityCode: string;
  /** planned, done, cancelled. */
  status: string;
  isLocked: boolean;
}

/** The default availability when a worker has none recorded: Monday–Friday 07:00–20:00. */
export const DEFAULT_AVAILABILITY: readonly AvailabilitySlot[] = [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '07:00', end: '20:00' }));

export const availabilityOf = (worker: PlanningWorker): readonly AvailabilitySlot[] =>
  worker.availability.length > 0 ? worker.availability : DEFAULT_AVAILABILITY;

/**
 * Where workers and beneficiaries come from: the care service in production (its functions have these
 * signatures), an in-memory source in tests.
 */
export interface PlanningSource {
  listWorkersForPlanning(scope: TenantScope, period: { from: Date; to: Date }): Promise<PlanningWorker[]>;
  listBeneficiariesForPlanning(scope: TenantScope, ids: string[]): Promise<PlanningBeneficiary[]>;
  recordAbsence(
    scope: TenantScope,
    actor: Actor,
    workerId: string,
    absence: { from: Date; to: Date; kind?: string; note?: string },
    executor?: Executor,
  ): Promise<{ id: string }>;
  findWorkerByUserId(scope: TenantScope, userId: string): Promise<{ id: string } | null | undefined>;
  /** The organisation's workers with their contact e-mail (for notifications), when the source has it. */
  listWorkers?(scope: TenantScope): Promise<Array<{ id: string; email: string | null }>>;
  /** A contract with what the worker does at each visit, when the source has it. */
  getContract?(scope: TenantScope, id: string): Promise<{ tasks: string[] }>;
  /** The households of these beneficiaries and where to write to them, when the source has it. */
  listHouseholdContacts?(scope: TenantScope, beneficiaryIds: string[]): Promise<HouseholdContact[]>;
  /** The organisation's sectors, when the source has them. */
  listSectors?(scope: TenantScope): Promise<PlanningSector[]>;
}

export const TRANSPORT_MODES: readonly string[] = DOMAIN_TRANSPORT_MODES;

export interface LatLon {
  latitude: number;
  longitude: number;
}

/** Great-circle distance in km. */
export function straightKm(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Road distance (km) and door-to-door time (seconds) between two places for a transport mode. */
export function travelBetween(a: LatLon | null, b: LatLon | null, transportMode: string): { seconds: number; km: number } {
  if (!a || !b) return { seconds: 0, km: 0 };
  // The domain's speed table (src/domain/travel.ts), in seconds rather than whole minutes.
  const speed = TRANSPORT_SPEEDS[isTransportMode(transportMode) ? transportMode : 'car'];
  const km = straightKm(a, b) * speed.detourFactor;
  if (km < 0.05) return { seconds: 0, km: 0 };
  return { seconds: Math.round((km / speed.speedKmh) * 3600 + speed.fixedMin * 60), km };
}

/** Travel matrices (seconds, metres) between places for a transport mode; a null place is "anywhere" (no travel). */
export function travelMatrices(places: readonly (LatLon | null)[], transportMode: string): { durations: number[][]; distances: number[][] } {
  const durations: number[][] = [];
  const distances: number[][] = [];
  for (const a of places) {
    const dRow = new Array<number>(places.length);
    const kRow = new Array<number>(places.length);
    places.forEach((b, i) => {
      const t = travelBetween(a, b, transportMode);
      dRow[i] = t.seconds;
      kRow[i] = Math.round(t.km * 1000);
    });
    durations.push(dRow);
    distances.push(kRow);
  }
  return { durations, distances };
}

export const placeOf = (x: { latitude: number | null; longitude: number | null } | undefined): LatLon | null =>
  x && x.latitude !== null && x.longitude !== null ? { latitude: x.latitude, longitude: x.longitude } : null;

export const homeOf = (w: PlanningWorker): LatLon | null =>
  w.homeLatitude !== null && w.homeLongitude !== null ? { latitude: w.homeLatitude, longitude: w.homeLongitude } : null;

export const endsAtOf = (v: { startsAt: Date; durationMin: number }): Date => new Date(v.startsAt.getTime() + v.durationMin * 60_000);

export const workerName = (w: { firstName: string; lastName: string }): string => `${w.firstName} ${w.lastName}`;
