/**
 * Building blocks of the domain's zod schemas, with French messages. Zod's own messages are French too
 * (`z.config(z.locales.fr())`), for the cases the custom messages do not cover.
 */
import { z } from 'zod';
import { ACTIVITY_CODES } from '../activities';
import {
  compactIdentifier,
  isValidCommuneCode,
  isValidPostalCode,
  isValidSiret,
  normalizePhoneFr,
} from '../identifiers';
import { LEGAL_FORMS, MODES, PUBLICS, type OrganisationMode } from '../organisation';

z.config(z.locales.fr());

/** Integer amount of cents, ≥ 0, below 10 million euros. */
export const centsSchema = z
  .int({ error: 'Le montant doit être un nombre entier de centimes.' })
  .min(0, { error: 'Le montant ne peut pas être négatif.' })
  .max(1_000_000_000, { error: 'Le montant est trop élevé.' });

/** An ISO calendar date `YYYY-MM-DD`. */
export const isoDateSchema = z.iso.date({ error: 'La date doit être au format AAAA-MM-JJ.' });

/** A 14-digit SIRET with a valid key; spaces are removed. */
export const siretSchema = z
  .string({ error: 'Le SIRET est obligatoire.' })
  .transform(compactIdentifier)
  .pipe(
    z
      .string()
      .regex(/^\d{14}$/, { error: 'Le SIRET compte 14 chiffres.' })
      .refine(isValidSiret, { error: "Ce SIRET n'est pas valide (clé de contrôle incorrecte)." }),
  );

/** A French phone number, normalised to « 0XXXXXXXXX ». */
export const phoneFrSchema = z
  .string({ error: 'Le numéro de téléphone est obligatoire.' })
  .transform((value, ctx) => {
    const normalized = normalizePhoneFr(value);
    if (normalized === null) {
      ctx.issues.push({
        code: 'custom',
        message:
          'Le numéro de téléphone doit être un numéro français à 10 chiffres (par exemple 02 38 12 34 56).',
        input: value,
      });
      return z.NEVER;
    }
    return normalized;
  });

/** An e-mail address, trimmed and lower-cased. */
export const contactEmailSchema = z
  .string({ error: "L'adresse e-mail est obligatoire." })
  .trim()
  .toLowerCase()
  .max(254, { error: "L'adresse e-mail est trop longue." })
  .pipe(z.email({ error: "L'adresse e-mail n'est pas valide." }));

/** A French postal code. */
export const postalCodeSchema = z
  .string({ error: 'Le code postal est obligatoire.' })
  .trim()
  .refine(isValidPostalCode, { error: 'Le code postal doit compter 5 chiffres (par exemple 45000).' });

/** An INSEE commune code (« 45234 », « 2A004 »). */
export const communeCodeSchema = z
  .string({ error: 'La commune est obligatoire.' })
  .trim()
  .toUpperCase()
  .refine(isValidCommuneCode, { error: "Le code commune (code INSEE) n'est pas valide." });

export const activityCodeSchema = z.enum(ACTIVITY_CODES, {
  error: 'Choisissez une activité de services à la personne de la liste officielle.',
});
export const modeSchema = z.enum(MODES, {
  error: "Choisissez le mode d'intervention : prestataire, mandataire ou emploi direct.",
});
export const organisationModeSchema = z.enum(
  ['prestataire', 'mandataire'] as const satisfies readonly OrganisationMode[],
  {
    error: "Choisissez le mode d'intervention : prestataire ou mandataire.",
  },
);
export const publicSchema = z.enum(PUBLICS, { error: 'Choisissez un public de la liste.' });
export const legalFormSchema = z.enum(LEGAL_FORMS, { error: 'Choisissez la forme juridique.' });

/** A time of day « HH:MM » (24 h). */
export const timeOfDaySchema = z
  .string({ error: "L'heure est obligatoire." })
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$/, { error: "L'heure doit être au format HH:MM (par exemple 08:30)." });
