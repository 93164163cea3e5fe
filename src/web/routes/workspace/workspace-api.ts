/**
 * The provider's workspace as the web app reads the people, contracts and schedule APIs
 * (src/features/care, src/features/schedule), and small hooks to load them.
 */
import { ACTIVITIES, type ActivityCode } from '../../../domain/activities';
import { ABSENCE_KIND_LABELS, ABSENCE_KINDS } from '../../../domain/schemas/care';
import { SKILLS } from '../../../domain/skills';

/** Shapes follow src/domain/schemas/care.ts (what the API accepts) and what it answers. */
export interface Contact {
  kind: string;
  name: string;
  relationship?: string | null;
  phone?: string | null;
  email?: string | null;
  isEmergencyContact?: boolean;
  note?: string | null;
}

export interface CarePlan {
  id?: string;
  /** apa, pch, caisse_retraite, autre. */
  funder: string;
  hoursPerMonth: number;
  /** The funder's share of each hour, basis points (8 000 = 80 %). */
  funderShareBp?: number | null;
  hourlyAmountCents?: number | null;
  reference?: string | null;
  startsOn: string;
  endsOn?: string | null;
}

export interface Consent {
  purpose: string;
  granted: boolean;
  recordedOn: string;
  note?: string | null;
}

export interface BeneficiaryDocument {
  id: string;
  name: string;
  sizeBytes?: number | null;
  contentType?: string | null;
  createdAt?: string | null;
}

/** One stored weekly slot (one weekday each), Europe/Paris. */
export interface RecurrenceSlot {
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** « 08:00 ». */
  start: string;
  durationMin: number;
  toleranceMin: number;
}

export interface Suspension {
  id?: string;
  startsOn: string;
  endsOn: string;
  reason?: string | null;
}

export interface Contract {
  id: string;
  beneficiaryId: string;
  activityCode: string;
  mode: string;
  hourlyPriceCents: number;
  recurrence: RecurrenceSlot[];
  requiredSkills?: string[];
  tasks?: string[];
  startsOn: string;
  endsOn?: string | null;
  status?: string;
  suspensions?: Suspension[];
}

export interface BeneficiarySummary {
  id: string;
  firstName: string;
  lastName: string;
  gir: number | null;
  communeCode: string | null;
  communeName?: string | null;
  /** The sector chosen on the file, else the one covering the commune. */
  sectorName?: string | null;
}

export interface Beneficiary extends Omit<BeneficiarySummary, 'communeCode'> {
  householdId: string;
  household?: { id: string; name: string } | null;
  birthDate?: string | null;
  address: {
    addressLine: string | null;
    postalCode: string | null;
    communeCode: string | null;
    communeName: string | null;
    latitude: number | null;
    longitude: number | null;
  };
  isErased?: boolean;
  phone?: string | null;
  accessDetails?: string | null;
  notes?: string | null;
  needs?: string[] | null;
  activityCodes?: string[] | null;
  contacts?: Contact[];
  carePlans?: CarePlan[];
  preferences?: { preferredWorkerIds: string[]; refusedWorkerIds: string[] } | null;
  consents?: Consent[];
  documents?: BeneficiaryDocument[];
  contracts?: Contract[];
  /** The sector chosen on the file (null: the commune's). */
  sectorId?: string | null;
  /** The sector the person belongs to. */
  sector?: { id: string; name: string; isChosen: boolean } | null;
}

export interface Qualification {
  id?: string;
  skillCode: string;
  obtainedOn?: string | null;
  expiresOn?: string | null;
  reference?: string | null;
}

export interface WorkerSummary {
  id: string;
  userId?: string | null;
  firstName?: string;
  lastName?: string;
  name?: string;
  skills: string[];
  contractHoursPerWeek: number;
  communeCode?: string | null;
}

export interface WorkerPreferences {
  preferredCommuneCodes: string[];
  worksWeekends: boolean;
  acceptsPets: boolean;
  note: string | null;
}

