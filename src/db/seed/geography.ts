/**
 * The demo territory's geography (src/db/geo/orleans-metropole.json) and the cheap geometry the seed
 * needs: distances, point in polygon, neighbouring communes, random places around a commune's centre.
 */
import type { Rng } from '../../shared/rng';

/** A GeoJSON geometry as stored in communes.outline (WGS84, [longitude, latitude]). */
export type Outline =
  { type: 'Polygon'; coordinates: number[][][] } | { type: 'MultiPolygon'; coordinates: number[][][][] };

export interface GeoCommune {
  /** INSEE code. */
  code: string;
  name: string;
  postalCodes: string[];
  population: number;
  latitude: number;
  longitude: number;
  outline: Outline | null;
}

export interface Geography {
  name: string;
  epciSiren: string;
  departementCode: string;
  communes: GeoCommune[];
}

/** A place: latitude and longitude in degrees. */
export interface Place {
  latitude: number;
  longitude: number;
}

const EARTH_RADIUS_KM = 6371;

/** Great-circle distance between two places, in kilometres. */
export function distanceKm(a: Place, b: Place): number {
  const rad = Math.PI / 180;
  const dLat = (b.latitude - a.latitude) * rad;
  const dLon = (b.longitude - a.longitude) * rad;
  const h =
    Math.sin(dLat / 2) ** 2 +
    Math.cos(a.latitude * rad) * Math.cos(b.latitude * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Even-odd ray casting on one ring ([lon, lat] points). */
function isInRing(lon: number, lat: number, ring: readonly number[][]): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function isInPolygon(lon: number, lat: number, rings: readonly number[][][]): boolean {
  const [outer, ...holes] = rings;
  return outer !== undefined && isInRing(lon, lat, outer) && !holes.some((hole) => isInRing(lon, lat, hole));
}

/** True when the place lies inside the outline (holes excluded). */
export function isInOutline(place: Place, outline: Outline): boolean {
  const { longitude: lon, latitude: lat } = place;
  return outline.type === 'Polygon'
    ? isInPolygon(lon, lat, outline.coordinates)
    : outline.coordinates.some((polygon) => isInPolygon(lon, lat, polygon));
}

function rounded(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * A random place within `radiusKm` of the commune's centre (uniform over the disc), inside its outline
 * when it has one (a few draws, then the centre). Coordinates rounded to 6 decimals (~10 cm).
 */
export function randomPlaceInCommune(
  rng: Rng,
  commune: GeoCommune,
  radiusKm = defaultRadiusKm(commune),
): Place {
  const kmPerDegLat = 111.32;
  const kmPerDegLon = 111.32 * Math.cos((commune.latitude * Math.PI) / 180);
  for (let attempt = 0; attempt < 25; attempt++) {
    const r = radiusKm * Math.sqrt(rng.next());
    const theta = 2 * Math.PI * rng.next();
    const place = {
      latitude: rounded(commune.latitude + (r * Math.sin(theta)) / kmPerDegLat),
      longitude: rounded(commune.longitude + (r * Math.cos(theta)) / kmPerDegLon),
    };
    if (commune.outline === null || isInOutline(place, commune.outline)) return place;
  }
  return { latitude: commune.latitude, longitude: commune.longitude };
}

/** 1.5 km around the centre; the city itself (Orléans, 116 000 inhabitants) spreads wider. */
export function defaultRadiusKm(commune: GeoCommune): number {
  return commune.population > 50_000 ? 3 : 1.5;
}

/**
 * The postal code of a place in a commune. Orléans has two: 45100 south of the Loire (Saint-Marceau,
 * La Source), 45000 north of it; the river runs at about 47.895° N through the city.
 */
export function postalCodeAt(commune: GeoCommune, place: Place): string {
  const [first, second] = commune.postalCodes;
  if (first === undefined) throw new RangeError(`Commune ${commune.code} has no postal code`);
  if (commune.code === '45234' && second !== undefined) return place.latitude < 47.895 ? '45100' : '45000';
  return first;
}

function outlinePoints(outline: Outline | null): number[][] {
  if (outline === null) return [];
  const polygons = outline.type === 'Polygon' ? [outline.coordinates] : outline.coordinates;
  return polygons.flatMap((rings) => rings[0] ?? []);
}

/**
 * Neighbouring communes: outlines that come within `toleranceKm` of each other (the outlines are
 * simplified, so shared borders do not share vertices exactly); without outlines, centres within 6 km.
 */
export function findNeighbours(communes: readonly GeoCommune[], toleranceKm = 0.4): Map<string, string[]> {
  const points = communes.map((c) =>
    outlinePoints(c.outline).map(([lon, lat]) => ({ latitude: lat!, longitude: lon! })),
  );
  const result = new Map<string, string[]>(communes.map((c) => [c.code, []]));
  for (let i = 0; i < communes.length; i++) {
    for (let j = i + 1; j < communes.length; j++) {
      const a = communes[i]!;
      const b = communes[j]!;
      const pa = points[i]!;
      const pb = points[j]!;
      let touches: boolean;
      if (pa.length === 0 || pb.length === 0) touches = distanceKm(a, b) <= 6;
      else
        touches = pa.some((p) =>
          pb.some((q) => Math.abs(p.latitude - q.latitude) < 0.01 && distanceKm(p, q) <= toleranceKm),
        );
      if (touches) {
        result.get(a.code)!.push(b.code);
        result.get(b.code)!.push(a.code);
      }
    }
  }
  for (const list of result.values()) list.sort();
  return result;
}
