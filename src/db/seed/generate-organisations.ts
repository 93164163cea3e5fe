/**
 * The providers of the demo territory (~150): CCAS, home-care associations and companies (SAAD), household
 * service companies, childcare and tutoring companies, gardeners, micro-entrepreneurs; with their
 * activities and prices, communes served and regimes (déclaration, agrément, autorisation). Pure.
 */
import type { ActivityCode } from '../../domain/activities';
import { generateSiret, luhnCheckDigit, sapDeclarationNumber } from '../../domain/identifiers';
import {
  AGREMENT_DURATION_YEARS_UNCONFIRMED,
  AUTORISATION_DURATION_YEARS_UNCONFIRMED,
  requiredRegime,
  type LegalForm,
  type OrganisationMode,
  type Public,
  type RegimeType,
} from '../../domain/organisation';
import type { SkillCode } from '../../domain/skills';
import type { Rng } from '../../shared/rng';
import type { CareProfileKey } from './care-profiles';
import { WEEKDAY_KEYS } from './french-data';
import {
  distanceKm,
  findNeighbours,
  postalCodeAt,
  randomPlaceInCommune,
  type GeoCommune,
  type Place,
} from './geography';
import {
  pickFirstName,
  pickLastName,
  randomLandlinePhone,
  randomMobilePhone,
  randomStreetAddress,
  slugify,
  type Sex,
} from './identity';
import { addDays } from '../../shared/local-time';
import { apportion, chance, pickSome, pickWeighted, randomUuid } from './random';
import type {
  OrganisationActivityRow,
  OrganisationCommuneRow,
  OrganisationRegimeRow,
  OrganisationRow,
} from './rows';

export const TEMPLATE_KEYS = [
  'demo',
  'ccas',
  'saad_association',
  'saad_entreprise',
  'cooperative',
  'menage_entreprise',
  'enfance_entreprise',
  'soutien_entreprise',
  'jardin_entreprise',
  'entreprise_individuelle',
  'micro_entrepreneur',
] as const;
/** The kind of provider an organisation was generated as. */
export type TemplateKey = (typeof TEMPLATE_KEYS)[number];

/** What one-person businesses do. */
export type Speciality =
  'jardin_bricolage' | 'menage' | 'informatique' | 'soutien' | 'esthetique' | 'animaux' | 'garde';

/** The named demo organisation the demo accounts belong to. */
export const DEMO_ORGANISATION = {
  name: 'Aide & Présence Orléans',
  addressLine: '8 rue des Carmes',
  postalCode: '45000',
  communeCode: '45234',
  latitude: 47.902_7,
  longitude: 1.903_1,
  phone: '02 61 91 21 30',
  email: 'contact@aide-presence-orleans.example',
  website: 'https://www.aide-presence-orleans.example',
} as const;

/** How many organisations of each kind, and the workers and beneficiaries of the whole territory. */
export interface TerritorySize {
  workers: number;
  beneficiaries: number;
  demoWorkers: number;
  demoBeneficiaries: number;
}

export const DEFAULT_SIZE: TerritorySize = {
  workers: 800,
  beneficiaries: 2500,
  demoWorkers: 60,
  demoBeneficiaries: 420,
};

const TEMPLATE_COUNTS: Readonly<Record<TemplateKey, number>> = {
  demo: 1,
  ccas: 5,
  saad_association: 14,
  saad_entreprise: 24,
  cooperative: 3,
  menage_entreprise: 16,
  enfance_entreprise: 8,
  soutien_entreprise: 4,
  jardin_entreprise: 6,
  entreprise_individuelle: 10,
  micro_entrepreneur: 59,
};

/** Beneficiaries per worker, by kind of provider (the hours per case differ a lot). */
const CASES_PER_WORKER: Readonly<Record<TemplateKey, number>> = {
  demo: 0,
  ccas: 3.6,
  saad_association: 3,
  saad_entreprise: 3,
  cooperative: 3,
  menage_entreprise: 5,
  enfance_entreprise: 2,
  soutien_entreprise: 7,
  jardin_entreprise: 7,
  entreprise_individuelle: 6,
  micro_entrepreneur: 8,
};

const SPECIALITY_CASES_PER_WORKER: Readonly<Record<Speciality, number>> = {
  jardin_bricolage: 9,
  menage: 6,
  informatique: 12,
  soutien: 9,
  esthetique: 12,
  animaux: 7,
  garde: 2,
};

