/**
 * The directory's in-memory search index: every organisation's facet bit masks, communes and coordinates in
 * typed arrays (about 2 MB for 60,000 organisations), held by each server process and rebuilt when the
 * database's search generation changes. Filters, the radius, facet counts under the usual rule, relevance and
 * the distance sort are computed here in one pass; PostgreSQL keeps the full-text match of the organisations'
 * own words (postings per lexeme) and the page's rows. No I/O in this file.
 */

/** The facets stored as bit masks, in SEARCH_MASK_VALUES order (bit k = k-th value). */
export const MASK_DIMENSIONS = ['activity', 'domain', 'mode', 'public', 'regime'] as const;
export type MaskDimension = (typeof MASK_DIMENSIONS)[number];

/** Bits used by each mask (26 activities, 3 domains, 3 modes, 6 publics, 3 regimes). */
export const MASK_BITS: Record<MaskDimension, number> = {
  activity: 26,
  domain: 3,
  mode: 3,
  public: 6,
  regime: 3,
};

/** The rows as the repository reads them, one entry per organisation (columns, not objects). */
export interface SearchIndexColumns {
  generation: number;
  ids: string[];
  /** Lower case, no accents (PostgreSQL's proxidom_fold): name order and name words. */
  namesFolded: string[];
  masks: Record<MaskDimension, Uint32Array>;
  accepting: Uint8Array;
  /** Degrees; NaN when unknown. */
  latitude: Float64Array;
  longitude: Float64Array;
  /** The site's commune as an index into `communeCodes`, -1 when none. */
  siteCommune: Int32Array;
  /** Communes served (site included) of organisation i: served[servedStart[i] .. servedStart[i + 1]). */
  servedStart: Int32Array;
  served: Int32Array;
  communeCodes: string[];
  /** Lexeme (French stem, no accents) → mask of the activities whose name or keywords contain it. */
  activityLexemes: Map<string, number>;
}

export interface SearchIndex extends SearchIndexColumns {
  size: number;
  idIndex: Map<string, number>;
  communeIndex: Map<string, number>;
  /** Organisations in name order (name_folded, then id). */
  byName: Int32Array;
  /** Position of each organisation in that order. */
  nameRank: Int32Array;
}

/** Compares like PostgreSQL's C collation for these folded names (code units; names are lower-case ASCII mostly). */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function createSearchIndex(columns: SearchIndexColumns): SearchIndex {
  const size = columns.ids.length;
  const byName = Int32Array.from({ length: size }, (_, i) => i).sort(
    (a, b) =>
      compareText(columns.namesFolded[a]!, columns.namesFolded[b]!) ||
      compareText(columns.ids[a]!, columns.ids[b]!),
  );
  const nameRank = new Int32Array(size);
  for (let r = 0; r < size; r++) nameRank[byName[r]!] = r;
  return {
    ...columns,
    size,
    idIndex: new Map(columns.ids.map((id, i) => [id, i])),
    communeIndex: new Map(columns.communeCodes.map((code, i) => [code, i])),
    byName,
    nameRank,
  };
}

/** One lexeme of the free text: who has it in their own words (name, communes, description) or activities. */
export interface LexemeMatch {
  /** Activities whose name or keywords contain the lexeme. */
  activityMask: number;
  /** Organisations (index order) whose own document contains it. */
  own: Int32Array;
}

export interface IndexQuery {
  /** The lexemes of the free text (all required); null when there is no free text. An empty list matches nothing. */
  lexemes: LexemeMatch[] | null;
  /** Activities the text names: an organisation offering one matches whatever the lexemes, and ranks higher. */
  textActivityMask: number;
  /** Filters as bit masks (0 = no filter). */
  masks: Record<MaskDimension, number>;
  accepting: boolean | null;
  /** Commune indexes (of this index) whose organisations match: served or site; null = anywhere. */
  communes: Uint8Array | null;
  /** Commune indexes listed by the commune facet (site commune). */
  facetCommunes: Uint8Array;
  centre: { latitude: number; longitude: number } | null;
  /** For each name word (at most 6), the organisations whose folded name contains it. */
  nameWords: Int32Array[];
  sort: 'relevance' | 'distance' | 'name';
  limit: number;
  offset: number;
}

export interface IndexAnswer {
  total: number;
  /** The page: organisation indexes with their distance from the centre (km, unrounded; null when unknown). */
  page: { index: number; distanceKm: number | null }[];
  counts: Record<MaskDimension, number[]>;
  accepting: { yes: number; no: number };
  communes: { code: string; count: number }[];
}

/** PostgreSQL earthdistance's Earth radius (metres) and formulas, so distances and their order agree with it. */
const EARTH_M = 6378168;
const RAD = Math.PI / 180;

