import { z } from 'zod';
import type { HttpApp } from '../http';
import type { ImportService } from './import.service';

/** Up to ~50 MB of CSV (the national list is ~10 MB). */
export const IMPORT_BODY_LIMIT = 55 * 1024 * 1024;

/** The territory admin's import of the national list: upload the raw CSV, then poll the report. */
export function registerImportRoutes(app: HttpApp, deps: { imports: ImportService }): void {
  app.addContentTypeParser(
    ['text/csv', 'application/csv', 'application/octet-stream', 'application/vnd.ms-excel'],
    { parseAs: 'buffer', bodyLimit: IMPORT_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/api/territory/imports',
    {
      bodyLimit: IMPORT_BODY_LIMIT,
      schema: {
        tags: ['Territoire'],
        summary:
          'Importer la liste nationale des organismes de services à la personne (CSV brut dans le corps)',
        querystring: z.object({ fileName: z.string().max(255).optional() }),
      },
      config: { access: ['territory_admin'] },
    },
    async (request, reply) => {
      const header = request.headers['x-file-name'];
      const fileName = request.query.fileName ?? (typeof header === 'string' ? safeDecode(header) : null);
      const body = Buffer.isBuffer(request.body)
        ? request.body
        : Buffer.from(typeof request.body === 'string' ? request.body : '');
      return reply.status(202).send(await deps.imports.startImport(request.actor, body, fileName));
    },
  );

  app.get(
    '/api/territory/imports',
    {
      schema: { tags: ['Territoire'], summary: 'Les derniers imports' },
      config: { access: ['territory_admin'] },
    },
    async (request) => deps.imports.listImports(request.actor),
  );

  app.get(
    '/api/territory/imports/:id',
    {
      schema: {
        tags: ['Territoire'],
        summary: "L'avancement et le rapport d'un import",
        params: z.object({ id: z.string() }),
      },
      config: { access: ['territory_admin'] },
    },
    async (request) => deps.imports.getImport(request.actor, request.params.id),
  );
}

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value).slice(0, 255);
  } catch {
    return value.slice(0, 255);
  }
}
