/**
 * Contracts' weekly recurrences turned into visit occurrences: local dates and wall-clock times in
 * Europe/Paris, converted to UTC instants with Intl only, correct across the DST changes (last Sunday of
 * March, 02:00 → 03:00; last Sunday of October, 03:00 → 02:00). Pure: no clock, no I/O.
 */

/** The time zone every contract is expressed in. */
export const CARE_TIME_ZONE = 'Europe/Paris';

/** One weekly slot of a contract, as stored in contracts.recurrence (local time). */
export interface RecurrenceSlot {
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** "HH:MM", local time. */
  start: string;
  durationMin: number;
  /** The visit may start this many minutes before or after `start`. */
  toleranceMin: number;
}

/** A pause of a contract, inclusive local dates. */
export interface SuspensionPeriod {
  startsOn: string;
  endsOn: string;
  reason?: string;
}

/** What the expansion needs of a contract. */
export interface ContractForExpansion {
  id?: string;
  recurrence: readonly RecurrenceSlot[];
  /** First local date of the contract. */
  startsOn: string;
  /** Last local date (inclusive), or null when open-ended. */
  endsOn: string | null;
  suspensions?: readonly SuspensionPeriod[];
}

/** One visit the contract asks for. */
export interface Occurrence {
  /** Local date YYYY-MM-DD in Europe/Paris. */
  localDate: string;
  /** Index of the slot in the contract's recurrence. */
  slotIndex: number;
  weekday: number;
  /** The slot's local start time as written in the contract. */
  localStart: string;
  /** The local start time actually used (differs on the spring-forward night only). */
  effectiveLocalStart: string;
  startsAt: Date;
  durationMin: number;
  windowStartsAt: Date;
  windowEndsAt: Date;
  /** The suspension covering the day, when `includeSuspended` asked for such days. */
  suspension: SuspensionPeriod | null;
  /** French explanation of a DST adjustment, or null. */
  warning: string | null;
}

const MINUTE_MS = 60_000;
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

/** The wall-clock fields of `instant` in `timeZone`. */
export function localFields(instant: Date, timeZone: string = CARE_TIME_ZONE) {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour! % 24, minute: parts.minute!, second: parts.second! };
}

/** Offset of `timeZone` from UTC at `instant`, in minutes (Paris: +60 in winter, +120 in summer). */
export function offsetMinutes(instant: Date, timeZone: string = CARE_TIME_ZONE): number {
  const f = localFields(instant, timeZone);
  const asUtc = Date.UTC(f.year, f.month - 1, f.day, f.hour, f.minute, f.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / MINUTE_MS);
}

