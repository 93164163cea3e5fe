/**
 * Money is always an integer number of euro cents (`Cents`). Amounts are never floats of euros:
 * a price of 25 €/h is `2500`. Rates are given in basis points (1 % = 100 bp) to stay integral.
 */

/** An amount in euro cents (integer). */
export type Cents = number;

/** A rate in basis points: 5.5 % = 550, 50 % = 5000, 100 % = 10000. */
export type BasisPoints = number;

/** One figure of a result, with the French sentence that explains where it comes from. */
export interface ExplanationLine {
  /** Stable key for the UI and the tests, e.g. `taxCredit.ceiling`. */
  key: string;
  /** Short French label, e.g. « Plafond annuel des dépenses ». */
  label: string;
  /** The figure, in cents. */
  amountCents: Cents;
  /** The French sentence explaining the figure and the rule (with its article) behind it. */
  text: string;
}

/**
 * Rounds a non-integer amount of cents to the nearest cent, halves away from zero
 * (the usual commercial rounding).
 */
export function roundCents(value: number): Cents {
  if (!Number.isFinite(value)) throw new RangeError(`Montant invalide : ${String(value)}`);
  const rounded = Math.sign(value) * Math.round(Math.abs(value));
  return rounded === 0 ? 0 : rounded;
}

/** `rate` (in basis points) of `amountCents`, rounded to the cent. */
export function applyRate(amountCents: Cents, rateBp: BasisPoints): Cents {
  return roundCents((amountCents * rateBp) / 10_000);
}

/** `minutes` of work at `hourlyPriceCents` per hour, rounded to the cent. */
export function priceForMinutes(minutes: number, hourlyPriceCents: Cents): Cents {
  return roundCents((minutes * hourlyPriceCents) / 60);
}

/** Sum of a list of amounts in cents. */
export function sumCents(amounts: readonly Cents[]): Cents {
  return amounts.reduce((total, amount) => total + amount, 0);
}

/** True when `value` is a safe integer amount of cents (negative allowed). */
export function isCents(value: unknown): value is Cents {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

const NBSP = '\u00a0';

/**
 * Formats cents as French euros: `123456` → « 1 234,56 € » (no-break spaces as thousands separator and
 * before the sign). Whole amounts keep their cents (« 12 000,00 € ») unless `wholeEuros` is set.
 */
export function formatEuros(amountCents: Cents, options: { wholeEuros?: boolean } = {}): string {
  const negative = amountCents < 0;
  const abs = Math.abs(Math.round(amountCents));
  const euros = Math.floor(abs / 100);
  const cents = abs % 100;
  const grouped = String(euros).replace(/\B(?=(\d{3})+(?!\d))/g, NBSP);
  const showCents = !(options.wholeEuros === true && cents === 0);
  const body = showCents ? `${grouped},${String(cents).padStart(2, '0')}` : grouped;
  return `${negative ? '-' : ''}${body}${NBSP}€`;
}

/** Formats a rate in basis points as a French percentage: `550` → « 5,5 % », `5000` → « 50 % ». */
export function formatRate(rateBp: BasisPoints): string {
  const percent = rateBp / 100;
  const text = Number.isInteger(percent) ? String(percent) : String(percent).replace('.', ',');
  return `${text}${NBSP}%`;
}

/** Formats hours given in minutes, French style: `90` → « 1 h 30 », `600` → « 10 h ». */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  if (m === 0) return `${h}${NBSP}h`;
  if (h === 0) return `${m}${NBSP}min`;
  return `${h}${NBSP}h${NBSP}${String(m).padStart(2, '0')}`;
}
