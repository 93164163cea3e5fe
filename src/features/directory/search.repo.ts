import { sql } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { pgArray } from '../../db/geo/communes-france';

import { SEARCH_MASK_VALUES } from '../../db/schema/directory';
import type { SearchIndexColumns } from './search-index';

export { SEARCH_MASK_VALUES };

export interface CommuneRow {
  code: string;
  name: string;
  postalCodes: string[];
  population: number;
  latitude: number;
  longitude: number;
  isInTerritory: boolean;
}

const rowsOf = <T>(result: unknown): T[] => (result as { rows: T[] }).rows;

/** Every commune known to the database (the territory's and, once loaded, France's). */
export async function findAllCommunes(db: Executor): Promise<CommuneRow[]> {
  return rowsOf<CommuneRow>(
    await db.execute(
      sql`SELECT code, name, postal_codes AS "postalCodes", population, latitude, longitude, territory_id IS NOT NULL AS "isInTerritory" FROM communes`,
    ),
  );
}

/**
 * Each word replaced by the nearest word of the documents' vocabulary when it is not in it (pg_trgm
 * similarity ≥ 0.4), so that "jardinnage" reads "jardinage" and "auxilaire" "auxiliaire". Short words and
 * numbers are kept as they are.
 */
export async function correctWords(db: Executor, words: readonly string[]): Promise<string[]> {
  if (words.length === 0) return [];
  const rows = rowsOf<{ word: string }>(
    await db.execute(sql`
      SELECT CASE WHEN length(t.tok) < 4 OR t.tok ~ '^[0-9]+$' THEN t.tok ELSE coalesce(
        (SELECT w.word FROM search_words w WHERE w.word = t.tok),
        (SELECT w.word FROM search_words w WHERE w.word % t.tok AND similarity(w.word, t.tok) >= 0.4
          ORDER BY similarity(w.word, t.tok) DESC, length(w.word), w.word LIMIT 1),
        t.tok) END AS word
      FROM unnest(${pgArray(words)}::text[]) WITH ORDINALITY AS t(tok, i) ORDER BY t.i`),
  );
  return rows.map((r) => r.word);
}

export interface SearchItemRow {
  id: string;
  name: string;
  siret: string;
  legalForm: string;
  communeCode: string | null;
  communeName: string | null;
  postalCode: string | null;
  activities: string[];
  modes: string[];
  publics: string[];
  isAcceptingClients: boolean;
  qualityLabels: string[];
  latitude: number | null;
  longitude: number | null;
  hourlyPriceFromCents: number | null;
}

/** The generation of the search rows, read in the same statement as the data it comes with. */
const GENERATION = sql`(SELECT generation FROM directory_search_state WHERE id = 1)::float8`;
const uuids = (values: readonly string[]) => sql`${`{${values.join(',')}}`}::uuid[]`;
const FIELD = '\u001f';
const ROW = '\u001e';

/** `{a,b}` → ['a', 'b'], for the plain words of a tsvector when the driver hands arrays over as text. */
const textArray = (value: string[] | string): string[] =>
  typeof value !== 'string'
    ? value
    : value
        .replace(/^\{|\}$/g, '')
        .split(',')
        .filter(Boolean)
        .map((v) => v.replace(/^"|"$/g, ''));

/** The current generation of the search rows (directory_search_state). */
export async function findSearchGeneration(db: Executor): Promise<number> {
  const [row] = rowsOf<{ generation: number }>(await db.execute(sql`SELECT ${GENERATION} AS generation`));
  return Number(row?.generation ?? 0);
}

/**
 * Every search row in columns, for the in-memory index, with the generation they belong to (one statement, hence
 * one snapshot). The rows travel as one text (fields split by U+001F, rows by U+001E): handing 60,000 rows with
 * arrays through the driver costs several times more.
 */
