import { z } from 'zod';
import { roles, selfServiceRoles } from '../access';
import { isValidSiret } from '../identifiers';
import { LEGAL_FORMS } from '../organisation';

z.config(z.locales.fr());

export const emailSchema = z
  .string({ error: "L'adresse e-mail est obligatoire." })
  .trim()
  .toLowerCase()
  .max(254, { error: "L'adresse e-mail est trop longue." })
  .pipe(z.email({ error: "L'adresse e-mail n'est pas valide." }));

/** ANSSI-style minimum: length matters more than composition rules. */
export const newPasswordSchema = z
  .string({ error: 'Le mot de passe est obligatoire.' })
  .min(12, { error: 'Le mot de passe doit contenir au moins 12 caractères.' })
  .max(256, { error: 'Le mot de passe est trop long (256 caractères au plus).' });

export const displayNameSchema = z
  .string({ error: 'Le nom est obligatoire.' })
  .trim()
  .min(2, { error: 'Le nom doit contenir au moins 2 caractères.' })
  .max(120, { error: 'Le nom est trop long (120 caractères au plus).' });

export const loginInputSchema = z.object({
  email: emailSchema,
  password: z.string({ error: 'Le mot de passe est obligatoire.' }).min(1, { error: 'Le mot de passe est obligatoire.' }).max(256),
});
export type LoginInput = z.infer<typeof loginInputSchema>;

export const signupInputSchema = z.object({
  email: emailSchema,
  password: newPasswordSchema,
  displayName: displayNameSchema,
  role: z.enum(selfServiceRoles, { error: 'Choisissez un type de compte : foyer, intervenant·e ou innovation.' }),
});
export type SignupInput = z.infer<typeof signupInputSchema>;

export const passwordResetRequestSchema = z.object({ email: emailSchema });
export const passwordResetConfirmSchema = z.object({
  token: z.string().min(20, { error: 'Le lien de réinitialisation est invalide.' }).max(200),
  password: newPasswordSchema,
});

export const invitationAcceptSchema = z.object({
  password: newPasswordSchema,
  displayName: displayNameSchema,
});

export const roleSchema = z.enum(roles);

export const meSchema = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  organisationId: z.string().nullable(),
  displayName: z.string(),
  organisationName: z.string().nullable(),
  csrfToken: z.string(),
  isDemo: z.boolean(),
});
export type Me = z.infer<typeof meSchema>;

/** Whom a provider admin may invite into the organisation. */
export const staffInvitationSchema = z.object({
  email: emailSchema,
  role: z.enum(['coordinator', 'worker', 'provider_admin'], { error: 'Choisissez le rôle : responsable de secteur, intervenant·e ou administrateur.' }),
});

/** What the territory admin types to open a provider organisation and invite its administrator. */
export const organisationOnboardingSchema = z.object({
  name: z.string({ error: 'La raison sociale est obligatoire.' }).trim().min(2, { error: 'La raison sociale doit contenir au moins 2 caractères.' }).max(200),
  siret: z
    .string({ error: 'Le SIRET est obligatoire.' })
    .transform((value) => value.replace(/\s/g, ''))
    .pipe(
      z
        .string()
        .regex(/^\d{14}$/, { error: 'Le SIRET compte 14 chiffres.' })
        .refine(isValidSiret, { error: "Ce SIRET n'est pas valide (clé de contrôle incorrecte)." }),
    ),
  legalForm: z.enum(LEGAL_FORMS, { error: 'Choisissez la forme juridique.' }),
  communeCode: z.string().regex(/^\d[\dAB]\d{3}$/, { error: 'Choisissez la commune du siège.' }),
  adminEmail: emailSchema,
});
export type OrganisationOnboarding = z.infer<typeof organisationOnboardingSchema>;
