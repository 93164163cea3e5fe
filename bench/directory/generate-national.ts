// A national-scale directory for benchmarks and load tests: N plausible organisations over France's communes,
// weighted by population, written in the import format (docs/import-format.md). Deterministic from a seed.
//   npx tsx bench/directory/generate-national.ts [--count 60000] [--seed 1] [--out FILE.csv]
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadFranceCommunes, type FranceCommune } from '../../src/db/geo/communes-france';
import { ACTIVITIES, type ActivityCode } from '../../src/domain/activities';
import { generateSiret } from '../../src/domain/identifiers';
import { createRng, type Rng } from '../../src/shared/rng';

/** Share of providers offering each activity (rough national picture: housework and elderly care dominate). */
const ACTIVITY_SHARE: Partial<Record<ActivityCode, number>> = {
  'entretien-maison': 0.62,
  'assistance-personnes-agees-handicapees': 0.3,
  'petits-travaux-jardinage': 0.3,
  'petit-bricolage': 0.22,
  'garde-enfants-plus-3-ans': 0.18,
  'soutien-scolaire-cours': 0.14,
  'accompagnement-personnes-dependantes': 0.14,
  'preparation-repas': 0.12,
  'livraison-courses': 0.1,
  'assistance-administrative': 0.08,
  'assistance-informatique': 0.08,
  'collecte-livraison-linge': 0.06,
  'accompagnement-enfants-plus-3-ans': 0.06,
  'garde-enfants-moins-3-ans': 0.05,
  'vigilance-residence': 0.05,
  'soins-animaux-compagnie': 0.04,
  'conduite-vehicule-personnes-dependantes': 0.04,
  'livraison-repas': 0.03,
  'teleassistance-visioassistance': 0.02,
  'soins-esthetiques-personnes-dependantes': 0.02,
  'assistance-besoin-temporaire': 0.02,
  'conduite-vehicule-invalidite-temporaire': 0.01,
  'accompagnement-invalidite-temporaire': 0.01,
  'accompagnement-enfants-moins-3-ans': 0.01,
  'interprete-lsf-codeur-lpc': 0.005,
  'coordination-delivrance-sap': 0.005,
};

const FORMS: [string, number][] = [
  ['Micro-entrepreneur', 0.44],
  ['SARL', 0.2],
  ['SAS', 0.14],
  ['Association loi 1901', 0.15],
  ['Entreprise individuelle', 0.03],
  ['CCAS', 0.02],
  ['SCOP', 0.02],
];
const WORDS = [
  'Services',
  'Domicile',
  'Présence',
  'Sérénité',
  'Confiance',
  'Proxi',
  'Harmonie',
  'Équilibre',
  'Horizon',
  'Bien-Être',
  'Entraide',
  'Cocon',
  'Colibri',
  'Azur',
  'Avenir',
  'Familles',
  'Âge d’Or',
  'Tilleul',
  'Éclat',
  'Boussole',
];
const FIRST = [
  'Marie',
  'Sophie',
  'Nathalie',
  'Isabelle',
  'Sandrine',
  'Karim',
  'Julien',
  'Thomas',
  'Nadia',
  'Céline',
  'Éric',
  'Fatou',
  'Hélène',
  'Yannick',
];
const LAST = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Lefèvre',
  'Michel',
  'Garcia',
  'Benali',
];
const STREETS = [
  'rue de la République',
  'avenue Jean Jaurès',
  'rue Victor Hugo',
  'place de la Mairie',
  'rue Pasteur',
  'boulevard Gambetta',
  'rue des Écoles',
  'chemin des Vignes',
  'allée des Tilleuls',
  'rue du Moulin',
];

const SHORT_NAME: Partial<Record<ActivityCode, string>> = {
  'entretien-maison': 'Ménage',
  'petits-travaux-jardinage': 'Jardin',
  'petit-bricolage': 'Bricolage',
  'assistance-personnes-agees-handicapees': 'Aide à Domicile',
  'garde-enfants-plus-3-ans': 'Garde d’Enfants',
  'soutien-scolaire-cours': 'Cours',
  'assistance-informatique': 'Informatique',
};

const pickWeighted = <T>(rng: Rng, items: readonly [T, number][]): T => {
  let r = rng.next() * items.reduce((s, [, w]) => s + w, 0);
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1]![0];
};

