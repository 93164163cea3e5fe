/**
 * How fast workers move between homes, by transport mode, and where an address lies on the map when no
 * geocoder is at hand. Pure. The speeds are door-to-door averages in an urban area (product assumptions,
 * the same figures as the demo seed's planner), not measured values.
 */

export const TRANSPORT_MODES = ['car', 'bike', 'public_transport', 'walk'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

/** Speed model of one mode. */
export interface TransportSpeed {
  /** French label for screens. */
  label: string;
  /** Average speed along the way, km/h. */
  speedKmh: number;
  /** Way length / straight-line distance (road or street network). */
  detourFactor: number;
  /** Fixed minutes per trip: parking, locking the bike, waiting for the bus. */
  fixedMin: number;
}

/** The speed table (assumptions ⚠️: urban averages, tune per territory). */
export const TRANSPORT_SPEEDS: Readonly<Record<TransportMode, TransportSpeed>> = {
  car: { label: 'Voiture', speedKmh: 28, detourFactor: 1.3, fixedMin: 3 },
  bike: { label: 'Vélo', speedKmh: 14, detourFactor: 1.3, fixedMin: 2 },
  public_transport: { label: 'Transports en commun', speedKmh: 15, detourFactor: 1.3, fixedMin: 8 },
  walk: { label: 'À pied', speedKmh: 4.5, detourFactor: 1.3, fixedMin: 0 },
};

export function isTransportMode(value: string): value is TransportMode {
  return (TRANSPORT_MODES as readonly string[]).includes(value);
}

/** A point in WGS 84 degrees. */
export interface GeoPoint {
  latitude: number;
  longitude: number;
}

const EARTH_RADIUS_KM = 6371;
const toRad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in km (haversine). */
export function distanceKm(a: GeoPoint, b: GeoPoint): number {
  const dLat = toRad(b.latitude - a.latitude);
  const dLon = toRad(b.longitude - a.longitude);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(toRad(a.latitude)) * Math.cos(toRad(b.latitude)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Door-to-door travel time in whole minutes between two points for a mode (an unknown mode counts as a
 * car); 0 below 50 m of way.
 */
export function travelMinutes(from: GeoPoint, to: GeoPoint, mode: string): number {
  const speed = TRANSPORT_SPEEDS[isTransportMode(mode) ? mode : 'car'];
  const km = distanceKm(from, to) * speed.detourFactor;
  if (km < 0.05) return 0;
  return Math.ceil((km / speed.speedKmh) * 60) + speed.fixedMin;
}

/** 32-bit FNV-1a hash of a string: a deterministic source for offsets. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Largest offset from the commune centre, degrees of latitude (≈ 550 m). */
export const PLACEMENT_MAX_OFFSET_DEG = 0.005;

/**
 * Where an address is placed on the map without a geocoder (none is available offline): the commune
 * centre moved by a small offset (at most ≈ 550 m) derived from `key` (e.g. the address line), so the
 * same address always lands on the same point and neighbours do not stack on the centre.
 */
export function placeNearCentre(centre: GeoPoint, key: string): GeoPoint {
  const h = hash32(key);
  const angle = ((h & 0xffff) / 0x10000) * 2 * Math.PI;
  const radius = (0.3 + 0.7 * ((h >>> 16) / 0x10000)) * PLACEMENT_MAX_OFFSET_DEG;
  const latitude = centre.latitude + radius * Math.sin(angle);
  const longitude = centre.longitude + (radius * Math.cos(angle)) / Math.cos(toRad(centre.latitude));
  return { latitude: Math.round(latitude * 1e6) / 1e6, longitude: Math.round(longitude * 1e6) / 1e6 };
}
