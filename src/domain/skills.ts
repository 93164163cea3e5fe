/**
 * The catalogue of workers' skills: diplomas and titles (qualification), know-how (competence) and
 * licences. Workers carry skill codes (workers.skills) and visits require some (visits.required_skills);
 * the optimiser only assigns a visit to a worker who holds every required code.
 * The `code` is the stable identifier to store; labels are French, for screens.
 */
import { DomainError } from '../shared/errors';

export const SKILL_KINDS = ['qualification', 'competence', 'licence'] as const;
/** qualification: a diploma or professional title; competence: know-how; licence: a driving licence. */
export type SkillKind = (typeof SKILL_KINDS)[number];

export const SKILL_CODES = [
  'deaes',
  'deavs',
  'advf',
  'cap_aepe',
  'bac_pro_assp',
  'sst',
  'permis_b',
  'aide_toilette',
  'aide_repas',
  'transfert_lit_fauteuil',
  'alzheimer',
  'handicap',
  'fin_de_vie',
  'menage',
  'repassage',
  'courses',
  'garde_enfants',
  'garde_bebe',
  'soutien_scolaire',
  'jardinage',
  'bricolage',
  'informatique',
  'soins_esthetiques',
  'soins_animaux',
  'lsf',
] as const;
/** Stable identifier of a skill. */
export type SkillCode = (typeof SKILL_CODES)[number];

/** One skill of the catalogue. */
export interface Skill {
  code: SkillCode;
  /** French label, as shown on screens. */
  label: string;
  kind: SkillKind;
}

/** The catalogue, in the order of SKILL_CODES. */
export const SKILLS: readonly Skill[] = [
  { code: 'deaes', label: "DEAES (diplôme d'État d'accompagnant éducatif et social)", kind: 'qualification' },
  {
    code: 'deavs',
    label: "DEAVS (diplôme d'État d'auxiliaire de vie sociale, avant 2016)",
    kind: 'qualification',
  },
  {
    code: 'advf',
    label: 'Titre professionnel ADVF (assistant·e de vie aux familles)',
    kind: 'qualification',
  },
  { code: 'cap_aepe', label: 'CAP Accompagnant éducatif petite enfance', kind: 'qualification' },
  {
    code: 'bac_pro_assp',
    label: 'Bac pro ASSP (accompagnement, soins et services à la personne)',
    kind: 'qualification',
  },
  { code: 'sst', label: 'Sauveteur secouriste du travail (SST)', kind: 'qualification' },
  { code: 'permis_b', label: 'Permis B', kind: 'licence' },
  { code: 'aide_toilette', label: 'Aide à la toilette, au lever et au coucher', kind: 'competence' },
  { code: 'aide_repas', label: 'Préparation et aide à la prise des repas', kind: 'competence' },
  {
    code: 'transfert_lit_fauteuil',
    label: 'Transferts lit-fauteuil (lève-personne, verticalisateur)',
    kind: 'competence',
  },
  {
    code: 'alzheimer',
    label: "Accompagnement des personnes atteintes de la maladie d'Alzheimer",
    kind: 'competence',
  },
  { code: 'handicap', label: 'Accompagnement des personnes en situation de handicap', kind: 'competence' },
  { code: 'fin_de_vie', label: 'Accompagnement de fin de vie', kind: 'competence' },
  { code: 'menage', label: 'Entretien du logement', kind: 'competence' },
  { code: 'repassage', label: 'Repassage et entretien du linge', kind: 'competence' },
  { code: 'courses', label: 'Courses et accompagnement aux sorties', kind: 'competence' },
  { code: 'garde_enfants', label: "Garde d'enfants de plus de 3 ans", kind: 'competence' },
  { code: 'garde_bebe', label: "Garde d'enfants de moins de 3 ans", kind: 'competence' },
  { code: 'soutien_scolaire', label: 'Soutien scolaire', kind: 'competence' },
  { code: 'jardinage', label: 'Petits travaux de jardinage', kind: 'competence' },
  { code: 'bricolage', label: 'Petit bricolage', kind: 'competence' },
  { code: 'informatique', label: 'Assistance informatique', kind: 'competence' },
  { code: 'soins_esthetiques', label: "Soins d'esthétique à domicile", kind: 'competence' },
  { code: 'soins_animaux', label: 'Soins aux animaux de compagnie', kind: 'competence' },
  { code: 'lsf', label: 'Langue des signes française (LSF)', kind: 'competence' },
];

const BY_CODE: ReadonlyMap<string, Skill> = new Map(SKILLS.map((s) => [s.code, s]));

/** True when `code` is a skill of the catalogue. */
export function isSkillCode(code: string): code is SkillCode {
  return BY_CODE.has(code);
}

/**
 * The skill with this code.
 * @throws DomainError `not_found` when there is none.
 */
export function getSkill(code: string): Skill {
  const skill = BY_CODE.get(code);
  if (skill === undefined) throw new DomainError('not_found', `Compétence inconnue : « ${code} ».`);
  return skill;
}
