/**
 * What the provider's workspace accepts about people and contracts: households, beneficiaries (contacts,
 * care plans, preferences, consents), contracts with their weekly recurrence and suspensions, workers
 * (qualifications, availability, preferences) and absences. French messages; shared by server and web.
 */
import { z } from 'zod';
import { GIR_LEVELS } from '../apa';
import { SKILL_CODES } from '../skills';
import { TRANSPORT_MODES } from '../travel';
import { minutesOfTime } from '../../shared/local-time';
import { isPostalCodeConsistentWithCommune } from '../identifiers';
import {
  activityCodeSchema,
  centsSchema,
  communeCodeSchema,
  contactEmailSchema,
  isoDateSchema,
  modeSchema,
  phoneFrSchema,
  postalCodeSchema,
  timeOfDaySchema,
} from './common';

/** The NUL character: PostgreSQL cannot store it in text. */
const hasNul = (v: string) => v.includes('\u0000');
const text = (label: string, max: number) =>
  z
    .string({ error: `${label} doit être un texte.` })
    .trim()
    .max(max, { error: `${label} ne peut pas dépasser ${max} caractères.` })
    .refine((v) => !hasNul(v), { error: `${label} contient un caractère interdit.` });
const requiredText = (label: string, max: number) =>
  z
    .string({ error: `${label} est obligatoire.` })
    .trim()
    .min(1, { error: `${label} est obligatoire.` })
    .max(max, { error: `${label} ne peut pas dépasser ${max} caractères.` })
    .refine((v) => !hasNul(v), { error: `${label} contient un caractère interdit.` });

/** A search text: trimmed, at most 100 characters, NUL removed. */
export const searchTextSchema = z
  .string()
  .max(100, { error: 'La recherche ne peut pas dépasser 100 caractères.' })
  .transform((v) => v.replaceAll('\u0000', '').trim());
/** An optional text: empty or absent gives null. */
const optionalText = (label: string, max: number) =>
  text(label, max)
    .nullish()
    .transform((v) => (v ? v : null));
const optionalOf = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' ? null : v), schema.nullish()).transform((v) => (v ?? null) as z.output<T> | null);

const uuidSchema = z.uuid({ error: "L'identifiant n'est pas valide." });
export const latitudeSchema = z.number({ error: 'La latitude doit être un nombre.' }).min(-90, { error: 'La latitude est entre -90 et 90.' }).max(90, { error: 'La latitude est entre -90 et 90.' });
export const longitudeSchema = z.number({ error: 'La longitude doit être un nombre.' }).min(-180, { error: 'La longitude est entre -180 et 180.' }).max(180, { error: 'La longitude est entre -180 et 180.' });
export const skillCodeSchema = z.enum(SKILL_CODES, { error: 'Choisissez une compétence du catalogue.' });
export const weekdaySchema = z
  .int({ error: 'Le jour de la semaine est un nombre de 1 (lundi) à 7 (dimanche).' })
  .min(1, { error: 'Le jour de la semaine est un nombre de 1 (lundi) à 7 (dimanche).' })
  .max(7, { error: 'Le jour de la semaine est un nombre de 1 (lundi) à 7 (dimanche).' });
/** An instant with its offset, e.g. 2026-03-23T08:00:00+01:00 or …Z. */
export const instantSchema = z.iso.datetime({ offset: true, error: 'La date et l’heure doivent être au format ISO 8601 (par exemple 2026-03-23T08:00:00+01:00).' });

function checkEndAfterStart(ctx: z.RefinementCtx, startsOn: string | null | undefined, endsOn: string | null | undefined, field = 'endsOn') {
  if (startsOn && endsOn && endsOn < startsOn) {
    ctx.addIssue({ code: 'custom', path: [field], message: 'La date de fin ne peut pas précéder la date de début.' });
  }
}

function checkPostalCode(ctx: z.RefinementCtx, postalCode: string | null | undefined, communeCode: string | null | undefined) {
  if (postalCode && communeCode && !isPostalCodeConsistentWithCommune(postalCode, communeCode)) {
    ctx.addIssue({ code: 'custom', path: ['postalCode'], message: `Le code postal ${postalCode} ne correspond pas au département de la commune choisie.` });
  }
}

