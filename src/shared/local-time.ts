/**
 * Local dates and wall-clock times of a time zone (Europe/Paris for everything ProxiDom plans) and the
 * instants they stand for. The time-zone database is the platform's (Intl); this module only inverts it
 * (wall clock → instant), which Intl does not do, and says what happened on the two DST nights: last Sunday
 * of March 02:00 → 03:00, last Sunday of October 03:00 → 02:00. Pure: no clock, no I/O; the same code runs in
 * the server, the seed and the browser.
 */

/** The time zone of every contract, visit and schedule. */
export const PARIS_TIME_ZONE = 'Europe/Paris';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;

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

export interface LocalFields {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock fields of `instant` in `timeZone`. */
export function localFields(instant: Date, timeZone: string = PARIS_TIME_ZONE): LocalFields {
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
export function offsetMinutes(instant: Date, timeZone: string = PARIS_TIME_ZONE): number {
  const f = localFields(instant, timeZone);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / MINUTE_MS);
}

/**
 * `offsetMinutes` read once per UTC hour, for bulk work (the seed, the board): European zones change their
 * offset on whole UTC hours, so an hour's offset holds for all its instants.
 */
export function createOffsetCache(timeZone: string = PARIS_TIME_ZONE): (instant: Date | number) => number {
  const offsets = new Map<number, number>();
  return (instant) => {
    const hour = Math.floor((typeof instant === 'number' ? instant : instant.getTime()) / HOUR_MS);
    let off = offsets.get(hour);
    if (off === undefined) {
      off = offsetMinutes(new Date(hour * HOUR_MS), timeZone);
      offsets.set(hour, off);
    }
    return off;
  };
}

function parseLocalDate(localDate: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  if (!m) throw new RangeError(`Not a local date (YYYY-MM-DD): ${localDate}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/** Minutes after midnight of "HH:MM". */
export function minutesOfTime(localTime: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(localTime);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59)
    throw new RangeError(`Not a local time (HH:MM): ${localTime}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** "HH:MM" from minutes after midnight (taken modulo a day). */
export function formatTime(minutes: number): string {
  const m = ((minutes % 1440) + 1440) % 1440;
  return `${pad2(Math.floor(m / 60))}:${pad2(m % 60)}`;
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

/** The Monday of the week of a local date. */
export function mondayOf(localDate: string): string {
  return addDays(localDate, 1 - isoWeekday(localDate));
}

/** Whole days from `a` to `b` (local dates). */
export function daysBetween(a: string, b: string): number {
  const [y1, m1, d1] = parseLocalDate(a);
  const [y2, m2, d2] = parseLocalDate(b);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / DAY_MS);
}

/** The local date of `instant` in `timeZone`, YYYY-MM-DD. */
export function localDateOf(instant: Date, timeZone: string = PARIS_TIME_ZONE): string {
  const f = localFields(instant, timeZone);
  return `${String(f.year).padStart(4, '0')}-${pad2(f.month)}-${pad2(f.day)}`;
}

/** The local "HH:MM" of `instant` in `timeZone`. */
export function localTimeOf(instant: Date, timeZone: string = PARIS_TIME_ZONE): string {
  const f = localFields(instant, timeZone);
  return formatTime(f.hour * 60 + f.minute);
}

/** The Monday (local date) of the week that contains `instant` in `timeZone`. */
export function weekStartOf(instant: Date, timeZone: string = PARIS_TIME_ZONE): string {
  return mondayOf(localDateOf(instant, timeZone));
}

/** « +01:00 » from an offset in minutes. */
export function formatOffset(offsetMin: number): string {
  const abs = Math.abs(offsetMin);
  return `${offsetMin >= 0 ? '+' : '-'}${pad2(Math.floor(abs / 60))}:${pad2(abs % 60)}`;
}

/** ISO 8601 with the zone's offset, to the second (« 2026-11-16T08:02:00+01:00 »). */
export function isoWithOffset(instant: Date, timeZone: string = PARIS_TIME_ZONE): string {
  const off = offsetMinutes(instant, timeZone);
  const shifted = new Date(instant.getTime() + off * MINUTE_MS).toISOString();
  return `${shifted.slice(0, 19)}${formatOffset(off)}`;
}

/** The local instant conversion with what happened to it. */
export interface LocalInstant {
  instant: Date;
  /** The wall-clock time used: equal to the asked one, or the first valid minute after a skipped hour. */
  effectiveTime: string;
  /** `skipped`: the time does not exist that day (spring forward); `repeated`: it exists twice (autumn). */
  adjustment: 'none' | 'skipped' | 'repeated';
}

/**
 * The instant at which the clocks of `timeZone` show `localDate` `localTime`. A time skipped by the spring
 * change (02:30 on the last Sunday of March in Paris) is moved to the end of the gap (03:00 local time);
 * a time repeated in autumn (02:30 on the last Sunday of October) gives its first occurrence (summer time).
 */
export function resolveLocalTime(
  localDate: string,
  localTime: string,
  timeZone: string = PARIS_TIME_ZONE,
): LocalInstant {
  const [y, mo, d] = parseLocalDate(localDate);
  const minutes = minutesOfTime(localTime);
  const wall = Date.UTC(y, mo - 1, d, Math.floor(minutes / 60), minutes % 60);
  // The offsets one day before and after bracket any change happening that day.
  const before = offsetMinutes(new Date(wall - DAY_MS), timeZone);
  const after = offsetMinutes(new Date(wall + DAY_MS), timeZone);
  const matches = [...new Set([before, after])]
    .map((off) => wall - off * MINUTE_MS)
    .filter((c) => {
      const f = localFields(new Date(c), timeZone);
      return f.year === y && f.month === mo && f.day === d && f.hour * 60 + f.minute === minutes;
    })
    .sort((a, b) => a - b);
  if (matches.length > 0) {
    return {
      instant: new Date(matches[0]!),
      effectiveTime: localTime,
      adjustment: matches.length > 1 ? 'repeated' : 'none',
    };
  }
  // Skipped: read with the offset before the change, the time lands after the gap; the gap's end (the
  // change itself) lies less than the gap's size before it. Search it minute by minute (binary search).
  const landed = wall - before * MINUTE_MS;
  let lo = landed - Math.abs(after - before) * MINUTE_MS; // still on the old offset
  let hi = landed; // already on the new offset
  while (hi - lo > MINUTE_MS) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE_MS) * MINUTE_MS;
    if (offsetMinutes(new Date(mid), timeZone) === before) lo = mid;
    else hi = mid;
  }
  const instant = new Date(hi);
  return { instant, effectiveTime: localTimeOf(instant, timeZone), adjustment: 'skipped' };
}

/** The instant of `localDate` `localTime` (see `resolveLocalTime` for the DST rules). */
export function localToInstant(
  localDate: string,
  localTime: string,
  timeZone: string = PARIS_TIME_ZONE,
): Date {
  return resolveLocalTime(localDate, localTime, timeZone).instant;
}

/**
 * The offset, local date and ISO text of many instants, for bulk work (the seed writes tens of thousands):
 * the offset is read once per UTC hour, the rest is plain arithmetic.
 */
export function createLocalClock(timeZone: string = PARIS_TIME_ZONE) {
  const offsetOf = createOffsetCache(timeZone);
  const shifted = (instant: Date) =>
    new Date(instant.getTime() + offsetOf(instant) * MINUTE_MS).toISOString();
  return {
    offsetMinutes: offsetOf,
    /** YYYY-MM-DD in the time zone. */
    localDateOf: (instant: Date): string => shifted(instant).slice(0, 10),
    /** ISO 8601 with the zone's offset, to the second (« 2026-11-16T08:02:00+01:00 »). */
    isoWithOffset: (instant: Date): string =>
      `${shifted(instant).slice(0, 19)}${formatOffset(offsetOf(instant))}`,
  };
}
