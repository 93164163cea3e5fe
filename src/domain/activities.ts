/**
 * The 26 official SAP activities of Code du travail art. D7231-1 (5 in part I, 21 in part II), as data.
 * Source: SAP-REFERENCE §1.3 (numbering of décret 2016-750, confirmed indirectly by CGI 199 sexdecies),
 * §1.2 (regimes), §2.3 (sub-ceilings, D7233-5), §5.4 (VAT).
 *
 * The `code` (a slug) is the stable identifier to store; `article` ("I-3", "II-1") follows the legal
 * numbering, which the reference marks as reconstructed (⚠️) and could be renumbered by a future decree.
 */
import { foldAccents } from '../shared/text';
import { DomainError } from '../shared/errors';
import type { BasisPoints, Cents } from './money';
import type { OrganisationMode, Public, RegimeType } from './organisation';

/** Conventional grouping used by the DGE (not a legal category). */
export const ACTIVITY_DOMAINS = ['famille', 'vie_quotidienne', 'personnes_dependantes'] as const;
export type ActivityDomain = (typeof ACTIVITY_DOMAINS)[number];

/** French labels of the activity domains. */
export const ACTIVITY_DOMAIN_LABELS: Readonly<Record<ActivityDomain, string>> = {
  famille: 'Services à la famille',
  vie_quotidienne: 'Services de la vie quotidienne',
  personnes_dependantes: 'Services aux personnes dépendantes',
};

export const ACTIVITY_CODES = [
  'garde-enfants-moins-3-ans',
  'accompagnement-enfants-moins-3-ans',
  'assistance-personnes-agees-handicapees',
  'conduite-vehicule-personnes-dependantes',
  'accompagnement-personnes-dependantes',
  'entretien-maison',
  'petits-travaux-jardinage',
  'petit-bricolage',
  'garde-enfants-plus-3-ans',
  'soutien-scolaire-cours',
  'soins-esthetiques-personnes-dependantes',
  'preparation-repas',
  'livraison-repas',
  'collecte-livraison-linge',
  'livraison-courses',
  'assistance-informatique',
  'soins-animaux-compagnie',
  'vigilance-residence',
  'assistance-administrative',
  'accompagnement-enfants-plus-3-ans',
  'teleassistance-visioassistance',
  'interprete-lsf-codeur-lpc',
  'conduite-vehicule-invalidite-temporaire',
  'accompagnement-invalidite-temporaire',
  'assistance-besoin-temporaire',
  'coordination-delivrance-sap',
] as const;
/** Stable identifier of an activity (a slug). */
export type ActivityCode = (typeof ACTIVITY_CODES)[number];

/** One official SAP activity. */
export interface Activity {
  /** Stable slug, stored in the database and the API. */
  code: ActivityCode;
  /** 1 to 26, in the order of D7231-1 (I-1 … I-5, then II-1 … II-21). */
  number: number;
  /** Item of D7231-1: "I-1" … "I-5", "II-1" … "II-21". */
  article: string;
  /** Short French name. */
  name: string;
  /** Plain-French description of what the activity covers and excludes. */
  description: string;
  /** Conventional domains, the first being the main one. */
  domains: readonly ActivityDomain[];
  /** Publics this activity is meant for (`tout_public` when anyone). */
  publics: readonly Public[];
  /** The regime an organisation needs per mode (emploi direct needs none). Part II: déclaration only. */
  regimeByMode: Readonly<Record<OrganisationMode, RegimeType>>;
  /**
   * Tax-eligible only when sold inside an *offre globale* that also contains activities at home
   * (CGI 199 sexdecies; lists exactly I-2, I-4, I-5, II-8, II-9, II-10, II-15, II-16, II-18, II-19).
   */
  offreGlobale: boolean;
  /** French note on an exception to the offre globale rule, if any. */
  offreGlobaleException: string | null;
  /** Yearly tax sub-ceiling of spending per household (D7233-5), in cents; null when none. */
  taxSubCeilingCents: Cents | null;
  /** Longest eligible intervention, in minutes (petit bricolage: 2 h, D7233-5); null when none. */
  maxInterventionMinutes: number | null;
  /** The activity only qualifies when the client is a dependent person (II-6, II-12). */
  requiresDependentClient: boolean;
  /**
   * Usual VAT rate for a VAT-liable declared organisation, in basis points; null when the reference marks
   * it unconfirmed (❓) — the organisation must then enter it.
   */
  vatRateBp: BasisPoints | null;
  /** Another rate that applies in a stated case (soutien scolaire 10 % vs other lessons 20 %). */
  vatAlternative: { rateBp: BasisPoints; when: string } | null;
  /** Main ROME v3 code of the occupation (hint only; see metiers.ts for the mapping's status). */
  romeHint: string | null;
  /** French search words and synonyms (lower case, accents kept; search folds accents). */
  keywords: readonly string[];
}