const SAAD_CORE: readonly ActivityCode[] = [
  'assistance-personnes-agees-handicapees',
  'accompagnement-personnes-dependantes',
  'entretien-maison',
  'preparation-repas',
];
const SAAD_OPTIONS: readonly ActivityCode[] = [
  'livraison-courses',
  'assistance-administrative',
  'conduite-vehicule-personnes-dependantes',
  'garde-enfants-plus-3-ans',
  'collecte-livraison-linge',
  'teleassistance-visioassistance',
  'petits-travaux-jardinage',
  'petit-bricolage',
  'assistance-besoin-temporaire',
  'accompagnement-invalidite-temporaire',
  'soins-esthetiques-personnes-dependantes',
];
const DEPENDENT_PUBLICS: readonly Public[] = [
  'personnes_agees',
  'personnes_handicapees',
  'personnes_pathologies_chroniques',
];

const SPECIALITY_ACTIVITIES: Readonly<Record<Speciality, readonly ActivityCode[]>> = {
  jardin_bricolage: ['petits-travaux-jardinage', 'petit-bricolage'],
  menage: ['entretien-maison', 'preparation-repas'],
  informatique: ['assistance-informatique'],
  soutien: ['soutien-scolaire-cours'],
  esthetique: ['soins-esthetiques-personnes-dependantes'],
  animaux: ['soins-animaux-compagnie'],
  garde: ['garde-enfants-plus-3-ans', 'accompagnement-enfants-plus-3-ans'],
};

const SPECIALITY_PROFILES: Readonly<Record<Speciality, Partial<Record<CareProfileKey, number>>>> = {
  jardin_bricolage: { jardinage: 0.65, bricolage: 0.35 },
  menage: { menage_famille: 0.6, aide_menagere: 0.4 },
  informatique: { informatique: 1 },
  soutien: { soutien_scolaire: 1 },
  esthetique: { esthetique: 1 },
  animaux: { animaux: 1 },
  garde: { garde_periscolaire: 1 },
};

const SPECIALITY_WEIGHTS: Readonly<Record<Speciality, number>> = {
  jardin_bricolage: 30,
  menage: 25,
  informatique: 12,
  soutien: 13,
  esthetique: 8,
  animaux: 7,
  garde: 5,
};

const SAAD_PROFILES: Partial<Record<CareProfileKey, number>> = {
  dependance_lourde: 0.06,
  dependance: 0.26,
  aide_menagere: 0.36,
  handicap: 0.05,
  sortie: 0.06,
  menage_famille: 0.11,
  garde_periscolaire: 0.06,
  jardinage: 0.02,
  bricolage: 0.02,
};

const TEMPLATE_PROFILES: Readonly<
  Record<
    Exclude<TemplateKey, 'entreprise_individuelle' | 'micro_entrepreneur'>,
    Partial<Record<CareProfileKey, number>>
  >
> = {
  demo: {
    dependance_lourde: 0.04,
    dependance: 0.18,
    aide_menagere: 0.42,
    handicap: 0.03,
    sortie: 0.06,
    menage_famille: 0.19,
    garde_periscolaire: 0.08,
  },
  ccas: { dependance_lourde: 0.07, dependance: 0.3, aide_menagere: 0.36, portage_repas: 0.22, sortie: 0.05 },
  saad_association: SAAD_PROFILES,
  saad_entreprise: SAAD_PROFILES,
  cooperative: SAAD_PROFILES,
  menage_entreprise: { menage_famille: 0.6, aide_menagere: 0.3, jardinage: 0.05, bricolage: 0.05 },
  enfance_entreprise: {
    garde_periscolaire: 0.65,
    garde_bebe: 0.2,
    soutien_scolaire: 0.1,
    menage_famille: 0.05,
  },
  soutien_entreprise: { soutien_scolaire: 0.85, informatique: 0.15 },
  jardin_entreprise: { jardinage: 0.7, bricolage: 0.3 },
};

/** Skills that an activity calls for, used to give workers the know-how their organisation sells. */
export const ACTIVITY_SKILLS: Readonly<Partial<Record<ActivityCode, readonly SkillCode[]>>> = {
  'assistance-personnes-agees-handicapees': [
    'aide_toilette',
    'aide_repas',
    'transfert_lit_fauteuil',
    'alzheimer',
    'handicap',
  ],
  'accompagnement-personnes-dependantes': ['courses', 'handicap'],
  'entretien-maison': ['menage', 'repassage'],
  'preparation-repas': ['aide_repas'],
  'livraison-courses': ['courses'],
  'garde-enfants-plus-3-ans': ['garde_enfants'],
  'accompagnement-enfants-plus-3-ans': ['garde_enfants'],
  'garde-enfants-moins-3-ans': ['garde_bebe', 'garde_enfants'],
  'soutien-scolaire-cours': ['soutien_scolaire'],
  'petits-travaux-jardinage': ['jardinage'],
  'petit-bricolage': ['bricolage'],
  'assistance-informatique': ['informatique'],
  'soins-esthetiques-personnes-dependantes': ['soins_esthetiques'],
  'soins-animaux-compagnie': ['soins_animaux'],
};

