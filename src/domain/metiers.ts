/**
 * SAP occupations (métiers), their ROME codes, qualifications and collective agreements.
 * Source: SAP-REFERENCE §7.1 (ROME v3 codes ✅; job→code mapping ⚠️ where noted) and §7.3 (IDCC).
 * France Travail is moving to ROME 4.0 (one 2025 dataset shows K1311 for "Assistance auprès d'enfants" ❓):
 * store the ROME version with every code.
 */
import { DomainError } from '../shared/errors';
import type { ActivityCode } from './activities';

/** The ROME version of every code below. */
export const ROME_VERSION = 'v3';

/** ROME v3 labels of the codes used here (§7.1). */
export const ROME_LABELS: Readonly<Record<string, string>> = {
  K1302: 'Assistance auprès d’adultes',
  K1303: 'Assistance auprès d’enfants',
  K1304: 'Services domestiques',
  K1305: 'Intervention sociale et familiale',
  A1203: 'Aménagement et entretien des espaces verts',
  I1203: 'Maintenance des bâtiments et des locaux',
  I1401: 'Maintenance informatique et bureautique',
  M1602: 'Opérations administratives',
  N4105: 'Conduite et livraison par tournées sur courte distance',
  D1208: 'Soins esthétiques et corporels',
  J1501: 'Soins d’hygiène, de confort du patient',
};

/** Collective agreements of the sector (§7.3). */
export const CONVENTIONS_COLLECTIVES = [
  {
    idcc: '3127',
    name: 'Entreprises de services à la personne',
    scope: 'Entreprises de services à la personne à but lucratif (prestataire, mandataire)',
    confirmed: true,
  },
  {
    idcc: '2941',
    name: 'Aide, accompagnement, soins et services à domicile (BAD)',
    scope: 'Associations et organismes privés à but non lucratif (SAAD, SSIAD, SPASAD, TISF)',
    confirmed: true,
  },
  {
    idcc: '3239',
    name: 'Particuliers employeurs et emploi à domicile',
    scope:
      'Salariés employés directement par les particuliers (y compris via un mandataire) et assistants maternels',
    /** ⚠️ IDCC number not re-verified by the reference. */
    confirmed: false,
  },
] as const;
export type Idcc = (typeof CONVENTIONS_COLLECTIVES)[number]['idcc'];

/** One occupation. */
export interface Metier {
  /** Stable slug. */
  code: string;
  /** Main French title. */
  title: string;
  /** Other titles used in job offers (for search). */
  otherTitles: readonly string[];
  /** What they do, in plain French. */
  description: string;
  /** Main ROME v3 code, or null when there is no dedicated code (❓). */
  romeCode: string | null;
  /** Other ROME codes sometimes used. */
  otherRomeCodes: readonly string[];
  /** Whether the job→ROME mapping is confirmed by the reference (false where it says ⚠️ or ❓). */
  romeMappingConfirmed: boolean;
  /** Typical qualifications, in French. */
  qualifications: readonly string[];
  /** Usual employers, in French. */
  employers: string;
  /** Applicable collective agreements. */
  idcc: readonly Idcc[];
  /** SAP activities this occupation delivers (empty when it is not an SAP occupation). */
  activityCodes: readonly ActivityCode[];
  /** False for occupations next to SAP but outside it (assistant maternel, aide-soignant, TISF). */
  isSap: boolean;
}

