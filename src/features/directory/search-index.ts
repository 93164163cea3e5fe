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
  /** Organisations serving commune c (site included): servingOrgs[servingStart[c] .. servingStart[c + 1]). */
  servingStart: Int32Array;
  servingOrgs: Int32Array;
  /** Organisations whose site is in commune c: siteOrgs[siteStart[c] .. siteStart[c + 1]). */
  siteStart: Int32Array;
  siteOrgs: Int32Array;
  /**
   * Signatures: the distinct combinations of all facets (activities, and the small facets packed in one word, see
   * SMALL_SHIFT). 60,000 organisations share about 13,000 of them, so a query without a place tests its filters and
   * counts its facets once per signature, weighted by the number of organisations that have it.
   */
  signature: Int32Array;
  signatureActivity: Uint32Array;
  /** The signature's small facets as an index into `smallWords` (a few dozen distinct words). */
  signatureSmall: Int32Array;
  signatureWeight: Int32Array;
  /** Organisations of signature s: signatureOrgs[signatureStart[s] .. signatureStart[s + 1]). */
  signatureStart: Int32Array;
  signatureOrgs: Int32Array;
  smallWords: Uint32Array;
  /** Work arrays of `size` entries, reused by each query (queries run one at a time: no await inside). */
  scratch: {
    key: Float64Array;
    words: Uint8Array;
    seen: Int32Array;
    stamp: number;
    /** Per signature (see Prepared). */
    fails: Uint8Array;
    textBySignature: Uint8Array;
  };
}

/** Where each small facet sits in the packed word; accepting takes two bits (yes, no) so both count like values. */
const SMALL_SHIFT = { domain: 0, mode: 3, public: 6, regime: 12, accepting: 15 } as const;
/** The facets in the order of their bit in a "fails" pattern (bit 5: activity). */
const SMALL_DIMENSIONS = ['domain', 'mode', 'public', 'regime', 'accepting'] as const;
type SmallDimension = (typeof SMALL_DIMENSIONS)[number];
const SMALL_WIDTH: Record<SmallDimension, number> = {
  domain: 3,
  mode: 3,
  public: 6,
  regime: 3,
  accepting: 2,
};
const ACTIVITY_FAILS = 1 << 5;
/** Number of failed filters for each 6-bit "fails" pattern. */
const ONES = Uint8Array.from({ length: 64 }, (_, v) => v.toString(2).replace(/0/g, '').length);

/** Compares like PostgreSQL's C collation for these folded names (code units; names are lower-case ASCII mostly). */
const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Lists of organisations per key (CSR); `keysOf` calls `add` with each key of organisation i. */
function groupBy(
  size: number,
  keyCount: number,
  keysOf: (i: number, add: (key: number) => void) => void,
): { start: Int32Array; items: Int32Array } {
  const start = new Int32Array(keyCount + 1);
  for (let i = 0; i < size; i++) keysOf(i, (k) => start[k + 1]!++);
  for (let k = 0; k < keyCount; k++) start[k + 1]! += start[k]!;
  const fill = start.slice(0, keyCount);
  const items = new Int32Array(start[keyCount]!);
  for (let i = 0; i < size; i++) keysOf(i, (k) => (items[fill[k]!++] = i));
  return { start, items };
}