/** earth_distance(ll_to_earth(a), ll_to_earth(b)) / 1000: great circle from the chord between two points. */
export function earthDistanceKm(
  lat1: number,
  lon1: number,
  cosLat1: number,
  sinLat1: number,
  lat2: number,
  lon2: number,
): number {
  const x1 = EARTH_M * cosLat1 * Math.cos(lon1 * RAD);
  const y1 = EARTH_M * cosLat1 * Math.sin(lon1 * RAD);
  const z1 = EARTH_M * sinLat1;
  const c2 = Math.cos(lat2 * RAD);
  const dx = x1 - EARTH_M * c2 * Math.cos(lon2 * RAD);
  const dy = y1 - EARTH_M * c2 * Math.sin(lon2 * RAD);
  const dz = z1 - EARTH_M * Math.sin(lat2 * RAD);
  const chord = Math.sqrt(dx * dx + dy * dy + dz * dz);
  const half = chord / (2 * EARTH_M);
  return (half > 1 ? Math.PI * EARTH_M : 2 * EARTH_M * Math.asin(half)) / 1000;
}

/** round(km::numeric, 1) as PostgreSQL prints it: float8 → numeric keeps 15 significant digits, halves away from zero. */
export function roundKm(km: number): number {
  const decimal = Number(km.toPrecision(15));
  return Math.sign(decimal) * (Math.round(Math.abs(decimal) * 10 + 1e-9) / 10);
}

/** Adds 1 to `counts[k]` for every bit k of `mask`. */
function countBits(counts: number[], mask: number): void {
  let m = mask;
  while (m !== 0) {
    const low = m & -m;
    counts[31 - Math.clz32(low)]!++;
    m ^= low;
  }
}

/**
 * Runs a query over the index: the organisations matching the text and the place, each facet counted over them
 * with all the other filters applied (never its own), the commune facet over the text and the filters (not the
 * place), the total, and the requested page in the requested order. Relevance: 1 when the organisation offers an
 * activity the text names, 0.5 per name word found in its name, and 0.3 / (1 + distance / 5) near a centre
 * (unknown distance: 50 km); ties by name, then id.
 */
export function queryIndex(index: SearchIndex, q: IndexQuery): IndexAnswer {
  const n = index.size;
  const { masks } = index;
  const act = masks.activity;
  const counts = Object.fromEntries(
    MASK_DIMENSIONS.map((d) => [d, new Array<number>(MASK_BITS[d]).fill(0)]),
  ) as Record<MaskDimension, number[]>;
  const accepting = { yes: 0, no: 0 };
  const communeCounts = new Map<number, number>();

  // Lexemes: bit j of own[i] set when organisation i has lexeme j in its own words (the first 32; any further
  // lexeme, in a 200-character query, is checked through a set).
  const lexemes = q.lexemes;
  const lexemeCount = Math.min(32, lexemes?.length ?? 0);
  const own = new Uint32Array(lexemeCount > 0 ? n : 0);
  const activityOf: number[] = [];
  for (let j = 0; j < lexemeCount; j++) {
    const l = lexemes![j]!;
    const bit = 2 ** j;
    for (const i of l.own) own[i] = (own[i]! | bit) >>> 0;
    activityOf.push(l.activityMask);
  }
  const further = (lexemes ?? []).slice(32).map((l) => ({ mask: l.activityMask, own: new Set(l.own) }));
  const hasText = lexemes !== null;
  const textActivityMask = q.textActivityMask;
  const anyText = hasText || textActivityMask !== 0;
  const fm = q.masks;
  const [mAct, mDom, mMode, mPub, mReg] = [fm.activity, fm.domain, fm.mode, fm.public, fm.regime];
  const wantAccepting = q.accepting === null ? -1 : q.accepting ? 1 : 0;
  const { domain: dom, mode, public: pub, regime: reg } = masks;
  const acc = index.accepting;
  const geo = q.communes;
  const { servedStart, served, siteCommune } = index;
  const facetCommunes = q.facetCommunes;

  const hits: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = act[i]!;
    if (anyText) {
      let ok = textActivityMask !== 0 && (a & textActivityMask) !== 0;
      if (!ok && lexemeCount > 0) {
        ok = true;
        const bits = own[i]!;
        for (let j = 0; j < lexemeCount; j++) {
          if ((bits >>> j) & 1 || (a & activityOf[j]!) !== 0) continue;
          ok = false;
          break;
        }
        for (const l of further) if (ok && (a & l.mask) === 0 && !l.own.has(i)) ok = false;
      }
      if (!ok) continue;
    }
    const fAct = mAct === 0 || (a & mAct) !== 0;
    const fDom = mDom === 0 || (dom[i]! & mDom) !== 0;
    const fMode = mMode === 0 || (mode[i]! & mMode) !== 0;
    const fPub = mPub === 0 || (pub[i]! & mPub) !== 0;
    const fReg = mReg === 0 || (reg[i]! & mReg) !== 0;
    const fAcc = wantAccepting === -1 || acc[i] === wantAccepting;
    const failed = +!fAct + +!fDom + +!fMode + +!fPub + +!fReg + +!fAcc;
    if (failed === 0) {
      const site = siteCommune[i]!;
      if (site >= 0 && facetCommunes[site] === 1) communeCounts.set(site, (communeCounts.get(site) ?? 0) + 1);
    }
    if (geo !== null) {
      let near = false;
      for (let k = servedStart[i]!, end = servedStart[i + 1]!; k < end; k++)
        if (geo[served[k]!] === 1) {
          near = true;
          break;
        }
      if (!near) continue;
    }
    if (failed > 1) continue;
    if (failed === 0) hits.push(i);
    if (failed === 0 || !fAct) countBits(counts.activity, a);
    if (failed === 0 || !fDom) countBits(counts.domain, dom[i]!);
    if (failed === 0 || !fMode) countBits(counts.mode, mode[i]!);
    if (failed === 0 || !fPub) countBits(counts.public, pub[i]!);
    if (failed === 0 || !fReg) countBits(counts.regime, reg[i]!);
    if (failed === 0 || !fAcc) {
      if (acc[i] === 1) accepting.yes++;
      else accepting.no++;
    }
  }

  return {
    total: hits.length,
    page: selectPage(index, q, hits),
    counts,
    accepting,
    communes: [...communeCounts].map(([c, count]) => ({ code: index.communeCodes[c]!, count })),
  };
}

