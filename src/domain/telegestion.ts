/**
 * Télégestion rules: anomalies of a visit from its checks, travel credited between consecutive visits, the
 * care-plan ledger of a month, the département's delivery rows and payroll preparation. Pure: instants come
 * in as `Date`, "now" is a parameter, times are minutes.
 */
import { addDays, localDateOf, localToInstant } from '../shared/local-time';
import { distanceKm, travelMinutes, type GeoPoint } from './travel';

// ------------------------------------------------------------------ anomalies

/** Tolerances of the anomaly rules (product defaults ⚠️: each provider agrees its own with the département). */
export interface TelegestionTolerances {
  /** A check-in later than the planned start (or the window's end, whichever is later) by more than this is late. */
  lateMin: number;
  /** A visit with no check-in this long after its window closed is missed. */
  missedGraceMin: number;
  /** Actual duration below this percentage of the planned one: too short. */
  tooShortPercent: number;
  /** Actual duration above this percentage of the planned one: too long. */
  tooLongPercent: number;
  /** A check-in with no check-out this long after the planned end: the check-out is missing. */
  missingCheckOutGraceMin: number;
}

export const DEFAULT_TOLERANCES: Readonly<TelegestionTolerances> = {
  lateMin: 15,
  missedGraceMin: 30,
  tooShortPercent: 80,
  tooLongPercent: 130,
  missingCheckOutGraceMin: 60,
};

export const ANOMALY_CODES = ['missed', 'late', 'too_short', 'too_long', 'no_check_out'] as const;
export type AnomalyCode = (typeof ANOMALY_CODES)[number];

export const ANOMALY_LABELS: Readonly<Record<AnomalyCode, string>> = {
  missed: 'Non pointée (intervention manquée ?)',
  late: 'Arrivée en retard',
  too_short: 'Durée trop courte',
  too_long: 'Durée trop longue',
  no_check_out: 'Départ non pointé',
};

export const VALIDATION_STATUSES = ['pending', 'valid', 'anomaly', 'corrected'] as const;
export type ValidationStatus = (typeof VALIDATION_STATUSES)[number];

export const VALIDATION_LABELS: Readonly<Record<ValidationStatus, string>> = {
  pending: 'En cours',
  valid: 'Validée',
  anomaly: 'Anomalie à traiter',
  corrected: 'Corrigée',
};

/** A visit as planned, with what the checks say happened. */
export interface VisitToClassify {
  startsAt: Date;
  durationMin: number;
  windowStartsAt: Date;
  windowEndsAt: Date;
  /** planned, done, cancelled. */
  status: string;
  actualStartAt: Date | null;
  actualEndAt: Date | null;
}

export interface Classification {
  /** upcoming (nothing due yet), in_progress (checked in, end not yet due), complete (checked in and out), missed, cancelled. */
  state: 'upcoming' | 'in_progress' | 'complete' | 'missed' | 'cancelled';
  anomalies: AnomalyCode[];
  /** Actual minutes (rounded down) when both checks are there. */
  actualMin: number | null;
}

const MINUTE = 60_000;

/**
 * Classifies a visit: missed when no check-in came by the end of its window (or planned start, if later) plus
 * the grace; late beyond the tolerance; too short / too long against the planned duration; a check-out
 * missing long after the planned end. A cancelled visit has no anomaly.
 */
