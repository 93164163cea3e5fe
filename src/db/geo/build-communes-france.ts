// Builds communes-france.csv.gz from the shared geography (../shared/data/geo): every French commune with
// its INSEE code, name, postal codes, centre and population. Run: npx tsx src/db/geo/build-communes-france.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';

const geoDir = new URL('../../../../shared/data/geo/', import.meta.url);
const centres = parse(readFileSync(new URL('communes-centres-geoapi.csv', geoDir)), { columns: true }) as Record<string, string>[];
const populations = parse(readFileSync(new URL('insee-population-legale-communes.csv', geoDir)), { columns: true, delimiter: ';', bom: true }) as Record<string, string>[];
const populationOf = new Map(populations.map((p) => [p.COM!, Number(p.PMUN)]));
// Paris, Lyon and Marseille are listed by municipal arrondissement: their population is the sum.
for (const [city, from, to] of [['75056', 75101, 75120], ['69123', 69381, 69389], ['13055', 13201, 13216]] as const) {
  let sum = 0;
  for (let code = from; code <= to; code++) sum += populationOf.get(String(code)) ?? 0;
  populationOf.set(city, sum);
}

const lines = ['code;name;postal_codes;latitude;longitude;population'];
for (const c of centres.sort((a, b) => a.code!.localeCompare(b.code!))) {
  if (!c.latitude || !c.longitude) continue;
  lines.push([c.code, c.nom, c.codes_postaux!.replaceAll(',', ' '), Number(c.latitude).toFixed(4), Number(c.longitude).toFixed(4), populationOf.get(c.code!) ?? 0].join(';'));
}
const out = new URL('communes-france.csv.gz', import.meta.url);
writeFileSync(out, gzipSync(lines.join('\n') + '\n', { level: 9 }));
console.log(`${lines.length - 1} communes → ${out.pathname}`);