function parseLocalDate(localDate: string): [number, number, number] {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  if (!m) throw new RangeError(`Not a local date (YYYY-MM-DD): ${localDate}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** Minutes after midnight of "HH:MM". */
export function minutesOfTime(localTime: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(localTime);
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new RangeError(`Not a local time (HH:MM): ${localTime}`);
  return Number(m[1]) * 60 + Number(m[2]);
}

/** "HH:MM" from minutes after midnight. */
export function formatTime(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
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

/** Whole days from `a` to `b` (local dates). */
export function daysBetween(a: string, b: string): number {
  const [y1, m1, d1] = parseLocalDate(a);
  const [y2, m2, d2] = parseLocalDate(b);
  return Math.round((Date.UTC(y2, m2 - 1, d2) - Date.UTC(y1, m1 - 1, d1)) / DAY_MS);
}

/** The local date of `instant` in `timeZone`, YYYY-MM-DD. */
export function localDateOf(instant: Date, timeZone: string = CARE_TIME_ZONE): string {
  const f = localFields(instant, timeZone);
  return `${String(f.year).padStart(4, '0')}-${String(f.month).padStart(2, '0')}-${String(f.day).padStart(2, '0')}`;
}

/** The local "HH:MM" of `instant` in `timeZone`. */
export function localTimeOf(instant: Date, timeZone: string = CARE_TIME_ZONE): string {
  const f = localFields(instant, timeZone);
  return formatTime(f.hour * 60 + f.minute);
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
export function resolveLocalTime(localDate: string, localTime: string, timeZone: string = CARE_TIME_ZONE): LocalInstant {
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
    return { instant: new Date(matches[0]!), effectiveTime: localTime, adjustment: matches.length > 1 ? 'repeated' : 'none' };
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
  const jumpTo = localTimeOf(instant, timeZone);
  return { instant, effectiveTime: jumpTo, adjustment: 'skipped' };
}

/** The instant of `localDate` `localTime` (see `resolveLocalTime` for the DST rules). */
export function localToInstant(localDate: string, localTime: string, timeZone: string = CARE_TIME_ZONE): Date {
  return resolveLocalTime(localDate, localTime, timeZone).instant;
}

/** True when `localDate` is in a suspension (inclusive bounds). */
export function suspensionOn(localDate: string, suspensions: readonly SuspensionPeriod[] = []): SuspensionPeriod | null {
  return suspensions.find((s) => s.startsOn <= localDate && localDate <= s.endsOn) ?? null;
}

/**
 * The visits a contract asks for between two local dates (inclusive), in date then time order, each with
 * its UTC instant and start window (start ± tolerance, in real minutes). Days outside the contract's dates
 * are left out; suspended days too, unless `includeSuspended` (then `suspension` says which one).
 * On the spring-forward night a slot whose time does not exist (02:00–02:59) starts at 03:00, with a
 * French `warning`; on the autumn night a repeated time is the first one (summer time), with a warning.
 */
export function expandContractOccurrences(
  contract: ContractForExpansion,
  range: { from: string; to: string },
  options: { includeSuspended?: boolean; timeZone?: string } = {},
): Occurrence[] {
  const timeZone = options.timeZone ?? CARE_TIME_ZONE;
  const from = range.from > contract.startsOn ? range.from : contract.startsOn;
  const to = contract.endsOn !== null && contract.endsOn < range.to ? contract.endsOn : range.to;
  const occurrences: Occurrence[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    const weekday = isoWeekday(day);
    const suspension = suspensionOn(day, contract.suspensions);
    if (suspension && !options.includeSuspended) continue;
    contract.recurrence.forEach((slot, slotIndex) => {
      if (slot.weekday !== weekday) return;
      const resolved = resolveLocalTime(day, slot.start, timeZone);
      const tolerance = Math.max(0, slot.toleranceMin) * MINUTE_MS;
      const warning =
        resolved.adjustment === 'skipped'
          ? `Le ${day}, l'heure ${slot.start} n'existe pas (passage à l'heure d'été) : l'intervention commence à ${resolved.effectiveTime}.`
          : resolved.adjustment === 'repeated'
            ? `Le ${day}, l'heure ${slot.start} existe deux fois (passage à l'heure d'hiver) : l'intervention est placée à la première (heure d'été).`
            : null;
      occurrences.push({
        localDate: day,
        slotIndex,
        weekday,
        localStart: slot.start,
        effectiveLocalStart: resolved.effectiveTime,
        startsAt: resolved.instant,
        durationMin: slot.durationMin,
        windowStartsAt: new Date(resolved.instant.getTime() - tolerance),
        windowEndsAt: new Date(resolved.instant.getTime() + tolerance),
        suspension,
        warning,
      });
    });
  }
  return occurrences.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime() || a.slotIndex - b.slotIndex);
}

/** The stable key of an occurrence: generation is idempotent through it (`contractId:localDate:slotIndex`). */
export function occurrenceKey(contractId: string, localDate: string, slotIndex: number): string {
  return `${contractId}:${localDate}:${slotIndex}`;
}

/** The UTC instants bounding the local week starting on Monday `weekStart` (Monday 00:00 to next Monday 00:00). */
export function weekBounds(weekStart: string, timeZone: string = CARE_TIME_ZONE): { from: Date; to: Date; lastDay: string } {
  return { from: localToInstant(weekStart, '00:00', timeZone), to: localToInstant(addDays(weekStart, 7), '00:00', timeZone), lastDay: addDays(weekStart, 6) };
}
