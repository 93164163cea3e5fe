import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { pgArray } from '../../db/geo/communes-france';

export { SEARCH_MASK_VALUES } from '../../db/schema/directory';

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

export interface FacetMasks {
  activity: number;
  domain: number;
  mode: number;
  public: number;
  regime: number;
}

export interface SearchCriteria {
  /** Corrected words for the full-text query (AND), or null for no text. */
  text: string | null;
  /** The raw folded text, for typo-tolerant matching of organisation names. */
  nameText: string | null;
  /** Folded words (3 letters or more) whose presence in the name raises the rank. */
  nameWords: string[];
  /** Activities the text names: they match too, and raise the rank. */
  textActivities: string[];
  textActivityMask: number;
  /** Filters as bit masks (0 = no filter), see SEARCH_MASK_VALUES. */
  masks: FacetMasks;
  accepting: boolean | null;
  centre: { latitude: number; longitude: number } | null;
  /** Communes whose organisations serve them match (commune filter with its radius); null = anywhere. */
  communeCodes: string[] | null;
  sort: 'relevance' | 'distance' | 'name';
  limit: number;
  offset: number;
  /** Communes listed by the commune facet (the territory's). */
  facetCommuneCodes: string[];
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
  distanceKm: number | null;
}

export interface SearchRows {
  total: number;
  items: SearchItemRow[];
  /** Counts per bit of each mask facet, in SEARCH_MASK_VALUES order. */
  masks: Record<keyof FacetMasks, number[]>;
  accepting: { yes: number; no: number };
  communes: { code: string; count: number }[];
}

const TRUE = sql`TRUE`;
const arr = (values: readonly string[]) => sql`${pgArray(values)}::text[]`;
const DIMENSIONS = ['activity', 'domain', 'mode', 'public', 'regime'] as const;
const BITS: Record<keyof FacetMasks, number> = { activity: 26, domain: 3, mode: 3, public: 6, regime: 3 };
const COLUMN: Record<keyof FacetMasks, string> = {
  activity: 'activity_mask',
  domain: 'domain_mask',
  mode: 'mode_mask',
  public: 'public_mask',
  regime: 'regime_mask',
};

/**
 * One round trip: the page of results, their total and every facet. The rows matching the text and the
 * place are read once (`base`, narrow: bit masks, no document); each facet is then counted over them with
 * all the other filters applied, never its own (the usual rule), as integer tests in a single pass.
 * Relevance is cheap on purpose, so that broad queries (tens of thousands of matches) stay fast: the
 * activities the text names, the words of the name, then nearness.
 */