export function classifyVisit(visit: VisitToClassify, now: Date, tolerances: TelegestionTolerances = DEFAULT_TOLERANCES): Classification {
  if (visit.status === 'cancelled') return { state: 'cancelled', anomalies: [], actualMin: null };
  const anomalies: AnomalyCode[] = [];
  const latestStart = Math.max(visit.windowEndsAt.getTime(), visit.startsAt.getTime());
  if (!visit.actualStartAt) {
    if (now.getTime() > latestStart + tolerances.missedGraceMin * MINUTE) return { state: 'missed', anomalies: ['missed'], actualMin: null };
    return { state: 'upcoming', anomalies: [], actualMin: null };
  }
  if (visit.actualStartAt.getTime() > Math.max(latestStart, visit.startsAt.getTime() + tolerances.lateMin * MINUTE)) anomalies.push('late');
  if (!visit.actualEndAt) {
    const plannedEnd = visit.actualStartAt.getTime() + visit.durationMin * MINUTE;
    if (now.getTime() > plannedEnd + tolerances.missingCheckOutGraceMin * MINUTE) return { state: 'in_progress', anomalies: [...anomalies, 'no_check_out'], actualMin: null };
    return { state: 'in_progress', anomalies, actualMin: null };
  }
  const actualMin = Math.max(0, Math.floor((visit.actualEndAt.getTime() - visit.actualStartAt.getTime()) / MINUTE));
  if (actualMin * 100 < visit.durationMin * tolerances.tooShortPercent) anomalies.push('too_short');
  if (actualMin * 100 > visit.durationMin * tolerances.tooLongPercent) anomalies.push('too_long');
  return { state: 'complete', anomalies, actualMin };
}

/** The validation status a visit gets from its checks alone (the coordinator's review overrides it). */
export function validationStatusOf(classification: Classification): ValidationStatus {
  if (classification.anomalies.length > 0) return 'anomaly';
  return classification.state === 'complete' ? 'valid' : 'pending';
}

/** Whether a device time is acceptable: not more than `maxAheadMin` after the server's now (clock drift). */
export function isCheckTimeAcceptable(at: Date, now: Date, maxAheadMin = 10): boolean {
  return at.getTime() <= now.getTime() + maxAheadMin * MINUTE;
}

// ------------------------------------------------------------------ travel credit

export interface DoneVisitPlace {
  visitId: string;
  /** The actual start (the order of the day). */
  startAt: Date;
  /** The beneficiary's home (not the phone's position: the credit must not depend on sharing it). */
  place: GeoPoint | null;
}

export interface TravelCreditLeg {
  fromVisitId: string;
  toVisitId: string;
  minutes: number;
  km: number;
}

/**
 * Travel credited between consecutive visits of a worker's day, in the order they were done: the
 * straight-line distance × the mode's detour factor, timed with the mode's speed (src/domain/travel.ts).
 * The trip from home to the first visit and back from the last is commuting, not credited. A leg with an
 * unknown address counts 0 (and says so by its absence of km). km to 0.1.
 */
export function computeTravelCredit(visits: readonly DoneVisitPlace[], transportMode: string, detourFactor = 1.3): { legs: TravelCreditLeg[]; totalMinutes: number; totalKm: number } {
  const ordered = [...visits].sort((a, b) => a.startAt.getTime() - b.startAt.getTime());
  const legs: TravelCreditLeg[] = [];
  for (let i = 1; i < ordered.length; i++) {
    const from = ordered[i - 1]!;
    const to = ordered[i]!;
    if (!from.place || !to.place) {
      legs.push({ fromVisitId: from.visitId, toVisitId: to.visitId, minutes: 0, km: 0 });
      continue;
    }
    const km = Math.round(distanceKm(from.place, to.place) * detourFactor * 10) / 10;
    legs.push({ fromVisitId: from.visitId, toVisitId: to.visitId, minutes: travelMinutes(from.place, to.place, transportMode), km });
  }
  return {
    legs,
    totalMinutes: legs.reduce((s, l) => s + l.minutes, 0),
    totalKm: Math.round(legs.reduce((s, l) => s + l.km, 0) * 10) / 10,
  };
}

// ------------------------------------------------------------------ the care-plan ledger

export interface LedgerPlan {
  /** apa, pch, caisse_retraite, autre. */
  funder: string;
  hoursPerMonth: number;
  startsOn: string;
  endsOn: string | null;
}

export interface LedgerVisit {
  startsAt: Date;
  durationMin: number;
  status: string;
  cancelledReason: string | null;
  workerId: string | null;
  actualStartAt: Date | null;
  actualEndAt: Date | null;
  validationStatus: ValidationStatus | null;
  /** The assigned worker was absent (leave, sickness) at the time of the visit. */
  isWorkerAbsent: boolean;
}

