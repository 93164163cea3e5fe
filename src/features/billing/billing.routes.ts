import { z } from 'zod';
import { isoDateSchema } from '../../domain/schemas/common';
import { idParamsSchema, type HttpApp } from '../http';
import { DomainError } from '../../shared/errors';
import { PAYMENT_MEANS_CODES, isMonth } from './billing-rules';
import type { BillingService } from './billing.service';

const tags = ['Facturation'];
const staff = ['provider_admin', 'coordinator'] as const;
const staffAccess = { access: [...staff] };
const staffOrHousehold = { access: [...staff, 'household' as const] };

const monthSchema = z
  .string({ error: 'Le mois est obligatoire (AAAA-MM).' })
  .refine(isMonth, { error: 'Le mois doit être au format AAAA-MM.' });
const yearSchema = z.coerce
  .number({ error: "L'année est un nombre." })
  .int({ error: "L'année est un nombre entier." })
  .min(2000, { error: "L'année doit être postérieure à 2000." })
  .max(2100, { error: "L'année doit être antérieure à 2100." });

export const billingRunSchema = z.object({
  month: monthSchema,
  /** Only this household (e.g. re-invoicing after a credit note). */
  householdId: z.uuid({ error: "L'identifiant du foyer n'est pas valide." }).optional(),
});
export const creditNoteSchema = z.object({
  reason: z
    .string({ error: "Le motif de l'avoir est obligatoire." })
    .trim()
    .min(3, { error: "Donnez le motif de l'avoir (3 caractères au moins)." })
    .max(300, { error: 'Le motif tient en 300 caractères.' }),
});
export const paymentSchema = z.object({
  amountCents: z
    .int({ error: 'Le montant est un nombre entier de centimes.' })
    .min(1, { error: 'Le montant doit être positif.' })
    .max(100_000_000, { error: 'Le montant est trop élevé.' }),
  means: z
    .enum(PAYMENT_MEANS_CODES, {
      error: 'Moyen de paiement inconnu (virement, carte, CESU préfinancé, espèces, chèque).',
    })
    .refine((m) => m !== 'avance_immediate', {
      error: "L'avance immédiate est enregistrée par l'Urssaf, pas à la main.",
    }),
  paidOn: isoDateSchema,
});

function attachment(name: string): string {
  return `attachment; filename="${name}"`;
}

