// Derives the demo territory's geography from ../shared/data/geo (see src/db/geo/README.md).
// Run once when the source data changes: `npx tsx scripts/build-geo.ts`.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';

const geoDir = new URL('../../shared/data/geo/', import.meta.url);
const rows = parse(readFileSync(new URL('orleans-metropole-communes.csv', geoDir)), { columns: true }) as Record<string, string>[];
const outlines = JSON.parse(readFileSync(new URL('communes-45-loiret.geojson', geoDir), 'utf8')) as {
  features: { properties: { code: string }; geometry: { type: string; coordinates: unknown } }[];
};

// Five decimals is ~1 m: plenty for a map, and it halves the file.
const round = (value: unknown): unknown =>
  Array.isArray(value) ? value.map(round) : typeof value === 'number' ? Math.round(value * 1e5) / 1e5 : value;

const communes = rows.map((row) => {
  const code = row.code_insee!;
  const feature = outlines.features.find((f) => f.properties.code === code);
  if (!feature) throw new Error(`No outline for ${code}`);
  return {
    code,
    name: row.nom!,
    postalCodes: row.codes_postaux!.split(',').map((p) => p.trim()),
    population: Number(row.pmun_insee_file),
    latitude: Number(row.latitude),
    longitude: Number(row.longitude),
    outline: { type: feature.geometry.type, coordinates: round(feature.geometry.coordinates) },
  };
});

const territory = { name: 'Orléans Métropole', epciSiren: rows[0]!.epci_siren!, departementCode: '45', communes };
writeFileSync(new URL('../src/db/geo/orleans-metropole.json', import.meta.url), JSON.stringify(territory));
console.log(`${communes.length} communes written`);
