/**
 * The directory's search parameters and free text, parsed without I/O: the query-string schema, the
 * French tokeniser and the recognition of a commune (name or postal code) inside the free text.
 */
import { z } from 'zod';
import { ACTIVITIES, ACTIVITY_CODES, ACTIVITY_DOMAINS } from '../../domain/activities';
import { MODES, PUBLICS, REGIME_TYPES } from '../../domain/organisation';
import { foldAccents } from '../../shared/text';

/** `a=x&a=y`, `a=x,y` and `a=` all become a list of non-empty values. */
const list = <T extends string>(values: readonly [T, ...T[]], message: string) =>
  z.preprocess(
    (input) =>
      (Array.isArray(input) ? input : input === undefined ? [] : [input])
        .flatMap((v) => String(v).split(','))
        .map((v) => v.trim())
        .filter((v) => v !== ''),
    z.array(z.enum(values, { error: message })).max(30),
  );

const single = (input: unknown) => (Array.isArray(input) ? input[input.length - 1] : input) as unknown;

export const directorySearchQuerySchema = z.object({
  q: z.preprocess(
    single,
    z
      .string()
      .trim()
      .max(200, { error: 'La recherche est trop longue (200 caractères au plus).' })
      .optional(),
  ),
  activity: list(ACTIVITY_CODES, 'Activité inconnue : choisissez une activité de la liste officielle.'),
  domain: list(ACTIVITY_DOMAINS, 'Domaine inconnu.'),
  mode: list(MODES, 'Mode inconnu : prestataire, mandataire ou emploi_direct.'),
  public: list(PUBLICS, 'Public inconnu.'),
  regime: list(REGIME_TYPES, 'Régime inconnu : declaration, agrement ou autorisation.'),
  commune: z.preprocess(
    single,
    z
      .string()
      .trim()
      .toUpperCase()
      .regex(/^(?:\d{5}|2[AB]\d{3})$/, { error: "Le code commune (code INSEE) n'est pas valide." })
      .optional(),
  ),
  postalCode: z.preprocess(
    single,
    z
      .string()
      .trim()
      .regex(/^\d{5}$/, { error: 'Le code postal compte 5 chiffres.' })
      .optional(),
  ),
  radiusKm: z.preprocess(
    single,
    z.coerce
      .number({ error: 'Le rayon est un nombre de kilomètres.' })
      .min(0, { error: 'Le rayon ne peut pas être négatif.' })
      .max(100, { error: 'Le rayon ne peut pas dépasser 100 km.' })
      .default(0),
  ),
  accepting: z.preprocess(
    single,
    z.enum(['true', 'false'], { error: 'accepting vaut true ou false.' }).optional(),
  ),
  sort: z.preprocess(
    single,
    z
      .enum(['relevance', 'distance', 'name'], { error: 'Tri inconnu : relevance, distance ou name.' })
      .default('relevance'),
  ),
  page: z.preprocess(
    single,
    z.coerce.number().int().min(1, { error: 'La page commence à 1.' }).max(10_000).default(1),
  ),
  pageSize: z.preprocess(
    single,
    z.coerce.number().int().min(1).max(100, { error: 'Au plus 100 résultats par page.' }).default(20),
  ),
});
export type DirectorySearchQuery = z.output<typeof directorySearchQuerySchema>;

/** Words that carry no meaning for the search (French articles and prepositions). */
const STOP_WORDS: ReadonlySet<string> = new Set([
  'a',
  'au',
  'aux',
  'de',
  'des',
  'du',
  'd',
  'l',
  'la',
  'le',
  'les',
  'un',
  'une',
  'et',
  'ou',
  'pour',
  'en',
  'par',
  'sur',
  'avec',
  'chez',
  'mon',
  'ma',
  'mes',
]);
/** Words that only say "where" before a commune: dropped with it ("près de Saran", "à Olivet"). */
const PLACE_WORDS: ReadonlySet<string> = new Set([
  'a',
  'au',
  'aux',
  'pres',
  'proche',
  'de',
  'du',
  'd',
  'sur',
  'vers',
  'autour',
  'dans',
  'en',
  'sur',
  'secteur',
  'commune',
  'ville',
]);