/** The occupations of §7.1. */
export const METIERS: readonly Metier[] = [
  {
    code: 'aide-a-domicile',
    title: 'Aide à domicile',
    otherTitles: [
      'Agent·e à domicile',
      'Aide ménagère',
      'Employé·e de maison',
      'Femme de ménage',
      'Homme de ménage',
    ],
    description: 'Ménage, courses, repas et soutien léger de personnes autonomes ou peu dépendantes.',
    romeCode: 'K1304',
    otherRomeCodes: ['K1302'],
    romeMappingConfirmed: true,
    qualifications: [
      'Aucune exigée pour le ménage',
      'MC aide à domicile',
      'BEP ou Bac pro ASSP',
      'Titre professionnel ADVF',
    ],
    employers: 'Organismes de services à la personne, particuliers employeurs',
    idcc: ['3127', '2941', '3239'],
    activityCodes: ['entretien-maison', 'preparation-repas', 'livraison-courses'],
    isSap: true,
  },
  {
    code: 'auxiliaire-de-vie-sociale',
    title: 'Auxiliaire de vie sociale (AVS) / Accompagnant·e éducatif et social (AES)',
    otherTitles: ['Auxiliaire de vie', 'AVS', 'AES', 'Accompagnant éducatif et social', 'Aide à domicile'],
    description:
      'Aide aux actes essentiels (toilette, habillage, repas, déplacements) et maintien de la vie sociale des personnes âgées ou handicapées.',
    romeCode: 'K1302',
    otherRomeCodes: [],
    romeMappingConfirmed: true,
    qualifications: [
      "DEAES (diplôme d'État, niveau 3, RNCP36004 ; remplace le DEAVS et le DEAMP depuis 2016)",
    ],
    employers: 'SAAD / SAD, particuliers employeurs',
    idcc: ['3127', '2941', '3239'],
    activityCodes: [
      'assistance-personnes-agees-handicapees',
      'accompagnement-personnes-dependantes',
      'assistance-besoin-temporaire',
    ],
    isSap: true,
  },
  {
    code: 'assistant-de-vie-aux-familles',
    title: 'Assistant·e de vie aux familles (ADVF)',
    otherTitles: ['ADVF', 'Assistante de vie'],
    description: 'Tâches ménagères, aide aux personnes âgées ou handicapées, garde de jeunes enfants.',
    romeCode: 'K1302',
    otherRomeCodes: [],
    romeMappingConfirmed: true,
    qualifications: ['Titre professionnel ADVF (ministère du Travail, niveau 3, 3 CCP)'],
    employers: 'Organismes de services à la personne, particuliers employeurs',
    idcc: ['3127', '2941', '3239'],
    activityCodes: [
      'entretien-maison',
      'assistance-personnes-agees-handicapees',
      'garde-enfants-plus-3-ans',
      'garde-enfants-moins-3-ans',
    ],
    isSap: true,
  },
  {
    code: 'assistant-de-vie-dependance',
    title: 'Assistant·e de vie dépendance / Employé·e familial·e',
    otherTitles: ['Employé familial', 'Assistant de vie dépendance'],
    description: 'Certifications de la branche des particuliers employeurs.',
    romeCode: 'K1302',
    otherRomeCodes: ['K1304'],
    romeMappingConfirmed: true,
    qualifications: ['Titres de la branche (IPERIA) ⚠️'],
    employers: 'Particuliers employeurs',
    idcc: ['3239'],
    activityCodes: ['assistance-personnes-agees-handicapees', 'entretien-maison'],
    isSap: true,
  },
  {
    code: 'garde-d-enfants-a-domicile',
    title: "Garde d'enfants à domicile",
    otherTitles: ['Nounou', 'Baby-sitter', 'Nourrice à domicile'],
    description: 'Garde des enfants au domicile de la famille.',
    romeCode: 'K1303',
    otherRomeCodes: [],
    romeMappingConfirmed: true,
    qualifications: [
      'CAP AEPE (accompagnant éducatif petite enfance, niveau 3)',
      'Titre professionnel assistant maternel / garde d’enfants',
    ],
    employers: 'Organismes agréés (enfants de moins de 3 ans), particuliers via Pajemploi ou CESU',
    idcc: ['3127', '2941', '3239'],
    activityCodes: [
      'garde-enfants-moins-3-ans',
      'garde-enfants-plus-3-ans',
      'accompagnement-enfants-moins-3-ans',
      'accompagnement-enfants-plus-3-ans',
    ],
    isSap: true,
  },
  {
    code: 'assistant-maternel',
    title: 'Assistant·e maternel·le',
    otherTitles: ['Assistante maternelle', 'Nounou agréée'],
    description:
      "Garde d'enfants au domicile de l'assistant·e (hors services à la personne ; agrément PMI du Département).",
    romeCode: 'K1303',
    otherRomeCodes: [],
    romeMappingConfirmed: true,
    qualifications: ['Agrément PMI et 120 h de formation'],
    employers: 'Particuliers employeurs',
    idcc: ['3239'],
    activityCodes: [],
    isSap: false,
  },
  {
    code: 'tisf',
    title: "Technicien·ne de l'intervention sociale et familiale (TISF)",
    otherTitles: ['TISF'],
    description: 'Soutien social et éducatif des familles en difficulté.',
    romeCode: 'K1305',
    otherRomeCodes: [],
    romeMappingConfirmed: true,
    qualifications: ['DETISF (niveau 4)'],
    employers: 'Associations',
    idcc: ['2941'],
    activityCodes: [],
    isSap: false,
  },
  {
    code: 'jardinier',
    title: 'Jardinier·ère (petit jardinage)',
    otherTitles: ['Jardinier', 'Paysagiste'],
    description: 'Tonte, haies, désherbage, feuilles.',
    romeCode: 'A1203',
    otherRomeCodes: [],
    romeMappingConfirmed: true,
    qualifications: ['Aucune exigée en services à la personne', 'CAPa jardinier paysagiste'],
    employers: 'Organismes de services à la personne, particuliers employeurs',
    idcc: ['3127', '3239'],
    activityCodes: ['petits-travaux-jardinage'],
    isSap: true,
  },
  {
    code: 'homme-toutes-mains',
    title: 'Homme / femme toutes mains (petit bricolage)',
    otherTitles: ['Bricoleur', 'Homme à tout faire'],
    description:
      'Petites interventions de 2 heures au plus (étagères, ampoules, montage de meubles) ; hors métiers qualifiés.',
    romeCode: 'I1203',
    otherRomeCodes: [],
    romeMappingConfirmed: false,
    qualifications: ['Aucune ; les métiers réglementés (électricité, plomberie) sont exclus'],
    employers: 'Organismes de services à la personne, particuliers employeurs',
    idcc: ['3127', '3239'],
    activityCodes: ['petit-bricolage'],
    isSap: true,
  },
  {
    code: 'soutien-scolaire',
    title: 'Intervenant·e en soutien scolaire / cours à domicile',
    otherTitles: ['Professeur particulier', 'Répétiteur'],
    description: 'Cours particuliers au domicile.',
    romeCode: null,
    otherRomeCodes: ['K2104', 'K2107'],
    romeMappingConfirmed: false,
    qualifications: ['Le plus souvent un diplôme du supérieur'],
    employers: 'Organismes de services à la personne, particuliers employeurs',
    idcc: ['3127', '3239'],
    activityCodes: ['soutien-scolaire-cours'],
    isSap: true,
  },
  {
    code: 'assistance-informatique',
    title: 'Intervenant·e en assistance informatique à domicile',
    otherTitles: ['Dépanneur informatique', 'Formateur numérique'],
    description: "Aide à domicile pour l'informatique et internet.",
    romeCode: 'I1401',
    otherRomeCodes: [],
    romeMappingConfirmed: false,
    qualifications: [],
    employers: 'Organismes de services à la personne, micro-entrepreneurs',
    idcc: ['3127'],
    activityCodes: ['assistance-informatique'],
    isSap: true,
  },
  {
    code: 'assistance-administrative',
    title: 'Intervenant·e en assistance administrative à domicile',
    otherTitles: ['Secrétaire à domicile'],
    description: 'Aide aux papiers et aux démarches.',
    romeCode: 'M1602',
    otherRomeCodes: [],
    romeMappingConfirmed: false,
    qualifications: [],
    employers: 'Organismes de services à la personne',
    idcc: ['3127'],
    activityCodes: ['assistance-administrative'],
    isSap: true,
  },
  {
    code: 'livreur',
    title: 'Livreur·se de repas ou de courses',
    otherTitles: ['Porteur de repas'],
    description: "Livraisons dans le cadre d'une offre globale.",
    romeCode: 'N4105',
    otherRomeCodes: [],
    romeMappingConfirmed: false,
    qualifications: [],
    employers: 'Organismes de services à la personne',
    idcc: ['3127', '2941'],
    activityCodes: ['livraison-repas', 'livraison-courses', 'collecte-livraison-linge'],
    isSap: true,
  },
  {
    code: 'estheticienne-a-domicile',
    title: 'Esthéticien·ne à domicile (personnes dépendantes)',
    otherTitles: ['Esthéticienne', 'Socio-esthéticienne'],
    description: 'Soins de beauté au domicile des personnes dépendantes.',
    romeCode: 'D1208',
    otherRomeCodes: [],
    romeMappingConfirmed: true,
    qualifications: ['CAP esthétique'],
    employers: 'Organismes de services à la personne',
    idcc: ['3127'],
    activityCodes: ['soins-esthetiques-personnes-dependantes'],
    isSap: true,
  },
  {
    code: 'aide-soignant',
    title: 'Aide-soignant·e (SAD aide et soins, SSIAD)',
    otherTitles: ['Aide-soignante'],
    description:
      "Soins d'hygiène et de confort sous la responsabilité d'un·e infirmier·ère (hors services à la personne).",
    romeCode: 'J1501',
    otherRomeCodes: [],
    romeMappingConfirmed: true,
    qualifications: ['DEAS'],
    employers: 'SAD, SSIAD',
    idcc: ['2941'],
    activityCodes: [],
    isSap: false,
  },
  {
    code: 'responsable-de-secteur',
    title: 'Responsable de secteur / coordinateur·rice',
    otherTitles: ['Coordinatrice', 'Responsable planning', 'Chargé de planning'],
    description: 'Évaluation des besoins, planning, suivi de la qualité.',
    romeCode: null,
    otherRomeCodes: ['K1403'],
    romeMappingConfirmed: false,
    qualifications: ['BTS SP3S', 'Licence professionnelle', 'CAFERUIS'],
    employers: 'Organismes de services à la personne',
    idcc: ['3127', '2941'],
    activityCodes: ['coordination-delivrance-sap'],
    isSap: true,
  },
];

/**
 * The occupation with this slug.
 * @throws DomainError `not_found` when there is none.
 */
export function getMetier(code: string): Metier {
  const metier = METIERS.find((m) => m.code === code);
  if (metier === undefined) throw new DomainError('not_found', `Métier inconnu : « ${code} ».`);
  return metier;
}

/** The occupations that deliver an SAP activity. */
export function findMetiersForActivity(activityCode: ActivityCode): Metier[] {
  return METIERS.filter((m) => m.activityCodes.includes(activityCode));
}

/** The occupations filed under a ROME code (main or other). */
export function findMetiersByRome(romeCode: string): Metier[] {
  const code = romeCode.trim().toUpperCase();
  return METIERS.filter((m) => m.romeCode === code || m.otherRomeCodes.includes(code));
}
