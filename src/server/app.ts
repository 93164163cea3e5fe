import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import Fastify, { type FastifyServerOptions } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform, serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client';
import type { Clock } from '../shared/clock';
import { createAccountsService } from '../features/accounts/accounts.service';
import { registerAccountsRoutes } from '../features/accounts/accounts.routes';
import { createAuditService } from '../features/audit/audit.service';
import { createBillingService } from '../features/billing/billing.service';
import { registerBillingRoutes } from '../features/billing/billing.routes';
import { createUrssafClient } from '../features/urssaf/urssaf.client';
import { registerUrssafRoutes } from '../features/urssaf/urssaf.routes';
import { createAvanceLookup, createUrssafService } from '../features/urssaf/urssaf.service';
import { createCareService } from '../features/care/care.service';
import { registerCareRoutes } from '../features/care/care.routes';
import { registerSectorRoutes } from '../features/care/sectors.routes';
import { createSectorService } from '../features/care/sectors.service';
import { createDirectoryService } from '../features/directory/directory.service';
import { registerDirectoryRoutes } from '../features/directory/directory.routes';
import { createImportService } from '../features/directory/import.service';
import { registerImportRoutes } from '../features/directory/import.routes';
import { createProfileService } from '../features/directory/profile.service';
import { createSearchService } from '../features/directory/search.service';
import { registerDirectorySearchRoutes } from '../features/directory/search.routes';
import { createMailService } from '../features/mail/mail.service';
import { createRequestsService } from '../features/requests/requests.service';
import { registerRequestsRoutes } from '../features/requests/requests.routes';
import { createScheduleService } from '../features/schedule/schedule.service';
import { registerScheduleRoutes } from '../features/schedule/schedule.routes';
import { createVisitsService } from '../features/visits/visits.service';
import { registerVisitsRoutes } from '../features/visits/visits.routes';
import { startOptimisation } from '../jobs/optimise-runner';
import type { Config } from './config';
import { registerAuth } from './plugins/auth';
import { registerErrorHandling } from './plugins/errors';

export interface AppDeps {
  database: Database;
  config: Config;
  clock: Clock;
  /** Folder of the built web app; not served when absent (API-only tests). */
  webRoot?: string;
  logger?: FastifyServerOptions['logger'];
}

/** Builds the whole application without listening: tests call `app.inject()` on it. */
export async function buildApp(deps: AppDeps) {
  const { database, config, clock } = deps;
  const db = database.db;

  const app = Fastify({
    logger: deps.logger ?? false,
    genReqId: () => randomUUID(),
    trustProxy: true,
    bodyLimit: 10 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const servesWebApp = Boolean(deps.webRoot && existsSync(deps.webRoot));
  registerErrorHandling(app, { servesWebApp });

  const mail = createMailService({ db, clock, smtpUrl: config.smtpUrl, from: config.mailFrom });
  const audit = createAuditService({ db });
  const accounts = createAccountsService({ db, clock, mail, publicUrl: config.publicUrl, sessionTtlMs: config.sessionTtlMs });
  const directory = createDirectoryService({ db, accounts });
  const care = createCareService({ db, audit, clock });
  const sectors = createSectorService({ db, audit, clock, listMembers: (scope) => accounts.listMembers(scope) });
  const search = createSearchService({ db });
  const profiles = createProfileService({ db, audit, onChange: () => search.invalidate() });
  const schedule = createScheduleService({ db, clock, planning: care, mail, audit, startOptimisation, organisationName: (id) => directory.findOrganisationName(id), log: app.log });
  app.addHook('onClose', () => schedule.shutdown());
  const visits = createVisitsService({ db, clock, care, directory, schedule, audit });
  const billing = createBillingService({ db, clock, visits, care, directory, accounts, avanceOf: createAvanceLookup(db) });
  const urssaf = createUrssafService({
    db,
    clock,
    billing,
    care,
    settings: config.urssaf ? { client: createUrssafClient(config.urssaf, { clock }), simulatorUrl: config.urssaf.isSimulator ? config.urssaf.baseUrl : null } : null,
  });
  const requests = createRequestsService({ db, clock, care, directory, profiles, accounts, mail, audit, publicUrl: config.publicUrl });
  const imports = createImportService({
    db,
    onCommunesLoaded: () => search.forgetCommunes(),
    onChange: () => search.invalidate(),
  });

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        // The worker's round (télégestion) is an installable web app with a service worker of this origin.
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, { global: false });
  await app.register(swagger, {
    openapi: {
      info: { title: 'ProxiDom API', description: 'API de la plateforme ProxiDom (services à la personne).', version: '0.1.0' },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'proxidom_session' } } },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });

  registerAuth(app, { db, accounts });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/api/health', { schema: { tags: ['Plateforme'], summary: "État de l'application" } }, async (request, reply) => {
    try {
      await db.execute(sql`select 1`);
      return { status: 'ok', database: 'ok' };
    } catch (error) {
      request.log.error({ err: error }, 'health check: database unreachable');
      return reply.status(503).send({ status: 'degraded', database: 'unreachable' });
    }
  });

  registerAccountsRoutes(app, {
    accounts,
    mail,
    organisationName: (id) => directory.findOrganisationName(id),
    isDemo: config.isDemo,
    secureCookies: config.publicUrl.startsWith('https://'),
    sessionTtlMs: config.sessionTtlMs,
    loginRateLimitPerMinute: config.loginRateLimitPerMinute,
  });
  registerDirectoryRoutes(app, { directory });
  registerDirectorySearchRoutes(app, { search, profiles });
  registerImportRoutes(app, { imports });
  registerCareRoutes(app, { care });
  registerSectorRoutes(app, { sectors });
  registerScheduleRoutes(app, { schedule });
  registerVisitsRoutes(app, { visits });
  registerBillingRoutes(app, { billing, isDemo: config.isDemo, urssafSimulator: config.urssaf?.isSimulator ?? false });
  registerUrssafRoutes(app, { urssaf });
  registerRequestsRoutes(app, { requests });

  if (servesWebApp) await app.register(fastifyStatic, { root: deps.webRoot!, wildcard: false, index: false });

  return Object.assign(app, { services: { accounts, directory, mail, audit, care, sectors, search, profiles, imports, schedule, billing, urssaf, visits, requests } });
}

export type App = Awaited<ReturnType<typeof buildApp>>;
