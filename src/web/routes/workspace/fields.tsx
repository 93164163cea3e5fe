export { CheckboxField, errorOf, SelectField, TextAreaField } from '../../ui/form';

/** « 12,5 » or « 12.5 » → 12.5; empty → null; not a number → NaN (the schema says so). */
export function numberOf(text: string): number | null {
  const trimmed = text.trim().replace(',', '.').replace(/\s/g, '');
  return trimmed === '' ? null : Number(trimmed);
}

/** « 24,50 » € → 2450 cents. */
export function centsOf(text: string): number | null {
  const n = numberOf(text);
  return n === null ? null : Math.round(n * 100);
}
