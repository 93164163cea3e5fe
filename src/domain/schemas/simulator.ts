/** The simulator input the API accepts (see ../simulator.ts for the meaning of each field). */
import { z } from 'zod';
import { APA_YEARS } from '../apa';
import type { SimulatorInput } from '../simulator';
import { PAYMENT_MEANS } from '../tax-credit';
import { activityCodeSchema, centsSchema, modeSchema } from './common';

const count = (what: string) =>
  z
    .int({ error: `Le nombre ${what} doit être un nombre entier.` })
    .min(0, { error: `Le nombre ${what} ne peut pas être négatif.` })
    .max(20, { error: `Le nombre ${what} est trop élevé.` });

export const simulatorLineSchema = z.object({
  activityCode: activityCodeSchema,
  hoursPerMonth: z
    .number({ error: "Indiquez le nombre d'heures par mois." })
    .min(0, { error: "Le nombre d'heures ne peut pas être négatif." })
    .max(744, { error: 'Un mois compte au plus 744 heures.' }),
  hourlyPriceCents: centsSchema.max(100_000, { error: 'Le prix horaire ne peut pas dépasser 1 000 €.' }),
  mode: modeSchema,
  inOffreGlobale: z.boolean().optional(),
  coveredByApa: z.boolean().optional(),
  longestInterventionMinutes: z
    .int({ error: "La durée doit être un nombre entier de minutes." })
    .min(0, { error: 'La durée ne peut pas être négative.' })
    .max(24 * 60, { error: 'Une intervention dure au plus 24 heures.' })
    .optional(),
});

export const simulatorInputSchema = z.object({
  lines: z
    .array(simulatorLineSchema)
    .min(1, { error: 'Ajoutez au moins un service.' })
    .max(26, { error: 'Au plus 26 services.' }),
  household: z.object({
    dependentChildren: count("d'enfants à charge"),
    sharedResidenceChildren: count("d'enfants en résidence alternée").optional(),
    membersOver65: count('de membres de plus de 65 ans'),
    ascendantsOver65: count("d'ascendants de plus de 65 ans").optional(),
    invalidity: z.boolean({
      error: "Indiquez si un membre du foyer est titulaire d'une carte d'invalidité.",
    }),
    firstYearDirectEmployment: z.boolean({
      error: "Indiquez s'il s'agit de votre première année d'emploi direct.",
    }),
    hasFiledTaxReturn: z.boolean().optional(),
  }),
  dependentPerson: z
    .object({
      gir: z.literal([1, 2, 3, 4, 5, 6], { error: 'Le GIR est un nombre de 1 à 6.' }),
      ageYears: z
        .int({ error: "L'âge doit être un nombre entier d'années." })
        .min(0, { error: "L'âge ne peut pas être négatif." })
        .max(130, { error: "L'âge ne peut pas dépasser 130 ans." })
        .optional(),
      apaPlanMonthlyCents: centsSchema.optional(),
      monthlyIncomeCents: centsSchema.optional(),
    })
    .nullable()
    .optional(),
  paymentMeans: z.enum(PAYMENT_MEANS, { error: 'Choisissez un moyen de paiement de la liste.' }).optional(),
  wantsAvanceImmediate: z.boolean().optional(),
  year: z.literal(APA_YEARS, { error: `L'année doit être ${APA_YEARS.join(' ou ')}.` }).optional(),
});

/** Parsed simulator input, assignable to the simulator's own input type. */
export type SimulatorInputParsed = z.output<typeof simulatorInputSchema>;

// Compile-time check that a parsed input can be passed to `simulateHouseholdCost`.
const _assignable = (parsed: SimulatorInputParsed): SimulatorInput => parsed;
void _assignable;