export function createSearchIndex(columns: SearchIndexColumns): SearchIndex {
  const size = columns.ids.length;
  const byName = Int32Array.from({ length: size }, (_, i) => i).sort(
    (a, b) =>
      compareText(columns.namesFolded[a]!, columns.namesFolded[b]!) ||
      compareText(columns.ids[a]!, columns.ids[b]!),
  );
  const nameRank = new Int32Array(size);
  for (let r = 0; r < size; r++) nameRank[byName[r]!] = r;
  const communeCount = columns.communeCodes.length;
  const serving = groupBy(size, communeCount, (i, add) => {
    for (let k = columns.servedStart[i]!; k < columns.servedStart[i + 1]!; k++) add(columns.served[k]!);
  });
  const sites = groupBy(size, communeCount, (i, add) => {
    if (columns.siteCommune[i]! >= 0) add(columns.siteCommune[i]!);
  });
  const { masks } = columns;
  const signature = new Int32Array(size);
  const signatureOf = new Map<string, number>();
  const activity: number[] = [];
  const small: number[] = [];
  const weight: number[] = [];
  const smallWords: number[] = [];
  const smallOf = new Map<number, number>();
  for (let i = 0; i < size; i++) {
    const word =
      (masks.domain[i]! << SMALL_SHIFT.domain) |
      (masks.mode[i]! << SMALL_SHIFT.mode) |
      (masks.public[i]! << SMALL_SHIFT.public) |
      (masks.regime[i]! << SMALL_SHIFT.regime) |
      ((columns.accepting[i] === 1 ? 1 : 2) << SMALL_SHIFT.accepting);
    const key = `${masks.activity[i]} ${word}`;
    let s = signatureOf.get(key);
    if (s === undefined) {
      s = activity.push(masks.activity[i]!) - 1;
      let w = smallOf.get(word);
      if (w === undefined) {
        w = smallWords.push(word) - 1;
        smallOf.set(word, w);
      }
      small.push(w);
      weight.push(0);
      signatureOf.set(key, s);
    }
    signature[i] = s;
    weight[s]!++;
  }
  const members = groupBy(size, weight.length, (i, add) => add(signature[i]!));
  return {
    ...columns,
    size,
    idIndex: new Map(columns.ids.map((id, i) => [id, i])),
    communeIndex: new Map(columns.communeCodes.map((code, i) => [code, i])),
    byName,
    nameRank,
    servingStart: serving.start,
    servingOrgs: serving.items,
    siteStart: sites.start,
    siteOrgs: sites.items,
    signature,
    signatureActivity: Uint32Array.from(activity),
    signatureSmall: Int32Array.from(small),
    signatureWeight: Int32Array.from(weight),
    signatureStart: members.start,
    signatureOrgs: members.items,
    smallWords: Uint32Array.from(smallWords),
    scratch: {
      fails: new Uint8Array(weight.length),
      textBySignature: new Uint8Array(weight.length),
      key: new Float64Array(size),
      words: new Uint8Array(size),
      seen: new Int32Array(size),
      stamp: 0,
    },
  };
}

/** One lexeme of the free text: who has it in their own words (name, communes, description) or activities. */
export interface LexemeMatch {
  /** Activities whose name or keywords contain the lexeme. */
  activityMask: number;
  /** Organisations (index order) whose own document contains it. */
  own: Int32Array;
}

/**
 * The organisations that satisfy every lexeme of a text with their own words for at least one of them (for the
 * others, their own words or their activities): those the activities alone would not find.
 */
export interface OwnWordsMatch {
  orgs: Int32Array;
  /** Bit i set for each of them. */
  bits: Uint32Array;
}

/** Which organisations satisfy the lexemes through their own words (see OwnWordsMatch); computed once per text. */
export function matchOwnWords(index: SearchIndex, lexemes: readonly LexemeMatch[]): OwnWordsMatch {
  const seen = new Set<number>();
  const orgs: number[] = [];
  const sets = lexemes.map((l) => (l.own.length > 64 ? new Set(l.own) : null));
  const has = (j: number, i: number) => sets[j]?.has(i) ?? lexemes[j]!.own.includes(i);
  for (const l of lexemes)
    for (const i of l.own) {
      if (seen.has(i)) continue;
      seen.add(i);
      const a = index.masks.activity[i]!;
      if (lexemes.every((m, j) => (a & m.activityMask) !== 0 || has(j, i))) orgs.push(i);
    }
  orgs.sort((x, y) => x - y);
  const bits = new Uint32Array((index.size >> 5) + 1);
  for (const i of orgs) bits[i >> 5] = (bits[i >> 5]! | (1 << (i & 31))) >>> 0;
  return { orgs: Int32Array.from(orgs), bits };
}

