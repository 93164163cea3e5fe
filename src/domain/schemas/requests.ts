/**
 * What the requests feature accepts: a household's need (activities, for whom, where, when, mode, budget,
 * wishes), a provider's quote or refusal, and messages. French messages; shared by server and web.
 */
import { z } from 'zod';
import { SKILL_CODES } from '../skills';
import { PERSON_KINDS } from '../requests';
import {
  activityCodeSchema,
  centsSchema,
  communeCodeSchema,
  isoDateSchema,
  organisationModeSchema,
  postalCodeSchema,
} from './common';
import { recurrenceSlotInputSchema } from './care';
import { isPostalCodeConsistentWithCommune } from '../identifiers';

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
const optionalText = (label: string, max: number) =>
  text(label, max)
    .nullish()
    .transform((v) => (v ? v : null));
const optionalOf = <T extends z.ZodType>(schema: T) =>
  z
    .preprocess((v) => (v === '' ? null : v), schema.nullish())
    .transform((v) => (v ?? null) as z.output<T> | null);

const girSchema = z.literal([1, 2, 3, 4, 5, 6], { error: 'Le GIR est un nombre de 1 à 6.' });

/** The person the help is for. */
export const requestPersonSchema = z
  .object({
    kind: z.enum(PERSON_KINDS, {
      error:
        'Indiquez pour qui est l’aide : un enfant, une personne âgée, une personne handicapée ou un adulte.',
    }),
    firstName: requiredText('Le prénom', 100),
    birthYear: optionalOf(
      z
        .int({ error: "L'année de naissance est un nombre entier (par exemple 1942)." })
        .min(1900, { error: "L'année de naissance doit être postérieure à 1900." })
        .max(2100, { error: "L'année de naissance n'est pas valide." }),
    ),
    gir: optionalOf(girSchema),
    apa: z
      .object({
        hasPlan: z.boolean({ error: "Indiquez si un plan d'aide APA a été notifié." }),
        monthlyAmountCents: optionalOf(centsSchema),
      })
      .nullish()
      .transform((v) => v ?? null),
  })
  .superRefine((p, ctx) => {
    if (p.apa?.hasPlan && p.gir === null)
      ctx.addIssue({
        code: 'custom',
        path: ['gir'],
        message: "Un plan d'aide APA suppose un GIR de 1 à 4 : indiquez-le.",
      });
    if (p.apa?.hasPlan && p.gir !== null && p.gir > 4)
      ctx.addIssue({ code: 'custom', path: ['gir'], message: "L'APA est réservée aux GIR 1 à 4." });
  });
export type RequestPersonInput = z.output<typeof requestPersonSchema>;

/** The household's need. */
export const serviceRequestCreateSchema = z
  .object({
    activityCodes: z
      .array(activityCodeSchema)
      .min(1, { error: 'Choisissez au moins une activité.' })
      .max(10, { error: 'Au plus 10 activités par demande.' }),
    person: requestPersonSchema,
    communeCode: communeCodeSchema,
    addressLine: requiredText("L'adresse", 300),
    postalCode: postalCodeSchema,
    slots: z
      .array(recurrenceSlotInputSchema)
      .min(1, { error: 'Indiquez au moins un créneau (jours et heure).' })
      .max(14),
    startsOn: isoDateSchema,
    durationMonths: optionalOf(
      z
        .int({ error: 'La durée est un nombre entier de mois.' })
        .min(1, { error: 'La durée est d’au moins 1 mois.' })
        .max(120, { error: 'La durée est de 120 mois au plus.' }),
    ),
    mode: organisationModeSchema,
    budgetMonthlyCents: optionalOf(centsSchema),
    wishes: optionalText('Les souhaits particuliers', 2000),
    /** The provider chosen from the directory, when the household came from its page (routed first when eligible). */
    organisationId: optionalOf(z.uuid({ error: "L'identifiant de la structure n'est pas valide." })),
  })
  .superRefine((r, ctx) => {
    if (new Set(r.activityCodes).size !== r.activityCodes.length)
      ctx.addIssue({
        code: 'custom',
        path: ['activityCodes'],
        message: 'Une activité est choisie deux fois.',
      });
    if (!isPostalCodeConsistentWithCommune(r.postalCode, r.communeCode)) {
      ctx.addIssue({
        code: 'custom',
        path: ['postalCode'],
        message: `Le code postal ${r.postalCode} ne correspond pas au département de la commune choisie.`,
      });
    }
  });
export type ServiceRequestCreateInput = z.output<typeof serviceRequestCreateSchema>;

export const quoteLineSchema = z.object({
  activityCode: activityCodeSchema,
  mode: organisationModeSchema,
  description: optionalText('La description', 500),
  hourlyPriceTtcCents: centsSchema
    .min(1, { error: 'Indiquez le prix horaire TTC.' })
    .max(100_000, { error: 'Le prix horaire ne peut pas dépasser 1 000 €.' }),
  hourlyPriceHtCents: centsSchema.max(100_000, { error: 'Le prix horaire ne peut pas dépasser 1 000 €.' }),
  hoursPerMonth: z
    .number({ error: "Indiquez le nombre d'heures par mois." })
    .gt(0, { error: "Le nombre d'heures par mois doit être positif." })
    .max(744, { error: 'Un mois compte au plus 744 heures.' }),
});

export const annexFeeSchema = z.object({
  label: requiredText('Le libellé des frais', 200),
  amountTtcCents: centsSchema,
});

/** A provider's answer with a quote (devis). */
export const quoteCreateSchema = z
  .object({
    lines: z.array(quoteLineSchema).min(1, { error: 'Ajoutez au moins une prestation au devis.' }).max(10),
    /** Annex fees (dossier, gestion, déplacement); an empty list says there are none. */
    annexFees: z.array(annexFeeSchema).max(10).default([]),
    firstAvailableOn: isoDateSchema,
    validUntil: isoDateSchema,
    workerProfile: z.object({
      skills: z
        .array(z.enum(SKILL_CODES, { error: 'Choisissez une compétence du catalogue.' }))
        .max(20)
        .default([]),
      experienceYears: optionalOf(
        z
          .int({ error: "L'expérience est un nombre entier d'années." })
          .min(0, { error: "L'expérience ne peut pas être négative." })
          .max(60, { error: "L'expérience est de 60 ans au plus." }),
      ),
      description: optionalText('Le profil', 1000),
    }),
    message: optionalText('Le message', 2000),
  })
  .superRefine((q, ctx) => {
    q.lines.forEach((l, i) => {
      if (l.hourlyPriceHtCents > l.hourlyPriceTtcCents)
        ctx.addIssue({
          code: 'custom',
          path: ['lines', i, 'hourlyPriceHtCents'],
          message: 'Le prix HT ne peut pas dépasser le prix TTC.',
        });
    });
  });
export type QuoteCreateInput = z.output<typeof quoteCreateSchema>;

export const declineSchema = z.object({ reason: requiredText('Le motif', 500) });
export const messageCreateSchema = z.object({ body: requiredText('Le message', 4000) });
export const messagesQuerySchema = z.object({
  organisationId: optionalOf(z.uuid({ error: "L'identifiant de la structure n'est pas valide." })),
});
export const capacityQuerySchema = z.object({
  commune: communeCodeSchema,
  activity: activityCodeSchema.optional(),
});