/** Invoices, credit notes, payments, statements, export and tax certificates. */
export function registerBillingRoutes(
  app: HttpApp,
  deps: { billing: BillingService; isDemo: boolean; urssafSimulator: boolean },
): void {
  const { billing } = deps;

  app.post(
    '/api/billing/runs',
    {
      schema: {
        tags,
        summary:
          "Facturer un mois : une facture par foyer pour les interventions validées en télégestion et non encore facturées (relancer le mois continue là où il s'est arrêté et refacture les interventions d'une facture annulée par un avoir ; householdId : ce foyer seulement)",
        body: billingRunSchema,
      },
      config: staffAccess,
    },
    async (request) =>
      billing.runMonth(request.tenant(...staff), request.actor, request.body.month, {
        householdId: request.body.householdId,
      }),
  );

  app.get(
    '/api/billing/runs',
    {
      schema: {
        tags,
        summary: 'Les facturations mensuelles de ma structure (et les outils de démonstration disponibles)',
      },
      config: staffAccess,
    },
    async (request) => ({
      items: await billing.listRuns(request.tenant(...staff)),
      currentMonth: billing.currentMonth(),
      demo: deps.isDemo,
      urssafSimulator: deps.urssafSimulator,
    }),
  );

  app.post(
    '/api/billing/demo/done-visits',
    {
      schema: {
        tags,
        summary:
          'Démonstration : créer les interventions réalisées d’un mois passé (copie de la semaine en cours)',
        body: billingRunSchema,
      },
      config: staffAccess,
    },
    async (request, reply) => {
      if (!deps.isDemo) throw new DomainError('not_found', 'Réservé aux données de démonstration.');
      return reply
        .status(201)
        .send(await billing.createDemoMonth(request.tenant(...staff), request.body.month));
    },
  );

  app.get(
    '/api/invoices',
    {
      schema: {
        tags,
        summary: 'Les factures et avoirs de ma structure',
        querystring: z.object({
          month: monthSchema.optional(),
          householdId: z.uuid({ error: "L'identifiant du foyer n'est pas valide." }).optional(),
          page: z.coerce.number().int().min(1).default(1),
          pageSize: z.coerce.number().int().min(1).max(500).default(100),
        }),
      },
      config: staffAccess,
    },
    async (request) => billing.listInvoices(request.tenant(...staff), request.query),
  );

  app.get(
    '/api/invoices/:id',
    {
      schema: {
        tags,
        summary: 'Une facture (le personnel de la structure, ou le foyer facturé)',
        params: idParamsSchema,
      },
      config: staffOrHousehold,
    },
    async (request) => billing.getInvoice(request.actor!, () => request.tenant(...staff), request.params.id),
  );

  app.get(
    '/api/invoices/:id/pdf',
    { schema: { tags, summary: 'La facture en PDF', params: idParamsSchema }, config: staffOrHousehold },
    async (request, reply) => {
      const { number, pdf } = await billing.getInvoicePdf(
        request.actor!,
        () => request.tenant(...staff),
        request.params.id,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', attachment(`${number}.pdf`))
        .send(pdf);
    },
  );

  app.post(
    '/api/invoices/:id/credit-note',
    {
      schema: {
        tags,
        summary: 'Annuler une facture par un avoir (numéroté dans la même série)',
        params: idParamsSchema,
        body: creditNoteSchema,
      },
      config: staffAccess,
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await billing.createCreditNote(request.tenant(...staff), request.params.id, request.body.reason),
        ),
  );

  app.post(
    '/api/invoices/:id/payments',
    {
      schema: {
        tags,
        summary: 'Enregistrer un paiement (les espèces font perdre le crédit d’impôt)',
        params: idParamsSchema,
        body: paymentSchema,
      },
      config: staffAccess,
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await billing.recordPayment(
            request.tenant(...staff),
            request.actor,
            request.params.id,
            request.body,
          ),
        ),
  );

  app.get(
    '/api/departement-statements',
    {
      schema: {
        tags,
        summary: 'Les états APA/PCH à adresser aux départements',
        querystring: z.object({ month: monthSchema.optional() }),
      },
      config: staffAccess,
    },
    async (request) => ({
      items: await billing.listStatements(request.tenant(...staff), request.query.month),
    }),
  );

  app.get(
    '/api/billing/export.csv',
    {
      schema: {
        tags,
        summary: 'Export comptable du mois (CSV « ; », UTF-8 avec BOM)',
        querystring: z.object({ month: monthSchema }),
      },
      config: staffAccess,
    },
    async (request, reply) => {
      const csv = await billing.exportCsv(request.tenant(...staff), request.query.month);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachment(`export-comptable-${request.query.month}.csv`))
        .send(csv);
    },
  );

  app.post(
    '/api/billing/tax-certificates',
    {
      schema: {
        tags,
        summary: "Établir les attestations fiscales de l'année pour tous les foyers facturés",
        body: z.object({ year: yearSchema }),
      },
      config: staffAccess,
    },
    async (request) => billing.issueTaxCertificates(request.tenant(...staff), request.body.year),
  );

  app.get(
    '/api/billing/tax-certificates',
    {
      schema: {
        tags,
        summary: "Les attestations fiscales de l'année",
        querystring: z.object({ year: yearSchema }),
      },
      config: staffAccess,
    },
    async (request) => billing.listTaxCertificates(request.tenant(...staff), request.query.year),
  );

  app.get(
    '/api/households/:id/tax-certificates/:year/pdf',
    {
      schema: {
        tags,
        summary:
          "L'attestation fiscale d'un foyer en PDF (la structure qui l'a facturé, ou le foyer lui-même)",
        params: z.object({ id: z.uuid({ error: "L'identifiant n'est pas valide." }), year: yearSchema }),
      },
      config: staffOrHousehold,
    },
    async (request, reply) => {
      const pdf = await billing.getTaxCertificatesPdf(
        request.actor!,
        () => request.tenant(...staff),
        request.params.id,
        request.params.year,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', attachment(`attestation-fiscale-${request.params.year}.pdf`))
        .send(pdf);
    },
  );

  app.get(
    '/api/me/invoices',
    {
      schema: {
        tags,
        summary:
          'Mes factures (foyer), tous prestataires confondus, avec ce que je paie maintenant et ce que verse l’Urssaf',
      },
      config: { access: ['household'] },
    },
    async (request) => billing.listMyInvoices(request.actor!),
  );

  app.get(
    '/api/me/tax-certificates',
    { schema: { tags, summary: 'Mes attestations fiscales (foyer)' }, config: { access: ['household'] } },
    async (request) => billing.listMyTaxCertificates(request.actor!),
  );
}