export const GAP_CAUSES = ['cancelled_by_person', 'worker_absent', 'not_replaced', 'not_done', 'shortened', 'not_scheduled', 'upcoming'] as const;
export type GapCause = (typeof GAP_CAUSES)[number];

export const GAP_LABELS: Readonly<Record<GapCause, string>> = {
  cancelled_by_person: 'Annulées à la demande de la personne ou de sa famille',
  worker_absent: 'Intervenant·e absent·e, non remplacé·e',
  not_replaced: 'Aucun·e intervenant·e disponible (non pourvues)',
  not_done: 'Prévues mais non réalisées (non pointées)',
  shortened: 'Interventions écourtées',
  not_scheduled: 'Heures du plan non programmées',
  upcoming: 'Interventions encore à venir ce mois-ci',
};

export interface LedgerGap {
  cause: GapCause;
  label: string;
  minutes: number;
  visits: number;
  /** Reasons given when visits were cancelled (distinct, in order). */
  reasons: string[];
}

export interface LedgerMonth {
  /** YYYY-MM. */
  month: string;
  funders: string[];
  fundedMinutes: number;
  plannedMinutes: number;
  deliveredMinutes: number;
  /** Delivered ÷ funded, in percent (null without a plan). */
  deliveredPercent: number | null;
  gaps: LedgerGap[];
  /** A sentence in plain French summing the month up. */
  summary: string;
}

/** Local first and last day of a month "YYYY-MM". */
export function monthDays(month: string): { first: string; last: string; days: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { first: `${month}-01`, last: `${month}-${String(days).padStart(2, '0')}`, days };
}

/** Instants bounding a local month, Europe/Paris: [from, to). */
export function monthBounds(month: string): { from: Date; to: Date } {
  const { last } = monthDays(month);
  return { from: localToInstant(`${month}-01`, '00:00'), to: localToInstant(addDays(last, 1), '00:00') };
}

/** The months from `from` to `to` inclusive ("YYYY-MM"). */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}

export const monthOf = (instant: Date): string => localDateOf(instant).slice(0, 7);

