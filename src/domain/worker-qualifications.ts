/**
 * Workers' qualifications with dates: which are valid on a day, which expire soon. Pure.
 */
import { daysBetween } from '../shared/local-time';
import { isSkillCode, getSkill } from './skills';

/** A qualification as stored (worker_qualifications). */
export interface DatedQualification {
  skillCode: string;
  obtainedOn: string | null;
  /** Null: does not expire. */
  expiresOn: string | null;
}

/** True when the qualification holds on `localDate` (obtained on or before it, expiring after it or never). */
export function isQualificationValidOn(q: DatedQualification, localDate: string): boolean {
  if (q.obtainedOn !== null && q.obtainedOn > localDate) return false;
  return q.expiresOn === null || q.expiresOn >= localDate;
}

/**
 * The skills a worker holds on `localDate`: the declared skills (competences) and the dated qualifications
 * valid that day. A code that has a dated row is governed by the row's dates, even when also declared.
 */
export function skillsOn(declared: readonly string[], qualifications: readonly DatedQualification[], localDate: string): string[] {
  const dated = new Map(qualifications.map((q) => [q.skillCode, q]));
  const codes = new Set<string>();
  for (const code of declared) if (!dated.has(code)) codes.add(code);
  for (const q of qualifications) if (isQualificationValidOn(q, localDate)) codes.add(q.skillCode);
  return [...codes].sort();
}

export interface QualificationAlert {
  workerId: string;
  firstName: string;
  lastName: string;
  skillCode: string;
  /** French label of the skill (the code itself when it is not in the catalogue). */
  skillLabel: string;
  expiresOn: string;
  /** Days from today to the expiry (negative: already expired). */
  daysLeft: number;
  status: 'expired' | 'expiring';
  /** French sentence for the screen. */
  message: string;
}

/**
 * The qualifications that expired or expire within `withinDays` days of `today` (local date), soonest
 * first. Expired the day after `expiresOn`.
 */
export function qualificationAlerts(
  workers: readonly { id: string; firstName: string; lastName: string; qualifications: readonly DatedQualification[] }[],
  today: string,
  withinDays = 60,
): QualificationAlert[] {
  const alerts: QualificationAlert[] = [];
  for (const w of workers) {
    for (const q of w.qualifications) {
      if (q.expiresOn === null) continue;
      const daysLeft = daysBetween(today, q.expiresOn);
      if (daysLeft > withinDays) continue;
      const skillLabel = isSkillCode(q.skillCode) ? getSkill(q.skillCode).label : q.skillCode;
      const status = daysLeft < 0 ? 'expired' : 'expiring';
      const name = `${w.firstName} ${w.lastName}`;
      const message =
        status === 'expired'
          ? `${skillLabel} de ${name} a expiré le ${q.expiresOn}.`
          : daysLeft === 0
            ? `${skillLabel} de ${name} expire aujourd'hui.`
            : `${skillLabel} de ${name} expire dans ${daysLeft} jour${daysLeft > 1 ? 's' : ''} (le ${q.expiresOn}).`;
      alerts.push({ workerId: w.id, firstName: w.firstName, lastName: w.lastName, skillCode: q.skillCode, skillLabel, expiresOn: q.expiresOn, daysLeft, status, message });
    }
  }
  return alerts.sort((a, b) => a.daysLeft - b.daysLeft || a.lastName.localeCompare(b.lastName, 'fr'));
}