/** The one rule for part II activities: déclaration in every organisation mode. */
const DECLARATION: Readonly<Record<OrganisationMode, RegimeType>> = {
  prestataire: 'declaration',
  mandataire: 'declaration',
};
/** I-1, I-2: agrément of the State in every organisation mode. */
const AGREMENT: Readonly<Record<OrganisationMode, RegimeType>> = {
  prestataire: 'agrement',
  mandataire: 'agrement',
};
/** I-3 to I-5: autorisation of the Département in prestataire mode, agrément in mandataire / mise à disposition. */
const AUTORISATION_OR_AGREMENT: Readonly<Record<OrganisationMode, RegimeType>> = {
  prestataire: 'autorisation',
  mandataire: 'agrement',
};

const DEPENDENT: readonly Public[] = [
  'personnes_agees',
  'personnes_handicapees',
  'personnes_pathologies_chroniques',
];

/** The sub-ceilings of D7233-5 (SAP-REFERENCE §2.3 ✅), in cents of spending per year and household. */
export const TAX_SUB_CEILINGS_CENTS = {
  petitBricolage: 500_00,
  assistanceInformatique: 3_000_00,
  petitsTravauxJardinage: 5_000_00,
} as const;

/** Longest eligible petit-bricolage intervention (D7233-5), in minutes. */
export const PETIT_BRICOLAGE_MAX_INTERVENTION_MINUTES = 120;

type ActivitySeed = Omit<
  Activity,
  | 'number'
  | 'offreGlobaleException'
  | 'vatAlternative'
  | 'requiresDependentClient'
  | 'maxInterventionMinutes'
  | 'taxSubCeilingCents'
> &
  Partial<
    Pick<
      Activity,
      | 'offreGlobaleException'
      | 'vatAlternative'
      | 'requiresDependentClient'
      | 'maxInterventionMinutes'
      | 'taxSubCeilingCents'
    >
  >;

