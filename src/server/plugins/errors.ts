import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { DomainError, type DomainErrorCode, type FieldError } from '../../shared/errors';
import { assertNever } from '../../shared/assert';

const statusOf = (code: DomainErrorCode): number => {
  switch (code) {
    case 'validation':
      return 400;
    case 'unauthenticated':
      return 401;
    case 'forbidden':
    case 'csrf':
      return 403;
    case 'not_found':
      return 404;
    case 'conflict':
      return 409;
    case 'unprocessable':
      return 422;
    case 'rate_limited':
      return 429;
    default:
      return assertNever(code, 'error code');
  }
};

const titles: Record<number, string> = {
  400: 'Requête invalide',
  401: 'Authentification requise',
  403: 'Accès refusé',
  404: 'Introuvable',
  405: 'Méthode non autorisée',
  409: 'Conflit',
  413: 'Contenu trop volumineux',
  415: 'Type de contenu non pris en charge',
  422: 'Requête impossible à traiter',
  429: 'Trop de requêtes',
  500: 'Erreur interne',
};

/** Sends an RFC 9457 problem document. */
export function sendProblem(
  reply: FastifyReply,
  status: number,
  detail: string,
  extra: { code?: string; errors?: FieldError[] } = {},
): FastifyReply {
  return reply
    .status(status)
    .type('application/problem+json; charset=utf-8')
    .send({
      type: 'about:blank',
      title: titles[status] ?? 'Erreur',
      status,
      detail,
      instance: reply.request.url,
      ...(extra.code ? { code: extra.code } : {}),
      ...(extra.errors && extra.errors.length > 0 ? { errors: extra.errors } : {}),
    });
}

/** `/address/postalCode` → `address.postalCode`; the body itself → `body`. */
const fieldOf = (instancePath: string): string => instancePath.replace(/^\//, '').replaceAll('/', '.') || 'body';

/** One error handler: expected errors become 4xx problems in French; anything else is logged and hidden. */
export function registerErrorHandling(app: FastifyInstance, options: { servesWebApp: boolean }): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof DomainError) {
      return sendProblem(reply, statusOf(error.code), error.message, { code: error.code, errors: error.fields });
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      const errors = error.validation.map((issue) => ({
        field: fieldOf(issue.instancePath),
        message: issue.message ?? 'Valeur invalide.',
      }));
      return sendProblem(reply, 400, 'Certains champs sont invalides : corrigez-les puis réessayez.', { code: 'validation', errors });
    }
    const status = error.statusCode ?? 500;
    if (status === 429) return sendProblem(reply, 429, 'Trop de tentatives : patientez une minute avant de réessayer.', { code: 'rate_limited' });
    if (status >= 400 && status < 500) {
      const detail =
        error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE'
          ? "Le type de contenu n'est pas pris en charge : envoyez du JSON."
          : error.code === 'FST_ERR_CTP_BODY_TOO_LARGE'
            ? 'Le contenu envoyé est trop volumineux.'
            : error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY' || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
              ? "Le corps de la requête n'est pas un JSON valide."
              : 'La requête est invalide.';
      return sendProblem(reply, status, detail, { code: error.code });
    }
    request.log.error({ err: error }, 'unexpected error');
    return sendProblem(reply, 500, 'Une erreur inattendue est survenue. Réessayez dans un instant.');
  });

  app.setNotFoundHandler((request, reply) => {
    // The web app routes on the client: any page that is not a file gets index.html.
    if (options.servesWebApp && request.method === 'GET' && !request.url.startsWith('/api/')) {
      return reply.type('text/html; charset=utf-8').sendFile('index.html');
    }
    return sendProblem(reply, 404, `Aucune ressource à l'adresse ${request.method} ${request.url.split('?')[0]}.`);
  });
}