function checkPoint(ctx: z.RefinementCtx, lat: number | null | undefined, lon: number | null | undefined, latField = 'latitude', lonField = 'longitude') {
  if ((lat === null || lat === undefined) !== (lon === null || lon === undefined)) {
    ctx.addIssue({ code: 'custom', path: [lat === null || lat === undefined ? latField : lonField], message: 'Donnez la latitude et la longitude ensemble.' });
  }
}

// ---------------------------------------------------------------- households

export const householdInputSchema = z
  .object({
    name: requiredText('Le nom du foyer', 200),
    addressLine: optionalText("L'adresse", 300),
    postalCode: optionalOf(postalCodeSchema),
    communeCode: optionalOf(communeCodeSchema),
    latitude: optionalOf(latitudeSchema),
    longitude: optionalOf(longitudeSchema),
    phone: optionalOf(phoneFrSchema),
    email: optionalOf(contactEmailSchema),
  })
  .superRefine((h, ctx) => {
    checkPoint(ctx, h.latitude, h.longitude);
    checkPostalCode(ctx, h.postalCode, h.communeCode);
  });
export type HouseholdInput = z.output<typeof householdInputSchema>;

// ---------------------------------------------------------------- beneficiaries

export const CONTACT_KINDS = ['famille', 'aidant', 'medecin', 'voisin', 'tuteur', 'autre'] as const;
export const CONTACT_KIND_LABELS: Readonly<Record<(typeof CONTACT_KINDS)[number], string>> = {
  famille: 'Famille',
  aidant: 'Aidant·e',
  medecin: 'Médecin',
  voisin: 'Voisin·e',
  tuteur: 'Tuteur, curateur',
  autre: 'Autre',
};
export const contactInputSchema = z.object({
  kind: z.enum(CONTACT_KINDS, { error: 'Choisissez le type de contact : famille, aidant, médecin, voisin, tuteur ou autre.' }),
  name: requiredText('Le nom du contact', 200),
  relationship: optionalText('Le lien', 100),
  phone: optionalOf(phoneFrSchema),
  email: optionalOf(contactEmailSchema),
  isEmergencyContact: z.boolean({ error: 'Indiquez oui ou non.' }).default(false),
  note: optionalText('La note', 1000),
});
export type ContactInput = z.output<typeof contactInputSchema>;

export const CARE_PLAN_FUNDERS = ['apa', 'pch', 'caisse_retraite', 'autre'] as const;
export type CarePlanFunder = (typeof CARE_PLAN_FUNDERS)[number];
export const CARE_PLAN_FUNDER_LABELS: Readonly<Record<CarePlanFunder, string>> = {
  apa: 'APA (allocation personnalisée d’autonomie)',
  pch: 'PCH (prestation de compensation du handicap)',
  caisse_retraite: 'Caisse de retraite',
  autre: 'Autre financeur',
};
export const carePlanInputSchema = z
  .object({
    funder: z.enum(CARE_PLAN_FUNDERS, { error: 'Choisissez le financeur : APA, PCH, caisse de retraite ou autre.' }),
    hoursPerMonth: z
      .number({ error: "Le nombre d'heures par mois doit être un nombre." })
      .gt(0, { error: "Le nombre d'heures par mois doit être positif." })
      .max(744, { error: "Un mois ne compte pas plus de 744 heures." }),
    /** The funder's share of each hour, basis points (8 000 = 80 %). */
    funderShareBp: optionalOf(
      z.int({ error: 'La part du financeur est un nombre entier de points de base (8 000 = 80 %).' }).min(0, { error: 'La part du financeur est entre 0 et 10 000 (100 %).' }).max(10_000, { error: 'La part du financeur est entre 0 et 10 000 (100 %).' }),
    ),
    hourlyAmountCents: optionalOf(centsSchema),
    reference: optionalText('La référence de la décision', 100),
    startsOn: isoDateSchema,
    endsOn: optionalOf(isoDateSchema),
  })
  .superRefine((p, ctx) => checkEndAfterStart(ctx, p.startsOn, p.endsOn));
export type CarePlanInput = z.output<typeof carePlanInputSchema>;

