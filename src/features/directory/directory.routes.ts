import { z } from 'zod';
import { organisationOnboardingSchema } from '../../domain/schemas/auth';
import type { HttpApp } from '../http';
import type { DirectoryService } from './directory.service';

const pageSchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export function registerDirectoryRoutes(app: HttpApp, deps: { directory: DirectoryService }): void {
  app.get(
    '/api/communes',
    { schema: { tags: ['Territoire'], summary: 'Les communes du territoire' } },
    async () => deps.directory.listCommunes((await deps.directory.findInstanceTerritory())?.id ?? null),
  );

  app.get(
    '/api/territory/organisations',
    {
      schema: { tags: ['Territoire'], summary: 'Les structures du territoire', querystring: pageSchema },
      config: { access: ['territory_admin'] },
    },
    async (request) => {
      const { page, pageSize } = request.query;
      const result = await deps.directory.listTerritoryOrganisations(request.actor, {
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      return {
        total: result.total,
        page,
        pageSize,
        items: result.items.map((o) => ({ ...o, createdAt: o.createdAt.toISOString() })),
      };
    },
  );

  app.post(
    '/api/territory/organisations',
    {
      schema: {
        tags: ['Territoire'],
        summary: 'Ouvrir une structure et inviter son administrateur',
        body: organisationOnboardingSchema,
      },
      config: { access: ['territory_admin'] },
    },
    async (request, reply) => {
      const { organisation } = await deps.directory.onboardOrganisation(request.actor, request.body);
      return reply
        .status(201)
        .send({ id: organisation.id, name: organisation.name, siret: organisation.siret });
    },
  );
}
