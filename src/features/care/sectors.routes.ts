import { sectorCreateSchema, sectorUpdateSchema } from '../../domain/schemas/sectors';
import { idParamsSchema, type HttpApp } from '../http';
import type { SectorService } from './sectors.service';

const tags = ['Secteurs'];
const staff = ['provider_admin', 'coordinator'] as const;
const admin = { access: ['provider_admin' as const] };

/** Sectors of the provider: read by its staff, managed by its admin. */
export function registerSectorRoutes(app: HttpApp, deps: { sectors: SectorService }): void {
  const { sectors } = deps;

  app.get('/api/sectors', { schema: { tags, summary: 'Les secteurs de ma structure (communes, responsables, effectifs)' }, config: { access: [...staff] } }, async (request) => ({
    items: await sectors.listSectors(request.tenant(...staff)),
  }));

  app.get('/api/sectors/:id', { schema: { tags, summary: 'Un secteur', params: idParamsSchema }, config: { access: [...staff] } }, async (request) => sectors.getSector(request.tenant(...staff), request.params.id));

  app.post(
    '/api/sectors',
    { schema: { tags, summary: 'Créer un secteur (une commune n’appartient qu’à un secteur)', body: sectorCreateSchema }, config: admin },
    async (request, reply) => reply.status(201).send(await sectors.createSector(request.tenant('provider_admin'), request.actor!, request.body, request.id)),
  );

  app.put(
    '/api/sectors/:id',
    { schema: { tags, summary: 'Modifier un secteur (seuls les champs envoyés changent ; une liste envoyée remplace la liste)', params: idParamsSchema, body: sectorUpdateSchema }, config: admin },
    async (request) => sectors.updateSector(request.tenant('provider_admin'), request.actor!, request.params.id, request.body, request.id),
  );

  app.delete(
    '/api/sectors/:id',
    { schema: { tags, summary: 'Supprimer un secteur (ses bénéficiaires reviennent au secteur de leur commune, ses intervenant·es n’ont plus de secteur)', params: idParamsSchema }, config: admin },
    async (request, reply) => {
      await sectors.deleteSector(request.tenant('provider_admin'), request.actor!, request.params.id, request.id);
      return reply.status(204).send();
    },
  );
}