const SEEDS: readonly ActivitySeed[] = [
  {
    code: 'garde-enfants-moins-3-ans',
    article: 'I-1',
    name: "Garde d'enfants à domicile de moins de 3 ans",
    description:
      "Garde à votre domicile d'un enfant de moins de 3 ans, ou d'un enfant handicapé de moins de 18 ans.",
    domains: ['famille'],
    publics: ['enfants_moins_3_ans', 'enfants_handicapes'],
    regimeByMode: AGREMENT,
    offreGlobale: false,
    vatRateBp: 1000,
    romeHint: 'K1303',
    keywords: [
      "garde d'enfants",
      'garde de bébé',
      'nounou',
      'nourrice',
      'baby-sitting',
      'baby-sitter',
      'bébé',
      'nourrisson',
      'petite enfance',
      'enfant handicapé',
    ],
  },
  {
    code: 'accompagnement-enfants-moins-3-ans',
    article: 'I-2',
    name: 'Accompagnement des enfants de moins de 3 ans',
    description:
      "Accompagnement d'un enfant de moins de 3 ans (ou handicapé de moins de 18 ans) hors de chez vous : promenades, trajets, courses. Ouvre droit au crédit d'impôt seulement dans une offre globale comprenant des services à domicile.",
    domains: ['famille'],
    publics: ['enfants_moins_3_ans', 'enfants_handicapes'],
    regimeByMode: AGREMENT,
    offreGlobale: true,
    vatRateBp: 1000,
    romeHint: 'K1303',
    keywords: [
      "accompagnement d'enfants",
      'sortie de crèche',
      'promenade bébé',
      'trajet crèche',
      'enfant handicapé',
    ],
  },
  {
    code: 'assistance-personnes-agees-handicapees',
    article: 'I-3',
    name: 'Assistance aux personnes âgées, handicapées ou atteintes de pathologies chroniques',
    description:
      "Aide à domicile pour les actes de la vie quotidienne (toilette, habillage, repas, lever, coucher, déplacements) et pour garder une vie sociale. Pas d'actes de soins médicaux, sauf les gestes délégués autorisés (comme l'aspiration endotrachéale, art. L1111-6-1 du code de la santé publique).",
    domains: ['personnes_dependantes'],
    publics: DEPENDENT,
    regimeByMode: AUTORISATION_OR_AGREMENT,
    offreGlobale: false,
    vatRateBp: 550,
    romeHint: 'K1302',
    keywords: [
      'auxiliaire de vie',
      'aide à domicile',
      'aide aux personnes âgées',
      'maintien à domicile',
      'aide à la toilette',
      'toilette',
      'lever',
      'coucher',
      'dépendance',
      'perte d’autonomie',
      "perte d'autonomie",
      'handicap',
      'garde-malade',
      'garde de nuit',
      'aidant',
      'répit',
      'APA',
      'PCH',
      'SAAD',
      'SAD',
    ],
  },
  {
    code: 'conduite-vehicule-personnes-dependantes',
    article: 'I-4',
    name: 'Conduite du véhicule personnel des personnes dépendantes',
    description:
      "Conduite de la voiture d'une personne âgée, handicapée ou malade, du domicile au travail, en vacances ou pour des démarches. Dans une offre globale comprenant des services à domicile.",
    domains: ['personnes_dependantes'],
    publics: DEPENDENT,
    regimeByMode: AUTORISATION_OR_AGREMENT,
    offreGlobale: true,
    vatRateBp: 550,
    romeHint: null,
    keywords: ['chauffeur', 'conduite', 'transport', 'véhicule', 'voiture', 'personne âgée', 'handicap'],
  },
  {
    code: 'accompagnement-personnes-dependantes',
    article: 'I-5',
    name: 'Accompagnement des personnes dépendantes hors de leur domicile',
    description:
      'Accompagnement des personnes âgées, handicapées ou malades pour les promenades, la mobilité, les transports et les actes de la vie courante. Dans une offre globale comprenant des services à domicile.',
    domains: ['personnes_dependantes'],
    publics: DEPENDENT,
    regimeByMode: AUTORISATION_OR_AGREMENT,
    offreGlobale: true,
    vatRateBp: 550,
    romeHint: 'K1302',
    keywords: [
      'accompagnement',
      'sortie',
      'promenade',
      'rendez-vous médical',
      'aide à la mobilité',
      'transport accompagné',
      'personne âgée',
      'handicap',
    ],
  },
  {
    code: 'entretien-maison',
    article: 'II-1',
    name: 'Entretien de la maison et travaux ménagers',
    description:
      "Ménage et repassage chez vous (intérieur, balcons, terrasses). Ne comprend pas les travaux de spécialistes (ponçage de parquet…) ni le nettoyage d'entrée ou de sortie d'un logement loué par le propriétaire.",
    domains: ['vie_quotidienne'],
    publics: ['tout_public'],
    regimeByMode: DECLARATION,
    offreGlobale: false,
    vatRateBp: 1000,
    romeHint: 'K1304',
    keywords: [
      'ménage',
      'aide ménagère',
      'femme de ménage',
      'homme de ménage',
      'repassage',
      'nettoyage',
      'entretien',
      'vitres',
      'travaux ménagers',
      'employé de maison',
      'linge',
      'aide à domicile',
    ],
  },
  {
    code: 'petits-travaux-jardinage',
    article: 'II-2',
    name: 'Petits travaux de jardinage, y compris le débroussaillage',
    description:
      "Entretien courant du jardin : tonte, taille des haies et des arbres, désherbage, récolte pour votre consommation, évacuation des déchets verts. Pas de travaux agricoles ou forestiers. Dépenses retenues pour le crédit d'impôt dans la limite de 5 000 € par an.",
    domains: ['vie_quotidienne'],
    publics: ['tout_public'],
    regimeByMode: DECLARATION,
    offreGlobale: false,
    taxSubCeilingCents: TAX_SUB_CEILINGS_CENTS.petitsTravauxJardinage,
    vatRateBp: 2000,
    romeHint: 'A1203',
    keywords: [
      'jardinage',
      'jardinier',
      'tonte',
      'pelouse',
      'gazon',
      'taille de haies',
      'haie',
      'élagage',
      'désherbage',
      'débroussaillage',
      'feuilles',
      'potager',
      'espaces verts',
    ],
  },
  {
    code: 'petit-bricolage',
    article: 'II-3',
    name: 'Travaux de petit bricolage dits « homme toutes mains »',
    description:
      "Petites tâches occasionnelles qui ne demandent pas de qualification professionnelle (fixer une étagère, changer une ampoule, monter un meuble), de 2 heures au plus par intervention. Pas d'électricité ni de plomberie relevant d'un métier qualifié. Dépenses retenues dans la limite de 500 € par an.",
    domains: ['vie_quotidienne'],
    publics: ['tout_public'],
    regimeByMode: DECLARATION,
    offreGlobale: false,
    taxSubCeilingCents: TAX_SUB_CEILINGS_CENTS.petitBricolage,
    maxInterventionMinutes: PETIT_BRICOLAGE_MAX_INTERVENTION_MINUTES,
    vatRateBp: 1000,
    romeHint: 'I1203',
    keywords: [
      'bricolage',
      'petit bricolage',
      'homme toutes mains',
      'homme à tout faire',
      'montage de meubles',
      'étagère',
      'ampoule',
      'petites réparations',
      'petits travaux',
    ],
  },
  {
    code: 'garde-enfants-plus-3-ans',
    article: 'II-4',
    name: "Garde d'enfants à domicile de plus de 3 ans",
    description: "Garde à votre domicile d'un enfant de 3 ans ou plus : sortie d'école, mercredis, vacances.",
    domains: ['famille'],
    publics: ['tout_public'],
    regimeByMode: DECLARATION,
    offreGlobale: false,
    vatRateBp: 1000,
    romeHint: 'K1303',
    keywords: [
      "garde d'enfants",
      'baby-sitting',
      'baby-sitter',
      'nounou',
      "sortie d'école",
      'périscolaire',
      'garde partagée',
      'mercredi',
    ],
  },
  {
    code: 'soutien-scolaire-cours',
    article: 'II-5',
    name: 'Soutien scolaire ou cours à domicile',
    description:
      'Cours particuliers chez vous par un enseignant présent, en lien avec les programmes scolaires (soutien scolaire), ou autres cours à domicile (musique, langues, informatique de loisir…).',
    domains: ['famille'],
    publics: ['tout_public'],
    regimeByMode: DECLARATION,
    offreGlobale: false,
    vatRateBp: 1000,
    vatAlternative: { rateBp: 2000, when: 'Cours à domicile autres que le soutien scolaire' },
    romeHint: null,
    keywords: [
      'soutien scolaire',
      'cours particuliers',
      'aide aux devoirs',
      'devoirs',
      'professeur',
      'cours à domicile',
      'cours de musique',
      'cours de langue',
      'maths',
      'révisions',
      'bac',
      'brevet',
    ],
  },
  {
    code: 'soins-esthetiques-personnes-dependantes',
    article: 'II-6',
    name: 'Soins d’esthétique à domicile pour les personnes dépendantes',
    description:
      'Soins de beauté à domicile (coiffure, manucure, soins du visage) pour les personnes dépendantes.',
    domains: ['personnes_dependantes'],
    publics: DEPENDENT,
    regimeByMode: DECLARATION,
    offreGlobale: false,
    requiresDependentClient: true,
    vatRateBp: 1000,
    romeHint: 'D1208',
    keywords: [
      'esthétique',
      'esthéticienne',
      'coiffure',
      'coiffeur à domicile',
      'manucure',
      'soins de beauté',
      'pédicure',
      'bien-être',
    ],
  },
  {
    code: 'preparation-repas',
    article: 'II-7',
    name: 'Préparation de repas à domicile',
    description:
      'Préparation des repas chez vous, y compris le temps passé aux courses. Le prix des aliments ne compte pas.',
    domains: ['vie_quotidienne'],
    publics: ['tout_public'],
    regimeByMode: DECLARATION,
    offreGlobale: false,
    vatRateBp: 1000,
    romeHint: 'K1304',
    keywords: [
      'repas',
      'cuisine',
      'préparation des repas',
      'cuisinier à domicile',
      'courses',
      'aide aux repas',
    ],
  },
  {
    code: 'livraison-repas',
    article: 'II-8',
    name: 'Livraison de repas à domicile',
    description:
      'Livraison de repas chez vous. Seule la livraison compte (pas les repas ni leur préparation ailleurs), et seulement dans une offre globale comprenant des services à domicile.',
    domains: ['vie_quotidienne'],
    publics: ['tout_public'],
    regimeByMode: DECLARATION,
    offreGlobale: true,
    vatRateBp: 1000,
    romeHint: 'N4105',
    keywords: ['portage de repas', 'livraison de repas', 'repas à domicile', 'plateau repas'],
  },
  {
    code: 'collecte-livraison-linge',
    article: 'II-9',
    name: 'Collecte et livraison à domicile de linge repassé',
    description:
      'Collecte et retour chez vous du linge repassé (le repassage lui-même, fait ailleurs, ne compte pas). Dans une offre globale comprenant des services à domicile.',
    domains: ['vie_quotidienne'],
    publics: ['tout_public'],
    regimeByMode: DECLARATION,
    offreGlobale: true,
    vatRateBp: 1000,
    romeHint: 'N4105',
    keywords: [
      'linge',
      'collecte de linge',
      'pressing',
      'repassage à l’extérieur',
      'livraison de linge',
      'blanchisserie',
    ],
  },
  {
    code: 'livraison-courses',
    article: 'II-10',
    name: 'Livraison de courses à domicile',
    description:
      'Livraison chez vous de courses, de médicaments ou de journaux (le prix des produits ne compte pas). Dans une offre globale comprenant des services à domicile.',
    domains: ['vie_quotidienne'],
    publics: ['tout_public'],
    regimeByMode: DECLARATION,
    offreGlobale: true,
    vatRateBp: 1000,
    romeHint: 'N4105',
    keywords: ['livraison de courses', 'courses', 'médicaments', 'portage', 'épicerie'],
  },
  {
    code: 'assistance-informatique',
    article: 'II-11',
    name: 'Assistance informatique à domicile',
    description:
      "Aide chez vous pour l'ordinateur, la tablette, le téléphone, internet : installation, initiation, dépannage. Dépenses retenues dans la limite de 3 000 € par an.",
    domains: ['famille'],
    publics: ['tout_public'],
    regimeByMode: DECLARATION,
    offreGlobale: false,
    taxSubCeilingCents: TAX_SUB_CEILINGS_CENTS.assistanceInformatique,
    vatRateBp: 2000,
    romeHint: 'I1401',
    keywords: [
      'informatique',
      'ordinateur',
      'internet',
      'dépannage informatique',
      'initiation informatique',
      'tablette',
      'smartphone',
      'box',
      'wifi',
      'numérique',
    ],
  },
  {
    code: 'soins-animaux-compagnie',
    article: 'II-12',
    name: "Soins et promenades d'animaux de compagnie des personnes dépendantes",
    description:
      'Nourrir, changer la litière, promener les animaux de compagnie des personnes dépendantes. Pas de soins vétérinaires ni de toilettage.',
    domains: ['personnes_dependantes'],
    publics: DEPENDENT,
    regimeByMode: DECLARATION,
    offreGlobale: false,
    requiresDependentClient: true,
    vatRateBp: 1000,
    romeHint: null,
    keywords: ['animaux', 'chien', 'chat', 'promenade de chien', 'pet-sitting', 'garde d’animaux', 'litière'],
  },
  {
    code: 'vigilance-residence',
    article: 'II-13',
    name: 'Maintenance, entretien et vigilance temporaires de la résidence',
    description:
      "Surveillance de votre résidence principale ou secondaire pendant votre absence : volets, arrosage des plantes, relève du courrier. Pas d'activité de sécurité privée.",
    domains: ['vie_quotidienne'],
    publics: ['tout_public'],
    regimeByMode: DECLARATION,
    offreGlobale: false,
    vatRateBp: 2000,
    romeHint: null,
    keywords: [
      'gardiennage',
      'surveillance de maison',
      'vigilance',
      'absence',
      'vacances',
      'arrosage',
      'courrier',
      'résidence secondaire',
    ],
  },
  {
    code: 'assistance-administrative',
    article: 'II-14',
    name: 'Assistance administrative à domicile',
    description:
      "Aide chez vous pour le courrier, les formulaires, les factures, la déclaration de revenus. Pas d'actes réservés aux professions juridiques ou comptables.",
    domains: ['famille'],
    publics: ['tout_public'],
    regimeByMode: DECLARATION,
    offreGlobale: false,
    vatRateBp: 1000,
    romeHint: 'M1602',
    keywords: [
      'administratif',
      'paperasse',
      'papiers',
      'démarches administratives',
      'courrier',
      'formulaires',
      'déclaration de revenus',
      'impôts',
      'secrétariat',
    ],
  },
  {
    code: 'accompagnement-enfants-plus-3-ans',
    article: 'II-15',
    name: 'Accompagnement des enfants de plus de 3 ans',
    description:
      "Accompagnement d'un enfant de 3 ans ou plus hors de chez vous : trajets vers l'école ou les activités (pas le transport scolaire collectif). Dans une offre globale comprenant des services à domicile.",
    domains: ['famille'],
    publics: ['tout_public'],
    regimeByMode: DECLARATION,
    offreGlobale: true,
    vatRateBp: 1000,
    romeHint: 'K1303',
    keywords: [
      "accompagnement d'enfants",
      'trajet école',
      "sortie d'école",
      'activités extrascolaires',
      'conduite enfants',
    ],
  },
  {
    code: 'teleassistance-visioassistance',
    article: 'II-16',
    name: 'Téléassistance et visio-assistance',
    description:
      "Téléalarme et assistance à distance, par exemple un bouton d'appel pour une personne âgée. Dans une offre globale, sauf quand l'abonnement est pris pour une personne âgée ou handicapée.",
    domains: ['vie_quotidienne', 'personnes_dependantes'],
    publics: ['tout_public'],
    regimeByMode: DECLARATION,
    offreGlobale: true,
    offreGlobaleException:
      "Souscrite pour une personne âgée ou handicapée, la téléassistance est considérée comme rendue à la résidence : l'offre globale n'est pas exigée.",
    vatRateBp: null,
    romeHint: null,
    keywords: [
      'téléassistance',
      'téléalarme',
      'bouton d’appel',
      "bouton d'appel",
      'détecteur de chute',
      'visio-assistance',
      'médaillon',
      'alarme',
    ],
  },
  {
    code: 'interprete-lsf-codeur-lpc',
    article: 'II-17',
    name: 'Interprète en langue des signes, technicien de l’écrit, codeur en langage parlé complété',
    description: 'Interprétation en langue des signes (LSF), transcription écrite de la parole, codage LPC.',
    domains: ['personnes_dependantes'],
    publics: ['personnes_handicapees'],
    regimeByMode: DECLARATION,
    offreGlobale: false,
    vatRateBp: 550,
    romeHint: null,
    keywords: [
      'langue des signes',
      'LSF',
      'interprète',
      'codeur LPC',
      'LPC',
      'surdité',
      'sourd',
      'malentendant',
      'transcription',
    ],
  },
  {
    code: 'conduite-vehicule-invalidite-temporaire',
    article: 'II-18',
    name: 'Conduite du véhicule des personnes ayant une invalidité temporaire',
    description:
      "Conduite de la voiture d'une personne temporairement invalide (après une opération, une fracture…). Dans une offre globale comprenant des services à domicile.",
    domains: ['personnes_dependantes'],
    publics: ['tout_public'],
    regimeByMode: DECLARATION,
    offreGlobale: true,
    vatRateBp: null,
    romeHint: null,
    keywords: ['chauffeur', 'conduite', 'invalidité temporaire', 'fracture', 'convalescence', 'voiture'],
  },
  {
    code: 'accompagnement-invalidite-temporaire',
    article: 'II-19',
    name: 'Accompagnement hors du domicile des personnes ayant une invalidité temporaire',
    description:
      "Accompagnement d'une personne temporairement invalide pour les promenades, la mobilité et les déplacements. Dans une offre globale comprenant des services à domicile.",
    domains: ['personnes_dependantes'],
    publics: ['tout_public'],
    regimeByMode: DECLARATION,
    offreGlobale: true,
    vatRateBp: null,
    romeHint: null,
    keywords: ['accompagnement', 'invalidité temporaire', 'convalescence', 'sortie', 'rendez-vous médical'],
  },
  {
    code: 'assistance-besoin-temporaire',
    article: 'II-20',
    name: "Assistance aux personnes ayant besoin temporairement d'une aide personnelle à domicile",
    description:
      "Aide personnelle à domicile pour un besoin passager, par exemple au retour d'une hospitalisation, sans soins médicaux.",
    domains: ['personnes_dependantes'],
    publics: ['tout_public'],
    regimeByMode: DECLARATION,
    offreGlobale: false,
    vatRateBp: null,
    romeHint: 'K1302',
    keywords: [
      "retour d'hospitalisation",
      'sortie d’hôpital',
      'convalescence',
      'aide temporaire',
      'auxiliaire de vie',
      'aide à domicile',
      'grossesse',
      'maternité',
    ],
  },
  {
    code: 'coordination-delivrance-sap',
    article: 'II-21',
    name: 'Coordination et délivrance des services à la personne',
    description:
      'Activités qui se limitent à coordonner et à délivrer des services à la personne, par exemple la mise en relation par une plateforme.',
    domains: ['vie_quotidienne'],
    publics: ['tout_public'],
    regimeByMode: DECLARATION,
    offreGlobale: false,
    vatRateBp: 2000,
    romeHint: null,
    keywords: ['coordination', 'intermédiation', 'mise en relation', 'plateforme', 'conciergerie'],
  },
];

