import { sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../db/client';
import { pgArray } from '../../db/geo/communes-france';

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
    await db.execute(sql`SELECT code, name, postal_codes AS "postalCodes", population, latitude, longitude, territory_id IS NOT NULL AS "isInTerritory" FROM communes`),
  );
}

/**
 * Each word replaced by the nearest word of the documents' vocabulary when it is not in it (pg_trgm
 * similarity ≥ 0.45), so that "jardinnage" reads "jardinage" and "auxilaire" "auxiliaire". Short words and
 * numbers are kept as they are.
 */
export async function correctWords(db: Executor, words: readonly string[]): Promise<string[]> {
  if (words.length === 0) return [];
  const rows = rowsOf<{ word: string }>(
    await db.execute(sql`
      SELECT CASE WHEN length(t.tok) < 4 OR t.tok ~ '^[0-9]+$' THEN t.tok ELSE coalesce(
        (SELECT w.word FROM search_words w WHERE w.word = t.tok),
        (SELECT w.word FROM search_words w WHERE w.word % t.tok AND similarity(w.word, t.tok) >= 0.45
          ORDER BY similarity(w.word, t.tok) DESC, length(w.word), w.word LIMIT 1),
        t.tok) END AS word
      FROM unnest(${pgArray(words)}::text[]) WITH ORDINALITY AS t(tok, i) ORDER BY t.i`),
  );
  return rows.map((r) => r.word);
}

export interface SearchCriteria {
  /** Corrected words for the full-text query (AND), or null for no text. */
  text: string | null;
  /** The raw folded text, for typo-tolerant matching of organisation names. */
  foldedText: string | null;
  /** Activities the text names (exact activity match raises the rank and also matches). */
  textActivities: string[];
  activity: string[];
  domain: string[];
  mode: string[];
  public: string[];
  regime: string[];
  accepting: boolean | null;
  centre: { code: string; latitude: number; longitude: number } | null;
  radiusKm: number;
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
  facets: { facet: string; value: string; count: number }[];
}

const TRUE = sql`TRUE`;
const arr = (values: readonly string[]) => sql`${pgArray(values)}::text[]`;

/**
 * One round trip: the page of results, their total and every facet. Facets follow the usual rule: each is
 * counted with all the other filters applied, never its own (flags computed once per row in `base`).
 */