export async function searchOrganisations(db: Executor, c: SearchCriteria): Promise<SearchRows> {
  const textParts: SQL[] = [];
  if (c.text) textParts.push(sql`s.document @@ plainto_tsquery('fr_unaccent', ${c.text})`);
  if (c.textActivities.length > 0) textParts.push(sql`s.activity_codes && ${arr(c.textActivities)}`);
  // A name typed with a typo is found through the corrected words (names' words are in the vocabulary); a
  // word-similarity test here would be computed on every row the other conditions leave out.
  const textCond = textParts.length > 0 ? sql`(${sql.join(textParts, sql` OR `)})` : TRUE;
  // Served communes through organisation_communes (btree on commune_code) and the site's commune: an overlap
  // test of each row's array against hundreds of codes would cost a comparison per pair.
  const geoCond =
    c.communeCodes === null
      ? TRUE
      : sql`s.organisation_id IN (SELECT oc.organisation_id FROM organisation_communes oc WHERE oc.commune_code = ANY(${arr(c.communeCodes)})
          UNION SELECT s2.organisation_id FROM organisation_search s2 WHERE s2.commune_code = ANY(${arr(c.communeCodes)}))`;

  const flag = (dimension: keyof FacetMasks, column: string) =>
    c.masks[dimension] === 0 ? TRUE : sql.raw(`((${column} & ${c.masks[dimension]}) <> 0)`);
  const acceptingFlag = (column: string) =>
    c.accepting === null ? TRUE : sql.raw(`(${column} = ${c.accepting ? 'TRUE' : 'FALSE'})`);
  const names = ['activity', 'domain', 'mode', 'public', 'regime', 'accepting'] as const;
  const others = (except: (typeof names)[number]) =>
    sql.raw(
      names
        .filter((n) => n !== except)
        .map((n) => `f_${n}`)
        .join(' AND '),
    );
  const maskArray = (dimension: keyof FacetMasks) =>
    sql.raw(
      `ARRAY[${Array.from({ length: BITS[dimension] }, (_, k) => `count(*) FILTER (WHERE o_${dimension} AND (${COLUMN[dimension]} & ${2 ** k}) <> 0)`).join(', ')}]`,
    );

  const centre = c.centre
    ? sql`ll_to_earth(${c.centre.latitude}::float8, ${c.centre.longitude}::float8)`
    : null;
  const distance = centre
    ? sql`(earth_distance(${centre}, ll_to_earth(h.latitude, h.longitude)) / 1000.0)`
    : sql`NULL::float8`;
  const rank = sql`(${c.textActivityMask !== 0 ? sql.raw(`CASE WHEN (h.activity_mask & ${c.textActivityMask}) <> 0 THEN 1.0 ELSE 0 END`) : sql`0`}
    + ${
      c.nameWords.length > 0
        ? sql`0.5 * (${sql.join(
            c.nameWords.slice(0, 6).map((w) => sql`(position(${w} IN h.name_folded) > 0)::int`),
            sql` + `,
          )})`
        : sql`0`
    }
    + ${centre ? sql`0.3 / (1 + coalesce(${distance}, 50) / 5)` : sql`0`})`;
  const hasRank = c.textActivityMask !== 0 || c.nameWords.length > 0 || centre !== null;
  const order =
    c.sort === 'name' || (c.sort === 'relevance' && !hasRank)
      ? sql`h.name_folded, h.id`
      : c.sort === 'distance' && centre
        ? sql`${distance} NULLS LAST, h.name_folded, h.id`
        : sql`${rank} DESC, h.name_folded, h.id`;

  const communeFacet =
    c.facetCommuneCodes.length > 0
      ? sql`SELECT s.commune_code AS code, count(*)::int AS count FROM organisation_search s
          WHERE s.commune_code = ANY(${arr(c.facetCommuneCodes)}) AND ${textCond}
            AND ${flag('activity', 's.activity_mask')} AND ${flag('domain', 's.domain_mask')} AND ${flag('mode', 's.mode_mask')}
            AND ${flag('public', 's.public_mask')} AND ${flag('regime', 's.regime_mask')} AND ${acceptingFlag('s.is_accepting_clients')}
          GROUP BY s.commune_code`
      : sql`SELECT NULL::text AS code, 0 AS count WHERE FALSE`;

  const result = await db.execute(sql`
    WITH base AS MATERIALIZED (
      SELECT s.organisation_id AS id, s.name_folded, s.latitude, s.longitude, s.activity_mask, s.domain_mask, s.mode_mask,
        s.public_mask, s.regime_mask, s.is_accepting_clients,
        ${flag('activity', 's.activity_mask')} AS f_activity, ${flag('domain', 's.domain_mask')} AS f_domain,
        ${flag('mode', 's.mode_mask')} AS f_mode, ${flag('public', 's.public_mask')} AS f_public,
        ${flag('regime', 's.regime_mask')} AS f_regime, ${acceptingFlag('s.is_accepting_clients')} AS f_accepting
      FROM organisation_search s
      WHERE ${textCond} AND ${geoCond}
    ),
    flagged AS MATERIALIZED (
      SELECT b.*, ${others('activity')} AS o_activity, ${others('domain')} AS o_domain, ${others('mode')} AS o_mode,
        ${others('public')} AS o_public, ${others('regime')} AS o_regime, ${others('accepting')} AS o_accepting,
        (f_activity AND f_domain AND f_mode AND f_public AND f_regime AND f_accepting) AS hit
      FROM base b
    ),
    counts AS (
      SELECT count(*) FILTER (WHERE hit)::int AS total,
        ${maskArray('activity')} AS activity, ${maskArray('domain')} AS domain, ${maskArray('mode')} AS mode,
        ${maskArray('public')} AS public, ${maskArray('regime')} AS regime,
        count(*) FILTER (WHERE o_accepting AND is_accepting_clients)::int AS accepting_yes,
        count(*) FILTER (WHERE o_accepting AND NOT is_accepting_clients)::int AS accepting_no
      FROM flagged
    ),
    page AS (
      SELECT x.id, x.distance_km, row_number() OVER () AS n FROM (
        SELECT h.id, round(${distance}::numeric, 1)::float8 AS distance_km
        FROM (SELECT * FROM flagged WHERE hit) h
        ORDER BY ${order}
        LIMIT ${c.limit} OFFSET ${c.offset}
      ) x
    ),
    items AS (
      SELECT p.n, s.organisation_id AS id, s.name, o.siret, o.legal_form AS "legalForm", s.commune_code AS "communeCode", cm.name AS "communeName",
        o.postal_code AS "postalCode", s.activity_codes AS activities, s.modes, s.publics, s.is_accepting_clients AS "isAcceptingClients",
        o.quality_labels AS "qualityLabels", s.latitude, s.longitude, s.hourly_price_from_cents AS "hourlyPriceFromCents", p.distance_km AS "distanceKm"
      FROM page p JOIN organisation_search s ON s.organisation_id = p.id JOIN organisations o ON o.id = p.id
      LEFT JOIN communes cm ON cm.code = s.commune_code
    ),
    commune_counts AS (${communeFacet})
    SELECT counts.*,
      coalesce((SELECT json_agg(i ORDER BY i.n) FROM items i), '[]'::json) AS items,
      coalesce((SELECT json_agg(cc) FROM commune_counts cc), '[]'::json) AS communes
    FROM counts`);
  type Row = Record<keyof FacetMasks, (number | string)[] | string> & {
    total: number;
    accepting_yes: number;
    accepting_no: number;
    items: unknown;
    communes: unknown;
  };
  const [row] = rowsOf<Row>(result);
  const parse = <T>(v: unknown): T => (typeof v === 'string' ? (JSON.parse(v) as T) : (v as T));
  const counts = (v: (number | string)[] | string | undefined): number[] =>
    (typeof v === 'string' ? v.replace(/[{}]/g, '').split(',').filter(Boolean) : (v ?? [])).map(Number);
  const items = parse<(SearchItemRow & { n?: number })[]>(row?.items ?? '[]').map(
    ({ n: _n, ...item }) => item,
  );
  return {
    total: row?.total ?? 0,
    items,
    masks: Object.fromEntries(DIMENSIONS.map((d) => [d, counts(row?.[d])])) as SearchRows['masks'],
    accepting: { yes: row?.accepting_yes ?? 0, no: row?.accepting_no ?? 0 },
    communes: parse<{ code: string; count: number }[]>(row?.communes ?? '[]'),
  };
}