export async function loadSearchIndexColumns(db: Executor): Promise<SearchIndexColumns> {
  const [row] = rowsOf<{ generation: number; rows: string | null }>(
    await db.execute(sql`SELECT ${GENERATION} AS generation,
      (SELECT string_agg(concat_ws(chr(31), s.organisation_id::text, s.activity_mask, s.domain_mask, s.mode_mask,
          s.public_mask, s.regime_mask, s.is_accepting_clients::int, coalesce(s.latitude::text, ''),
          coalesce(s.longitude::text, ''), coalesce(s.commune_code, ''), array_to_string(s.commune_codes, ','),
          s.name_folded), chr(30))
        FROM organisation_search s) AS rows`),
  );
  const terms = rowsOf<{ code: string; lexemes: string[] | string }>(
    await db.execute(
      sql`SELECT code, tsvector_to_array(to_tsvector('fr_unaccent', name || ' ; ' || keywords)) AS lexemes FROM activity_terms`,
    ),
  );
  const lines = row?.rows ? row.rows.split(ROW) : [];
  const n = lines.length;
  const masks = {
    activity: new Uint32Array(n),
    domain: new Uint32Array(n),
    mode: new Uint32Array(n),
    public: new Uint32Array(n),
    regime: new Uint32Array(n),
  };
  const ids = new Array<string>(n);
  const namesFolded = new Array<string>(n);
  const accepting = new Uint8Array(n);
  const latitude = new Float64Array(n);
  const longitude = new Float64Array(n);
  const siteCommune = new Int32Array(n);
  const servedStart = new Int32Array(n + 1);
  const served: number[] = [];
  const communeCodes: string[] = [];
  const communeIndex = new Map<string, number>();
  const communeOf = (code: string) => {
    let k = communeIndex.get(code);
    if (k === undefined) {
      k = communeCodes.push(code) - 1;
      communeIndex.set(code, k);
    }
    return k;
  };
  for (let i = 0; i < n; i++) {
    const f = lines[i]!.split(FIELD);
    ids[i] = f[0]!;
    masks.activity[i] = Number(f[1]);
    masks.domain[i] = Number(f[2]);
    masks.mode[i] = Number(f[3]);
    masks.public[i] = Number(f[4]);
    masks.regime[i] = Number(f[5]);
    accepting[i] = f[6] === '1' ? 1 : 0;
    latitude[i] = f[7] === '' ? NaN : Number(f[7]);
    longitude[i] = f[8] === '' ? NaN : Number(f[8]);
    siteCommune[i] = f[9] === '' ? -1 : communeOf(f[9]!);
    servedStart[i] = served.length;
    if (f[10] !== '') for (const code of f[10]!.split(',')) served.push(communeOf(code));
    // The name comes last: it may hold anything but the two separators.
    namesFolded[i] = f.length > 12 ? f.slice(11).join(FIELD) : f[11]!;
  }
  servedStart[n] = served.length;
  const activityLexemes = new Map<string, number>();
  for (const t of terms) {
    const bit = (SEARCH_MASK_VALUES.activity as readonly string[]).indexOf(t.code);
    if (bit < 0) continue;
    for (const l of textArray(t.lexemes))
      activityLexemes.set(l, ((activityLexemes.get(l) ?? 0) | (1 << bit)) >>> 0);
  }
  return {
    generation: Number(row?.generation ?? 0),
    ids,
    namesFolded,
    masks,
    accepting,
    latitude,
    longitude,
    siteCommune,
    servedStart,
    served: Int32Array.from(served),
    communeCodes,
    activityLexemes,
  };
}

/**
 * The lexemes PostgreSQL's French configuration (unaccent, French stemmer, stop words out) draws from a text: the
 * terms of `plainto_tsquery('fr_unaccent', text)`, which requires all of them.
 */
export async function stemText(db: Executor, text: string): Promise<string[]> {
  const [row] = rowsOf<{ lexemes: string[] | string }>(
    await db.execute(sql`SELECT tsvector_to_array(to_tsvector('fr_unaccent', ${text})) AS lexemes`),
  );
  return textArray(row?.lexemes ?? []);
}

/**
 * For each lexeme, the organisations whose own search document (name, communes served, description) contains it,
 * found through the GIN index, with the generation of the rows read.
 */
export async function findLexemePostings(
  db: Executor,
  lexemes: readonly string[],
): Promise<{ generation: number; postings: Map<string, string[]> }> {
  const [row] = rowsOf<{ generation: number; postings: unknown }>(
    await db.execute(sql`SELECT ${GENERATION} AS generation,
      coalesce((SELECT json_object_agg(l.lex, (SELECT coalesce(string_agg(s.organisation_id::text, ','), '')
          FROM organisation_search s WHERE s.document @@ (quote_literal(l.lex))::tsquery))
        FROM unnest(${pgArray(lexemes)}::text[]) AS l(lex)), '{}'::json) AS postings`),
  );
  const raw = row?.postings ?? {};
  const postings = (typeof raw === 'string' ? JSON.parse(raw) : raw) as Record<string, string>;
  return {
    generation: Number(row?.generation ?? 0),
    postings: new Map(Object.entries(postings).map(([lex, ids]) => [lex, ids === '' ? [] : ids.split(',')])),
  };
}

/** The page's rows in the order of `ids`, with the generation of the rows read (rows gone meanwhile are left out). */
export async function findPageRows(
  db: Executor,
  ids: readonly string[],
): Promise<{ generation: number; rows: SearchItemRow[] }> {
  const rows = rowsOf<SearchItemRow & { generation: number; n: number | null }>(
    await db.execute(sql`SELECT g.generation, p.* FROM (SELECT ${GENERATION} AS generation) g
      LEFT JOIN LATERAL (
        SELECT x.n, s.organisation_id AS id, s.name, o.siret, o.legal_form AS "legalForm", s.commune_code AS "communeCode",
          cm.name AS "communeName", o.postal_code AS "postalCode", s.activity_codes AS activities, s.modes, s.publics,
          s.is_accepting_clients AS "isAcceptingClients", o.quality_labels AS "qualityLabels", s.latitude, s.longitude,
          s.hourly_price_from_cents AS "hourlyPriceFromCents"
        FROM unnest(${uuids(ids)}) WITH ORDINALITY AS x(id, n)
        JOIN organisation_search s ON s.organisation_id = x.id JOIN organisations o ON o.id = x.id
        LEFT JOIN communes cm ON cm.code = s.commune_code
      ) p ON true
      ORDER BY p.n`),
  );
  return {
    generation: Number(rows[0]?.generation ?? 0),
    rows: rows.filter((r) => r.id !== null).map(({ generation: _g, n: _n, ...item }) => item),
  };
}
