/** Lower-cases and strips accents, so that "Ménage" and "menage" compare equal. */
export function foldAccents(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
}