const csvCell = (v: string) => (/[";\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

export const NATIONAL_HEADERS = [
  'SIRET',
  'Raison sociale',
  'Forme juridique',
  'Adresse',
  'Code postal',
  'Commune',
  'Code INSEE',
  'Activités',
  "Modes d'intervention",
  'Publics',
  'Date de déclaration',
  "Numéro d'agrément",
  'Téléphone',
  'Courriel',
];

/** The CSV text of `count` organisations (header included). */
export function generateNationalCsv(options: { count: number; seed: number }): string {
  const rng = createRng(options.seed);
  const communes = loadFranceCommunes().filter((c) => c.population > 0 && c.postalCodes.length > 0);
  const cumulative: number[] = [];
  let sum = 0;
  for (const c of communes) cumulative.push((sum += c.population));
  const pickCommune = (): FranceCommune => {
    const target = rng.next() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return communes[lo]!;
  };
  const activities = ACTIVITIES.map(
    (a) => [a.code, ACTIVITY_SHARE[a.code] ?? 0.01] as [ActivityCode, number],
  );
  const sirets = new Set<string>();
  const lines = [NATIONAL_HEADERS.join(';')];
  for (let i = 0; i < options.count; i++) {
    let siret = generateSiret(rng);
    while (sirets.has(siret)) siret = generateSiret(rng);
    sirets.add(siret);
    const commune = pickCommune();
    const form = pickWeighted(rng, FORMS);
    const offered = new Set<ActivityCode>();
    for (const [code, share] of activities) if (rng.next() < share * 1.3) offered.add(code);
    if (offered.size === 0) offered.add(pickWeighted(rng, activities));
    const list = [...offered];
    const main = list[0]!;
    const name =
      form === 'Micro-entrepreneur' || form === 'Entreprise individuelle'
        ? `${rng.pick(FIRST)} ${rng.pick(LAST)} ${SHORT_NAME[main] ?? 'Services'}`
        : form === 'CCAS'
          ? `CCAS de ${commune.name}`
          : `${SHORT_NAME[main] ?? rng.pick(WORDS)} ${rng.pick(WORDS)} ${commune.name}`;
    const dependent =
      offered.has('assistance-personnes-agees-handicapees') ||
      offered.has('accompagnement-personnes-dependantes');
    const modes =
      dependent && rng.next() < 0.35
        ? 'Prestataire et mandataire'
        : rng.next() < 0.05
          ? 'Mandataire'
          : 'Prestataire';
    const publics = [
      dependent ? 'Personnes âgées, personnes handicapées' : '',
      offered.has('garde-enfants-moins-3-ans') ? 'Enfants de moins de 3 ans' : '',
      'Tout public',
    ]
      .filter(Boolean)
      .join(', ');
    const year = 2005 + rng.int(0, 20);
    const date = `${String(rng.int(1, 28)).padStart(2, '0')}/${String(rng.int(1, 12)).padStart(2, '0')}/${year}`;
    const agrement = dependent && modes !== 'Prestataire' ? `AG-${year}-${rng.int(100, 999)}` : '';
    // Numbers (as the State's lists sometimes do) or names, alternately.
    const activityCell =
      rng.next() < 0.5
        ? list.map((code) => ACTIVITIES.find((a) => a.code === code)!.number).join(', ')
        : list.map((code) => ACTIVITIES.find((a) => a.code === code)!.name).join(' ; ');
    const phone = `0${rng.int(1, 5)} ${String(rng.int(10, 99))} ${String(rng.int(10, 99))} ${String(rng.int(10, 99))} ${String(rng.int(10, 99))}`;
    lines.push(
      [
        siret,
        name,
        form,
        `${rng.int(1, 120)} ${rng.pick(STREETS)}`,
        commune.postalCodes[0]!,
        commune.name,
        commune.code,
        activityCell,
        modes,
        publics,
        date,
        agrement,
        phone,
        `contact${i}@example.org`,
      ]
        .map(csvCell)
        .join(';'),
    );
  }
  return `${lines.join('\n')}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({
    options: {
      count: { type: 'string', default: '60000' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string', default: 'national-60000.csv' },
    },
  });
  const started = performance.now();
  const csv = generateNationalCsv({ count: Number(values.count), seed: Number(values.seed) });
  writeFileSync(values.out!, csv);
  console.log(
    `${values.count} organisations → ${values.out} (${(csv.length / 1e6).toFixed(1)} Mo, ${Math.round(performance.now() - started)} ms)`,
  );
}