/** Funded minutes of a month: each plan's monthly hours, pro rata of the month's days it covers. */
export function fundedMinutesOf(plans: readonly LedgerPlan[], month: string): { minutes: number; funders: string[] } {
  const { first, last, days } = monthDays(month);
  let minutes = 0;
  const funders: string[] = [];
  for (const p of plans) {
    const start = p.startsOn > first ? p.startsOn : first;
    const end = p.endsOn && p.endsOn < last ? p.endsOn : last;
    if (start > end) continue;
    const covered = Math.round((Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / 86_400_000) + 1;
    minutes += Math.round((p.hoursPerMonth * 60 * covered) / days);
    if (!funders.includes(p.funder)) funders.push(p.funder);
  }
  return { minutes, funders };
}

const isCancelledByWorkerSide = (reason: string | null): boolean => reason !== null && /intervenant|salari|absence de l|personnel|structure/i.test(reason);

/**
 * One month of the ledger: funded hours (the plan), planned (visits scheduled, cancelled ones included:
 * they were part of the plan), delivered (actual time of visits done; the planned duration when a visit is
 * marked done without checks), and every planned minute not delivered explained by its cause.
 */
export function computeLedgerMonth(month: string, plans: readonly LedgerPlan[], visits: readonly LedgerVisit[], now: Date, tolerances: TelegestionTolerances = DEFAULT_TOLERANCES): LedgerMonth {
  const { minutes: fundedMinutes, funders } = fundedMinutesOf(plans, month);
  const gapMap = new Map<GapCause, LedgerGap>();
  const addGap = (cause: GapCause, minutes: number, reason?: string | null) => {
    if (minutes <= 0) return;
    const gap = gapMap.get(cause) ?? { cause, label: GAP_LABELS[cause], minutes: 0, visits: 0, reasons: [] };
    gap.minutes += minutes;
    gap.visits += 1;
    if (reason && !gap.reasons.includes(reason)) gap.reasons.push(reason);
    gapMap.set(cause, gap);
  };
  let plannedMinutes = 0;
  let deliveredMinutes = 0;
  for (const v of visits) {
    plannedMinutes += v.durationMin;
    if (v.status === 'cancelled') {
      addGap(v.isWorkerAbsent || isCancelledByWorkerSide(v.cancelledReason) ? 'worker_absent' : 'cancelled_by_person', v.durationMin, v.cancelledReason);
      continue;
    }
    const c = classifyVisit({ ...v, windowStartsAt: v.startsAt, windowEndsAt: v.startsAt }, now, tolerances);
    let delivered = 0;
    if (c.actualMin !== null) delivered = c.actualMin;
    else if (!v.actualStartAt && v.status === 'done') delivered = v.durationMin;
    else if (c.state === 'in_progress' && !c.anomalies.includes('no_check_out')) delivered = Math.min(v.durationMin, Math.max(0, Math.floor((now.getTime() - v.actualStartAt!.getTime()) / MINUTE)));
    deliveredMinutes += delivered;
    const missing = v.durationMin - delivered;
    if (missing <= 0) continue;
    if (c.state === 'upcoming' || (c.state === 'in_progress' && !c.anomalies.includes('no_check_out'))) addGap('upcoming', missing);
    else if (c.state === 'missed' || c.state === 'in_progress') addGap(v.workerId === null ? 'not_replaced' : v.isWorkerAbsent ? 'worker_absent' : 'not_done', missing);
    else addGap('shortened', missing);
  }
  if (fundedMinutes > plannedMinutes) {
    const gap: LedgerGap = { cause: 'not_scheduled', label: GAP_LABELS.not_scheduled, minutes: fundedMinutes - plannedMinutes, visits: 0, reasons: [] };
    gapMap.set('not_scheduled', gap);
  }
  const gaps = GAP_CAUSES.map((cause) => gapMap.get(cause)).filter((g): g is LedgerGap => g !== undefined);
  const deliveredPercent = fundedMinutes > 0 ? Math.round((deliveredMinutes * 100) / fundedMinutes) : null;
  return { month, funders, fundedMinutes, plannedMinutes, deliveredMinutes, deliveredPercent, gaps, summary: ledgerSummary(fundedMinutes, plannedMinutes, deliveredMinutes) };
}

/** « 12 h 30 » from minutes. */
export function formatHours(minutes: number): string {
  const sign = minutes < 0 ? '−' : '';
  const abs = Math.abs(Math.round(minutes));
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return m === 0 ? `${sign}${h} h` : `${sign}${h} h ${String(m).padStart(2, '0')}`;
}

function ledgerSummary(funded: number, planned: number, delivered: number): string {
  if (funded === 0 && planned === 0) return 'Aucune heure financée ni prévue ce mois-ci.';
  const parts = [`${formatHours(delivered)} réalisées`];
  if (funded > 0) parts.push(`sur ${formatHours(funded)} financées par le plan d'aide`);
  parts.push(`(${formatHours(planned)} prévues)`);
  return `${parts.join(' ')}.`;
}

// ------------------------------------------------------------------ exports

/** One realised visit for the département's delivery file (ESPPADOM-style, see docs/exports.md). */
export interface DeliveryVisit {
  organisationSiret: string;
  organisationName: string;
  planReference: string | null;
  funder: string;
  beneficiaryLastName: string;
  beneficiaryFirstName: string;
  beneficiaryBirthDate: string | null;
  communeCode: string | null;
  visitId: string;
  activityCode: string;
  workerId: string | null;
  plannedStartAt: Date;
  plannedMin: number;
  actualStartAt: Date;
  actualEndAt: Date;
  validationStatus: ValidationStatus;
  anomalyCodes: string[];
  reviewReason: string | null;
}

export const DELIVERY_COLUMNS = [
  'siret_prestataire',
  'raison_sociale',
  'financeur',
  'numero_dossier',
  'nom_beneficiaire',
  'prenom_beneficiaire',
  'date_naissance',
  'code_commune',
  'identifiant_intervention',
  'code_activite',
  'identifiant_intervenant',
  'date_intervention',
  'heure_debut_prevue',
  'duree_prevue_min',
  'heure_arrivee',
  'heure_depart',
  'duree_realisee_min',
  'duree_realisee_heures',
  'mode_pointage',
  'statut_validation',
  'anomalies',
  'motif_correction',
] as const;

const hhmm = (instant: Date): string => {
  const d = localDateOf(instant);
  const midnight = localToInstant(d, '00:00').getTime();
  const minutes = Math.round((instant.getTime() - midnight) / MINUTE);
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
};

/** Hours with a decimal comma, 2 digits (French spreadsheets). */
export const decimalHours = (minutes: number): string => (Math.round((minutes / 60) * 100) / 100).toFixed(2).replace('.', ',');

/** The rows of the delivery file, local dates and times (Europe/Paris), in the order of the columns. */
export function deliveryRows(visits: readonly DeliveryVisit[]): string[][] {
  return [...visits]
    .sort((a, b) => a.beneficiaryLastName.localeCompare(b.beneficiaryLastName, 'fr') || a.actualStartAt.getTime() - b.actualStartAt.getTime())
    .map((v) => {
      const minutes = Math.max(0, Math.round((v.actualEndAt.getTime() - v.actualStartAt.getTime()) / MINUTE));
      return [
        v.organisationSiret,
        v.organisationName,
        v.funder.toUpperCase(),
        v.planReference ?? '',
        v.beneficiaryLastName,
        v.beneficiaryFirstName,
        v.beneficiaryBirthDate ?? '',
        v.communeCode ?? '',
        v.visitId,
        v.activityCode,
        v.workerId ?? '',
        localDateOf(v.actualStartAt),
        hhmm(v.plannedStartAt),
        String(v.plannedMin),
        hhmm(v.actualStartAt),
        hhmm(v.actualEndAt),
        String(minutes),
        decimalHours(minutes),
        v.validationStatus === 'corrected' ? 'CORRIGE' : 'TELEGESTION_MOBILE',
        v.validationStatus === 'corrected' ? 'CORRIGEE' : 'VALIDEE',
        v.anomalyCodes.join('|'),
        v.reviewReason ?? '',
      ];
    });
}

export interface PayrollVisit {
  workerId: string;
  actualMin: number;
  anomalyCount: number;
}

export interface PayrollWorker {
  workerId: string;
  lastName: string;
  firstName: string;
}

export interface PayrollRow {
  workerId: string;
  lastName: string;
  firstName: string;
  visits: number;
  workedMinutes: number;
  travelMinutes: number;
  travelKm: number;
  anomalies: number;
}

/** Payroll preparation: per worker, visits done, minutes worked (actual, corrected), travel credited, anomalies. */
export function payrollRows(workers: readonly PayrollWorker[], visits: readonly PayrollVisit[], travel: readonly { workerId: string; minutes: number; km: number }[]): PayrollRow[] {
  return [...workers]
    .sort((a, b) => a.lastName.localeCompare(b.lastName, 'fr') || a.firstName.localeCompare(b.firstName, 'fr'))
    .map((w) => {
      const mine = visits.filter((v) => v.workerId === w.workerId);
      const legs = travel.filter((t) => t.workerId === w.workerId);
      return {
        workerId: w.workerId,
        lastName: w.lastName,
        firstName: w.firstName,
        visits: mine.length,
        workedMinutes: mine.reduce((s, v) => s + v.actualMin, 0),
        travelMinutes: legs.reduce((s, t) => s + t.minutes, 0),
        travelKm: Math.round(legs.reduce((s, t) => s + t.km, 0) * 10) / 10,
        anomalies: mine.reduce((s, v) => s + v.anomalyCount, 0),
      };
    });
}

/** A CSV document: `;` separator, fields quoted when needed, CRLF, UTF-8 with a BOM (Excel in French). */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const cell = (value: string) => (/[;"\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(';')).join('\r\n')}\r\n`;
}
