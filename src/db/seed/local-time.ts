/**
 * Local dates and wall-clock times of a time zone (Europe/Paris for the demo) turned into instants, with
 * Intl only: correct across the DST changes (last Sunday of March and of October).
 */

/** The time zone of the demo territory. */
export const DEMO_TIME_ZONE = 'Europe/Paris';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock fields of `instant` in `timeZone`. */
export function localFields(
  instant: Date,
  timeZone: string,
): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant))
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour! % 24,
    minute: parts.minute!,
    second: parts.second!,
  };
}

/** Offset of `timeZone` from UTC at `instant`, in minutes (Paris: +60 in winter, +120 in summer). */
export function offsetMinutes(instant: Date, timeZone: string): number {
  const f = localFields(instant, timeZone);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
}

function parseLocalDate(localDate: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  if (!m) throw new RangeError(`Not a local date (YYYY-MM-DD): ${localDate}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function parseLocalTime(localTime: string): [number, number] {
  const m = /^(\d{2}):(\d{2})$/.exec(localTime);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59)
    throw new RangeError(`Not a local time (HH:MM): ${localTime}`);
  return [Number(m[1]), Number(m[2])];
}

/**
 * The instant at which the clocks of `timeZone` show `localDate` `localTime`. A time skipped by the spring
 * change (02:30 on the last Sunday of March in Paris) is read with the offset before the change, so it
 * lands one hour later (03:30); a time repeated in autumn gives its first occurrence.
 */
export function localToInstant(
  localDate: string,
  localTime: string,
  timeZone: string = DEMO_TIME_ZONE,
): Date {
  const [y, mo, d] = parseLocalDate(localDate);
  const [h, mi] = parseLocalTime(localTime);
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  // The offset one day before is the one in force before any change happening that day.
  const before = offsetMinutes(new Date(wall - 86_400_000), timeZone);
  const after = offsetMinutes(new Date(wall + 86_400_000), timeZone);
  const candidates = [...new Set([before, after])].map((off) => wall - off * 60_000).sort((a, b) => a - b);
  for (const c of candidates) {
    const f = localFields(new Date(c), timeZone);
    if (f.year === y && f.month === mo && f.day === d && f.hour === h && f.minute === mi) return new Date(c);
  }
  // Skipped time: keep the offset in force before the change.
  return new Date(wall - before * 60_000);
}

/** `localDate` plus `days` days (calendar arithmetic, no time zone involved). */
export function addDays(localDate: string, days: number): string {
  const [y, mo, d] = parseLocalDate(localDate);
  return new Date(Date.UTC(y, mo - 1, d + days)).toISOString().slice(0, 10);
}

/** ISO weekday of a local date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(localDate: string): number {
  const [y, mo, d] = parseLocalDate(localDate);
  const w = new Date(Date.UTC(y, mo - 1, d)).getUTCDay();
  return w === 0 ? 7 : w;
}

/** The local date of `instant` in `timeZone`, as YYYY-MM-DD. */
export function localDateOf(instant: Date, timeZone: string = DEMO_TIME_ZONE): string {
  const f = localFields(instant, timeZone);
  return `${String(f.year).padStart(4, '0')}-${String(f.month).padStart(2, '0')}-${String(f.day).padStart(2, '0')}`;
}

/** The Monday (local date) of the week that contains `instant` in `timeZone`. */
export function weekStartOf(instant: Date, timeZone: string = DEMO_TIME_ZONE): string {
  const today = localDateOf(instant, timeZone);
  return addDays(today, 1 - isoWeekday(today));
}

/** "HH:MM" from minutes after midnight. */
export function formatMinutes(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * The offset, local date and ISO text of many instants, for the seed's bulk work: the offset is read once per
 * UTC hour (European time zones change on whole UTC hours), the rest is plain arithmetic.
 */
export function createLocalClock(timeZone: string = DEMO_TIME_ZONE) {
  const offsets = new Map<number, number>();
  const offsetOf = (instant: Date): number => {
    const hour = Math.floor(instant.getTime() / 3_600_000);
    let off = offsets.get(hour);
    if (off === undefined) {
      off = offsetMinutes(new Date(hour * 3_600_000), timeZone);
      offsets.set(hour, off);
    }
    return off;
  };
  const shifted = (instant: Date) => new Date(instant.getTime() + offsetOf(instant) * 60_000).toISOString();
  const pad = (n: number) => String(n).padStart(2, '0');
  return {
    offsetMinutes: offsetOf,
    /** YYYY-MM-DD in the time zone. */
    localDateOf: (instant: Date): string => shifted(instant).slice(0, 10),
    /** ISO 8601 with the zone's offset, to the second (« 2026-11-16T08:02:00+01:00 »). */
    isoWithOffset: (instant: Date): string => {
      const off = offsetOf(instant);
      return `${shifted(instant).slice(0, 19)}${off >= 0 ? '+' : '-'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`;
    },
  };
}
