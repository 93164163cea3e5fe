import { describe, expect, it } from 'vitest';
import { createRng } from '../../shared/rng';
import {
  createSearchIndex,
  earthDistanceKm,
  MASK_BITS,
  MASK_DIMENSIONS,
  matchOwnWords,
  queryIndex,
  roundKm,
  type IndexQuery,
  type LexemeMatch,
  type MaskDimension,
  type SearchIndexColumns,
} from './search-index';

const RAD = Math.PI / 180;
const distance = (from: { latitude: number; longitude: number }, lat: number, lon: number) =>
  earthDistanceKm(
    from.latitude,
    from.longitude,
    Math.cos(from.latitude * RAD),
    Math.sin(from.latitude * RAD),
    lat,
    lon,
  );

describe('distances as PostgreSQL earthdistance computes them', () => {
  it('Orléans → Paris: earth_distance(ll_to_earth(…), ll_to_earth(…)) / 1000 = 111.10106267948522', () => {
    expect(distance({ latitude: 47.9029, longitude: 1.9093 }, 48.8566, 2.3522)).toBeCloseTo(
      111.10106267948522,
      9,
    );
  });

  it('rounds to 0.1 km like round(km::numeric, 1): halves away from zero on the decimal value', () => {
    expect(roundKm(2.25)).toBe(2.3);
    expect(roundKm(0.05)).toBe(0.1);
    expect(roundKm(111.10106267948522)).toBe(111.1);
    expect(roundKm(0)).toBe(0);
  });
});

// A small random directory and a reference that computes every answer the plain way, row by row.
const rng = createRng(7);
const N = 400;
const COMMUNES = 12;
const NAMES = ['alpha services', 'beta domicile', 'gamma', 'delta aide', 'epsilon', 'zeta jardin'];
const bitsOf = (width: number, p: number) => {
  let m = 0;
  for (let k = 0; k < width; k++) if (rng.next() < p) m |= 1 << k;
  return m >>> 0;
};
const columns: SearchIndexColumns = (() => {
  const masks = Object.fromEntries(MASK_DIMENSIONS.map((d) => [d, new Uint32Array(N)])) as Record<
    MaskDimension,
    Uint32Array
  >;
  const served: number[] = [];
  const servedStart = new Int32Array(N + 1);
  const siteCommune = new Int32Array(N);
  const latitude = new Float64Array(N);
  const longitude = new Float64Array(N);
  const accepting = new Uint8Array(N);
  for (let i = 0; i < N; i++) {
    masks.activity[i] = bitsOf(MASK_BITS.activity, 0.12) || 1 << rng.int(0, 25);
    for (const d of ['domain', 'mode', 'public', 'regime'] as const) masks[d][i] = bitsOf(MASK_BITS[d], 0.4);
    accepting[i] = rng.next() < 0.8 ? 1 : 0;
    const site = rng.next() < 0.05 ? -1 : rng.int(0, COMMUNES - 1);
    siteCommune[i] = site;
    servedStart[i] = served.length;
    const list = new Set<number>(site >= 0 ? [site] : []);
    for (let k = rng.int(0, 2); k > 0; k--) list.add(rng.int(0, COMMUNES - 1));
    served.push(...list);
    const unknown = rng.next() < 0.05;
    latitude[i] = unknown ? NaN : 47 + rng.next();
    longitude[i] = unknown ? NaN : 1 + rng.next();
  }
  servedStart[N] = served.length;
  return {
    generation: 1,
    ids: Array.from(
      { length: N },
      (_, i) => `00000000-0000-4000-8000-${String(1e11 + ((i * 7919) % N)).slice(-12)}`,
    ),
    namesFolded: Array.from({ length: N }, () => rng.pick(NAMES)),
    masks,
    accepting,
    latitude,
    longitude,
    siteCommune,
    servedStart,
    served: Int32Array.from(served),
    communeCodes: Array.from({ length: COMMUNES }, (_, c) => `450${String(c).padStart(2, '0')}`),
    activityLexemes: new Map(),
  };
})();
const index = createSearchIndex(columns);

