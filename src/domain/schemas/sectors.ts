/**
 * What a provider admin sends to create or change a sector (secteur d'intervention): a name, the communes it
 * covers and, optionally, the coordinators responsible for it. French messages; shared by server and web.
 */
import { z } from 'zod';
import { communeCodeSchema } from './common';

const nameSchema = z
  .string({ error: 'Le nom du secteur est obligatoire.' })
  .trim()
  .min(2, { error: 'Le nom du secteur doit contenir au moins 2 caractères.' })
  .max(80, { error: 'Le nom du secteur ne peut pas dépasser 80 caractères.' })
  .refine((v) => !v.includes('\u0000'), { error: 'Le nom du secteur contient un caractère interdit.' });

const communeCodesSchema = z
  .array(communeCodeSchema, { error: 'Les communes sont une liste de codes INSEE.' })
  .min(1, { error: 'Un secteur couvre au moins une commune.' })
  .max(300, { error: 'Un secteur couvre au plus 300 communes.' })
  .superRefine((codes, ctx) => {
    const seen = new Set<string>();
    codes.forEach((code, i) => {
      if (seen.has(code)) ctx.addIssue({ code: 'custom', path: [i], message: 'Cette commune est déjà dans la liste.' });
      seen.add(code);
    });
  });

const coordinatorUserIdsSchema = z
  .array(z.uuid({ error: "L'identifiant du responsable n'est pas valide." }), { error: 'Les responsables sont une liste de comptes.' })
  .max(20, { error: 'Un secteur a au plus 20 responsables.' })
  .transform((ids) => [...new Set(ids)]);

export const sectorCreateSchema = z.object({
  name: nameSchema,
  communeCodes: communeCodesSchema,
  coordinatorUserIds: coordinatorUserIdsSchema.default([]),
});
export type SectorCreateInput = z.output<typeof sectorCreateSchema>;

/** Only the fields sent change; a list sent replaces the list. */
export const sectorUpdateSchema = z.object({
  name: nameSchema.optional(),
  communeCodes: communeCodesSchema.optional(),
  coordinatorUserIds: coordinatorUserIdsSchema.optional(),
});
export type SectorUpdateInput = z.output<typeof sectorUpdateSchema>;
