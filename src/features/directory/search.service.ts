/**
 * The public directory: search with facets, the activities, the territory map. Free text is parsed in
 * search-query.ts (commune recognised, words folded), corrected against the documents' vocabulary, then
 * matched by PostgreSQL's French full-text search (see search.repo.ts).
 */
import type { Db } from '../../db/client';
import {
  ACTIVITIES,
  ACTIVITY_DOMAIN_LABELS,
  findActivities,
  getActivity,
  type ActivityDomain,
} from '../../domain/activities';
import {
  MODE_INFO,
  PUBLIC_LABELS,
  REGIME_INFO,
  type Mode,
  type Public,
  type RegimeType,
} from '../../domain/organisation';
import { DomainError } from '../../shared/errors';
import { foldAccents } from '../../shared/text';
import {
  createCommuneIndex,
  parseSearchText,
  type CommuneIndex,
  type DirectorySearchQuery,
} from './search-query';
import * as repo from './search.repo';

/** Codes of the communes whose centre lies within `radiusKm` of the centre of `from` (haversine, Earth radius 6371 km). */
export function communesWithin(
  all: readonly { code: string; latitude: number; longitude: number }[],
  from: { latitude: number; longitude: number },
  radiusKm: number,
): string[] {
  const rad = Math.PI / 180;
  const lat1 = from.latitude * rad;
  const cosLat1 = Math.cos(lat1);
  // A cheap box first: 1° of latitude is ~111 km.
  const dLatMax = radiusKm / 111 + 0.01;
  const dLonMax = radiusKm / (111 * Math.max(0.1, cosLat1)) + 0.01;
  const codes: string[] = [];
  for (const c of all) {
    if (Math.abs(c.latitude - from.latitude) > dLatMax || Math.abs(c.longitude - from.longitude) > dLonMax)
      continue;
    const dLat = (c.latitude - from.latitude) * rad;
    const dLon = (c.longitude - from.longitude) * rad;
    const a = Math.sin(dLat / 2) ** 2 + cosLat1 * Math.cos(c.latitude * rad) * Math.sin(dLon / 2) ** 2;
    if (2 * 6371 * Math.asin(Math.min(1, Math.sqrt(a))) <= radiusKm) codes.push(c.code);
  }
  return codes;
}

export interface FacetValue {
  value: string;
  label: string;
  count: number;
}

export interface DirectorySearchResult {
  total: number;
  page: number;
  pageSize: number;
  items: (Omit<repo.SearchItemRow, 'distanceKm'> & { distanceKm?: number; matchedActivities?: string[] })[];
  facets: Record<
    'activity' | 'domain' | 'mode' | 'public' | 'regime' | 'commune' | 'accepting',
    FacetValue[]
  >;
  /** How the free text was understood (commune recognised, words after correction). */
  interpretation: { words: string[]; commune: { code: string; name: string } | null };
}

const FACET_NAMES = ['activity', 'domain', 'mode', 'public', 'regime', 'commune', 'accepting'] as const;
/**
 * Answers are kept this long at most. Changes made through this process (profile, import) clear the cache at
 * once; changes made by another server process show after this delay.
 */
const RESULT_CACHE_MS = 30_000;
/** Communes are cached for this long; they change only with a new geography. */
const COMMUNE_CACHE_MS = 10 * 60_000;