export const CONSENT_PURPOSES = ['donnees_sante', 'partage_aidants', 'teleassistance', 'photos', 'communication'] as const;
export const CONSENT_PURPOSE_LABELS: Readonly<Record<(typeof CONSENT_PURPOSES)[number], string>> = {
  donnees_sante: 'Traitement des données de santé nécessaires à l’accompagnement',
  partage_aidants: 'Partage d’informations avec les aidants',
  teleassistance: 'Téléassistance et capteurs au domicile',
  photos: 'Photos (cahier de liaison)',
  communication: 'Nouvelles et informations de la structure',
};
export const consentInputSchema = z.object({
  purpose: z.enum(CONSENT_PURPOSES, { error: 'Choisissez la finalité du consentement dans la liste.' }),
  granted: z.boolean({ error: 'Indiquez si le consentement est donné ou refusé.' }),
  recordedOn: isoDateSchema,
  note: optionalText('La note', 500),
});
export type ConsentInput = z.output<typeof consentInputSchema>;

export const preferencesInputSchema = z
  .object({
    preferredWorkerIds: z.array(uuidSchema).max(50).default([]),
    refusedWorkerIds: z.array(uuidSchema).max(50).default([]),
  })
  .superRefine((p, ctx) => {
    const both = p.preferredWorkerIds.filter((id) => p.refusedWorkerIds.includes(id));
    if (both.length > 0) ctx.addIssue({ code: 'custom', path: ['refusedWorkerIds'], message: 'Un·e intervenant·e ne peut pas être à la fois préféré·e et refusé·e.' });
  });
export type PreferencesInput = z.output<typeof preferencesInputSchema>;

const beneficiaryFields = {
  firstName: requiredText('Le prénom', 100),
  lastName: requiredText('Le nom', 100),
  birthDate: optionalOf(isoDateSchema),
  gir: optionalOf(z.union(GIR_LEVELS.map((g) => z.literal(g)), { error: 'Le GIR est un nombre de 1 à 6.' })),
  addressLine: optionalText("L'adresse", 300),
  postalCode: optionalOf(postalCodeSchema),
  communeCode: optionalOf(communeCodeSchema),
  latitude: optionalOf(latitudeSchema),
  longitude: optionalOf(longitudeSchema),
  phone: optionalOf(phoneFrSchema),
  accessDetails: optionalText("Les informations d'accès", 1000),
  notes: optionalText('Les notes', 5000),
  needs: z.array(requiredText('Un besoin', 200)).max(50).default([]),
  activityCodes: z.array(activityCodeSchema).max(30).default([]),
  contacts: z.array(contactInputSchema).max(30).default([]),
  carePlans: z.array(carePlanInputSchema).max(20).default([]),
  preferences: preferencesInputSchema.default({ preferredWorkerIds: [], refusedWorkerIds: [] }),
  consents: z.array(consentInputSchema).max(30).default([]),
  /** A sector chosen by hand; null: the sector covering the person's commune. */
  sectorId: optionalOf(uuidSchema),
};

/** A new beneficiary: of an existing household (`householdId`) or of a new one described inline (`household`). */
export const beneficiaryCreateSchema = z
  .object({ ...beneficiaryFields, householdId: uuidSchema.optional(), household: householdInputSchema.optional() })
  .superRefine((b, ctx) => {
    checkPoint(ctx, b.latitude, b.longitude);
    checkPostalCode(ctx, b.postalCode, b.communeCode);
    if (!b.householdId === !b.household) {
      ctx.addIssue({ code: 'custom', path: ['householdId'], message: 'Choisissez un foyer existant ou décrivez un nouveau foyer (l’un ou l’autre).' });
    }
  });
export type BeneficiaryCreateInput = z.output<typeof beneficiaryCreateSchema>;

