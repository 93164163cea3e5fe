/** Small helpers on top of the shared Rng for the demo seed: independent streams, weights, uuids. */
import { createRng, type Rng } from '../../shared/rng';

/**
 * An Rng for one part of the generation (`stream` names it), so that changing how one part draws its
 * numbers does not change what the other parts produce for the same seed.
 */
export function deriveRng(seed: number, stream: string): Rng {
  // FNV-1a over the stream name, mixed with the seed.
  let h = 0x811c9dc5 ^ (seed >>> 0);
  for (let i = 0; i < stream.length; i++) {
    h ^= stream.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return createRng(h >>> 0);
}

/** A version-4-shaped uuid drawn from `rng` (not a secret: only stable references between rows). */
export function randomUuid(rng: Rng): string {
  const hex = (n: number) => Array.from({ length: n }, () => rng.int(0, 15).toString(16)).join('');
  const variant = (8 + rng.int(0, 3)).toString(16);
  return `${hex(8)}-${hex(4)}-4${hex(3)}-${variant}${hex(3)}-${hex(12)}`;
}

/** True with probability `p`. */
export function chance(rng: Rng, p: number): boolean {
  return rng.next() < p;
}

/** One item, drawn with probability proportional to its weight (weights ≥ 0, not all 0). */
export function pickWeighted<T>(rng: Rng, items: readonly T[], weight: (item: T) => number): T {
  const total = items.reduce((sum, item) => sum + Math.max(0, weight(item)), 0);
  if (items.length === 0 || total <= 0) throw new RangeError('pickWeighted() needs a positive total weight');
  let r = rng.next() * total;
  for (const item of items) {
    r -= Math.max(0, weight(item));
    if (r < 0) return item;
  }
  return items[items.length - 1] as T;
}

/** `k` distinct items (or all when fewer), in random order. */
export function pickSome<T>(rng: Rng, items: readonly T[], k: number): T[] {
  return rng.shuffle(items).slice(0, Math.max(0, k));
}

/**
 * Splits `total` into integers proportional to `weights` (largest remainders), each at least `min`
 * when the total allows it. Deterministic for the same inputs.
 */
export function apportion(total: number, weights: readonly number[], min = 0): number[] {
  const n = weights.length;
  if (n === 0) return [];
  const base = Math.min(min, Math.floor(total / n));
  const rest = total - base * n;
  const sum = weights.reduce((a, b) => a + b, 0);
  const exact = weights.map((w) => (sum > 0 ? (rest * w) / sum : rest / n));
  const shares = exact.map(Math.floor);
  let left = rest - shares.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, frac: x - Math.floor(x) }))
    .sort((a, b) => b.frac - a.frac || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % n, left--) shares[order[k]!.i]! += 1;
  return shares.map((s) => s + base);
}

/** A version-4-shaped uuid from four draws of `rng` (randomUuid's shape, eight times fewer draws: for bulk rows). */
export function quickUuid(rng: Rng): string {
  const word = () =>
    Math.floor(rng.next() * 4_294_967_296)
      .toString(16)
      .padStart(8, '0');
  const hex = word() + word() + word() + word();
  const variant = (8 + (parseInt(hex[16]!, 16) & 3)).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