/** The 26 activities, in the order of D7231-1. */
export const ACTIVITIES: readonly Activity[] = SEEDS.map((seed, index) =>
  Object.freeze({
    offreGlobaleException: null,
    vatAlternative: null,
    requiresDependentClient: false,
    maxInterventionMinutes: null,
    taxSubCeilingCents: null,
    ...seed,
    number: index + 1,
  }),
);

const BY_CODE: ReadonlyMap<string, Activity> = new Map(
  ACTIVITIES.flatMap((a) => [[a.code, a] as const, [a.article, a] as const]),
);

/** Activities whose usual VAT rate the reference marks as not confirmed (❓, SAP-REFERENCE §1.3, §5.4). */
export const ACTIVITIES_WITH_UNCONFIRMED_VAT: readonly ActivityCode[] = ACTIVITIES.filter(
  (a) => a.vatRateBp === null,
).map((a) => a.code);

/** True when `code` is one of the 26 activity codes. */
export function isActivityCode(code: string): code is ActivityCode {
  return (ACTIVITY_CODES as readonly string[]).includes(code);
}

/**
 * The activity with this code (slug, e.g. `entretien-maison`) or D7231-1 item (e.g. `II-1`).
 * @throws DomainError `not_found` when there is none.
 */
export function getActivity(code: string): Activity {
  const activity = BY_CODE.get(code);
  if (activity === undefined) {
    throw new DomainError('not_found', `Activité de services à la personne inconnue : « ${code} ».`);
  }
  return activity;
}

