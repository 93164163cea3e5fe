/**
 * Contracts' weekly recurrences turned into visit occurrences: local dates and wall-clock times in
 * Europe/Paris, converted to UTC instants by src/shared/local-time, correct across the DST changes (last
 * Sunday of March, 02:00 → 03:00; last Sunday of October, 03:00 → 02:00). Pure: no clock, no I/O.
 */
import { addDays, isoWeekday, localToInstant, PARIS_TIME_ZONE, resolveLocalTime } from '../shared/local-time';


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

/** True when `localDate` is in a suspension (inclusive bounds). */
export function suspensionOn(
  localDate: string,
  suspensions: readonly SuspensionPeriod[] = [],
): SuspensionPeriod | null {
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
  const timeZone = options.timeZone ?? PARIS_TIME_ZONE;
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
export function weekBounds(
  weekStart: string,
  timeZone: string = PARIS_TIME_ZONE,
): { from: Date; to: Date; lastDay: string } {
  return {
    from: localToInstant(weekStart, '00:00', timeZone),
    to: localToInstant(addDays(weekStart, 7), '00:00', timeZone),
    lastDay: addDays(weekStart, 6),
  };
}