export function createSearchService(deps: { db: Db; cacheSize?: number }) {
  const { db } = deps;
  // The last answers by query (LRU): a directory sees the same searches again and again, and counting the
  // facets of a broad search reads tens of thousands of rows.
  let cacheSize = deps.cacheSize ?? 500;
  const cache = new Map<string, { at: number; result: DirectorySearchResult }>();
  const stats = { hits: 0, misses: 0 };
  const keyOf = (query: DirectorySearchQuery) =>
    JSON.stringify(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? [...new Set(v)].sort() : v]));
  let communes:
    | {
        at: number;
        all: repo.CommuneRow[];
        index: CommuneIndex;
        byCode: Map<string, repo.CommuneRow>;
        territoryCodes: string[];
      }
    | undefined;

  async function loadCommunes() {
    if (communes && Date.now() - communes.at < COMMUNE_CACHE_MS) return communes;
    const rows = await repo.findAllCommunes(db);
    communes = {
      at: Date.now(),
      all: rows,
      index: createCommuneIndex(rows),
      byCode: new Map(rows.map((r) => [r.code, r])),
      territoryCodes: rows.filter((r) => r.isInTerritory).map((r) => r.code),
    };
    return communes;
  }

  const labelOf = (
    facet: (typeof FACET_NAMES)[number],
    value: string,
    names: Map<string, repo.CommuneRow>,
  ): string => {
    switch (facet) {
      case 'activity':
        return ACTIVITIES.find((a) => a.code === value)?.name ?? value;
      case 'domain':
        return ACTIVITY_DOMAIN_LABELS[value as ActivityDomain] ?? value;
      case 'mode':
        return MODE_INFO[value as Mode]?.label ?? value;
      case 'public':
        return PUBLIC_LABELS[value as Public] ?? value;
      case 'regime':
        return REGIME_INFO[value as RegimeType]?.label ?? value;
      case 'commune':
        return names.get(value)?.name ?? value;
      case 'accepting':
        return value === 'true' ? 'Accepte de nouveaux clients' : "N'accepte pas de nouveaux clients";
    }
  };

  return {
    /** Forgets the cached communes (after France's communes are loaded, or the territory changes). */
    forgetCommunes() {
      communes = undefined;
    },

    /** Forgets the cached answers: call it after any change to organisations. */
    invalidate() {
      cache.clear();
    },

    /** Sets the number of cached answers (0: no cache, as the benchmark measures the database alone). */
    setCacheSize(size: number) {
      cacheSize = size;
      cache.clear();
    },

    cacheStats: () => ({ ...stats, size: cache.size }),

    async searchOrganisations(query: DirectorySearchQuery): Promise<DirectorySearchResult> {
      const key = cacheSize > 0 ? keyOf(query) : '';
      const cached = cacheSize > 0 ? cache.get(key) : undefined;
      if (cached && Date.now() - cached.at < RESULT_CACHE_MS) {
        stats.hits++;
        cache.delete(key);
        cache.set(key, cached);
        return cached.result;
      }
      stats.misses++;
      const result = await this.searchUncached(query);
      if (cacheSize > 0) {
        cache.set(key, { at: Date.now(), result });
        while (cache.size > cacheSize) cache.delete(cache.keys().next().value!);
      }
      return result;
    },

    async searchUncached(query: DirectorySearchQuery): Promise<DirectorySearchResult> {
      const known = await loadCommunes();
      let centre: repo.CommuneRow | null = null;
      if (query.commune !== undefined) {
        centre = known.byCode.get(query.commune) ?? null;
        if (!centre)
          throw new DomainError('validation', 'Commune inconnue.', [
            { field: 'commune', message: `Aucune commune n'a le code ${query.commune}.` },
          ]);
      } else if (query.postalCode !== undefined) {
        const entry = known.index.byPostalCode.get(query.postalCode);
        if (!entry)
          throw new DomainError('validation', 'Code postal inconnu.', [
            { field: 'postalCode', message: `Aucune commune n'a le code postal ${query.postalCode}.` },
          ]);
        centre = known.byCode.get(entry.code) ?? null;
      }

      // A commune named in the text counts only when no commune was chosen explicitly.
      const parsed = parseSearchText(query.q ?? '', centre === null ? known.index : null);
      if (centre === null && parsed.commune) centre = known.byCode.get(parsed.commune.code) ?? null;
      const words = await repo.correctWords(db, parsed.tokens);
      const text = words.join(' ');
      const named = text === '' ? [] : findActivities({ text });
      const textActivities = named.length > 0 && named.length <= 3 ? named.map((a) => a.code) : [];
      const foldedText = parsed.tokens.length > 0 ? foldAccents(parsed.tokens.join(' ')) : null;

      const communeCodes =
        centre === null
          ? null
          : query.radiusKm === 0
            ? [centre.code]
            : communesWithin(known.all, centre, query.radiusKm);
      const maskOf = (dimension: keyof typeof repo.SEARCH_MASK_VALUES, values: readonly string[]) =>
        values.reduce(
          (mask, v) => mask + 2 ** (repo.SEARCH_MASK_VALUES[dimension] as readonly string[]).indexOf(v),
          0,
        );
      const rows = await repo.searchOrganisations(db, {
        text: text === '' ? null : text,
        nameText: foldedText,
        nameWords: parsed.tokens.filter((t) => t.length >= 3),
        textActivities,
        textActivityMask: maskOf('activity', textActivities),
        masks: {
          activity: maskOf('activity', [...new Set(query.activity)]),
          domain: maskOf('domain', [...new Set(query.domain)]),
          mode: maskOf('mode', [...new Set(query.mode)]),
          public: maskOf('public', [...new Set(query.public)]),
          regime: maskOf('regime', [...new Set(query.regime)]),
        },
        accepting: query.accepting === undefined ? null : query.accepting === 'true',
        centre: centre ? { latitude: centre.latitude, longitude: centre.longitude } : null,
        communeCodes,
        sort: query.sort,
        limit: query.pageSize,
        offset: (query.page - 1) * query.pageSize,
        facetCommuneCodes:
          centre && !known.territoryCodes.includes(centre.code)
            ? [...known.territoryCodes, centre.code]
            : known.territoryCodes,
      });
      const counted: Record<(typeof FACET_NAMES)[number], [string, number][]> = {
        activity: repo.SEARCH_MASK_VALUES.activity.map((v, k) => [v, rows.masks.activity[k] ?? 0]),
        domain: repo.SEARCH_MASK_VALUES.domain.map((v, k) => [v, rows.masks.domain[k] ?? 0]),
        mode: repo.SEARCH_MASK_VALUES.mode.map((v, k) => [v, rows.masks.mode[k] ?? 0]),
        public: repo.SEARCH_MASK_VALUES.public.map((v, k) => [v, rows.masks.public[k] ?? 0]),
        regime: repo.SEARCH_MASK_VALUES.regime.map((v, k) => [v, rows.masks.regime[k] ?? 0]),
        commune: rows.communes.map((c) => [c.code, c.count]),
        accepting: [
          ['true', rows.accepting.yes],
          ['false', rows.accepting.no],
        ],
      };

      const selected: Record<(typeof FACET_NAMES)[number], string[]> = {
        activity: query.activity,
        domain: query.domain,
        mode: query.mode,
        public: query.public,
        regime: query.regime,
        commune: centre ? [centre.code] : [],
        accepting: query.accepting === undefined ? [] : [query.accepting],
      };
      const facets = Object.fromEntries(
        FACET_NAMES.map((name) => {
          const counts = new Map(
            counted[name].filter(([value, count]) => count > 0 || selected[name].includes(value)),
          );
          for (const value of selected[name]) if (!counts.has(value)) counts.set(value, 0);
          const values = [...counts].map(([value, count]) => ({
            value,
            label: labelOf(name, value, known.byCode),
            count,
          }));
          values.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label, 'fr'));
          return [name, values];
        }),
      ) as DirectorySearchResult['facets'];

      return {
        total: rows.total,
        page: query.page,
        pageSize: query.pageSize,
        items: rows.items.map(({ distanceKm, ...item }) => ({
          ...item,
          ...(centre && distanceKm !== null ? { distanceKm } : {}),
          ...(textActivities.length > 0
            ? { matchedActivities: item.activities.filter((a) => (textActivities as string[]).includes(a)) }
            : {}),
        })),
        facets,
        interpretation: {
          words,
          commune: centre && parsed.commune ? { code: centre.code, name: centre.name } : null,
        },
      };
    },

    /** The 26 activities of D7231-1, for the directory's filters and the guide. */
    listActivities() {
      return ACTIVITIES.map((a) => ({
        code: a.code,
        article: a.article,
        name: a.name,
        description: a.description,
        domain: a.domains[0]!,
        domainLabel: ACTIVITY_DOMAIN_LABELS[a.domains[0]!],
        domains: [...a.domains],
        keywords: [...a.keywords],
      }));
    },

    activityName: (code: string) => getActivity(code).name,
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
