/** French wording shared by the schedule's conflicts (conflicts.ts, plan-check.ts). Pure. */
import { PARIS_TIME_ZONE } from '../../shared/local-time';
import type { PlanVisit } from './planning';

const timeFormat = new Intl.DateTimeFormat('fr-FR', { timeZone: PARIS_TIME_ZONE, hour: '2-digit', minute: '2-digit' });

/** « 09:30 », Paris time. */
export const hhmm = (d: Date): string => timeFormat.format(d);

/** « 7,5 h » from minutes. */
export const hours = (minutes: number): string => `${(Math.round((minutes / 60) * 10) / 10).toString().replace('.', ',')} h`;

export const outsideWindowMessage = (v: Pick<PlanVisit, 'startsAt' | 'windowStartsAt' | 'windowEndsAt'>): string =>
  `Début à ${hhmm(v.startsAt)}, hors de la plage prévue (${hhmm(v.windowStartsAt)}–${hhmm(v.windowEndsAt)}).`;