/** A change of a beneficiary's file: only the fields sent are changed; a list sent replaces the list. */
export const beneficiaryUpdateSchema = z
  .object({
    firstName: beneficiaryFields.firstName.optional(),
    lastName: beneficiaryFields.lastName.optional(),
    birthDate: beneficiaryFields.birthDate.optional(),
    gir: beneficiaryFields.gir.optional(),
    addressLine: beneficiaryFields.addressLine.optional(),
    postalCode: beneficiaryFields.postalCode.optional(),
    communeCode: beneficiaryFields.communeCode.optional(),
    latitude: beneficiaryFields.latitude.optional(),
    longitude: beneficiaryFields.longitude.optional(),
    phone: beneficiaryFields.phone.optional(),
    accessDetails: beneficiaryFields.accessDetails.optional(),
    notes: beneficiaryFields.notes.optional(),
    needs: z.array(requiredText('Un besoin', 200)).max(50).optional(),
    activityCodes: z.array(activityCodeSchema).max(30).optional(),
    contacts: z.array(contactInputSchema).max(30).optional(),
    carePlans: z.array(carePlanInputSchema).max(20).optional(),
    preferences: preferencesInputSchema.optional(),
    consents: z.array(consentInputSchema).max(30).optional(),
    sectorId: beneficiaryFields.sectorId.optional(),
  })
  .superRefine((b, ctx) => {
    if ('latitude' in b || 'longitude' in b) checkPoint(ctx, b.latitude, b.longitude);
    checkPostalCode(ctx, b.postalCode, b.communeCode);
  });
export type BeneficiaryUpdateInput = z.output<typeof beneficiaryUpdateSchema>;

/** The confirmation an erasure needs: the word EFFACER typed by hand. */
export const eraseConfirmationSchema = z.object({
  confirm: z.literal('EFFACER', { error: 'Tapez EFFACER pour confirmer : l’effacement est définitif.' }),
});

// ---------------------------------------------------------------- contracts

/** A weekly slot as typed: one or more weekdays at the same time. */
export const recurrenceSlotInputSchema = z
  .object({
    weekdays: z.array(weekdaySchema).min(1, { error: 'Choisissez au moins un jour.' }).max(7),
    start: timeOfDaySchema,
    durationMin: z
      .int({ error: 'La durée est un nombre entier de minutes.' })
      .min(15, { error: 'Une intervention dure au moins 15 minutes.' })
      .max(720, { error: 'Une intervention dure au plus 12 heures.' }),
    toleranceMin: z
      .int({ error: 'La tolérance est un nombre entier de minutes.' })
      .min(0, { error: 'La tolérance ne peut pas être négative.' })
      .max(180, { error: 'La tolérance est de 3 heures au plus.' })
      .default(0),
  })
  .superRefine((slot, ctx) => {
    if (/^(?:[01]\d|2[0-3]):[0-5]\d$/.test(slot.start) && minutesOfTime(slot.start) + slot.durationMin > 24 * 60) {
      ctx.addIssue({ code: 'custom', path: ['durationMin'], message: "L'intervention doit finir avant minuit." });
    }
    if (new Set(slot.weekdays).size !== slot.weekdays.length) {
      ctx.addIssue({ code: 'custom', path: ['weekdays'], message: 'Un jour est donné deux fois.' });
    }
  });
export type RecurrenceSlotInput = z.output<typeof recurrenceSlotInputSchema>;

/** The slots as stored (one weekday each), in weekday then time order. */
export function toStoredRecurrence(slots: readonly RecurrenceSlotInput[]) {
  return slots
    .flatMap((s) => s.weekdays.map((weekday) => ({ weekday, start: s.start, durationMin: s.durationMin, toleranceMin: s.toleranceMin })))
    .sort((a, b) => a.weekday - b.weekday || a.start.localeCompare(b.start));
}

export const CONTRACT_STATUSES = ['active', 'ended'] as const;

const contractFields = {
  activityCode: activityCodeSchema,
  mode: modeSchema,
  hourlyPriceCents: centsSchema,
  recurrence: z.array(recurrenceSlotInputSchema).max(30),
  startsOn: isoDateSchema,
  endsOn: optionalOf(isoDateSchema),
  requiredSkills: z.array(skillCodeSchema).max(20).default([]),
  tasks: z.array(requiredText('Une tâche', 200)).max(30).default([]),
  status: z.enum(CONTRACT_STATUSES, { error: 'Le statut est « active » ou « ended ».' }).default('active'),
};

export const contractCreateSchema = z
  .object({ beneficiaryId: uuidSchema, ...contractFields })
  .superRefine((c, ctx) => checkEndAfterStart(ctx, c.startsOn, c.endsOn));