export interface IndexQuery {
  /**
   * The free text, null when there is none: the activities of each of its lexemes (all required), and who
   * satisfies them through their own words. No lexeme at all matches nothing.
   */
  text: { lexemeActivities: readonly number[]; own: OwnWordsMatch } | null;
  /** Activities the text names: an organisation offering one matches whatever the lexemes, and ranks higher. */
  textActivityMask: number;
  /** Filters as bit masks (0 = no filter). */
  masks: Record<MaskDimension, number>;
  accepting: boolean | null;
  /** Commune indexes (of this index) whose organisations match: served or site; null = anywhere. */
  communes: readonly number[] | null;
  /** Commune indexes listed by the commune facet (site commune). */
  facetCommunes: readonly number[];
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

/** Adds `by` to `counts[k]` for every bit k of `mask`. */
function countBits(counts: number[], mask: number, by: number): void {
  let m = mask;
  while (m !== 0) {
    const low = m & -m;
    counts[31 - Math.clz32(low)]! += by;
    m ^= low;
  }
}

/**
 * Facet counts being gathered: contributions of organisations (or of signatures, weighted) by their "fails"
 * pattern. Kept in typed arrays and spread over the small facets' values at the end (`finish`).
 */
interface Tally {
  total: number;
  activity: Float64Array;
  /** Per small word: organisations meeting every filter. */
  all: Float64Array;
  /** Per small dimension d and small word w (d × words + w): organisations failing only the filter of d. */
  except: Float64Array;
}

const newTally = (index: SearchIndex): Tally => ({
  total: 0,
  activity: new Float64Array(MASK_BITS.activity),
  all: new Float64Array(index.smallWords.length),
  except: new Float64Array(SMALL_DIMENSIONS.length * index.smallWords.length),
});

/** Counts `weight` organisations of signature `s` whose failed filters are `fails`. */
function tallyAdd(t: Tally, index: SearchIndex, s: number, fails: number, weight: number): void {
  if (fails === 0) {
    t.total += weight;
    t.all[index.signatureSmall[s]!]! += weight;
  } else if (fails !== ACTIVITY_FAILS) {
    if (ONES[fails]! > 1) return;
    t.except[(31 - Math.clz32(fails)) * index.smallWords.length + index.signatureSmall[s]!]! += weight;
    return;
  }
  let m = index.signatureActivity[s]!;
  while (m !== 0) {
    const low = m & -m;
    t.activity[31 - Math.clz32(low)]! += weight;
    m ^= low;
  }
}

function finishTally(
  t: Tally,
  index: SearchIndex,
): Record<SmallDimension, number[]> & { activity: number[] } {
  const out = {
    activity: Array.from(t.activity),
    domain: [0, 0, 0],
    mode: [0, 0, 0],
    public: [0, 0, 0, 0, 0, 0],
    regime: [0, 0, 0],
    accepting: [0, 0],
  };
  const words = index.smallWords.length;
  for (let w = 0; w < words; w++) {
    const word = index.smallWords[w]!;
    SMALL_DIMENSIONS.forEach((dimension, d) => {
      const count = t.all[w]! + t.except[d * words + w]!;
      if (count > 0)
        countBits(
          out[dimension],
          (word >>> SMALL_SHIFT[dimension]) & ((1 << SMALL_WIDTH[dimension]) - 1),
          count,
        );
    });
  }
  return out;
}

/** What a query needs per signature and per organisation, prepared once. */
interface Prepared {
  index: SearchIndex;
  q: IndexQuery;
  /** Failed filters of each signature (bits: SMALL_DIMENSIONS order, then activity); UNKNOWN until computed. */
  fails: Uint8Array;
  /** 1 when the signature's activities alone satisfy the text (or there is no text); UNKNOWN until computed. */
  textBySignature: Uint8Array;
  /** Failed filters of each combination of small facets (index.smallWords). */
  smallFails: Uint8Array;
  lexemeMasks: Uint32Array;
  anyText: boolean;
  /** Organisations satisfying the text through their own words (see OwnWordsMatch). */
  ownOrgs: Int32Array;
  ownBits: Uint32Array | null;
}

function prepare(index: SearchIndex, q: IndexQuery): Prepared {
  const filter = [
    q.masks.domain << SMALL_SHIFT.domain,
    q.masks.mode << SMALL_SHIFT.mode,
    q.masks.public << SMALL_SHIFT.public,
    q.masks.regime << SMALL_SHIFT.regime,
    q.accepting === null ? 0 : (q.accepting ? 1 : 2) << SMALL_SHIFT.accepting,
  ];
  const smallFails = Uint8Array.from(index.smallWords, (word) =>
    filter.reduce((f, m, d) => (m !== 0 && (word & m) === 0 ? f | (1 << d) : f), 0),
  );
  // Per signature, computed on first use (all of them for a query without a place, a few otherwise).
  const { fails, textBySignature } = index.scratch;
  fails.fill(UNKNOWN);
  textBySignature.fill(UNKNOWN);
  const prepared: Prepared = {
    index,
    q,
    fails,
    textBySignature,
    smallFails,
    lexemeMasks: Uint32Array.from(q.text?.lexemeActivities ?? []),
    anyText: q.text !== null || q.textActivityMask !== 0,
    ownOrgs: q.text?.own.orgs ?? new Int32Array(0),
    ownBits: q.text?.own.bits ?? null,
  };
  if (q.communes === null) computeAllSignatures(prepared);
  return prepared;
}

const UNKNOWN = 255;

/** `computeSignature` for every signature, in one tight loop (a query without a place needs them all). */
function computeAllSignatures(p: Prepared): void {
  const { signatureActivity, signatureSmall } = p.index;
  const { fails, textBySignature, smallFails, lexemeMasks, anyText } = p;
  const mAct = p.q.masks.activity;
  const textMask = p.q.textActivityMask;
  const lexemeCount = lexemeMasks.length;
  for (let s = 0, count = fails.length; s < count; s++) {
    const a = signatureActivity[s]!;
    fails[s] = smallFails[signatureSmall[s]!]! | (mAct !== 0 && (a & mAct) === 0 ? ACTIVITY_FAILS : 0);
    let text = 1;
    if (anyText && (textMask === 0 || (a & textMask) === 0)) {
      text = lexemeCount > 0 ? 1 : 0;
      for (let j = 0; j < lexemeCount; j++)
        if ((a & lexemeMasks[j]!) === 0) {
          text = 0;
          break;
        }
    }
    textBySignature[s] = text;
  }
}

/** The failed filters of signature s, and whether its activities alone satisfy the text. */
function computeSignature(p: Prepared, s: number): void {
  const a = p.index.signatureActivity[s]!;
  const mAct = p.q.masks.activity;
  p.fails[s] =
    p.smallFails[p.index.signatureSmall[s]!]! | (mAct !== 0 && (a & mAct) === 0 ? ACTIVITY_FAILS : 0);
  const textMask = p.q.textActivityMask;
  let text = !p.anyText || (textMask !== 0 && (a & textMask) !== 0);
  if (!text && p.lexemeMasks.length > 0) {
    text = true;
    for (let j = 0; j < p.lexemeMasks.length; j++)
      if ((a & p.lexemeMasks[j]!) === 0) {
        text = false;
        break;
      }
  }
  p.textBySignature[s] = text ? 1 : 0;
}

/** The failed filters of organisation i's signature. */
function failsOf(p: Prepared, i: number): number {
  const s = p.index.signature[i]!;
  if (p.fails[s] === UNKNOWN) computeSignature(p, s);
  return p.fails[s]!;
}

/** Whether organisation i satisfies the text: through its signature's activities, or its own words. */
function matchesText(p: Prepared, i: number): boolean {
  const s = p.index.signature[i]!;
  if (p.textBySignature[s] === UNKNOWN) computeSignature(p, s);
  if (p.textBySignature[s] === 1) return true;
  return p.ownBits !== null && ((p.ownBits[i >> 5]! >>> (i & 31)) & 1) === 1;
}

const passes = (p: Prepared, i: number) => failsOf(p, i) === 0 && matchesText(p, i);

/**
 * Runs a query over the index: the organisations matching the text and the place, each facet counted over them
 * with all the other filters applied (never its own), the commune facet over the text and the filters (not the
 * place), the total, and the requested page in the requested order. Relevance: 1 when the organisation offers an
 * activity the text names, 0.5 per name word found in its name, and 0.3 / (1 + distance / 5) near a centre
 * (unknown distance: 50 km); ties by name, then id.
 */
export function queryIndex(index: SearchIndex, q: IndexQuery): IndexAnswer {
  const p = prepare(index, q);
  {
    const tally = newTally(index);
    let hits: number[] | null = null;
    if (q.communes === null) {
      // Anywhere: signatures whose activities satisfy the text count with their weight; organisations that
      // satisfy it only through their own words are added one by one.
      const { fails, textBySignature } = p;
      const { signatureWeight: weight, signatureActivity, signatureSmall } = index;
      const words = index.smallWords.length;
      const { all, except, activity } = tally;
      let total = 0;
      for (let s = 0, count = weight.length; s < count; s++) {
        if (textBySignature[s] === 0) continue;
        const f = fails[s]!;
        const w = weight[s]!;
        if (f === 0) {
          total += w;
          all[signatureSmall[s]!]! += w;
        } else if (f !== ACTIVITY_FAILS) {
          if (ONES[f] === 1) except[(31 - Math.clz32(f)) * words + signatureSmall[s]!]! += w;
          continue;
        }
        for (let m = signatureActivity[s]!; m !== 0;) {
          const low = m & -m;
          activity[31 - Math.clz32(low)]! += w;
          m ^= low;
        }
      }
      tally.total = total;
      for (const i of p.ownOrgs) {
        const s = index.signature[i]!;
        if (textBySignature[s] === 0 && matchesText(p, i)) tallyAdd(tally, index, s, fails[s]!, 1);
      }
      // Few hits: list them (members of the passing signatures, and the organisations passing by their own words)
      // rather than walk all the names for the page.
      if (tally.total * 8 < index.size) {
        hits = [];
        for (let s = 0, count = weight.length; s < count; s++)
          if (textBySignature[s] === 1 && fails[s] === 0)
            for (let k = index.signatureStart[s]!, end = index.signatureStart[s + 1]!; k < end; k++)
              hits.push(index.signatureOrgs[k]!);
        for (const i of p.ownOrgs) {
          const s = index.signature[i]!;
          if (textBySignature[s] === 0 && fails[s] === 0 && matchesText(p, i)) hits.push(i);
        }
      }
    } else {
      // Near a place: the organisations serving one of the communes, each once.
      hits = [];
      const { scratch, servingStart, servingOrgs } = index;
      const stamp = ++scratch.stamp;
      for (const c of q.communes)
        for (let k = servingStart[c]!, end = servingStart[c + 1]!; k < end; k++) {
          const i = servingOrgs[k]!;
          if (scratch.seen[i] === stamp) continue;
          scratch.seen[i] = stamp;
          if (!matchesText(p, i)) continue;
          const fails = failsOf(p, i);
          if (fails === 0) hits.push(i);
          tallyAdd(tally, index, index.signature[i]!, fails, 1);
        }
    }

    // The commune facet: organisations sited in the listed communes, with the text and every filter met.
    const communes: { code: string; count: number }[] = [];
    for (const c of q.facetCommunes) {
      let count = 0;
      for (let k = index.siteStart[c]!, end = index.siteStart[c + 1]!; k < end; k++)
        if (passes(p, index.siteOrgs[k]!)) count++;
      if (count > 0) communes.push({ code: index.communeCodes[c]!, count });
    }

    const counts = finishTally(tally, index);
    return {
      total: tally.total,
      page: tally.total <= q.offset ? [] : selectPage(p, hits),
      counts: {
        activity: counts.activity,
        domain: counts.domain,
        mode: counts.mode,
        public: counts.public,
        regime: counts.regime,
      },
      accepting: { yes: counts.accepting[0]!, no: counts.accepting[1]! },
      communes,
    };
  }
}

/**
 * The page in the query's order. Near a place the hits are known: a top-k on (key, name). Anywhere, the hits are
 * not listed: name order walks the names; relevance takes the organisations whose name holds a query word (scored
 * one by one) and walks the names for the others, whose rank is 1 or 0 (they offer an activity the text names or
 * not), stopping once enough rank-1 organisations are found.
 */
function selectPage(p: Prepared, hits: number[] | null): IndexAnswer['page'] {
  const { index, q } = p;
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
  const { key, words } = index.scratch;
  const nameRank = index.nameRank;
  const before = (a: number, b: number) => key[a]! - key[b]! || nameRank[a]! - nameRank[b]!;
  const byName = !hasRank || q.sort === 'name';
  let ordered: number[];

  if (hits !== null) {
    if (byName) ordered = topK(hits, wanted, (a, b) => nameRank[a]! - nameRank[b]!);
    else {
      if (q.sort === 'distance' && centre) {
        for (const i of hits) key[i] = distanceOf(i) ?? Infinity;
      } else {
        for (const list of q.nameWords) for (const i of list) words[i]!++;
        for (const i of hits) {
          // Same arithmetic as the former SQL: (activity + 0.5 × words) then + nearness.
          let rank = ((index.masks.activity[i]! & q.textActivityMask) !== 0 ? 1 : 0) + 0.5 * words[i]!;
          if (centre) rank += 0.3 / (1 + (distanceOf(i) ?? 50) / 5);
          key[i] = -rank;
        }
        for (const list of q.nameWords) for (const i of list) words[i] = 0;
      }
      ordered = topK(hits, wanted, before);
    }
  } else if (byName) {
    ordered = [];
    for (let r = 0; r < index.size && ordered.length < wanted; r++) {
      const i = index.byName[r]!;
      if (passes(p, i)) ordered.push(i);
    }
  } else {
    // Relevance without a centre (a centre always comes with a place, hence with hits).
    const named: number[] = [];
    for (const list of q.nameWords)
      for (const i of list) if (words[i]!++ === 0 && passes(p, i)) named.push(i);
    const rankOf = (i: number) =>
      ((index.masks.activity[i]! & q.textActivityMask) !== 0 ? 1 : 0) + 0.5 * words[i]!;
    for (const i of named) key[i] = -rankOf(i);
    const one: number[] = [];
    const zero: number[] = [];
    // Enough rank-1 organisations, or enough rank-0 ones when none can have rank 1: the rest ranks lower.
    const textMask = q.textActivityMask;
    for (let r = 0; r < index.size && one.length < wanted && (textMask !== 0 || zero.length < wanted); r++) {
      const i = index.byName[r]!;
      if (words[i] !== 0 || !passes(p, i)) continue;
      if ((index.masks.activity[i]! & q.textActivityMask) !== 0) {
        key[i] = -1;
        one.push(i);
      } else if (zero.length < wanted) {
        key[i] = 0;
        zero.push(i);
      }
    }
    for (const list of q.nameWords) for (const i of list) words[i] = 0;
    ordered = topK([...named, ...one, ...zero], wanted, before);
  }
  return ordered.slice(q.offset, wanted).map((i) => ({ index: i, distanceKm: distanceOf(i) }));
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
