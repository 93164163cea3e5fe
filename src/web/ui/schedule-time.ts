/**
 * Local time of the schedule: every date and hour a coordinator reads or types is Europe/Paris, whatever
 * the browser's own zone. Instants travel as ISO strings with an offset.
 */
export const SCHEDULE_TIME_ZONE = 'Europe/Paris';

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: SCHEDULE_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** Offset of Paris from UTC in minutes, cached per UTC hour (it only changes on the hour, twice a year). */
const offsetCache = new Map<number, number>();
export function parisOffsetMin(ms: number): number {
  const hour = Math.floor(ms / 3_600_000);
  const cached = offsetCache.get(hour);
  if (cached !== undefined) return cached;
  const parts: Record<string, number> = {};
  for (const p of partsFormat.formatToParts(new Date(hour * 3_600_000)))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(
    parts.year!,
    parts.month! - 1,
    parts.day!,
    parts.hour!,
    parts.minute!,
    parts.second!,
  );
  const offset = Math.round((asUtc - hour * 3_600_000) / 60_000);
  offsetCache.set(hour, offset);
  return offset;
}

/** The Paris wall clock of an instant: local date (YYYY-MM-DD) and minutes since local midnight. */
export function parisLocal(instant: string | number | Date): { localDate: string; minuteOfDay: number } {
  const ms = typeof instant === 'number' ? instant : new Date(instant).getTime();
  const local = new Date(ms + parisOffsetMin(ms) * 60_000);
  return {
    localDate: local.toISOString().slice(0, 10),
    minuteOfDay: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

/** The instant of a Paris wall-clock time, as an ISO string with its offset (« 2026-11-23T08:00:00+01:00 »). */
export function parisInstant(localDate: string, minuteOfDay: number): string {
  const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d, 0, minuteOfDay);
  // Two passes settle the offset around a DST change.
  let offset = parisOffsetMin(naive - parisOffsetMin(naive) * 60_000);
  offset = parisOffsetMin(naive - offset * 60_000);
  const sign = offset >= 0 ? '+' : '-';
  const abs = Math.abs(offset);
  const hh = String(Math.floor(minuteOfDay / 60)).padStart(2, '0');
  const mm = String(minuteOfDay % 60).padStart(2, '0');
  return `${localDate}T${hh}:${mm}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** « 2026-11-23 » + n days. */
export function addDays(localDate: string, days: number): string {
  const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** 1 = Monday … 7 = Sunday. */
export function isoWeekday(localDate: string): number {
  const [y, m, d] = localDate.split('-').map(Number) as [number, number, number];
  return ((new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7) + 1;
}

/** Monday of the week of a local date. */
export function mondayOf(localDate: string): string {
  return addDays(localDate, 1 - isoWeekday(localDate));
}

/** Today in Paris. */
export function parisToday(now: Date = new Date()): string {
  return parisLocal(now).localDate;
}

/** « 08:05 » from minutes since midnight. */
export function formatMinutes(minuteOfDay: number): string {
  const m = ((minuteOfDay % 1440) + 1440) % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

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
