/**
 * Sectors (secteurs d'intervention) of the demo organisations: the larger services split the communes they
 * serve into 2–4 sectors — the home commune alone as « Centre » when it holds a good part of the people
 * served, the others grouped by direction from it, groups of similar population — and each worker gets the
 * sector of their home commune (else the nearest one). One-person businesses and small teams have none.
 * Pure and deterministic: no random draw but the ids.
 */
import type { sectors } from '../schema';
import type { Rng } from '../../shared/rng';
import type { GeneratedOrganisation } from './generate-organisations';
import { distanceKm, type GeoCommune } from './geography';
import { randomUuid } from './random';
import type { WorkerRow } from './rows';

export type SectorRow = typeof sectors.$inferInsert & {
  id: string;
  name: string;
  communeCodes: string[];
  coordinatorUserIds: string[];
};

/** Below this many workers, an organisation has no sectors. */
const MIN_WORKERS_FOR_SECTORS = 9;
const DIRECTIONS = ['Nord', 'Nord-Est', 'Est', 'Sud-Est', 'Sud', 'Sud-Ouest', 'Ouest', 'Nord-Ouest'] as const;

function bearingDeg(from: GeoCommune, to: GeoCommune): number {
  const dx = (to.longitude - from.longitude) * Math.cos((from.latitude * Math.PI) / 180);
  const dy = to.latitude - from.latitude;
  return ((Math.atan2(dx, dy) * 180) / Math.PI + 360) % 360;
}

/** How many sectors an organisation of this size has (0: none). */
export function sectorCountFor(workerCount: number, communeCount: number): number {
  if (workerCount < MIN_WORKERS_FOR_SECTORS || communeCount < 2) return 0;
  return Math.min(communeCount, workerCount >= 40 ? 4 : workerCount >= 20 ? 3 : 2);
}

export function generateSectors(
  rng: Rng,
  input: {
    organisations: readonly GeneratedOrganisation[];
    communesByCode: ReadonlyMap<string, GeoCommune>;
    workers: readonly WorkerRow[];
    /** Organisation id → user ids responsible for its first sector (the demo's coordination@ account). */
    coordinatorsOf: ReadonlyMap<string, string[]>;
  },
): { sectors: SectorRow[]; sectorOfWorker: Map<string, string> } {
  const out: SectorRow[] = [];
  const sectorOfWorker = new Map<string, string>();
  for (const org of input.organisations) {
    const served = org.communes
      .map((c) => input.communesByCode.get(c.communeCode))
      .filter((c): c is GeoCommune => c !== undefined);
    const count = sectorCountFor(org.workerCount, served.length);
    if (count === 0) continue;
    const home = input.communesByCode.get(org.row.communeCode) ?? served[0]!;
    const total = served.reduce((s, c) => s + c.population, 0);
    const groups: GeoCommune[][] = [];
    let rest = served;
    // A home commune with a good share of the population is a sector of its own (Orléans for the demo).
    if (served.some((c) => c.code === home.code) && home.population >= total / (count + 1)) {
      groups.push([home]);
      rest = served.filter((c) => c.code !== home.code);
    }
    const wanted = count - groups.length;
    if (rest.length > 0 && wanted > 0) {
      // Around the home commune by bearing, starting at the widest gap, cut into groups of similar population.
      const around = rest
        .map((c) => ({ c, bearing: bearingDeg(home, c) }))
        .sort((a, b) => a.bearing - b.bearing || a.c.code.localeCompare(b.c.code));
      let gapAt = 0;
      let widest = -1;
      for (let i = 0; i < around.length; i++) {
        const next = around[(i + 1) % around.length]!.bearing + (i + 1 === around.length ? 360 : 0);
        if (next - around[i]!.bearing > widest) {
          widest = next - around[i]!.bearing;
          gapAt = (i + 1) % around.length;
        }
      }
      const ordered = [...around.slice(gapAt), ...around.slice(0, gapAt)];
      const restPopulation = ordered.reduce((s, x) => s + x.c.population, 0);
      const n = Math.min(wanted, ordered.length);
      const centres = groups.length;
      let group: GeoCommune[] = [];
      let acc = 0;
      for (let i = 0; i < ordered.length; i++) {
        group.push(ordered[i]!.c);
        acc += ordered[i]!.c.population;
        const closed = groups.length - centres;
        const groupsAfter = n - closed - 1;
        const itemsAfter = ordered.length - i - 1;
        if (groupsAfter > 0 && (acc >= (restPopulation * (closed + 1)) / n || itemsAfter === groupsAfter)) {
          groups.push(group);
          group = [];
        }
      }
      if (group.length > 0) groups.push(group);
    }
    const used = new Set<string>();
    const rows = groups.map((g) => {
      let name: string;
      if (g.length === 1 && g[0]!.code === home.code) name = `Centre — ${home.name}`;
      else {
        const x = g.reduce((s, c) => s + Math.sin((bearingDeg(home, c) * Math.PI) / 180) * c.population, 0);
        const y = g.reduce((s, c) => s + Math.cos((bearingDeg(home, c) * Math.PI) / 180) * c.population, 0);
        const mean = ((Math.atan2(x, y) * 180) / Math.PI + 360) % 360;
        const direction = DIRECTIONS[Math.round(mean / 45) % 8]!;
        name = used.has(direction) ? `${direction} ${used.size + 1}` : direction;
      }
      used.add(name);
      return {
        id: randomUuid(rng),
        organisationId: org.row.id,
        name,
        communeCodes: g.map((c) => c.code).sort(),
        coordinatorUserIds: [] as string[],
      };
    });
    const coordinators = input.coordinatorsOf.get(org.row.id);
    if (coordinators && rows[0]) rows[0].coordinatorUserIds = [...coordinators];
    out.push(...rows);
    for (const w of input.workers) {
      if (w.organisationId !== org.row.id) continue;
      const own = rows.find((r) => r.communeCodes.includes(w.communeCode));
      const place = { latitude: w.homeLatitude, longitude: w.homeLongitude };
      const nearest =
        own ??
        [...rows].sort(
          (a, b) => nearestKm(a, place, input.communesByCode) - nearestKm(b, place, input.communesByCode),
        )[0]!;
      sectorOfWorker.set(w.id, nearest.id);
    }
  }
  return { sectors: out, sectorOfWorker };
}

function nearestKm(
  sector: { communeCodes: string[] },
  place: { latitude: number; longitude: number },
  communesByCode: ReadonlyMap<string, GeoCommune>,
): number {
  return Math.min(...sector.communeCodes.map((code) => distanceKm(communesByCode.get(code)!, place)));
}
