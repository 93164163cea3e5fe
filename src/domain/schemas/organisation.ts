/**
 * The organisation profile the API accepts (directory, onboarding, settings): identity, address, contact,
 * activities per mode, regime, publics, opening hours, prices, labels. Cross-field rules: postal code
 * consistent with the commune, the agrément / autorisation an activity needs (SAP-REFERENCE §1.2), prices
 * only for declared activities and modes, opening hours in order.
 */
import { z } from 'zod';
import { getActivity } from '../activities';
import { isPostalCodeConsistentWithCommune } from '../identifiers';
import { REGIME_INFO, requiredRegime } from '../organisation';
import {
  activityCodeSchema,
  centsSchema,
  communeCodeSchema,
  contactEmailSchema,
  isoDateSchema,
  legalFormSchema,
  organisationModeSchema,
  phoneFrSchema,
  postalCodeSchema,
  publicSchema,
  siretSchema,
  timeOfDaySchema,
} from './common';

export const WEEKDAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export const addressSchema = z
  .object({
    street: z
      .string({ error: "L'adresse est obligatoire." })
      .trim()
      .min(3, { error: "L'adresse est trop courte." })
      .max(200),
    complement: z.string().trim().max(200).optional(),
    postalCode: postalCodeSchema,
    communeCode: communeCodeSchema,
    city: z
      .string({ error: 'La commune est obligatoire.' })
      .trim()
      .min(1, { error: 'La commune est obligatoire.' })
      .max(100),
  })
  .superRefine((address, ctx) => {
    if (!isPostalCodeConsistentWithCommune(address.postalCode, address.communeCode)) {
      ctx.addIssue({
        code: 'custom',
        path: ['postalCode'],
        message: `Le code postal ${address.postalCode} ne correspond pas au département de la commune choisie.`,
      });
    }
  });
export type Address = z.infer<typeof addressSchema>;

const registrationSchema = z
  .object({
    number: z
      .string({ error: 'Le numéro est obligatoire.' })
      .trim()
      .min(1, { error: 'Le numéro est obligatoire.' })
      .max(60),
    date: isoDateSchema,
    expiresOn: isoDateSchema.optional(),
  })
  .superRefine((r, ctx) => {
    if (r.expiresOn !== undefined && r.expiresOn <= r.date) {
      ctx.addIssue({
        code: 'custom',
        path: ['expiresOn'],
        message: "La date de fin doit suivre la date d'obtention.",
      });
    }
  });

export const regimeSchema = z.object({
  /** Déclaration NOVA (number often "SAP" + SIREN). */
  declaration: registrationSchema.nullable().default(null),
  agrement: registrationSchema.nullable().default(null),
  autorisation: registrationSchema
    .extend({
      departement: z
        .string()
        .trim()
        .regex(/^(?:\d{2}|2[AB]|97\d)$/, { error: 'Indiquez le département qui a délivré l’autorisation.' }),
    })
    .nullable()
    .default(null),
});
export type OrganisationRegime = z.infer<typeof regimeSchema>;

export const openingSlotSchema = z
  .object({
    day: z.enum(WEEKDAYS, { error: 'Choisissez un jour de la semaine.' }),
    opens: timeOfDaySchema,
    closes: timeOfDaySchema,
  })
  .superRefine((slot, ctx) => {
    if (slot.closes <= slot.opens) {
      ctx.addIssue({
        code: 'custom',
        path: ['closes'],
        message: "L'heure de fermeture doit suivre l'heure d'ouverture.",
      });
    }
  });

export const priceSchema = z
  .object({
    activityCode: activityCodeSchema,
    mode: organisationModeSchema,
    unit: z.enum(['heure', 'forfait'], { error: 'Choisissez un prix à l’heure ou au forfait.' }),
    priceTtcCents: centsSchema,
    priceHtCents: centsSchema.optional(),
    label: z.string().trim().max(200).optional(),
  })
  .superRefine((p, ctx) => {
    if (p.priceHtCents !== undefined && p.priceHtCents > p.priceTtcCents) {
      ctx.addIssue({
        code: 'custom',
        path: ['priceHtCents'],
        message: 'Le prix HT ne peut pas dépasser le prix TTC.',
      });
    }
  });

