import { z } from 'zod';
import { idParamsSchema, type HttpApp } from '../http';
import type { CareService } from './care.service';

const listQuery = z.object({
  q: z.string().trim().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

const tags = ['Bénéficiaires et intervenants'];

export function registerCareRoutes(app: HttpApp, deps: { care: CareService }): void {
  app.get('/api/beneficiaries', { schema: { tags, summary: 'Les bénéficiaires de ma structure', querystring: listQuery }, config: { access: ['provider_admin', 'coordinator'] } }, async (request) => {
    const scope = request.tenant('provider_admin', 'coordinator');
    const { q, page, pageSize } = request.query;
    const result = await deps.care.listBeneficiaries(scope, request.actor!, { q, limit: pageSize, offset: (page - 1) * pageSize }, request.id);
    return { total: result.total, page, pageSize, items: result.items };
  });

  app.get('/api/beneficiaries/:id', { schema: { tags, summary: "Le dossier d'un bénéficiaire", params: idParamsSchema }, config: { access: ['provider_admin', 'coordinator'] } }, async (request) => {
    const scope = request.tenant('provider_admin', 'coordinator');
    const beneficiary = await deps.care.getBeneficiary(scope, request.actor!, request.params.id, request.id);
    return { ...beneficiary, createdAt: beneficiary.createdAt.toISOString() };
  });

  app.get('/api/workers', { schema: { tags, summary: 'Les intervenant·es de ma structure' } }, async (request) => {
    const scope = request.tenant('provider_admin', 'coordinator');
    return deps.care.listWorkers(scope);
  });
}
