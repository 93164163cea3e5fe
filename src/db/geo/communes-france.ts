/**
 * France's communes (INSEE code, name, postal codes, centre, population) from the committed
 * `communes-france.csv.gz` (see README.md), and the idempotent step that loads them into `communes`
 * (territory_id null) so that imported organisations anywhere in France have their commune.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { eq, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { meta } from '../schema';

export interface FranceCommune {
  code: string;
  name: string;
  postalCodes: string[];
  latitude: number;
  longitude: number;
  population: number;
}

let cache: FranceCommune[] | undefined;

/** Every commune of the data file, read once (~35,000 rows, ~40 ms). */
export function loadFranceCommunes(): FranceCommune[] {
  if (cache) return cache;
  const text = gunzipSync(readFileSync(new URL('./communes-france.csv.gz', import.meta.url))).toString('utf8');
  const rows: FranceCommune[] = [];
  for (const line of text.split('\n').slice(1)) {
    if (line === '') continue;
    const [code, name, postalCodes, latitude, longitude, population] = line.split(';');
    rows.push({
      code: code!,
      name: name!,
      postalCodes: postalCodes!.split(' ').filter(Boolean),
      latitude: Number(latitude),
      longitude: Number(longitude),
      population: Number(population),
    });
  }
  cache = rows;
  return rows;
}

const META_KEY = 'france_communes';
const BATCH = 5_000;

/**
 * Inserts France's communes that are missing (the territory's own rows, with their outlines, are left as
 * they are). Recorded in `meta`, so later calls cost one query. Returns the number of rows inserted.
 */
export async function ensureFranceCommunes(db: Executor): Promise<number> {
  const communes = loadFranceCommunes();
  const [done] = await db.select({ value: meta.value }).from(meta).where(eq(meta.key, META_KEY));
  if (done && (done.value as { rows?: number }).rows === communes.length) return 0;
  let inserted = 0;
  for (let i = 0; i < communes.length; i += BATCH) {
    const batch = communes.slice(i, i + BATCH);
    const result = await db.execute(sql`
      INSERT INTO communes (code, name, postal_codes, latitude, longitude, population)
      SELECT code, name, string_to_array(postal_codes, ' '), latitude, longitude, population
      FROM unnest(${pgArray(batch.map((c) => c.code))}::text[], ${pgArray(batch.map((c) => c.name))}::text[],
                  ${pgArray(batch.map((c) => c.postalCodes.join(' ')))}::text[], ${pgArray(batch.map((c) => String(c.latitude)))}::float8[],
                  ${pgArray(batch.map((c) => String(c.longitude)))}::float8[], ${pgArray(batch.map((c) => String(c.population)))}::int[])
        AS t(code, name, postal_codes, latitude, longitude, population)
      ON CONFLICT (code) DO NOTHING`);
    inserted += (result as { rowCount?: number; affectedRows?: number }).rowCount ?? (result as { affectedRows?: number }).affectedRows ?? 0;
  }
  await db
    .insert(meta)
    .values({ key: META_KEY, value: { rows: communes.length } })
    .onConflictDoUpdate({ target: meta.key, set: { value: { rows: communes.length } } });
  return inserted;
}

/** A PostgreSQL array literal of strings (both drivers take it as one text parameter). */
export function pgArray(values: readonly string[]): string {
  return `{${values.map((v) => `"${v.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`).join(',')}}`;
}