export interface Worker extends WorkerSummary {
  phone?: string | null;
  email?: string | null;
  homeLatitude?: number | null;
  homeLongitude?: number | null;
  transportMode?: string;
  maxHoursPerDay?: number;
  qualifications?: Qualification[];
  availability?: { weekday: number; start: string; end: string }[] | null;
  preferences?: WorkerPreferences | null;
  /** Declared skills and dated qualifications valid today. */
  validSkills?: string[];
  alerts?: QualificationAlert[];
  /** The worker's home sector (null: none). */
  sectorId?: string | null;
}

export interface QualificationAlert {
  workerId: string;
  firstName?: string;
  lastName?: string;
  skillCode: string;
  skillLabel?: string;
  expiresOn: string;
  daysLeft: number;
  status: 'expired' | 'expiring';
  message: string;
}

export interface AbsenceChange {
  visitId: string;
  fromWorkerId: string | null;
  toWorkerId: string | null;
  startsAt: string;
}

export interface RepairResult {
  reassignedVisits: AbsenceChange[];
  unassignedVisits: { visitId: string; reason: string }[];
  changedWorkers?: string[];
  batchId?: string | null;
  absence?: { id: string };
}

/** A worker's display name whatever the shape (name, or first and last names). */
export const workerName = (w: Pick<WorkerSummary, 'name' | 'firstName' | 'lastName'>): string =>
  w.name ?? `${w.firstName ?? ''} ${w.lastName ?? ''}`.trim();

/** « DUPONT Jeanne ». */
export const beneficiaryName = (b: Pick<BeneficiarySummary, 'firstName' | 'lastName'>): string =>
  `${b.lastName.toUpperCase()} ${b.firstName}`;

const activityNames = new Map<string, string>(ACTIVITIES.map((a) => [a.code, a.name]));
/** French name of an activity code (the code itself when unknown). */
export const activityName = (code: string): string => activityNames.get(code) ?? code;
export const ACTIVITY_OPTIONS = ACTIVITIES.map((a) => ({ code: a.code as ActivityCode, name: a.name }));

const skillLabels = new Map<string, string>(SKILLS.map((s) => [s.code, s.label]));
/** French label of a skill code. */
export const skillLabel = (code: string): string => skillLabels.get(code) ?? code;
/** Short label: the part before a parenthesis (« DEAES »). */
export const skillShortLabel = (code: string): string => skillLabel(code).replace(/\s*\(.*\)$/, '');

export const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;

export const ABSENCE_KIND_OPTIONS = ABSENCE_KINDS.map((value) => ({
  value,
  label: ABSENCE_KIND_LABELS[value],
}));

/** An absence as GET /api/workers/:id/absences answers it. */
export interface WorkerAbsence {
  id: string;
  startsAt: string;
  endsAt: string;
  kind: string;
  note?: string | null;
}

export { useLoad } from '../../api/use-load';

/** A sector of the organisation (GET /api/sectors). */
export interface Sector {
  id: string;
  name: string;
  communeCodes: string[];
  communes: { code: string; name: string }[];
  coordinators: { userId: string; displayName: string; role: string }[];
  beneficiaryCount: number;
  workerCount: number;
}

/** Downloads a file the API serves (export, document) and hands it to the browser. */
export async function downloadFile(path: string, fallbackName: string): Promise<void> {
  const response = await fetch(path, { credentials: 'same-origin' });
  if (!response.ok) throw new Error('Le téléchargement a échoué. Réessayez.');
  const disposition = response.headers.get('content-disposition') ?? '';
  const name =
    /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1] ?? /filename="?([^";]+)"?/i.exec(disposition)?.[1];
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name ? decodeURIComponent(name) : fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Formats cents as « 24,50 € ». */
export const formatEuros = (cents: number): string =>
  (cents / 100).toLocaleString('fr-FR', { style: 'currency', currency: 'EUR' });
