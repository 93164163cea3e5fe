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
import {
  createCommuneIndex,
  parseSearchText,
  type CommuneIndex,
  type DirectorySearchQuery,
} from './search-query';
import {
  createSearchIndex,
  queryIndex,
  roundKm,
  matchOwnWords,
  type IndexQuery,
  type OwnWordsMatch,
  type MaskDimension,
  type SearchIndex,
} from './search-index';
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

/** Facet labels in French order (one collator: `localeCompare(…, 'fr')` would build one per call). */
const FRENCH = new Intl.Collator('fr');
/** Labels already placed in French order (facet labels are few and come back in every answer). */
const labelRank = new Map<string, number>();
let rankedLabels: string[] = [];
const frenchOrder = (a: string, b: string): number => {
  if (!labelRank.has(a) || !labelRank.has(b)) {
    if (rankedLabels.length > 10_000) rankedLabels = [];
    rankedLabels = [...new Set([...rankedLabels, a, b])].sort(FRENCH.compare);
    labelRank.clear();
    rankedLabels.forEach((label, rank) => labelRank.set(label, rank));
  }
  return labelRank.get(a)! - labelRank.get(b)!;
};

const FACET_NAMES = ['activity', 'domain', 'mode', 'public', 'regime', 'commune', 'accepting'] as const;
/** Communes are cached for this long; they change only with a new geography. */
const COMMUNE_CACHE_MS = 10 * 60_000;
/** The answer cache's default bounds: answers, and bytes of JSON (a broad answer is 5–15 kB). */
const CACHE_ENTRIES = 5_000;
const CACHE_BYTES = 32 * 2 ** 20;

