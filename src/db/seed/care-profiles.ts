/**
 * Typical care situations of the demo territory and the weekly slots they need, following the usual
 * home-care day: toilette / lever 7:30–10:00 (30–60 min), meals 11:30–13:00, housework 14:00–17:00
 * (1–2 h), coucher 18:00–20:00 (30 min); childcare after school; gardening and odd jobs in the day.
 * Times are minutes after local midnight (Europe/Paris).
 */
import type { ActivityCode } from '../../domain/activities';
import type { SkillCode } from '../../domain/skills';
import type { Rng } from '../../shared/rng';
import type { Generation } from './identity';
import { chance } from './random';

export const CARE_PROFILE_KEYS = [
  'dependance_lourde',
  'dependance',
  'aide_menagere',
  'handicap',
  'sortie',
  'portage_repas',
  'menage_famille',
  'garde_periscolaire',
  'garde_bebe',
  'soutien_scolaire',
  'jardinage',
  'bricolage',
  'informatique',
  'esthetique',
  'animaux',
] as const;
export type CareProfileKey = (typeof CARE_PROFILE_KEYS)[number];

/** One weekly slot: the visit starts at `startMin` ± `toleranceMin` on `weekday` (1 = Monday). */
export interface SlotPlan {
  weekday: number;
  startMin: number;
  durationMin: number;
  toleranceMin: number;
  requiredSkills: SkillCode[];
}

export interface ContractPlan {
  activityCode: ActivityCode;
  slots: SlotPlan[];
}

export interface CarePlan {
  gir: number | null;
  contracts: ContractPlan[];
  /** A care note for the file (APA / PCH plan, family situation). */
  note: string | null;
}

export interface CareProfile {
  key: CareProfileKey;
  /** The activity an organisation must offer to take this situation. */
  mainActivity: ActivityCode;
  generation: Generation;
  minAge: number;
  maxAge: number;
  /** Whether the household may be a couple in which both spouses receive care. */
  allowsCouple: boolean;
  plan(rng: Rng, offers: (activity: ActivityCode) => boolean): CarePlan;
}

const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7];
const WEEKDAYS = [1, 2, 3, 4, 5];

/** `n` distinct days among `from`, in order. */
function someDays(rng: Rng, n: number, from: readonly number[] = WEEKDAYS): number[] {
  return rng
    .shuffle(from)
    .slice(0, n)
    .sort((a, b) => a - b);
}

/** A start on a `step`-minute grid such that [start, start + duration] fits in [from, to]. */
function startBetween(rng: Rng, from: number, to: number, durationMin: number, step = 15): number {
  const last = Math.max(from, to - durationMin);
  return from + step * rng.int(0, Math.floor((last - from) / step));
}

const tolerance = (rng: Rng): number => rng.pick([15, 15, 20, 30]);

function slots(
  days: readonly number[],
  startMin: number,
  durationMin: number,
  toleranceMin: number,
  requiredSkills: SkillCode[],
): SlotPlan[] {
  return days.map((weekday) => ({
    weekday,
    startMin,
    durationMin,
    toleranceMin,
    requiredSkills: [...requiredSkills],
  }));
}

const MORNING: [number, number] = [7 * 60 + 30, 10 * 60];
const MIDDAY: [number, number] = [11 * 60 + 30, 13 * 60];
const AFTERNOON: [number, number] = [14 * 60, 17 * 60];
const EVENING: [number, number] = [18 * 60, 20 * 60];

function housework(rng: Rng, days: number, durations: readonly number[]): ContractPlan {
  const durationMin = rng.pick(durations);
  const skills: SkillCode[] = chance(rng, 0.3) ? ['menage', 'repassage'] : ['menage'];
  const startMin = startBetween(rng, AFTERNOON[0], AFTERNOON[1], durationMin, 30);
  return {
    activityCode: 'entretien-maison',
    slots: slots(someDays(rng, days, [1, 2, 3, 4, 5]), startMin, durationMin, 30, skills),
  };
}

function apaNote(rng: Rng, gir: number, hoursPerMonth: number): string {
  const extra = rng.pick([
    '',
    ' Vit seule.',
    ' Vit seul.',
    ' Aidante : sa fille, le week-end.',
    ' Infirmière le matin pour les médicaments.',
  ]);
  return `Plan d’aide APA : ${hoursPerMonth} h par mois (GIR ${gir}).${extra}`;
}

function weeklyHours(contracts: readonly ContractPlan[]): number {
  return contracts.reduce((sum, c) => sum + c.slots.reduce((s, slot) => s + slot.durationMin, 0), 0) / 60;
}