/** The page of the hits in the query's order: name order by walking the names, else a top-k on (key, name). */
function selectPage(index: SearchIndex, q: IndexQuery, hits: number[]): IndexAnswer['page'] {
  const { centre } = q;
  const cosLat = centre ? Math.cos(centre.latitude * RAD) : 0;
  const sinLat = centre ? Math.sin(centre.latitude * RAD) : 0;
  const distanceOf = (i: number): number | null => {
    if (!centre) return null;
    const lat = index.latitude[i]!;
    const lon = index.longitude[i]!;
    if (Number.isNaN(lat) || Number.isNaN(lon)) return null;
    return earthDistanceKm(centre.latitude, centre.longitude, cosLat, sinLat, lat, lon);
  };
  const hasRank = q.textActivityMask !== 0 || q.nameWords.length > 0 || centre !== null;
  const wanted = q.offset + q.limit;
  if (q.offset >= hits.length) return [];
  let ordered: number[];
  if (
    q.sort === 'name' ||
    (q.sort === 'relevance' && !hasRank) ||
    (q.sort === 'distance' && !centre && !hasRank)
  ) {
    ordered = byNameOrder(index, hits, wanted);
  } else {
    // Smaller key first.
    const key = new Float64Array(index.size);
    if (q.sort === 'distance' && centre) {
      for (const i of hits) key[i] = distanceOf(i) ?? Infinity;
    } else {
      const words = new Uint8Array(index.size);
      for (const list of q.nameWords.slice(0, 6)) for (const i of list) words[i]!++;
      for (const i of hits) {
        // Same arithmetic as the former SQL: (activity + 0.5 × words) then + nearness.
        let rank = ((index.masks.activity[i]! & q.textActivityMask) !== 0 ? 1 : 0) + 0.5 * words[i]!;
        if (centre) rank += 0.3 / (1 + (distanceOf(i) ?? 50) / 5);
        key[i] = -rank;
      }
    }
    const nameRank = index.nameRank;
    const before = (a: number, b: number) => key[a]! - key[b]! || nameRank[a]! - nameRank[b]!;
    ordered = topK(hits, wanted, before);
  }
  return ordered.slice(q.offset, wanted).map((i) => ({ index: i, distanceKm: distanceOf(i) }));
}

/** The first `k` hits in name order. */
function byNameOrder(index: SearchIndex, hits: number[], k: number): number[] {
  if (hits.length * 16 < index.size) {
    const sorted = hits.slice().sort((a, b) => index.nameRank[a]! - index.nameRank[b]!);
    return sorted.slice(0, k);
  }
  const isHit = new Uint8Array(index.size);
  for (const i of hits) isHit[i] = 1;
  const out: number[] = [];
  for (let r = 0; r < index.size && out.length < k; r++) {
    const i = index.byName[r]!;
    if (isHit[i] === 1) out.push(i);
  }
  return out;
}

/** The `k` smallest items by `before`, sorted (a bounded insertion list; a full sort when k is large). */
function topK(items: number[], k: number, before: (a: number, b: number) => number): number[] {
  if (k >= items.length || k > 256) return items.slice().sort(before).slice(0, k);
  const best: number[] = [];
  for (const item of items) {
    if (best.length === k && before(item, best[k - 1]!) >= 0) continue;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (before(best[mid]!, item) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, item);
    if (best.length > k) best.pop();
  }
  return best;
}