/** One generated provider with its rows and what the next generators need to know about it. */
export interface GeneratedOrganisation {
  row: OrganisationRow;
  activities: OrganisationActivityRow[];
  communes: OrganisationCommuneRow[];
  regimes: OrganisationRegimeRow[];
  template: TemplateKey;
  speciality: Speciality | null;
  /** Relative weights of the care situations it takes. */
  profileWeights: Partial<Record<CareProfileKey, number>>;
  workerCount: number;
  beneficiaryCount: number;
  /** The person behind a one-person business: its first worker. */
  owner: { firstName: string; lastName: string; sex: Sex } | null;
}

interface Draft {
  template: TemplateKey;
  speciality: Speciality | null;
  home: GeoCommune;
  owner: { firstName: string; lastName: string; sex: Sex } | null;
  sizeWeight: number;
}

function yearsBefore(weekStart: string, years: number, rng: Rng): string {
  return addDays(weekStart, -Math.round(years * 365.25) - rng.int(0, 300));
}

function priceCents(rng: Rng, base: number, activity: ActivityCode): number {
  const bonus: Partial<Record<ActivityCode, number>> = {
    'assistance-personnes-agees-handicapees': 150,
    'petits-travaux-jardinage': 350,
    'petit-bricolage': 350,
    'assistance-informatique': 450,
    'soutien-scolaire-cours': 300,
    'soins-esthetiques-personnes-dependantes': 400,
    'garde-enfants-plus-3-ans': -150,
    'accompagnement-enfants-plus-3-ans': -150,
    'livraison-repas': -100,
  };
  const price = base + (bonus[activity] ?? 0) + 10 * rng.int(-10, 10);
  return Math.min(3500, Math.max(2200, Math.round(price / 10) * 10));
}

function openingHours(rng: Rng, template: TemplateKey): Record<string, { opens: string; closes: string }[]> {
  const hours: Record<string, { opens: string; closes: string }[]> = {};
  const oneBusiness = template === 'micro_entrepreneur' || template === 'entreprise_individuelle';
  const opens = oneBusiness ? rng.pick(['08:00', '08:30']) : rng.pick(['08:30', '09:00']);
  const closes = oneBusiness ? rng.pick(['18:00', '19:00']) : rng.pick(['17:00', '17:30', '18:00']);
  const saturday = oneBusiness ? chance(rng, 0.6) : chance(rng, 0.3);
  for (const [i, day] of WEEKDAY_KEYS.entries()) {
    if (i < 5)
      hours[day] = oneBusiness
        ? [{ opens, closes }]
        : [
            { opens, closes: '12:30' },
            { opens: '13:30', closes },
          ];
    else if (i === 5 && saturday) hours[day] = [{ opens: '09:00', closes: '12:00' }];
    else hours[day] = [];
  }
  return hours;
}

const ASSOCIATION_NAMES = [
  'Entraide à Domicile',
  'Vivre Chez Soi',
  'Bien Vivre à Domicile',
  'Le Fil d’Argent',
  'Main Tendue',
  'Domicile Solidaire',
  'Lien et Présence',
  'Cap Autonomie',
  'Aide et Soutien',
  'Les Aidants du Cœur',
  'Solidarité Âges',
  'Accompagner',
  'Rester Chez Soi',
  'Le Relais des Aînés',
  'Harmonie Domicile',
  'Le Pas de Côté',
  'Familles et Domicile',
  'Temps Partagé',
];
const COMPANY_WORDS = [
  'Sérénité',
  'Quiétude',
  'Bienveillance',
  'Confiance',
  'Douceur',
  'Horizon',
  'Cocon',
  'Colibri',
  'Hirondelle',
  'Équinoxe',
  'Sillage',
  'Tilleul',
  'Azurine',
  'Boussole',
  'Bel Âge',
  'Éclat',
  'Présence',
  'Nuances',
  'Arc-en-Ciel',
  'Orée',
  'Passerelle',
  'Ginkgo',
  'Libellule',
  'Zénith',
  'Lumière',
  'Trèfle',
  'Rivage',
  'Cèdre',
];
const COMPANY_SUFFIXES = [
  'Services',
  'Domicile',
  'Seniors',
  'Assistance',
  'Autonomie',
  'Services à Domicile',
];
const MENAGE_WORDS = [
  'Net & Clair',
  'Maison Nette',
  'Le Plumeau',
  'Clair Logis',
  'Maison Sereine',
  'Bulle de Savon',
  'Home Zen',
  'Brin de Propre',
  'Fée du Logis',
  'Coup d’Éclat',
  'Net Service',
  'Logis Services',
  'Plume & Balai',
  'Nickel Chrome',
  'Éclat Maison',
  'Ma Maison Zen',
  'Clean Loire',
  'Repass’Tout',
];
const ENFANCE_WORDS = [
  'Petits Pas',
  'Les P’tits Loups',
  'Trottinette',
  'Câlins et Compagnie',
  'Mini Mômes',
  'Les Lucioles',
  'Cerf-Volant',
  'Les Moussaillons',
  'Pomme d’Api',
  'Les Marmousets',
];
const SOUTIEN_WORDS = [
  'Cap Réussite',
  'Étoile Études',
  'Savoir Plus',
  'Déclic Études',
  'Tremplin Cours',
  'Atout Savoir',
];
const JARDIN_WORDS = [
  'Vert Loire',
  'Verdure Services',
  'Coup de Pouce Jardin',
  'Atout Jardin',
  'La Main Verte',
  'Jardins d’Ici',
  'Haies et Gazons',
  'Loire Paysage Services',
];
const COOP_NAMES = ['SCIC Domicile Solidaire', 'SCOP Les Aidantes', 'Coop’Aide Loire'];

