/**
 * Local time of the schedule: every date and hour a coordinator reads or types is Europe/Paris, whatever
 * the browser's own zone. Instants travel as ISO strings with an offset. The conversions are the server's
 * (src/shared/local-time); this file adds the board's shapes (minutes of the day, French labels).
 */
import {
  addDays,
  createOffsetCache,
  formatOffset,
  formatTime as formatMinuteOfDay,
  isoWeekday,
  mondayOf,
  PARIS_TIME_ZONE,
  resolveLocalTime,
} from '../../shared/local-time';

export { addDays, isoWeekday, mondayOf };

/** Offset of Paris from UTC in minutes, read once per UTC hour (the board converts thousands of instants). */
export const parisOffsetMin: (ms: number) => number = createOffsetCache(PARIS_TIME_ZONE);

/** The Paris wall clock of an instant: local date (YYYY-MM-DD) and minutes since local midnight. */
export function parisLocal(instant: string | number | Date): { localDate: string; minuteOfDay: number } {
  const ms = typeof instant === 'number' ? instant : new Date(instant).getTime();
  const local = new Date(ms + parisOffsetMin(ms) * 60_000);
  return {
    localDate: local.toISOString().slice(0, 10),
    minuteOfDay: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

/**
 * The instant of a Paris wall-clock time, as an ISO string with its offset (« 2026-11-23T08:00:00+01:00 »).
 * Minutes past midnight roll over to the next day; a time skipped by the spring change moves to 03:00.
 */
export function parisInstant(localDate: string, minuteOfDay: number): string {
  const day = addDays(localDate, Math.floor(minuteOfDay / 1440));
  const resolved = resolveLocalTime(day, formatMinuteOfDay(minuteOfDay), PARIS_TIME_ZONE);
  return `${day}T${resolved.effectiveTime}:00${formatOffset(parisOffsetMin(resolved.instant.getTime()))}`;
}

/** Today in Paris. */
export function parisToday(now: Date = new Date()): string {
  return parisLocal(now).localDate;
}

/** « 08:05 » from minutes since midnight. */
export const formatMinutes: (minuteOfDay: number) => string = formatMinuteOfDay;

/** « 08:05 » → 485; null when not a time. */
export function parseMinutes(text: string): number | null {
  const match = /^(\d{1,2})[:h](\d{2})$/.exec(text.trim());
  if (!match) return null;
  const h = Number(match[1]);
  const m = Number(match[2]);
  return h < 24 && m < 60 ? h * 60 + m : null;
}

/** Paris local time of an instant, « 08:05 ». */
export function formatTime(instant: string): string {
  return formatMinutes(parisLocal(instant).minuteOfDay);
}

const dayFormat = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  timeZone: 'UTC',
});
const shortDayFormat = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

/** « lundi 23 novembre ». */
export function formatDay(localDate: string): string {
  return dayFormat.format(new Date(`${localDate}T00:00:00Z`));
}

/** « lun. 23 nov. ». */
export function formatShortDay(localDate: string): string {
  return shortDayFormat.format(new Date(`${localDate}T00:00:00Z`));
}

/** « 1 h 30 », « 45 min ». */
export function formatDuration(minutes: number): string {
  const rounded = Math.round(minutes);
  if (rounded < 60) return `${rounded} min`;
  const h = Math.floor(rounded / 60);
  const m = rounded % 60;
  return m ? `${h} h ${String(m).padStart(2, '0')}` : `${h} h`;
}

/** One formatter for the whole board: toLocaleString builds a new one at each call (slow over 1,000 blocks). */
const oneDecimal = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

/** « 5,3 » (km…). */
export function formatDecimal(value: number): string {
  return oneDecimal.format(value);
}

/** « 31,5 h ». */
export function formatHours(hours: number): string {
  return `${oneDecimal.format(hours)} h`;
}
