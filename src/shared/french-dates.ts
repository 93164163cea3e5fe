/** French calendar words for dates that are plain calendar dates (« YYYY-MM-DD », « YYYY-MM »): no time zone. */
const MONTHS_FR = [
  'janvier',
  'février',
  'mars',
  'avril',
  'mai',
  'juin',
  'juillet',
  'août',
  'septembre',
  'octobre',
  'novembre',
  'décembre',
] as const;

/** « novembre 2026 » from « 2026-11 ». */
export function monthLabel(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${MONTHS_FR[m - 1]} ${y}`;
}

/** « 2026-10 » from « 2026-11 ». */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, '0')}`;
}

/** « 22/11/2026 » from an ISO date (or the date part of an ISO instant). */
export function frenchDate(isoDate: string): string {
  const [y, m, d] = isoDate.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** « 22 novembre 2026 », « 1er mars 2026 »; what is not a date is returned as it is. */
export function longFrenchDate(isoDate: string): string {
  const [y, m, d] = isoDate.split('-').map(Number);
  if (!y || !m || !d || m < 1 || m > 12) return isoDate;
  return `${d === 1 ? '1er' : d} ${MONTHS_FR[m - 1]} ${y}`;
}