export type ContractCreateInput = z.output<typeof contractCreateSchema>;

export const contractUpdateSchema = z
  .object({
    activityCode: contractFields.activityCode.optional(),
    mode: contractFields.mode.optional(),
    hourlyPriceCents: contractFields.hourlyPriceCents.optional(),
    recurrence: contractFields.recurrence.optional(),
    startsOn: contractFields.startsOn.optional(),
    endsOn: contractFields.endsOn.optional(),
    requiredSkills: z.array(skillCodeSchema).max(20).optional(),
    tasks: z.array(requiredText('Une tâche', 200)).max(30).optional(),
    status: z.enum(CONTRACT_STATUSES, { error: 'Le statut est « active » ou « ended ».' }).optional(),
  })
  .superRefine((c, ctx) => checkEndAfterStart(ctx, c.startsOn, c.endsOn));
export type ContractUpdateInput = z.output<typeof contractUpdateSchema>;

export const suspensionInputSchema = z
  .object({
    startsOn: isoDateSchema,
    endsOn: isoDateSchema,
    reason: requiredText('Le motif', 200),
  })
  .superRefine((s, ctx) => checkEndAfterStart(ctx, s.startsOn, s.endsOn));
export type SuspensionInput = z.output<typeof suspensionInputSchema>;

export const generateWeekSchema = z.object({
  weekStart: isoDateSchema.refine((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 1, { error: 'La semaine commence un lundi : donnez la date d’un lundi.' }),
});

export const visitCancelSchema = z.object({ reason: requiredText("Le motif d'annulation", 200) });

export const visitOneOffSchema = z
  .object({
    startsAt: instantSchema.optional(),
    durationMin: z.int({ error: 'La durée est un nombre entier de minutes.' }).min(5, { error: 'Une intervention dure au moins 5 minutes.' }).max(720, { error: 'Une intervention dure au plus 12 heures.' }).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.startsAt === undefined && v.durationMin === undefined) {
      ctx.addIssue({ code: 'custom', path: ['startsAt'], message: "Donnez la nouvelle heure de début ou la nouvelle durée." });
    }
  });

// ---------------------------------------------------------------- workers

export const qualificationInputSchema = z
  .object({
    skillCode: skillCodeSchema,
    obtainedOn: optionalOf(isoDateSchema),
    expiresOn: optionalOf(isoDateSchema),
    reference: optionalText('La référence', 100),
  })
  .superRefine((q, ctx) => checkEndAfterStart(ctx, q.obtainedOn, q.expiresOn, 'expiresOn'));
export type QualificationInput = z.output<typeof qualificationInputSchema>;

export const availabilitySlotSchema = z
  .object({ weekday: weekdaySchema, start: timeOfDaySchema, end: timeOfDaySchema })
  .superRefine((s, ctx) => {
    if (s.end <= s.start) ctx.addIssue({ code: 'custom', path: ['end'], message: "L'heure de fin doit suivre l'heure de début." });
  });
export type AvailabilitySlot = z.output<typeof availabilitySlotSchema>;

export const workerPreferencesSchema = z.object({
  preferredCommuneCodes: z.array(communeCodeSchema).max(50).default([]),
  worksWeekends: z.boolean({ error: 'Indiquez oui ou non.' }).default(false),
  acceptsPets: z.boolean({ error: 'Indiquez oui ou non.' }).default(true),
  note: optionalText('La note', 1000),
});
export type WorkerPreferences = z.output<typeof workerPreferencesSchema>;

export const transportModeSchema = z.enum(TRANSPORT_MODES, { error: 'Choisissez le moyen de transport : voiture, vélo, transports en commun ou à pied.' });

const uniqueSkillCodes = (rows: readonly { skillCode: string }[], ctx: z.RefinementCtx) => {
  const seen = new Set<string>();
  rows.forEach((q, i) => {
    if (seen.has(q.skillCode)) ctx.addIssue({ code: 'custom', path: ['qualifications', i, 'skillCode'], message: 'Cette qualification est déjà dans la liste.' });
    seen.add(q.skillCode);
  });
};