function placeLabel(rng: Rng, home: GeoCommune): string {
  return rng.pick([home.name, home.name, 'Orléans Métropole', 'Loiret', 'Val de Loire', 'Orléanais']);
}

function draftName(rng: Rng, draft: Draft, used: Set<string>): string {
  for (let attempt = 0; attempt < 50; attempt++) {
    const place = placeLabel(rng, draft.home);
    const o = draft.owner;
    let name: string;
    switch (draft.template) {
      case 'demo':
        name = 'Aide & Présence Orléans';
        break;
      case 'ccas':
        name = `CCAS ${/^[AEIOUÉY]/.test(draft.home.name) ? 'd’' : 'de '}${draft.home.name} – Service d’aide à domicile`;
        break;
      case 'saad_association':
        name = `${rng.pick(ASSOCIATION_NAMES)} ${place}`;
        break;
      case 'saad_entreprise':
        name = `${rng.pick(COMPANY_WORDS)} ${rng.pick(COMPANY_SUFFIXES)} ${place}`;
        break;
      case 'cooperative':
        name = `${rng.pick(COOP_NAMES)}`;
        break;
      case 'menage_entreprise':
        name = `${rng.pick(MENAGE_WORDS)} ${place}`;
        break;
      case 'enfance_entreprise':
        name = `${rng.pick(ENFANCE_WORDS)} ${place}`;
        break;
      case 'soutien_entreprise':
        name = `${rng.pick(SOUTIEN_WORDS)} ${place}`;
        break;
      case 'jardin_entreprise':
        name = `${rng.pick(JARDIN_WORDS)}`;
        if (attempt > 0) name += ` ${place}`;
        break;
      case 'entreprise_individuelle':
        name = `${o?.lastName ?? pickLastName(rng)} ${rng.pick(['Services', 'Multiservices', 'Services à la personne'])}`;
        break;
      case 'micro_entrepreneur': {
        const who = `${o?.firstName ?? ''} ${o?.lastName ?? pickLastName(rng)}`.trim();
        const label: Record<Speciality, string> = {
          jardin_bricolage: rng.pick(['Jardin et bricolage', 'Entretien de jardins', 'Petits travaux']),
          menage: rng.pick(['Ménage et repassage', 'Aide ménagère']),
          informatique: rng.pick(['Assistance informatique', 'Dépannage informatique à domicile']),
          soutien: rng.pick(['Cours à domicile', 'Soutien scolaire']),
          esthetique: rng.pick(['Coiffure à domicile', 'Esthétique à domicile']),
          animaux: rng.pick(['Garde d’animaux', 'Pet-sitting']),
          garde: rng.pick(['Garde d’enfants', 'Baby-sitting']),
        };
        name = `${who} – ${label[draft.speciality ?? 'menage']}`;
        break;
      }
    }
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
  throw new Error('Could not find a unique organisation name');
}

function legalFormOf(rng: Rng, template: TemplateKey): LegalForm {
  switch (template) {
    case 'demo':
    case 'saad_association':
      return 'association';
    case 'ccas':
      return 'ccas_cias';
    case 'cooperative':
      return 'cooperative';
    case 'entreprise_individuelle':
      return 'entreprise_individuelle';
    case 'micro_entrepreneur':
      return 'micro_entrepreneur';
    case 'jardin_entreprise':
      return chance(rng, 0.5) ? 'societe' : 'entreprise_individuelle';
    default:
      return 'societe';
  }
}

function activitiesOf(rng: Rng, draft: Draft): ActivityCode[] {
  switch (draft.template) {
    case 'demo':
      return [
        ...SAAD_CORE,
        'conduite-vehicule-personnes-dependantes',
        'livraison-courses',
        'assistance-administrative',
        'garde-enfants-plus-3-ans',
        'accompagnement-enfants-plus-3-ans',
        'teleassistance-visioassistance',
        'assistance-besoin-temporaire',
      ];
    case 'ccas':
      return [...SAAD_CORE, 'livraison-repas', 'livraison-courses', 'teleassistance-visioassistance'];
    case 'saad_association':
    case 'saad_entreprise':
    case 'cooperative':
      return [...SAAD_CORE, ...SAAD_OPTIONS.filter(() => chance(rng, 0.35))];
    case 'menage_entreprise':
      return [
        'entretien-maison',
        'preparation-repas',
        'collecte-livraison-linge',
        ...(
          ['livraison-courses', 'petit-bricolage', 'petits-travaux-jardinage', 'vigilance-residence'] as const
        ).filter(() => chance(rng, 0.45)),
      ];
    case 'enfance_entreprise': {
      const babies = chance(rng, 0.6);
      return [
        'garde-enfants-plus-3-ans',
        'accompagnement-enfants-plus-3-ans',
        ...(babies ? (['garde-enfants-moins-3-ans', 'accompagnement-enfants-moins-3-ans'] as const) : []),
        ...(['soutien-scolaire-cours', 'entretien-maison'] as const).filter(() => chance(rng, 0.5)),
      ];
    }
    case 'soutien_entreprise':
      return ['soutien-scolaire-cours', ...(chance(rng, 0.5) ? (['assistance-informatique'] as const) : [])];
    case 'jardin_entreprise':
      return [
        'petits-travaux-jardinage',
        'petit-bricolage',
        ...(chance(rng, 0.4) ? (['vigilance-residence'] as const) : []),
      ];
    case 'entreprise_individuelle':
    case 'micro_entrepreneur':
      return [...SPECIALITY_ACTIVITIES[draft.speciality ?? 'menage']];
  }
}

function publicsOf(rng: Rng, template: TemplateKey, activities: readonly ActivityCode[]): Public[] {
  if (template === 'ccas') return [...DEPENDENT_PUBLICS];
  const publics = new Set<Public>(['tout_public']);
  if (activities.includes('assistance-personnes-agees-handicapees')) {
    publics.add('personnes_agees');
    publics.add('personnes_handicapees');
    if (chance(rng, 0.7) || template === 'demo') publics.add('personnes_pathologies_chroniques');
  }
  if (
    activities.includes('soins-esthetiques-personnes-dependantes') &&
    !activities.includes('assistance-personnes-agees-handicapees')
  ) {
    publics.add('personnes_agees');
    publics.add('personnes_handicapees');
  }
  if (activities.includes('garde-enfants-moins-3-ans')) {
    publics.add('enfants_moins_3_ans');
    if (chance(rng, 0.5)) publics.add('enfants_handicapes');
  }
  return [...publics].sort();
}

function modesOf(rng: Rng, template: TemplateKey): OrganisationMode[] {
  switch (template) {
    case 'demo':
      return ['prestataire', 'mandataire'];
    case 'saad_association':
      return chance(rng, 0.5) ? ['prestataire', 'mandataire'] : ['prestataire'];
    case 'saad_entreprise':
    case 'menage_entreprise':
    case 'enfance_entreprise':
      return chance(rng, 0.25) ? ['prestataire', 'mandataire'] : ['prestataire'];
    default:
      return ['prestataire'];
  }
}

function qualityLabelsOf(rng: Rng, template: TemplateKey, activities: readonly ActivityCode[]): string[] {
  if (template === 'demo') return ['Cap’Handéo', 'NF Service'];
  if (template === 'micro_entrepreneur' || template === 'entreprise_individuelle') return [];
  const labels: string[] = [];
  const saad = activities.includes('assistance-personnes-agees-handicapees');
  if (chance(rng, saad ? 0.35 : 0.15)) labels.push('Qualisap');
  if (chance(rng, saad ? 0.2 : 0.1)) labels.push('NF Service');
  if (saad && chance(rng, 0.12)) labels.push('Cap’Handéo');
  if (!labels.includes('NF Service') && chance(rng, 0.06)) labels.push('ISO 9001');
  return labels;
}

function describe(
  draft: Draft,
  name: string,
  activities: readonly ActivityCode[],
  servedNames: readonly string[],
  since: string,
): string {
  const year = since.slice(0, 4);
  const where =
    servedNames.length >= 20
      ? 'dans les 22 communes d’Orléans Métropole'
      : servedNames.length === 1
        ? `à ${servedNames[0]}`
        : `à ${servedNames[0]} et dans les communes voisines (${servedNames.slice(1, 4).join(', ')}${servedNames.length > 4 ? '…' : ''})`;
  switch (draft.template) {
    case 'demo':
      return `Association d’aide et d’accompagnement à domicile créée en ${year}, ${name} intervient ${where}, 7 jours sur 7 de 7 h 30 à 20 h : aide à la toilette, au lever et au coucher, préparation des repas, entretien du logement, accompagnement aux sorties, garde d’enfants après l’école. Service autorisé par le Département du Loiret, habilité à l’aide sociale (APA, PCH).`;
    case 'ccas':
      return `Le service d’aide à domicile du centre communal d’action sociale accompagne les habitants âgés ou en situation de handicap ${where} : aide à la personne, entretien du logement, portage de repas, téléassistance. Tarifs selon les ressources, prise en charge APA et caisses de retraite.`;
    case 'saad_association':
    case 'cooperative':
      return `Structure de l’économie sociale et solidaire fondée en ${year}, ${name} aide les personnes âgées, handicapées ou malades à rester chez elles ${where}. Aide à la toilette et aux repas, ménage, courses, sorties ; intervenantes diplômées et formées.`;
    case 'saad_entreprise':
      return `${name} propose depuis ${year} des services d’aide à domicile ${where} : accompagnement des seniors et des personnes handicapées, aide au lever et au coucher, entretien de la maison${activities.includes('garde-enfants-plus-3-ans') ? ', garde d’enfants' : ''}. Devis gratuit, 50 % de crédit d’impôt.`;
    case 'menage_entreprise':
      return `Ménage, repassage et entretien de la maison ${where}, depuis ${year}. Intervenant·es régulier·es, produits fournis sur demande, crédit d’impôt de 50 %.`;
    case 'enfance_entreprise':
      return `Garde d’enfants à domicile ${where} : sorties d’école, mercredis, vacances${activities.includes('garde-enfants-moins-3-ans') ? ', tout-petits de moins de 3 ans' : ''}. Intervenant·es sélectionné·es et formé·es, depuis ${year}.`;
    case 'soutien_entreprise':
      return `Cours particuliers et soutien scolaire à domicile, du primaire au lycée, ${where}. Enseignants et étudiants sélectionnés, suivi des progrès avec les familles.`;
    case 'jardin_entreprise':
      return `Tonte, taille de haies, désherbage et petits travaux ${where}, depuis ${year}. Évacuation des déchets verts, interventions ponctuelles ou à l’année.`;
    case 'entreprise_individuelle':
    case 'micro_entrepreneur':
      return `Auto-entrepreneur·e installé·e depuis ${year}, j’interviens ${where}. Service déclaré : 50 % de crédit d’impôt sur les sommes versées.`;
  }
}

function regimeRows(
  rng: Rng,
  organisationId: string,
  siret: string,
  activities: readonly ActivityCode[],
  publics: readonly Public[],
  modes: readonly OrganisationMode[],
  created: string,
  weekStart: string,
): OrganisationRegimeRow[] {
  const needed = new Set<RegimeType>(['declaration']);
  for (const a of activities)
    for (const p of publics)
      for (const m of modes) for (const r of requiredRegime(a, p, m).mandatory) needed.add(r);
  const rows: OrganisationRegimeRow[] = [
    {
      organisationId,
      kind: 'declaration',
      number: sapDeclarationNumber(siret),
      startsOn: created,
      endsOn: null,
    },
  ];
  if (needed.has('agrement')) {
    const startsOn = addDays(weekStart, -rng.int(60, 4 * 365));
    const [y, m, d] = startsOn.split('-');
    rows.push({
      organisationId,
      kind: 'agrement',
      number: `N/${d}${m}${y!.slice(2)}/F/045/Q/${String(rng.int(1, 250)).padStart(3, '0')}`,
      startsOn,
      endsOn: addDays(startsOn, Math.round(AGREMENT_DURATION_YEARS_UNCONFIRMED * 365.25)),
    });
  }
  if (needed.has('autorisation')) {
    const startsOn = addDays(weekStart, -rng.int(120, 14 * 365));
    const body = `4500${String(rng.int(0, 9999)).padStart(4, '0')}`;
    rows.push({
      organisationId,
      kind: 'autorisation',
      // FINESS number of the service, as the Département's arrêté gives it.
      number: `${body}${luhnCheckDigit(body)}`,
      departement: '45',
      startsOn,
      endsOn: addDays(startsOn, Math.round(AUTORISATION_DURATION_YEARS_UNCONFIRMED * 365.25)),
    });
  }
  return rows;
}

function servedCommunes(
  rng: Rng,
  draft: Draft,
  all: readonly GeoCommune[],
  neighbours: ReadonlyMap<string, string[]>,
  workerCount: number,
): string[] {
  const home = draft.home.code;
  const near = neighbours.get(home) ?? [];
  switch (draft.template) {
    case 'demo':
      return all.map((c) => c.code).sort();
    case 'ccas':
      return [home];
    case 'saad_association':
    case 'saad_entreprise':
    case 'cooperative': {
      const set = new Set([home, ...near]);
      if (workerCount >= 12)
        for (const n of near) for (const m of neighbours.get(n) ?? []) if (chance(rng, 0.5)) set.add(m);
      return [...set].sort();
    }
    case 'micro_entrepreneur':
    case 'entreprise_individuelle':
      return [home, ...pickSome(rng, near, rng.int(1, 4))].sort();
    default:
      return [home, ...near.filter(() => chance(rng, 0.7))].sort();
  }
}

/**
 * The providers of the territory. `weekStart` (the Monday of the demo week) anchors every date, so that
 * authorisations are in force whatever the day the demo is started.
 */
export function generateOrganisations(
  rng: Rng,
  communes: readonly GeoCommune[],
  weekStart: string,
  territoryId: string,
  size: TerritorySize = DEFAULT_SIZE,
): GeneratedOrganisation[] {
  const neighbours = findNeighbours(communes);
  const byPopulation = [...communes].sort(
    (a, b) => b.population - a.population || a.code.localeCompare(b.code),
  );
  const orleans = communes.find((c) => c.code === DEMO_ORGANISATION.communeCode) ?? byPopulation[0]!;

  const drafts: Draft[] = [];
  for (const template of TEMPLATE_KEYS) {
    for (let i = 0; i < TEMPLATE_COUNTS[template]; i++) {
      const home =
        template === 'demo'
          ? orleans
          : template === 'ccas'
            ? byPopulation[i % byPopulation.length]!
            : pickWeighted(rng, communes, (c) => c.population);
      const oneBusiness = template === 'micro_entrepreneur' || template === 'entreprise_individuelle';
      const speciality = oneBusiness
        ? pickWeighted(rng, Object.keys(SPECIALITY_WEIGHTS) as Speciality[], (s) => SPECIALITY_WEIGHTS[s])
        : null;
      let owner: Draft['owner'] = null;
      if (oneBusiness) {
        const mostlyMen = speciality === 'jardin_bricolage' || speciality === 'informatique';
        const sex: Sex = chance(rng, mostlyMen ? 0.8 : 0.15) ? 'male' : 'female';
        owner = { firstName: pickFirstName(rng, 'adult', sex), lastName: pickLastName(rng), sex };
      }
      const sizeWeight =
        template === 'ccas'
          ? i === 0
            ? 3
            : 1.6
          : template.startsWith('saad') || template === 'cooperative'
            ? 0.8 + 1.7 * rng.next()
            : 0.3 + 0.6 * rng.next();
      drafts.push({ template, speciality, home, owner, sizeWeight });
    }
  }

  // Workers: the demo organisation's size is fixed, one-person businesses have 1 (micro) or 1–3 (EI).
  const workerCounts = drafts.map((d) =>
    d.template === 'demo'
      ? size.demoWorkers
      : d.template === 'micro_entrepreneur'
        ? 1
        : d.template === 'entreprise_individuelle'
          ? rng.int(1, 3)
          : 0,
  );
  const flexible = drafts.map((d, i) => (workerCounts[i] === 0 ? d.sizeWeight : 0));
  const fixedWorkers = workerCounts.reduce((a, b) => a + b, 0);
  const flexibleIdx = flexible.flatMap((w, i) => (w > 0 ? [i] : []));
  const shares = apportion(
    size.workers - fixedWorkers,
    flexibleIdx.map((i) => flexible[i]!),
    2,
  );
  flexibleIdx.forEach((i, k) => (workerCounts[i] = shares[k]!));

  // Beneficiaries: in proportion to workers and to how many cases a worker follows in that trade.
  const caseWeights = drafts.map((d, i) =>
    d.template === 'demo'
      ? 0
      : workerCounts[i]! *
        (d.speciality ? SPECIALITY_CASES_PER_WORKER[d.speciality] : CASES_PER_WORKER[d.template]),
  );
  const caseShares = apportion(
    size.beneficiaries - size.demoBeneficiaries,
    caseWeights.filter((_, i) => drafts[i]!.template !== 'demo'),
    1,
  );
  let k = 0;
  const beneficiaryCounts = drafts.map((d) =>
    d.template === 'demo' ? size.demoBeneficiaries : caseShares[k++]!,
  );

  const usedNames = new Set<string>();
  const usedSirets = new Set<string>();
  return drafts.map((draft, i) => {
    const id = randomUuid(rng);
    const isDemo = draft.template === 'demo';
    const name = draftName(rng, draft, usedNames);
    let siret = generateSiret(rng);
    while (usedSirets.has(siret)) siret = generateSiret(rng);
    usedSirets.add(siret);
    const activities = activitiesOf(rng, draft);
    const publics = publicsOf(rng, draft.template, activities);
    const modes = modesOf(rng, draft.template);
    const served = servedCommunes(rng, draft, communes, neighbours, workerCounts[i]!);
    const servedNames = [
      draft.home.name,
      ...served.filter((c) => c !== draft.home.code).map((c) => communes.find((x) => x.code === c)!.name),
    ];
    const ageYears =
      draft.template === 'ccas'
        ? rng.int(20, 38)
        : draft.template === 'saad_association' || isDemo
          ? rng.int(12, 50)
          : draft.template === 'micro_entrepreneur'
            ? rng.int(1, 9)
            : rng.int(3, 18);
    const created = yearsBefore(weekStart, ageYears, rng);
    const place: Place = isDemo
      ? { latitude: DEMO_ORGANISATION.latitude, longitude: DEMO_ORGANISATION.longitude }
      : randomPlaceInCommune(rng, draft.home);
    const slug = slugify(name.split(' – ')[0]!);
    const oneBusiness = draft.owner !== null;
    const row: OrganisationRow = {
      id,
      territoryId,
      name,
      siret,
      legalForm: legalFormOf(rng, draft.template),
      addressLine: isDemo ? DEMO_ORGANISATION.addressLine : randomStreetAddress(rng),
      addressComplement: isDemo
        ? null
        : chance(rng, 0.15)
          ? rng.pick(['Bâtiment A', 'Bâtiment B, 1er étage', 'Rez-de-chaussée', 'Résidence Les Tilleuls'])
          : null,
      postalCode: isDemo ? DEMO_ORGANISATION.postalCode : postalCodeAt(draft.home, place),
      communeCode: draft.home.code,
      latitude: place.latitude,
      longitude: place.longitude,
      phone: isDemo
        ? DEMO_ORGANISATION.phone
        : oneBusiness
          ? randomMobilePhone(rng)
          : randomLandlinePhone(rng),
      email: isDemo
        ? DEMO_ORGANISATION.email
        : oneBusiness
          ? `${slugify(draft.owner!.firstName, '')}.${slugify(draft.owner!.lastName, '')}@example.com`
          : `contact@${slug}.example`,
      website: isDemo
        ? DEMO_ORGANISATION.website
        : oneBusiness && chance(rng, 0.6)
          ? null
          : `https://www.${slug}.example`,
      description: describe(draft, name, activities, servedNames, created),
      modes: [...modes],
      publics,
      qualityLabels: qualityLabelsOf(rng, draft.template, activities),
      openingHours: openingHours(rng, draft.template),
      isAcceptingClients: isDemo || chance(rng, 0.85),
    };
    const base = draft.template === 'ccas' ? rng.int(228, 245) * 10 : rng.int(245, 300) * 10;
    const fee = rng.int(18, 38) * 10;
    const activityRows: OrganisationActivityRow[] = activities.flatMap((activityCode) =>
      modes.map((mode) => ({
        organisationId: id,
        activityCode,
        mode,
        hourlyPriceCents: mode === 'prestataire' ? priceCents(rng, base, activityCode) : fee,
      })),
    );
    return {
      row,
      activities: activityRows,
      communes: served.map((communeCode) => ({ organisationId: id, communeCode })),
      regimes: regimeRows(rng, id, siret, activities, publics, modes, created, weekStart),
      template: draft.template,
      speciality: draft.speciality,
      profileWeights: draft.speciality
        ? SPECIALITY_PROFILES[draft.speciality]
        : TEMPLATE_PROFILES[draft.template as keyof typeof TEMPLATE_PROFILES],
      workerCount: workerCounts[i]!,
      beneficiaryCount: beneficiaryCounts[i]!,
      owner: draft.owner,
    };
  });
}

/** The organisation closest to a place among those serving its commune (used to pick a second provider). */
export function nearestServing(
  orgs: readonly GeneratedOrganisation[],
  communeCode: string,
  place: Place,
  filter: (o: GeneratedOrganisation) => boolean,
): GeneratedOrganisation | undefined {
  return orgs
    .filter((o) => filter(o) && o.communes.some((c) => c.communeCode === communeCode))
    .sort((a, b) => distanceKm(a.row, place) - distanceKm(b.row, place))[0];
}
