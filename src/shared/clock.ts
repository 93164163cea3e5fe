/** The source of "now". Pure code receives one instead of reading the system time. */
export interface Clock {
  now(): Date;
}

/** A clock frozen at a given instant, for tests and repeatable runs. */
export function fixedClock(at: Date | string): Clock {
  const instant = new Date(at);
  return { now: () => new Date(instant) };
}