export async function searchOrganisations(db: Executor, c: SearchCriteria): Promise<SearchRows> {
  const tsquery = c.text ? sql`plainto_tsquery('fr_unaccent', ${c.text})` : null;
  const nameTyped = c.foldedText !== null && c.foldedText.length >= 4 ? c.foldedText : null;
  const textParts: SQL[] = [];
  if (tsquery) textParts.push(sql`s.document @@ ${tsquery}`);
  if (c.textActivities.length > 0) textParts.push(sql`s.activity_codes && ${arr(c.textActivities)}`);
  if (nameTyped) textParts.push(sql`${nameTyped} <% s.name_folded`);
  const textCond = textParts.length > 0 ? sql`(${sql.join(textParts, sql` OR `)})` : TRUE;

  const centre = c.centre ? sql`ll_to_earth(${c.centre.latitude}::float8, ${c.centre.longitude}::float8)` : null;
  const metres = c.radiusKm * 1000;
  let geoCond: SQL = TRUE;
  if (c.centre && centre) {
    geoCond =
      c.radiusKm === 0
        ? sql`s.commune_codes @> ARRAY[${c.centre.code}]::text[]`
        : sql`(s.commune_codes && ARRAY(SELECT cm.code FROM communes cm WHERE earth_box(${centre}, ${metres}::float8) @> ll_to_earth(cm.latitude, cm.longitude)
                 AND earth_distance(${centre}, ll_to_earth(cm.latitude, cm.longitude)) <= ${metres}::float8)
              OR (earth_box(${centre}, ${metres}::float8) @> ll_to_earth(s.latitude, s.longitude)
                 AND earth_distance(${centre}, ll_to_earth(s.latitude, s.longitude)) <= ${metres}::float8))`;
  }
  const flag = (values: readonly string[], column: SQL) => (values.length > 0 ? sql`(${column} && ${arr(values)})` : TRUE);
  const flags = {
    act: flag(c.activity, sql`s.activity_codes`),
    dom: flag(c.domain, sql`s.domains`),
    mode: flag(c.mode, sql`s.modes`),
    pub: flag(c.public, sql`s.publics`),
    reg: flag(c.regime, sql`s.regimes`),
    acc: c.accepting === null ? TRUE : sql`(s.is_accepting_clients = ${c.accepting})`,
  };
  type Flag = keyof typeof flags;
  const others = (except: Flag | 'geo') =>
    sql.join(
      (Object.keys(flags) as Flag[]).filter((k) => k !== except).map((k) => sql.raw(`f_${k}`)),
      sql` AND `,
    );

  const distance = centre ? sql`(earth_distance(${centre}, ll_to_earth(s.latitude, s.longitude)) / 1000.0)` : sql`NULL::float8`;
  const rank = sql`(${tsquery ? sql`ts_rank_cd(s.document, ${tsquery}, 32)` : sql`0`}
    + ${c.textActivities.length > 0 ? sql`CASE WHEN s.activity_codes && ${arr(c.textActivities)} THEN 0.5 ELSE 0 END` : sql`0`}
    + ${nameTyped ? sql`0.4 * word_similarity(${nameTyped}, s.name_folded)` : sql`0`}
    + ${centre ? sql`0.2 / (1 + coalesce(${distance}, 50) / 5)` : sql`0`})`;
  const order =
    c.sort === 'name' || (c.sort === 'relevance' && !tsquery && !nameTyped && c.textActivities.length === 0 && !centre)
      ? sql`s.name_folded, s.organisation_id`
      : c.sort === 'distance' && centre
        ? sql`${distance} NULLS LAST, s.name_folded, s.organisation_id`
        : sql`${rank} DESC, s.name_folded, s.organisation_id`;

  const communeFacet =
    c.facetCommuneCodes.length > 0
      ? sql`UNION ALL SELECT 'commune', s.commune_code, count(*)::int FROM organisation_search s
          WHERE s.commune_code = ANY(${arr(c.facetCommuneCodes)}) AND ${textCond} AND ${flags.act} AND ${flags.dom} AND ${flags.mode} AND ${flags.pub} AND ${flags.reg} AND ${flags.acc}
          GROUP BY s.commune_code`
      : sql``;

  const result = await db.execute(sql`
    WITH base AS MATERIALIZED (
      SELECT s.organisation_id, s.activity_codes, s.domains, s.modes, s.publics, s.regimes, s.is_accepting_clients,
        ${flags.act} AS f_act, ${flags.dom} AS f_dom, ${flags.mode} AS f_mode, ${flags.pub} AS f_pub, ${flags.reg} AS f_reg, ${flags.acc} AS f_acc
      FROM organisation_search s
      WHERE ${textCond} AND ${geoCond}
    ),
    hits AS (SELECT organisation_id FROM base WHERE f_act AND f_dom AND f_mode AND f_pub AND f_reg AND f_acc),
    page AS (
      SELECT s.organisation_id AS id, s.name, o.siret, o.legal_form AS "legalForm", s.commune_code AS "communeCode", cm.name AS "communeName",
        o.postal_code AS "postalCode", s.activity_codes AS activities, s.modes, s.publics, s.is_accepting_clients AS "isAcceptingClients",
        o.quality_labels AS "qualityLabels", s.latitude, s.longitude, s.hourly_price_from_cents AS "hourlyPriceFromCents",
        round(${distance}::numeric, 1)::float8 AS "distanceKm"
      FROM hits h JOIN organisation_search s ON s.organisation_id = h.organisation_id
      JOIN organisations o ON o.id = s.organisation_id
      LEFT JOIN communes cm ON cm.code = s.commune_code
      ORDER BY ${order}
      LIMIT ${c.limit} OFFSET ${c.offset}
    ),
    facets AS (
      SELECT 'activity' AS facet, v AS value, count(*)::int AS count FROM base, unnest(activity_codes) v WHERE ${others('act')} GROUP BY v
      UNION ALL SELECT 'domain', v, count(*)::int FROM base, unnest(domains) v WHERE ${others('dom')} GROUP BY v
      UNION ALL SELECT 'mode', v, count(*)::int FROM base, unnest(modes) v WHERE ${others('mode')} GROUP BY v
      UNION ALL SELECT 'public', v, count(*)::int FROM base, unnest(publics) v WHERE ${others('pub')} GROUP BY v
      UNION ALL SELECT 'regime', v, count(*)::int FROM base, unnest(regimes) v WHERE ${others('reg')} GROUP BY v
      UNION ALL SELECT 'accepting', is_accepting_clients::text, count(*)::int FROM base WHERE ${others('acc')} GROUP BY is_accepting_clients
      ${communeFacet}
    )
    SELECT (SELECT count(*)::int FROM hits) AS total,
      coalesce((SELECT json_agg(p ORDER BY p.n) FROM (SELECT page.*, row_number() OVER () AS n FROM page) p), '[]'::json) AS items,
      coalesce((SELECT json_agg(f) FROM facets f), '[]'::json) AS facets`);
  const [row] = rowsOf<{ total: number; items: SearchItemRow[] | string; facets: SearchRows['facets'] | string }>(result);
  const parse = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
  const items = row ? parse(row.items).map(({ n: _n, ...item }: SearchItemRow & { n?: number }) => item) : [];
  return { total: row?.total ?? 0, items, facets: row ? parse(row.facets) : [] };
}
