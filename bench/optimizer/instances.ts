/** Converters from benchmark text formats to the optimiser's model. */
import { readFileSync } from 'node:fs';
import { makeJob, makeVehicle } from '../../src/optimizer/index.js';
import type { Problem } from '../../src/optimizer/index.js';

export interface VrptwInstance {
  name: string;
  problem: Problem;
  /** Coordinates of locations (0 = depot), to recompute distances in double precision. */
  coords: Array<[number, number]>;
  vehicles: number;
  capacity: number;
}

/** Solomon / Gehring–Homberger text format; real-valued Euclidean travel (SINTEF convention). */
export function readSolomon(path: string, opts: { fixedCost?: number } = {}): VrptwInstance {
  const lines = readFileSync(path, 'utf8').split(/\r?\n/);
  const name = lines[0]!.trim();
  let i = lines.findIndex((l) => /NUMBER\s+CAPACITY/.test(l));
  const [nv, cap] = lines[i + 1]!.trim().split(/\s+/).map(Number) as [number, number];
  i = lines.findIndex((l) => /CUST NO\./.test(l));
  const rows: number[][] = [];
  for (const l of lines.slice(i + 1)) {
    const t = l.trim();
    if (!t) continue;
    rows.push(t.split(/\s+/).map(Number));
  }
  const L = rows.length;
  const coords = rows.map((r) => [r[1]!, r[2]!] as [number, number]);
  const m = new Float64Array(L * L);
  for (let a = 0; a < L; a++)
    for (let b = 0; b < L; b++)
      m[a * L + b] = Math.hypot(coords[a]![0] - coords[b]![0], coords[a]![1] - coords[b]![1]);
  const depot = rows[0]!;
  const vehicles = [];
  for (let v = 0; v < nv; v++) {
    vehicles.push(
      makeVehicle({
        id: v + 1,
        start: 0,
        end: 0,
        capacity: [cap],
        timeWindow: [depot[4]!, depot[5]!],
        costs: { fixed: opts.fixedCost ?? 0, perHour: 0, perKm: 1000, perWorkingHour: 0 },
      }),
    );
  }
  const jobs = rows.slice(1).map((r, k) =>
    makeJob({
      id: r[0]!,
      location: k + 1,
      delivery: [r[3]!],
      timeWindows: [[r[4]!, r[5]!]],
      service: r[6]!,
    }),
  );
  return {
    name,
    problem: {
      locationCount: L,
      matrices: { car: { durations: m, distances: m } },
      vehicles,
      jobs,
      links: [],
    },
    coords,
    vehicles: nv,
    capacity: cap,
  };
}
