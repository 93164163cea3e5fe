/** Answers of the télégestion API as the pages read them. */

export interface AnomalyView {
  code: string;
  label: string;
}

export interface ReviewView {
  at: string;
  byUserId: string | null;
  reason: string | null;
  checkedStartAt: string | null;
  checkedEndAt: string | null;
}

export interface ActualView {
  visitId: string;
  state: 'upcoming' | 'in_progress' | 'complete' | 'missed' | 'cancelled';
  actualStartAt: string | null;
  actualEndAt: string | null;
  actualMin: number | null;
  validationStatus: 'pending' | 'valid' | 'anomaly' | 'corrected';
  validationLabel: string;
  anomalies: AnomalyView[];
  tasksDone: string[];
  transmission: string | null;
  review: ReviewView | null;
}

export interface CheckEventView {
  id: string;
  visitId: string;
  kind: 'check_in' | 'check_out';
  at: string;
  receivedAt: string;
  position: { latitude: number; longitude: number; accuracyMetres: number | null } | null;
}

export interface TravelLeg {
  fromVisitId: string;
  toVisitId: string;
  minutes: number;
  km: number;
}

export interface TodayVisit {
  id: string;
  localDate: string;
  startsAt: string;
  endsAt: string;
  durationMin: number;
  status: string;
  beneficiaryId: string;
  beneficiaryName: string;
  addressLine: string | null;
  communeCode: string | null;
  activityCode: string;
  tasks: string[];
  accessDetails: string | null;
  travelFromPrevious: { fromVisitId: string | null; travelMinutes: number; travelKm: number } | null;
  actual: ActualView | null;
  checkEvents: CheckEventView[];
  previousTransmissions: { visitId: string; at: string | null; text: string | null; byMe: boolean }[];
}

export interface MyToday {
  workerId: string;
  workerName: string;
  today: string;
  serverTime: string;
  visits: TodayVisit[];
  travel: { legs: TravelLeg[]; totalMinutes: number; totalKm: number };
}

export interface OverviewRow extends ActualView {
  localDate: string;
  beneficiaryId: string;
  beneficiaryName: string;
  workerId: string | null;
  workerName: string | null;
  activityCode: string;
  status: string;
  cancelledReason: string | null;
  plannedStartAt: string;
  plannedEndAt: string;
  plannedMin: number;
  startDelayMin: number | null;
}

export interface LedgerGap {
  cause: string;
  label: string;
  minutes: number;
  visits: number;
  reasons: string[];
}

export interface LedgerMonth {
  month: string;
  funders: string[];
  fundedMinutes: number;
  plannedMinutes: number;
  deliveredMinutes: number;
  deliveredPercent: number | null;
  gaps: LedgerGap[];
  summary: string;
}

export interface Ledger {
  organisation: { id: string; name: string };
  beneficiary: { id: string; firstName: string; lastName: string };
  plans: { funder: string; hoursPerMonth: number; startsOn: string; endsOn: string | null; reference: string | null }[];
  months: LedgerMonth[];
}

export interface MyActivity {
  workerId: string;
  month: string;
  totals: { plannedMinutes: number; checkedMinutes: number; validatedMinutes: number; travelMinutes: number; travelKm: number; visits: number; anomalies: number; corrections: number };
  visits: (ActualView & { localDate: string; plannedStartAt: string; plannedEndAt: string; plannedMin: number; status: string; cancelledReason: string | null; activityCode: string; checkEvents: CheckEventView[] })[];
  travel: { localDate: string; legs: TravelLeg[]; totalMinutes: number; totalKm: number }[];
  whatIsSeen: string;
}

const timeFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: 'Europe/Paris', weekday: 'long', day: 'numeric', month: 'long' });
const monthFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: 'UTC', month: 'long', year: 'numeric' });

/** « 09:05 » in Paris time. */
export const formatTime = (iso: string | null): string => (iso ? timeFormat.format(new Date(iso)) : '—');
export const formatDayOf = (iso: string): string => dayFormat.format(new Date(iso));
/** « mars 2026 ». */
export const formatMonth = (month: string): string => monthFormat.format(new Date(`${month}-01T00:00:00Z`));
/** « 2 h 05 », « 45 min ». */
export function formatHours(minutes: number): string {
  const abs = Math.abs(Math.round(minutes));
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  const text = h === 0 ? `${m} min` : m === 0 ? `${h} h` : `${h} h ${String(m).padStart(2, '0')}`;
  return minutes < 0 ? `−${text}` : text;
}