/** Lower case, no accents, words of letters and digits: « Aide-ménagère à l’Île » → ['aide', 'menagere', 'a', 'l', 'ile']. */
export function tokenize(text: string): string[] {
  return foldAccents(text)
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .split(/[^a-z0-9]+/)
    .filter((t) => t !== '');
}

/** Tokens that the full-text search should see (no stop words). */
export function meaningfulTokens(tokens: readonly string[]): string[] {
  return tokens.filter((t) => !STOP_WORDS.has(t));
}

/** Every word of the activities' names and keywords: such a word alone is never read as a commune. */
const ACTIVITY_WORDS: ReadonlySet<string> = new Set(
  ACTIVITIES.flatMap((a) => tokenize(`${a.name} ${a.keywords.join(' ')}`)),
);

export interface CommuneEntry {
  code: string;
  name: string;
  postalCodes: readonly string[];
  population: number;
  /** Part of this instance's territory: preferred when names collide. */
  isInTerritory: boolean;
}

/** Communes by folded name ("saint jean de braye") and by postal code, best candidate first. */
export interface CommuneIndex {
  byName: ReadonlyMap<string, CommuneEntry>;
  byPostalCode: ReadonlyMap<string, CommuneEntry>;
  /** Longest name, in words. */
  maxWords: number;
}

const better = (a: CommuneEntry | undefined, b: CommuneEntry): boolean =>
  a === undefined ||
  (b.isInTerritory && !a.isInTerritory) ||
  (b.isInTerritory === a.isInTerritory && b.population > a.population);

export function createCommuneIndex(communes: Iterable<CommuneEntry>): CommuneIndex {
  const byName = new Map<string, CommuneEntry>();
  const byPostalCode = new Map<string, CommuneEntry>();
  let maxWords = 1;
  for (const commune of communes) {
    const tokens = tokenize(commune.name);
    const key = tokens.join(' ');
    maxWords = Math.max(maxWords, tokens.length);
    if (better(byName.get(key), commune)) byName.set(key, commune);
    for (const postalCode of commune.postalCodes)
      if (better(byPostalCode.get(postalCode), commune)) byPostalCode.set(postalCode, commune);
  }
  return { byName, byPostalCode, maxWords: Math.min(maxWords, 8) };
}

export interface ParsedText {
  /** Meaningful words left for the full-text search, in order. */
  tokens: string[];
  /** The commune named in the text, if any. */
  commune: CommuneEntry | null;
}

/**
 * Splits free text into words and a commune. How: the text is folded (no case, no accents) and cut into
 * words; every run of 1 to `maxWords` consecutive words is looked up, longest first and left to right, in
 * the index of commune names (names folded the same way, so "saint-jean-de-braye" and "Saint Jean de Braye"
 * agree) and a 5-digit word among postal codes. A single word that belongs to an activity's vocabulary
 * ("garde", "vie"…) or is shorter than 3 letters is never taken as a commune name. When names collide the
 * territory's commune wins, then the most populous. The commune's words and the place words just before
 * it ("à", "près de") leave the text; the rest, stop words removed, goes to the full-text search.
 */
export function parseSearchText(text: string, index: CommuneIndex | null): ParsedText {
  const tokens = tokenize(text);
  if (index !== null) {
    for (let size = Math.min(index.maxWords, tokens.length); size >= 1; size--) {
      for (let start = 0; start + size <= tokens.length; start++) {
        const window = tokens.slice(start, start + size);
        const key = window.join(' ');
        let commune: CommuneEntry | undefined;
        if (size === 1 && /^\d{5}$/.test(key)) commune = index.byPostalCode.get(key);
        else if (size > 1 || (key.length >= 3 && !ACTIVITY_WORDS.has(key) && !STOP_WORDS.has(key)))
          commune = index.byName.get(key);
        if (commune === undefined) continue;
        let from = start;
        while (from > 0 && PLACE_WORDS.has(tokens[from - 1]!)) from--;
        return {
          tokens: meaningfulTokens([...tokens.slice(0, from), ...tokens.slice(start + size)]),
          commune,
        };
      }
    }
  }
  return { tokens: meaningfulTokens(tokens), commune: null };
}
