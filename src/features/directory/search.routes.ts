import { z } from 'zod';
import { organisationProfileSchema } from '../../domain/schemas/organisation';
import { notFound } from '../../shared/errors';
import type { HttpApp } from '../http';
import type { ProfileService } from './profile.service';
import { directorySearchQuerySchema } from './search-query';
import type { SearchService } from './search.service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The public directory (no account needed) and the provider's own profile. */
export function registerDirectorySearchRoutes(
  app: HttpApp,
  deps: { search: SearchService; profiles: ProfileService },
): void {
  app.get(
    '/api/directory/activities',
    { schema: { tags: ['Annuaire'], summary: 'Les 26 activités de services à la personne (art. D7231-1)' } },
    async () => deps.search.listActivities(),
  );

  app.get(
    '/api/directory/organisations',
    {
      schema: {
        tags: ['Annuaire'],
        summary:
          'Rechercher des structures (texte libre, activité, commune et rayon, mode, public, régime), avec facettes',
        querystring: directorySearchQuerySchema,
      },
    },
    // The answer comes as JSON bytes (kept so in the cache): sent as they are.
    async (request, reply) =>
      reply
        .type('application/json; charset=utf-8')
        .send(await deps.search.searchOrganisationsJson(request.query)),
  );

  app.get(
    '/api/directory/organisations/:id',
    {
      schema: {
        tags: ['Annuaire'],
        summary: "La fiche publique d'une structure",
        params: z.object({ id: z.string() }),
      },
    },
    async (request) => {
      if (!UUID.test(request.params.id)) throw notFound('Structure');
      return deps.profiles.getPublicProfile(request.params.id);
    },
  );

  app.get(
    '/api/directory/map',
    {
      schema: {
        tags: ['Annuaire'],
        summary: 'Les communes du territoire (centres et contours) pour la carte',
      },
    },
    async () => deps.profiles.getTerritoryMap(),
  );

  app.get(
    '/api/organisation/profile',
    {
      schema: { tags: ['Structure'], summary: 'La fiche de ma structure' },
      config: { access: ['provider_admin', 'coordinator'] },
    },
    async (request) => deps.profiles.getOwnProfile(request.tenant('provider_admin', 'coordinator')),
  );

  app.put(
    '/api/organisation/profile',
    {
      schema: {
        tags: ['Structure'],
        summary: 'Modifier la fiche de ma structure',
        body: organisationProfileSchema,
      },
      config: { access: ['provider_admin'] },
    },
    async (request) =>
      deps.profiles.updateOwnProfile(
        request.tenant('provider_admin'),
        request.actor!,
        request.body,
        request.id,
      ),
  );
}
