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
  /** Every commune of a folded name, best first (the territory's, then the most populous). */
  candidates: ReadonlyMap<string, readonly CommuneEntry[]>;
  /** For a word, how many names of several words contain it ("loire": 79, as in Châteauneuf-sur-Loire). */
  partCount: ReadonlyMap<string, number>;
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
  const candidates = new Map<string, CommuneEntry[]>();
  const partCount = new Map<string, number>();
  let maxWords = 1;
  for (const commune of communes) {
    const tokens = tokenize(commune.name);
    const key = tokens.join(' ');
    maxWords = Math.max(maxWords, tokens.length);
    if (better(byName.get(key), commune)) byName.set(key, commune);
    const list = candidates.get(key);
    if (list) list.push(commune);
    else candidates.set(key, [commune]);
    if (tokens.length > 1) for (const t of new Set(tokens)) partCount.set(t, (partCount.get(t) ?? 0) + 1);
    for (const postalCode of commune.postalCodes)
      if (better(byPostalCode.get(postalCode), commune)) byPostalCode.set(postalCode, commune);
  }
  for (const list of candidates.values()) list.sort((a, b) => (better(a, b) ? 1 : better(b, a) ? -1 : 0));
  return { byName, byPostalCode, candidates, partCount, maxWords: Math.min(maxWords, 8) };
}

/**
 * Words as typed (lower case, accents kept) beside the folded words of `tokenize`, one for one. Where the two
 * cannot be aligned (letters that fold into several words), the folded words stand for the typed ones.
 */
export function tokenizeTyped(text: string): { folded: string[]; typed: string[] } {
  const folded: string[] = [];
  const typed: string[] = [];
  const lower = text.normalize('NFC').toLowerCase().replace(/œ/g, 'oe').replace(/æ/g, 'ae');
  for (const raw of lower.split(/[^\p{L}\p{M}\p{N}]+/u)) {
    const parts = tokenize(raw);
    folded.push(...parts);
    typed.push(...(parts.length === 1 ? [raw] : parts));
  }
  const reference = tokenize(text);
  return reference.join(' ') === folded.join(' ')
    ? { folded, typed }
    : { folded: reference, typed: reference };
}

export interface ParsedText {
  /** Meaningful words left for the full-text search, in order. */
  tokens: string[];
  /** The commune named in the text, if any. */
  commune: CommuneEntry | null;
}

export interface ParseOptions {
  /**
   * Whether some organisation's name contains these folded words in a row (" "-separated): a commune name
   * inside such a phrase is part of a name (« Jardins de Loire Services », « Harmonie Azur »), not a place.
   */
  isInOrganisationName?: (phrase: string) => boolean;
}

/** Articles that may follow "de" before a name ("de la Loire"). */
const ARTICLES: ReadonlySet<string> = new Set(['la', 'le', 'les', 'l']);
const OF: ReadonlySet<string> = new Set(['de', 'du', 'des', 'd']);

/**
 * The commune a run of words names, or none. Several communes may share the folded name: one whose name is
 * typed with its very accents wins, then the territory's, then (for names of several words) the most populous.
 * A single word typed without its accents that is outside the territory counts only when it is not also a
 * common part of other communes' names: « Loire » is Loiré's name folded but also part of 79 names
 * (…-sur-Loire), so it is read as a word; « evreux » is Évreux.
 */
function communeOf(
  index: CommuneIndex,
  key: string,
  typedKey: string,
  size: number,
): CommuneEntry | undefined {
  const list = index.candidates.get(key) ?? [];
  const typedName = (c: CommuneEntry) => tokenizeTyped(c.name).typed.join(' ');
  return (
    list.find((c) => typedName(c) === typedKey) ??
    list.find((c) => c.isInTerritory) ??
    (size > 1 || (index.partCount.get(key) ?? 0) < 2 ? list[0] : undefined)
  );
}

/**
 * Splits free text into words and a commune. How: the text is folded (no case, no accents) and cut into
 * words; every run of 1 to `maxWords` consecutive words is looked up, longest first and left to right, in
 * the index of commune names (names folded the same way, so "saint-jean-de-braye" and "Saint Jean de Braye"
 * agree) and a 5-digit word among postal codes. A run made only of activity words ("garde", "vie"…) and
 * stop words, or a single word shorter than 3 letters, is never taken as a commune name; which commune a
 * name stands for is decided by `communeOf`. With `options.isInOrganisationName`, and when the text holds
 * words other than the services' vocabulary ("aide à domicile Orléans" stays a place), a commune inside an
 * organisation's name is not a place: when the whole text is in a name ("Harmonie Azur"), or the commune with
 * "de" and the word before ("Jardins de Loire"; not "près de Saran"). The
 * commune's words and the place words just before it ("à", "près de") leave the text; the rest, stop words
 * removed, goes to the full-text search.
 */
export function parseSearchText(
  text: string,
  index: CommuneIndex | null,
  options: ParseOptions = {},
): ParsedText {
  const { folded: tokens, typed } = tokenizeTyped(text);
  if (index !== null) {
    const inName = options.isInOrganisationName;
    let wholeInName: boolean | undefined;
    for (let size = Math.min(index.maxWords, tokens.length); size >= 1; size--) {
      for (let start = 0; start + size <= tokens.length; start++) {
        const window = tokens.slice(start, start + size);
        const key = window.join(' ');
        let commune: CommuneEntry | undefined;
        if (size === 1 && /^\d{5}$/.test(key)) commune = index.byPostalCode.get(key);
        else if (
          window.some((t) => !ACTIVITY_WORDS.has(t) && !STOP_WORDS.has(t)) &&
          (size > 1 || key.length >= 3)
        )
          commune = communeOf(index, key, typed.slice(start, start + size).join(' '), size);
        if (commune === undefined) continue;
        // Words other than a service's vocabulary beside the commune may make it part of a name.
        const others = [...tokens.slice(0, start), ...tokens.slice(start + size)];
        if (
          inName &&
          others.some((t) => !ACTIVITY_WORDS.has(t) && !STOP_WORDS.has(t) && !PLACE_WORDS.has(t))
        ) {
          wholeInName ??= inName(tokens.join(' '));
          if (wholeInName || ofInName(tokens, start, size, inName)) continue;
        }
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

/**
 * Whether the commune at tokens[start, start + size), with "de" (or "de la"…) and the word before it, is part of
 * an organisation's name: « Jardins de Loire ». Not after a place phrase ("près de", "autour de") nor after a
 * word of the services' vocabulary ("aide ménagère de Saran").
 */
function ofInName(
  tokens: readonly string[],
  start: number,
  size: number,
  inName: (phrase: string) => boolean,
): boolean {
  let from = start - 1;
  if (from > 0 && ARTICLES.has(tokens[from]!) && OF.has(tokens[from - 1]!)) from--;
  if (from < 1 || !OF.has(tokens[from]!)) return false;
  const word = tokens[from - 1]!;
  if (PLACE_WORDS.has(word) || STOP_WORDS.has(word) || ACTIVITY_WORDS.has(word)) return false;
  return inName(tokens.slice(from - 1, start + size).join(' '));
}