/** Criteria for `findActivities`; every given criterion must match. */
export interface ActivityFilter {
  /** French words, matched against name, description and keywords, accents and case ignored. */
  text?: string;
  domain?: ActivityDomain;
  /** Activities meant for this public (`tout_public` activities match every public). */
  public?: Public;
  /** Activities that need this regime in at least one organisation mode. */
  regime?: RegimeType;
  offreGlobale?: boolean;
  hasTaxSubCeiling?: boolean;
  part?: 'I' | 'II';
}

function textScore(activity: Activity, words: readonly string[]): number {
  const name = foldAccents(activity.name);
  const keywords = activity.keywords.map(foldAccents);
  const description = foldAccents(activity.description);
  let score = 0;
  for (const word of words) {
    if (keywords.some((k) => k === word)) score += 5;
    else if (keywords.some((k) => k.includes(word))) score += 3;
    else if (name.includes(word)) score += 3;
    else if (description.includes(word)) score += 1;
    else return 0;
  }
  return score;
}

/**
 * The activities matching a filter. With `text`, the best matches come first (keywords weigh more than the
 * description; every word must match somewhere); otherwise the legal order is kept.
 */
export function findActivities(filter: ActivityFilter = {}): Activity[] {
  const phrase = filter.text === undefined ? '' : foldAccents(filter.text).replace(/[’]/g, "'").trim();
  const words = phrase.split(/[\s,;]+/).filter((w) => w.length > 1 && !STOP_WORDS.has(w));
  const scored = ACTIVITIES.flatMap((activity) => {
    if (filter.domain !== undefined && !activity.domains.includes(filter.domain)) return [];
    if (
      filter.public !== undefined &&
      !activity.publics.includes(filter.public) &&
      !activity.publics.includes('tout_public')
    )
      return [];
    if (filter.regime !== undefined && !Object.values(activity.regimeByMode).includes(filter.regime))
      return [];
    if (filter.offreGlobale !== undefined && activity.offreGlobale !== filter.offreGlobale) return [];
    if (
      filter.hasTaxSubCeiling !== undefined &&
      (activity.taxSubCeilingCents !== null) !== filter.hasTaxSubCeiling
    )
      return [];
    if (filter.part !== undefined && !activity.article.startsWith(`${filter.part}-`)) return [];
    if (words.length === 0) return [{ activity, score: 0 }];
    const wholePhraseBonus =
      phrase.length > 0 && activity.keywords.some((k) => foldAccents(k) === phrase) ? 10 : 0;
    const score = textScore(activity, words);
    return score > 0 ? [{ activity, score: score + wholePhraseBonus }] : [];
  });
  return scored
    .sort((a, b) => b.score - a.score || a.activity.number - b.activity.number)
    .map((s) => s.activity);
}

const STOP_WORDS: ReadonlySet<string> = new Set([
  'de',
  'des',
  'du',
  'la',
  'le',
  'les',
  'un',
  'une',
  'et',
  'a',
  'au',
  'aux',
  'pour',
  'en',
  "d'",
  "l'",
]);