export const organisationActivitySchema = z.object({
  activityCode: activityCodeSchema,
  modes: z
    .array(organisationModeSchema)
    .min(1, { error: 'Indiquez au moins un mode pour cette activité.' })
    .refine((modes) => new Set(modes).size === modes.length, { error: 'Un mode est indiqué deux fois.' }),
});

/** The organisation profile accepted by the API. */
export const organisationProfileSchema = z
  .object({
    name: z
      .string({ error: 'La raison sociale est obligatoire.' })
      .trim()
      .min(2, { error: 'La raison sociale doit contenir au moins 2 caractères.' })
      .max(200),
    siret: siretSchema,
    legalForm: legalFormSchema,
    address: addressSchema,
    phone: phoneFrSchema,
    email: contactEmailSchema,
    website: z.url({ error: "L'adresse du site n'est pas valide." }).optional(),
    description: z
      .string()
      .trim()
      .max(2000, { error: 'La présentation est trop longue (2 000 caractères au plus).' })
      .optional(),
    activities: z
      .array(organisationActivitySchema)
      .min(1, { error: 'Indiquez au moins une activité.' })
      .refine((list) => new Set(list.map((a) => a.activityCode)).size === list.length, {
        error: 'Une activité est indiquée deux fois.',
      }),
    regime: regimeSchema,
    publics: z
      .array(publicSchema)
      .min(1, { error: 'Indiquez au moins un public.' })
      .refine((list) => new Set(list).size === list.length, { error: 'Un public est indiqué deux fois.' }),
    openingHours: z.array(openingSlotSchema).max(28).default([]),
    prices: z.array(priceSchema).max(200).default([]),
    /** Quality labels (NF Service, Qualisap, Cap'Handéo…). */
    labels: z.array(z.string().trim().min(1).max(80)).max(20).default([]),
    /** INSEE codes of the communes served. */
    communesServed: z.array(communeCodeSchema).max(500).default([]),
    acceptingNewClients: z.boolean({ error: 'Indiquez si vous acceptez de nouveaux clients.' }),
  })
  .superRefine((org, ctx) => {
    // Regimes the activities need (§1.2).
    const publics = org.publics.length > 0 ? org.publics : (['tout_public'] as const);
    org.activities.forEach((activity) => {
      for (const mode of activity.modes) {
        const needed = new Set(
          publics.flatMap((p) => requiredRegime(activity.activityCode, p, mode).mandatory),
        );
        for (const regime of needed) {
          if (org.regime[regime] === null) {
            ctx.addIssue({
              code: 'custom',
              path: ['regime', regime],
              message: `« ${getActivity(activity.activityCode).name} » en mode ${mode} exige ${regime === 'agrement' ? "l'agrément" : "l'autorisation"} (${REGIME_INFO[regime].authority}) : indiquez son numéro et sa date.`,
            });
          }
        }
      }
    });
    // Prices only for declared activities and modes.
    org.prices.forEach((price, i) => {
      const declared = org.activities.find((a) => a.activityCode === price.activityCode);
      if (declared === undefined || !declared.modes.includes(price.mode)) {
        ctx.addIssue({
          code: 'custom',
          path: ['prices', i, 'activityCode'],
          message: `Ce prix concerne une activité ou un mode que la structure ne propose pas (${getActivity(price.activityCode).name}, ${price.mode}).`,
        });
      }
    });
    // No overlapping opening slots on the same day.
    const byDay = new Map<string, { opens: string; closes: string; index: number }[]>();
    org.openingHours.forEach((slot, index) => {
      const list = byDay.get(slot.day) ?? [];
      for (const other of list) {
        if (slot.opens < other.closes && other.opens < slot.closes) {
          ctx.addIssue({
            code: 'custom',
            path: ['openingHours', index],
            message: `Deux plages horaires se chevauchent le ${slot.day}.`,
          });
        }
      }
      list.push({ ...slot, index });
      byDay.set(slot.day, list);
    });
  });

/** Input type (before defaults and normalisation). */
export type OrganisationProfileInput = z.input<typeof organisationProfileSchema>;
/** Parsed organisation profile. */
export type OrganisationProfile = z.output<typeof organisationProfileSchema>;