export function createSearchService(deps: { db: Db; cacheSize?: number }) {
  const { db } = deps;
  // The last answers by query, as JSON (LRU). Each is valid for the generation of the rows it was computed from:
  // a hit is served only when the database's generation is still that one (a check shared by the requests that
  // arrive meanwhile), so a change made by any server process shows at once.
  let cacheSize = deps.cacheSize ?? CACHE_ENTRIES;
  const cache = new Map<string, { generation: number; json: Buffer }>();
  let cacheBytes = 0;
  const stats = { hits: 0, misses: 0 };
  const keyOf = (query: DirectorySearchQuery) =>
    JSON.stringify(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? [...new Set(v)].sort() : v]));
  const forget = (key: string) => {
    const entry = cache.get(key);
    if (entry) cacheBytes -= entry.json.byteLength;
    cache.delete(key);
  };
  const clearCache = () => {
    cache.clear();
    cacheBytes = 0;
  };
  let communes:
    | {
        at: number;
        all: repo.CommuneRow[];
        index: CommuneIndex;
        byCode: Map<string, repo.CommuneRow>;
        territoryCodes: string[];
        /** Communes within a radius of a commune's centre (geography does not change: kept with the communes). */
        within: (centre: repo.CommuneRow, radiusKm: number) => string[];
      }
    | undefined;

  async function loadCommunes() {
    if (communes && Date.now() - communes.at < COMMUNE_CACHE_MS) return communes;
    const rows = await repo.findAllCommunes(db);
    const around = new Map<string, string[]>();
    communes = {
      at: Date.now(),
      all: rows,
      index: createCommuneIndex(rows),
      byCode: new Map(rows.map((r) => [r.code, r])),
      territoryCodes: rows.filter((r) => r.isInTerritory).map((r) => r.code),
      within: (centre: repo.CommuneRow, radiusKm: number) => {
        const key = `${centre.code} ${radiusKm}`;
        let codes = around.get(key);
        if (!codes) {
          codes = communesWithin(rows, centre, radiusKm);
          remember(around, key, codes, 2_000);
        }
        return codes;
      },
    };
    return communes;
  }

  const engine = createIndexHolder(db, clearCache);

  /**
   * A search computed now. The index may be older than the rows PostgreSQL answers with: every answer from
   * PostgreSQL carries the generation it was read at, and a different one reloads the index and starts again (at
   * most three times, in case writes go on: then the answer of the last index is given, not cached).
   */
  async function searchFresh(
    query: DirectorySearchQuery,
  ): Promise<{ result: DirectorySearchResult; generation: number; consistent: boolean }> {
    for (let attempt = 0; ; attempt++) {
      const state = await engine.current();
      const outcome = await searchWith(state, query);
      const consistent = outcome.generation === state.index.generation;
      if (consistent || attempt >= 2) return { ...outcome, consistent };
      engine.markStale(outcome.generation);
    }
  }

  /** One search against one state of the index; `generation` is the newest generation PostgreSQL answered with. */
  async function searchWith(
    state: IndexState,
    query: DirectorySearchQuery,
  ): Promise<{ generation: number; result: DirectorySearchResult }> {
    const { index } = state;
    let generation = index.generation;
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
    const parsed = parseSearchText(query.q ?? '', centre === null ? known.index : null, {
      isInOrganisationName: (phrase) => engine.isInOrganisationName(state, phrase),
    });
    if (centre === null && parsed.commune) centre = known.byCode.get(parsed.commune.code) ?? null;
    const words = await engine.correct(state, parsed.tokens);
    const text = words.join(' ');
    const textActivities = engine.activitiesNamed(text);

    let textMatch: IndexQuery['text'] = null;
    if (text !== '') {
      const matched = await engine.matchText(state, text);
      if (matched.generation !== index.generation) generation = matched.generation;
      textMatch = matched.text;
    }

    const communeCodes =
      centre === null ? null : query.radiusKm === 0 ? [centre.code] : known.within(centre, query.radiusKm);
    // Communes without any organisation are not in the index: nothing to find there.
    const marks = (codes: readonly string[]) =>
      codes.map((code) => index.communeIndex.get(code)).filter((k) => k !== undefined);
    const maskOf = (dimension: MaskDimension, values: readonly string[]) =>
      [...new Set(values)].reduce(
        (mask, v) => mask + 2 ** (repo.SEARCH_MASK_VALUES[dimension] as readonly string[]).indexOf(v),
        0,
      );
    const answer = queryIndex(index, {
      text: textMatch,
      textActivityMask: maskOf('activity', textActivities),
      masks: {
        activity: maskOf('activity', query.activity),
        domain: maskOf('domain', query.domain),
        mode: maskOf('mode', query.mode),
        public: maskOf('public', query.public),
        regime: maskOf('regime', query.regime),
      },
      accepting: query.accepting === undefined ? null : query.accepting === 'true',
      communes: communeCodes === null ? null : marks(communeCodes),
      facetCommunes: marks(
        centre && !known.territoryCodes.includes(centre.code)
          ? [...known.territoryCodes, centre.code]
          : known.territoryCodes,
      ),
      centre: centre ? { latitude: centre.latitude, longitude: centre.longitude } : null,
      nameWords: parsed.tokens
        .filter((t) => t.length >= 3)
        .slice(0, 6)
        .map((w) => engine.namesContaining(state, w)),
      sort: query.sort,
      limit: query.pageSize,
      offset: (query.page - 1) * query.pageSize,
    });
    const page = await engine.pageRows(
      state,
      answer.page.map((p) => index.ids[p.index]!),
    );
    if (page.generation !== index.generation) generation = page.generation;
    const distanceById = new Map(answer.page.map((p) => [index.ids[p.index]!, p.distanceKm]));

    const counted: Record<(typeof FACET_NAMES)[number], [string, number][]> = {
      activity: repo.SEARCH_MASK_VALUES.activity.map((v, k) => [v, answer.counts.activity[k] ?? 0]),
      domain: repo.SEARCH_MASK_VALUES.domain.map((v, k) => [v, answer.counts.domain[k] ?? 0]),
      mode: repo.SEARCH_MASK_VALUES.mode.map((v, k) => [v, answer.counts.mode[k] ?? 0]),
      public: repo.SEARCH_MASK_VALUES.public.map((v, k) => [v, answer.counts.public[k] ?? 0]),
      regime: repo.SEARCH_MASK_VALUES.regime.map((v, k) => [v, answer.counts.regime[k] ?? 0]),
      commune: answer.communes.map((c) => [c.code, c.count]),
      accepting: [
        ['true', answer.accepting.yes],
        ['false', answer.accepting.no],
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
        values.sort((a, b) => b.count - a.count || frenchOrder(a.label, b.label));
        return [name, values];
      }),
    ) as DirectorySearchResult['facets'];

    return {
      generation,
      result: {
        total: answer.total,
        page: query.page,
        pageSize: query.pageSize,
        items: page.rows.map((item) => {
          const distanceKm = distanceById.get(item.id) ?? null;
          return {
            ...item,
            ...(centre && distanceKm !== null ? { distanceKm: roundKm(distanceKm) } : {}),
            ...(textActivities.length > 0
              ? {
                  matchedActivities: item.activities.filter((a) => (textActivities as string[]).includes(a)),
                }
              : {}),
          };
        }),
        facets,
        interpretation: {
          words,
          commune: centre && parsed.commune ? { code: centre.code, name: centre.name } : null,
        },
      },
    };
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

    /** Forgets the cached answers (changes are seen anyway through the search generation). */
    invalidate() {
      clearCache();
    },

    /** Sets the number of cached answers (0: no cache, to measure a search's own cost; none: the default). */
    setCacheSize(size: number = CACHE_ENTRIES) {
      cacheSize = size;
      clearCache();
    },

    cacheStats: () => ({ ...stats, size: cache.size, bytes: cacheBytes, generationChecks: engine.checks() }),

    /**
     * The answer as JSON (UTF-8 bytes, sent as they are), from the cache when the rows have not changed since it
     * was computed.
     */
    async searchOrganisationsJson(query: DirectorySearchQuery): Promise<Buffer> {
      const key = cacheSize > 0 ? keyOf(query) : '';
      const cached = cacheSize > 0 ? cache.get(key) : undefined;
      if (cached) {
        const generation = await engine.generationNow();
        if (generation === cached.generation) {
          stats.hits++;
          cache.delete(key);
          cache.set(key, cached);
          return cached.json;
        }
        forget(key);
        engine.markStale(generation);
      }
      stats.misses++;
      const { result, generation, consistent } = await searchFresh(query);
      const json = Buffer.from(JSON.stringify(result));
      if (cacheSize > 0 && consistent && cache.get(key) === undefined) {
        cache.set(key, { generation, json });
        cacheBytes += json.byteLength;
        while (cache.size > cacheSize || cacheBytes > CACHE_BYTES) forget(cache.keys().next().value!);
      }
      return json;
    },

    async searchOrganisations(query: DirectorySearchQuery): Promise<DirectorySearchResult> {
      return JSON.parse((await this.searchOrganisationsJson(query)).toString()) as DirectorySearchResult;
    },

    async searchUncached(query: DirectorySearchQuery): Promise<DirectorySearchResult> {
      return (await searchFresh(query)).result;
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

/** What one generation of the index knows, with the answers PostgreSQL gave for it (kept until the next generation). */
interface IndexState {
  index: SearchIndex;
  /** Query word → the vocabulary's word (typos corrected). */
  corrections: Map<string, string>;
  /** Lexeme → organisations whose own words contain it. */
  postings: Map<string, Int32Array>;
  /** Lexemes of a text → who satisfies them through their own words. */
  ownWords: Map<string, OwnWordsMatch>;
  /** Folded word → organisations whose folded name contains it (relevance). */
  nameWords: Map<string, Int32Array>;
  /** The rows shown in answers, by organisation id, as read at this generation. */
  items: Map<string, repo.SearchItemRow>;
  /** Every name as words between spaces, one name a line (built on first use), and the phrases looked up. */
  namesText?: string;
  namePhrases: Map<string, boolean>;
}

/**
 * Entries kept per map; the oldest go first (insertion order). Lists of organisations are bounded tighter (200 per
 * map: at most a few tens of MB even if every list held thousands); postings need no tighter bound, as all of them
 * together are no larger than the text index.
 */
const STATE_CACHE_ENTRIES = 5_000;
const remember = <K, V>(map: Map<K, V>, key: K, value: V, limit = STATE_CACHE_ENTRIES) => {
  map.set(key, value);
  if (map.size > limit) map.delete(map.keys().next().value!);
};

/**
 * Holds the index of the current generation: loaded on first use, reloaded (one load at a time, shared by the
 * requests waiting for it) once a newer generation has been seen. The stems of a text never change (the text
 * search configuration is fixed), so they are kept across generations.
 */
function createIndexHolder(db: Db, onReload: () => void) {
  let state: IndexState | undefined;
  let loading: Promise<IndexState> | undefined;
  let stale = false;
  const stems = new Map<string, string[]>();
  const named = new Map<string, string[]>();
  let checking: Promise<number> | undefined;
  let checks = 0;
  let queued: Promise<number> | undefined;
  const check = (): Promise<number> => {
    checks++;
    const running: Promise<number> = repo.findSearchGeneration(db).finally(() => {
      if (checking === running) checking = undefined;
    });
    return running;
  };

  async function load(): Promise<IndexState> {
    const index = createSearchIndex(await repo.loadSearchIndexColumns(db));
    state = {
      index,
      corrections: new Map(),
      postings: new Map(),
      ownWords: new Map(),
      nameWords: new Map(),
      namePhrases: new Map(),
      items: new Map(),
    };
    stale = false;
    onReload();
    return state;
  }

  return {
    async current(): Promise<IndexState> {
      if (state && !stale) return state;
      loading ??= load().finally(() => {
        loading = undefined;
      });
      return loading;
    },

    /**
     * The database's search generation, read by a query that starts after this call: at most one such query runs
     * at a time, and the calls made meanwhile share the next one.
     */
    generationNow(): Promise<number> {
      if (queued) return queued;
      if (!checking) return (checking = check());
      const next: Promise<number> = checking
        .catch(() => undefined)
        .then(() => {
          queued = undefined;
          return (checking = check());
        });
      queued = next;
      return next;
    },

    /** Generation checks made so far (each shared by the cached answers waiting for it). */
    checks: () => checks,

    markStale(generation: number): void {
      if (state && generation !== state.index.generation) stale = true;
    },

    async correct(s: IndexState, tokens: readonly string[]): Promise<string[]> {
      const missing = [...new Set(tokens.filter((t) => !s.corrections.has(t)))];
      if (missing.length > 0) {
        const corrected = await repo.correctWords(db, missing);
        missing.forEach((t, k) => remember(s.corrections, t, corrected[k] ?? t));
      }
      return tokens.map((t) => s.corrections.get(t) ?? t);
    },

    /** The activities a text names, when it names one to three of them (static: kept across generations). */
    activitiesNamed(text: string): string[] {
      let codes = named.get(text);
      if (!codes) {
        const found = text === '' ? [] : findActivities({ text });
        codes = found.length > 0 && found.length <= 3 ? found.map((a) => a.code) : [];
        remember(named, text, codes, 10_000);
      }
      return codes;
    },

    /** The text's lexemes, each with the activities and organisations that contain it. */
    /**
     * The text as the index matches it: each lexeme's activities, and the organisations that satisfy all the
     * lexemes through their own words (kept for the generation).
     */
    async matchText(
      s: IndexState,
      text: string,
    ): Promise<{ generation: number; text: NonNullable<IndexQuery['text']> }> {
      let lexemes = stems.get(text);
      if (!lexemes) {
        lexemes = await repo.stemText(db, text);
        remember(stems, text, lexemes, 10_000);
      }
      const lexemeActivities = lexemes.map((l) => s.index.activityLexemes.get(l) ?? 0);
      const key = lexemes.join(' ');
      const known = s.ownWords.get(key);
      if (known) return { generation: s.index.generation, text: { lexemeActivities, own: known } };
      let generation = s.index.generation;
      const missing = lexemes.filter((l) => !s.postings.has(l));
      const fetched = new Map<string, Int32Array>();
      if (missing.length > 0) {
        const found = await repo.findLexemePostings(db, missing);
        generation = found.generation;
        for (const [lexeme, ids] of found.postings) {
          const own = Int32Array.from(
            ids.map((id) => s.index.idIndex.get(id) ?? -1).filter((i) => i >= 0),
          ).sort();
          fetched.set(lexeme, own);
          // Only what was read at the index's own generation is kept for it.
          if (generation === s.index.generation) remember(s.postings, lexeme, own);
        }
      }
      const own = matchOwnWords(
        s.index,
        lexemes.map((l, j) => ({
          activityMask: lexemeActivities[j]!,
          own: s.postings.get(l) ?? fetched.get(l) ?? new Int32Array(0),
        })),
      );
      if (generation === s.index.generation) remember(s.ownWords, key, own, 200);
      return { generation, text: { lexemeActivities, own } };
    },

    /**
     * The page's rows in order, with the generation they belong to: rows already read at the index's generation
     * come from memory, the others from PostgreSQL (which reports its generation); with every row in memory, the
     * shared generation check says whether they still hold.
     */
    async pageRows(
      s: IndexState,
      ids: readonly string[],
    ): Promise<{ generation: number; rows: repo.SearchItemRow[] }> {
      const missing = ids.filter((id) => !s.items.has(id));
      let generation: number;
      const read = new Map<string, repo.SearchItemRow>();
      if (missing.length > 0) {
        const found = await repo.findPageRows(db, missing);
        generation = found.generation;
        for (const row of found.rows) {
          read.set(row.id, row);
          if (generation === s.index.generation) remember(s.items, row.id, row, 20_000);
        }
      } else generation = await this.generationNow();
      return {
        generation,
        rows: ids.map((id) => read.get(id) ?? s.items.get(id)).filter((row) => row !== undefined),
      };
    },

    /** Whether some organisation's name holds these folded words in a row (words between spaces). */
    isInOrganisationName(s: IndexState, phrase: string): boolean {
      let found = s.namePhrases.get(phrase);
      if (found === undefined) {
        s.namesText ??= s.index.namesFolded
          .map((name) => ` ${name.replace(/[^a-z0-9]+/g, ' ').trim()} `)
          .join('\n');
        found = s.namesText.includes(` ${phrase} `);
        remember(s.namePhrases, phrase, found, 2_000);
      }
      return found;
    },

    /** Organisations whose folded name contains `word` (as PostgreSQL's position(word IN name_folded) > 0). */
    namesContaining(s: IndexState, word: string): Int32Array {
      let found = s.nameWords.get(word);
      if (!found) {
        const list: number[] = [];
        s.index.namesFolded.forEach((name, i) => {
          if (name.includes(word)) list.push(i);
        });
        found = Int32Array.from(list);
        remember(s.nameWords, word, found, 200);
      }
      return found;
    },
  };
}