const workerFields = {
  firstName: requiredText('Le prénom', 100),
  lastName: requiredText('Le nom', 100),
  phone: optionalOf(phoneFrSchema),
  email: optionalOf(contactEmailSchema),
  communeCode: optionalOf(communeCodeSchema),
  homeLatitude: optionalOf(latitudeSchema),
  homeLongitude: optionalOf(longitudeSchema),
  transportMode: transportModeSchema.default('car'),
  contractHoursPerWeek: z.int({ error: "Les heures du contrat sont un nombre entier d'heures." }).min(0, { error: 'Les heures du contrat ne peuvent pas être négatives.' }).max(48, { error: 'La durée du travail ne peut dépasser 48 heures par semaine.' }).default(35),
  maxHoursPerDay: z.int({ error: "Le maximum par jour est un nombre entier d'heures." }).min(1, { error: 'Le maximum par jour est d’au moins 1 heure.' }).max(12, { error: 'Le maximum par jour est de 12 heures.' }).default(10),
  /** Know-how and licences without dates; dated diplomas go in `qualifications`. */
  skills: z.array(skillCodeSchema).max(30).default([]),
  qualifications: z.array(qualificationInputSchema).max(30).default([]),
  availability: z.array(availabilitySlotSchema).max(50).default([]),
  preferences: workerPreferencesSchema.default({ preferredCommuneCodes: [], worksWeekends: false, acceptsPets: true, note: null }),
  /** The worker's home sector (null: none). */
  sectorId: optionalOf(uuidSchema),
};

export const workerCreateSchema = z
  .object(workerFields)
  .superRefine((w, ctx) => {
    checkPoint(ctx, w.homeLatitude, w.homeLongitude, 'homeLatitude', 'homeLongitude');
    uniqueSkillCodes(w.qualifications, ctx);
  });
export type WorkerCreateInput = z.output<typeof workerCreateSchema>;

export const workerUpdateSchema = z
  .object({
    firstName: workerFields.firstName.optional(),
    lastName: workerFields.lastName.optional(),
    phone: workerFields.phone.optional(),
    email: workerFields.email.optional(),
    communeCode: workerFields.communeCode.optional(),
    homeLatitude: workerFields.homeLatitude.optional(),
    homeLongitude: workerFields.homeLongitude.optional(),
    transportMode: transportModeSchema.optional(),
    contractHoursPerWeek: workerFields.contractHoursPerWeek.optional(),
    maxHoursPerDay: workerFields.maxHoursPerDay.optional(),
    skills: z.array(skillCodeSchema).max(30).optional(),
    qualifications: z.array(qualificationInputSchema).max(30).optional(),
    availability: z.array(availabilitySlotSchema).max(50).optional(),
    preferences: workerPreferencesSchema.optional(),
    sectorId: workerFields.sectorId.optional(),
  })
  .superRefine((w, ctx) => {
    if ('homeLatitude' in w || 'homeLongitude' in w) checkPoint(ctx, w.homeLatitude, w.homeLongitude, 'homeLatitude', 'homeLongitude');
    if (w.qualifications) uniqueSkillCodes(w.qualifications, ctx);
  });
export type WorkerUpdateInput = z.output<typeof workerUpdateSchema>;

export const ABSENCE_KINDS = ['conge', 'maladie', 'formation', 'autre'] as const;
export type AbsenceKind = (typeof ABSENCE_KINDS)[number];
export const ABSENCE_KIND_LABELS: Readonly<Record<AbsenceKind, string>> = {
  conge: 'Congé',
  maladie: 'Maladie',
  formation: 'Formation',
  autre: 'Autre absence',
};
export const absenceKindSchema = z.enum(ABSENCE_KINDS, { error: "Choisissez le type d'absence : congé, maladie, formation ou autre." });
export const absenceInputSchema = z
  .object({
    from: instantSchema,
    to: instantSchema,
    kind: absenceKindSchema.default('autre'),
    note: optionalText('La note', 500),
  })
  .superRefine((a, ctx) => {
    if (Date.parse(a.to) <= Date.parse(a.from)) ctx.addIssue({ code: 'custom', path: ['to'], message: "La fin de l'absence doit suivre son début." });
  });
export type AbsenceInput = z.output<typeof absenceInputSchema>;