const PROFILES: readonly CareProfile[] = [
  {
    key: 'dependance_lourde',
    mainActivity: 'assistance-personnes-agees-handicapees',
    generation: 'senior',
    minAge: 78,
    maxAge: 99,
    allowsCouple: true,
    plan(rng) {
      const gir = rng.int(1, 2);
      const cognitive: SkillCode[] = chance(rng, 0.25) ? ['alzheimer'] : [];
      const toilette = startBetween(rng, MORNING[0], MORNING[1] - 30, 60);
      const mealDays = someDays(rng, rng.int(3, 7), ALL_DAYS);
      const meal = startBetween(rng, MIDDAY[0], MIDDAY[1], 45);
      const coucher = startBetween(rng, EVENING[0], EVENING[1] - 30, 30);
      const assistance: ContractPlan = {
        activityCode: 'assistance-personnes-agees-handicapees',
        slots: [
          ...slots(ALL_DAYS, toilette, 60, tolerance(rng), [
            'aide_toilette',
            'transfert_lit_fauteuil',
            ...cognitive,
          ]),
          ...slots(mealDays, meal, 45, 15, ['aide_repas']),
          ...slots(ALL_DAYS, coucher, 30, tolerance(rng), ['aide_toilette', 'transfert_lit_fauteuil']),
        ].sort((a, b) => a.weekday - b.weekday || a.startMin - b.startMin),
      };
      const contracts = [assistance];
      return { gir, contracts, note: apaNote(rng, gir, Math.round(weeklyHours(contracts) * 4.33)) };
    },
  },
  {
    key: 'dependance',
    mainActivity: 'assistance-personnes-agees-handicapees',
    generation: 'senior',
    minAge: 72,
    maxAge: 97,
    allowsCouple: true,
    plan(rng, offers) {
      const gir = rng.int(3, 4);
      const toiletteDuration = rng.pick([30, 45, 45, 60]);
      const toiletteDays = rng.pick([[1, 3, 5], WEEKDAYS, WEEKDAYS, ALL_DAYS, ALL_DAYS]);
      const cognitive: SkillCode[] = chance(rng, 0.15) ? ['alzheimer'] : [];
      const toilette = startBetween(rng, MORNING[0], MORNING[1], toiletteDuration);
      const list: SlotPlan[] = slots(toiletteDays, toilette, toiletteDuration, tolerance(rng), [
        'aide_toilette',
        ...cognitive,
      ]);
      if (chance(rng, 0.4)) {
        const mealDuration = rng.pick([30, 45]);
        const meal = startBetween(rng, MIDDAY[0], MIDDAY[1], mealDuration);
        list.push(...slots(someDays(rng, rng.int(2, 5)), meal, mealDuration, 15, ['aide_repas']));
      }
      if (chance(rng, 0.2))
        list.push(
          ...slots(ALL_DAYS, startBetween(rng, EVENING[0], EVENING[1], 30), 30, tolerance(rng), [
            'aide_toilette',
          ]),
        );
      list.sort((a, b) => a.weekday - b.weekday || a.startMin - b.startMin);
      const contracts: ContractPlan[] = [
        { activityCode: 'assistance-personnes-agees-handicapees', slots: list },
      ];
      if (offers('entretien-maison') && chance(rng, 0.6)) contracts.push(housework(rng, 1, [60, 90, 120]));
      if (offers('teleassistance-visioassistance') && chance(rng, 0.25))
        contracts.push({ activityCode: 'teleassistance-visioassistance', slots: [] });
      return { gir, contracts, note: apaNote(rng, gir, Math.round(weeklyHours(contracts) * 4.33)) };
    },
  },
  {
    key: 'aide_menagere',
    mainActivity: 'entretien-maison',
    generation: 'senior',
    minAge: 66,
    maxAge: 96,
    allowsCouple: false,
    plan(rng, offers) {
      const gir = chance(rng, 0.5) ? null : rng.int(5, 6);
      const contracts = [housework(rng, chance(rng, 0.25) ? 2 : 1, [60, 90, 120, 120])];
      if (offers('livraison-courses') && chance(rng, 0.2)) {
        contracts.push({
          activityCode: 'livraison-courses',
          slots: slots(someDays(rng, 1), startBetween(rng, 600, 690, 45), 45, 30, ['courses']),
        });
      }
      const note = gir === null ? null : `Aide ménagère financée par la caisse de retraite (GIR ${gir}).`;
      return { gir, contracts, note };
    },
  },
  {
    key: 'handicap',
    mainActivity: 'assistance-personnes-agees-handicapees',
    generation: 'adult',
    minAge: 24,
    maxAge: 64,
    allowsCouple: false,
    plan(rng, offers) {
      const morning = startBetween(rng, MORNING[0], MORNING[1], 60);
      const list = [
        ...slots(ALL_DAYS, morning, 60, tolerance(rng), ['aide_toilette', 'handicap']),
        ...slots(someDays(rng, rng.int(3, 5)), startBetween(rng, EVENING[0], EVENING[1], 30), 30, 15, [
          'aide_toilette',
          'handicap',
        ]),
      ].sort((a, b) => a.weekday - b.weekday || a.startMin - b.startMin);
      const contracts: ContractPlan[] = [
        { activityCode: 'assistance-personnes-agees-handicapees', slots: list },
      ];
      if (offers('accompagnement-personnes-dependantes')) {
        contracts.push({
          activityCode: 'accompagnement-personnes-dependantes',
          slots: slots(
            someDays(rng, 1, [2, 3, 4, 6]),
            startBetween(rng, AFTERNOON[0], AFTERNOON[1], 120, 30),
            120,
            30,
            ['handicap'],
          ),
        });
      }
      const hours = Math.round(weeklyHours(contracts) * 4.33);
      return {
        gir: null,
        contracts,
        note: `Prestation de compensation du handicap (PCH) : ${hours} h par mois d’aide humaine.`,
      };
    },
  },
  {
    key: 'sortie',
    mainActivity: 'accompagnement-personnes-dependantes',
    generation: 'senior',
    minAge: 75,
    maxAge: 95,
    allowsCouple: false,
    plan(rng) {
      const gir = rng.int(3, 5);
      const durationMin = rng.pick([90, 120]);
      const contracts: ContractPlan[] = [
        {
          activityCode: 'accompagnement-personnes-dependantes',
          slots: slots(
            someDays(rng, 1),
            startBetween(rng, AFTERNOON[0], AFTERNOON[1], durationMin, 30),
            durationMin,
            30,
            ['courses'],
          ),
        },
      ];
      return {
        gir,
        contracts,
        note: 'Accompagnement aux courses et aux rendez-vous ; aime marcher jusqu’au marché.',
      };
    },
  },
  {
    key: 'portage_repas',
    mainActivity: 'livraison-repas',
    generation: 'senior',
    minAge: 70,
    maxAge: 97,
    allowsCouple: false,
    plan(rng) {
      const gir = chance(rng, 0.5) ? null : rng.int(4, 6);
      const start = startBetween(rng, 10 * 60 + 30, 12 * 60, 15, 15);
      return {
        gir,
        contracts: [{ activityCode: 'livraison-repas', slots: slots([1, 2, 3, 4, 5, 6], start, 15, 30, []) }],
        note: 'Repas du midi et du soir livrés ensemble ; régime sans sel.',
      };
    },
  },
  {
    key: 'menage_famille',
    mainActivity: 'entretien-maison',
    generation: 'adult',
    minAge: 30,
    maxAge: 62,
    allowsCouple: false,
    plan(rng) {
      return { gir: null, contracts: [housework(rng, 1, [120, 150, 180])], note: null };
    },
  },
  {
    key: 'garde_periscolaire',
    mainActivity: 'garde-enfants-plus-3-ans',
    generation: 'child',
    minAge: 3,
    maxAge: 10,
    allowsCouple: false,
    plan(rng) {
      const plan = chance(rng, 0.75)
        ? slots(someDays(rng, rng.int(2, 4), [1, 2, 4, 5]), 16 * 60 + 30, 120, 15, ['garde_enfants'])
        : slots([3], 13 * 60 + 30, 240, 15, ['garde_enfants']);
      const note = rng.pick([
        null,
        'Sortie de l’école élémentaire à 16 h 30 ; goûter fourni par les parents.',
        'Allergie aux arachides (trousse PAI dans le cartable).',
      ]);
      return { gir: null, contracts: [{ activityCode: 'garde-enfants-plus-3-ans', slots: plan }], note };
    },
  },
  {
    key: 'garde_bebe',
    mainActivity: 'garde-enfants-moins-3-ans',
    generation: 'child',
    minAge: 0,
    maxAge: 2,
    allowsCouple: false,
    plan(rng) {
      const durationMin = rng.pick([240, 270, 300]);
      return {
        gir: null,
        contracts: [
          {
            activityCode: 'garde-enfants-moins-3-ans',
            slots: slots(someDays(rng, rng.int(2, 4)), 13 * 60, durationMin, 15, ['garde_bebe']),
          },
        ],
        note: 'Sieste de 13 h 30 à 15 h ; biberons préparés par les parents.',
      };
    },
  },
  {
    key: 'soutien_scolaire',
    mainActivity: 'soutien-scolaire-cours',
    generation: 'child',
    minAge: 9,
    maxAge: 17,
    allowsCouple: false,
    plan(rng) {
      const durationMin = rng.pick([60, 90]);
      const list = chance(rng, 0.8)
        ? slots(
            someDays(rng, rng.int(1, 2), [1, 2, 3, 4]),
            startBetween(rng, 17 * 60, 19 * 60 + 30, durationMin, 30),
            durationMin,
            15,
            ['soutien_scolaire'],
          )
        : slots([6], 10 * 60, durationMin, 15, ['soutien_scolaire']);
      const subject = rng.pick(['mathématiques', 'français', 'anglais', 'physique-chimie', 'méthodologie']);
      return {
        gir: null,
        contracts: [{ activityCode: 'soutien-scolaire-cours', slots: list }],
        note: `Soutien en ${subject}.`,
      };
    },
  },
  {
    key: 'jardinage',
    mainActivity: 'petits-travaux-jardinage',
    generation: 'adult',
    minAge: 40,
    maxAge: 90,
    allowsCouple: false,
    plan(rng) {
      const durationMin = rng.pick([120, 120, 180]);
      const start = chance(rng, 0.5) ? 9 * 60 : 14 * 60;
      return {
        gir: null,
        contracts: [
          {
            activityCode: 'petits-travaux-jardinage',
            slots: slots(someDays(rng, 1, [1, 2, 3, 4, 5, 6]), start, durationMin, 30, ['jardinage']),
          },
        ],
        note: null,
      };
    },
  },
  {
    key: 'bricolage',
    mainActivity: 'petit-bricolage',
    generation: 'adult',
    minAge: 40,
    maxAge: 92,
    allowsCouple: false,
    plan(rng) {
      const durationMin = rng.pick([60, 90, 120]);
      return {
        gir: null,
        contracts: [
          {
            activityCode: 'petit-bricolage',
            slots: slots(
              someDays(rng, 1, [1, 2, 3, 4, 5, 6]),
              startBetween(rng, 9 * 60, 17 * 60, durationMin, 30),
              durationMin,
              30,
              ['bricolage'],
            ),
          },
        ],
        note: null,
      };
    },
  },
  {
    key: 'informatique',
    mainActivity: 'assistance-informatique',
    generation: 'senior',
    minAge: 65,
    maxAge: 90,
    allowsCouple: false,
    plan(rng) {
      const durationMin = rng.pick([60, 90]);
      return {
        gir: null,
        contracts: [
          {
            activityCode: 'assistance-informatique',
            slots: slots(
              someDays(rng, 1),
              startBetween(rng, 10 * 60, 17 * 60, durationMin, 30),
              durationMin,
              30,
              ['informatique'],
            ),
          },
        ],
        note: rng.pick([
          null,
          'Souhaite apprendre les appels vidéo avec ses petits-enfants.',
          'Tablette neuve à configurer.',
        ]),
      };
    },
  },
  {
    key: 'esthetique',
    mainActivity: 'soins-esthetiques-personnes-dependantes',
    generation: 'senior',
    minAge: 75,
    maxAge: 98,
    allowsCouple: false,
    plan(rng) {
      const gir = rng.int(2, 4);
      return {
        gir,
        contracts: [
          {
            activityCode: 'soins-esthetiques-personnes-dependantes',
            slots: slots(someDays(rng, 1), startBetween(rng, 10 * 60, 17 * 60, 60, 30), 60, 30, [
              'soins_esthetiques',
            ]),
          },
        ],
        note: 'Coiffure et manucure une fois par semaine.',
      };
    },
  },
  {
    key: 'animaux',
    mainActivity: 'soins-animaux-compagnie',
    generation: 'adult',
    minAge: 30,
    maxAge: 88,
    allowsCouple: false,
    plan(rng) {
      const start = chance(rng, 0.5) ? 8 * 60 : 18 * 60;
      return {
        gir: null,
        contracts: [
          {
            activityCode: 'soins-animaux-compagnie',
            slots: slots(someDays(rng, rng.int(2, 5), [1, 2, 3, 4, 5, 6]), start, 30, 30, ['soins_animaux']),
          },
        ],
        note: rng.pick([
          'Deux chats : croquettes, litière.',
          'Chien à promener 30 minutes.',
          'Lapin et poissons rouges.',
        ]),
      };
    },
  },
];

const BY_KEY = new Map(PROFILES.map((p) => [p.key, p]));

export function getCareProfile(key: CareProfileKey): CareProfile {
  const profile = BY_KEY.get(key);
  if (!profile) throw new RangeError(`Unknown care profile ${key}`);
  return profile;
}