function reference(q: IndexQuery, lexemes: LexemeMatch[] | null) {
  const text = (i: number) => {
    const a = columns.masks.activity[i]!;
    if (lexemes === null && q.textActivityMask === 0) return true;
    if ((a & q.textActivityMask) !== 0) return true;
    if (lexemes === null || lexemes.length === 0) return false;
    return lexemes.every((l) => (a & l.activityMask) !== 0 || l.own.includes(i));
  };
  const flag = (d: MaskDimension | 'accepting', i: number) =>
    d === 'accepting'
      ? q.accepting === null || (columns.accepting[i] === 1) === q.accepting
      : q.masks[d] === 0 || (columns.masks[d][i]! & q.masks[d]) !== 0;
  const near = (i: number) =>
    q.communes === null ||
    Array.from(columns.served.slice(columns.servedStart[i]!, columns.servedStart[i + 1]!)).some((c) =>
      q.communes!.includes(c),
    );
  const all = [...MASK_DIMENSIONS, 'accepting'] as const;
  const counts = Object.fromEntries(MASK_DIMENSIONS.map((d) => [d, new Array<number>(MASK_BITS[d]).fill(0)]));
  const accepting = { yes: 0, no: 0 };
  const hits: number[] = [];
  const communes = new Map<number, number>();
  for (let i = 0; i < N; i++) {
    if (!text(i)) continue;
    const ok = all.every((d) => flag(d, i));
    const site = columns.siteCommune[i]!;
    if (ok && site >= 0 && q.facetCommunes.includes(site)) communes.set(site, (communes.get(site) ?? 0) + 1);
    if (!near(i)) continue;
    if (ok) hits.push(i);
    for (const d of MASK_DIMENSIONS)
      if (all.every((o) => o === d || flag(o, i)))
        for (let k = 0; k < MASK_BITS[d]; k++) if ((columns.masks[d][i]! >>> k) & 1) counts[d]![k]!++;
    if (all.every((o) => o === 'accepting' || flag(o, i))) {
      if (columns.accepting[i] === 1) accepting.yes++;
      else accepting.no++;
    }
  }
  const dist = (i: number) =>
    q.centre && !Number.isNaN(columns.latitude[i]!)
      ? distance(q.centre, columns.latitude[i]!, columns.longitude[i]!)
      : null;
  const words = (i: number) => q.nameWords.filter((list) => list.includes(i)).length;
  const rank = (i: number) =>
    ((columns.masks.activity[i]! & q.textActivityMask) !== 0 ? 1 : 0) +
    0.5 * words(i) +
    (q.centre ? 0.3 / (1 + (dist(i) ?? 50) / 5) : 0);
  const byName = (a: number, b: number) =>
    columns.namesFolded[a]! < columns.namesFolded[b]!
      ? -1
      : columns.namesFolded[a]! > columns.namesFolded[b]!
        ? 1
        : columns.ids[a]! < columns.ids[b]!
          ? -1
          : 1;
  const hasRank = q.textActivityMask !== 0 || q.nameWords.length > 0 || q.centre !== null;
  const order =
    q.sort === 'name' || !hasRank
      ? byName
      : q.sort === 'distance' && q.centre
        ? (a: number, b: number) => (dist(a) ?? Infinity) - (dist(b) ?? Infinity) || byName(a, b)
        : (a: number, b: number) => rank(b) - rank(a) || byName(a, b);
  return {
    total: hits.length,
    page: hits.sort(order).slice(q.offset, q.offset + q.limit),
    counts,
    accepting,
    communes: [...communes].map(([c, count]) => ({ code: columns.communeCodes[c]!, count })),
  };
}

describe('queryIndex agrees with a row-by-row reference', () => {
  const queries = Array.from({ length: 300 }, (_, n) => {
    const textKind = rng.next();
    const lexemes: LexemeMatch[] | null =
      textKind < 0.5
        ? null
        : Array.from({ length: rng.int(0, 3) }, () => ({
            activityMask: rng.next() < 0.6 ? 1 << rng.int(0, 25) : 0,
            own: Int32Array.from(Array.from({ length: N }, (_, i) => i).filter(() => rng.next() < 0.15)),
          }));
    const communes = rng.next() < 0.4 ? [rng.int(0, COMMUNES - 1), rng.int(0, COMMUNES - 1)] : null;
    const q: IndexQuery = {
      text:
        lexemes === null
          ? null
          : { lexemeActivities: lexemes.map((l) => l.activityMask), own: matchOwnWords(index, lexemes) },
      textActivityMask: rng.next() < 0.3 ? 1 << rng.int(0, 25) : 0,
      masks: {
        activity: rng.next() < 0.4 ? 1 << rng.int(0, 25) : 0,
        domain: rng.next() < 0.3 ? 1 << rng.int(0, 2) : 0,
        mode: rng.next() < 0.3 ? 1 << rng.int(0, 2) : 0,
        public: rng.next() < 0.3 ? (1 << rng.int(0, 5)) | (1 << rng.int(0, 5)) : 0,
        regime: rng.next() < 0.3 ? 1 << rng.int(0, 2) : 0,
      },
      accepting: rng.next() < 0.3 ? rng.next() < 0.5 : null,
      communes,
      facetCommunes: [0, 1, 2, 3, 4, 5],
      centre: communes !== null ? { latitude: 47.5, longitude: 1.5 } : null,
      nameWords:
        rng.next() < 0.3
          ? [Int32Array.from(columns.namesFolded.flatMap((name, i) => (name.includes('a') ? [i] : [])))]
          : [],
      sort: rng.pick(['relevance', 'relevance', 'distance', 'name'] as const),
      limit: rng.pick([5, 20, 100]),
      offset: rng.pick([0, 0, 5, 20]),
    };
    return { n, q, lexemes };
  });

  it.each(queries)('query $n', ({ q, lexemes }) => {
    const got = queryIndex(index, q);
    const want = reference(q, lexemes);
    expect(got.total).toBe(want.total);
    expect(got.counts).toEqual(want.counts);
    expect(got.accepting).toEqual(want.accepting);
    expect(got.communes.sort((a, b) => a.code.localeCompare(b.code))).toEqual(
      want.communes.sort((a, b) => a.code.localeCompare(b.code)),
    );
    expect(got.page.map((p) => p.index)).toEqual(want.page);
  });
});
