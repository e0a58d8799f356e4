// The HTTP API: one Fastify plugin per resource, JSON schemas on every route,
// OpenAPI at /docs and /api/openapi.json, and the web app (modeler/dist) at / when it is built.
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import Fastify, { type FastifyError, type FastifyInstance } from 'fastify';
import fastifyCompress from '@fastify/compress';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Client } from '@temporalio/client';
import { DEFAULT_MAX_CASE_VARIABLES_BYTES, startLookupCache, type GovernanceSettings } from '@alur/cases';
import type { PrismaClient } from '@alur/db';
import { authRoutes } from './resources/auth/routes';
import { healthRoutes, type SupervisedWorkerState } from './routes/health';
import { instanceRoutes } from './routes/instances';
import { messageRoutes } from './routes/messages';
import { signalRoutes } from './routes/signals';
import { sopRoutes } from './routes/sops';
import { taskRoutes } from './routes/tasks';
import { trackRoutes } from './routes/track';
import { auditRoutes } from './routes/audit';
import { unitRoutes } from './resources/units/routes';
import { userRoutes } from './resources/users/routes';
import { publicSopRoutes } from './routes/public-sops';
import { decisionRoutes } from './routes/decisions';
import { formRoutes } from './routes/forms';
import { taskDetailRoutes } from './routes/task-details';
import { teamRoutes } from './routes/team';
import { reportRoutes } from './routes/reports';
import { documentRoutes } from './routes/documents';
import { incidentRoutes } from './routes/incidents';
import { overrideRoutes } from './resources/overrides/routes';
import { deviationRoutes } from './resources/deviations/routes';
import { rejectedActionRoutes } from './resources/rejected-actions/routes';
import { slaRoutes } from './resources/slas/routes';
import { calendarRoutes } from './resources/calendars/routes';
import { webhookRoutes } from './resources/webhooks/routes';
import { camunda8JobRoutes } from './resources/jobs/camunda8-routes';
import { camunda7JobRoutes } from './resources/jobs/camunda7-routes';
import { channelRoutes } from './resources/channels/routes';
import { eventRoutes } from './resources/events/routes';
import { LiveEvents } from './resources/events/service';
import { complaintRoutes } from './resources/complaints/routes';
import { triageRoutes } from './resources/triage/routes';
import { noticeRoutes } from './resources/complaints/notice-routes';
import { verdictRoutes } from './resources/verdicts/routes';
import { complaintFigureRoutes } from './resources/complaint-figures/routes';
import { createServices } from './services';
import { AUDIT_ANCHOR_EVERY_MS } from './services/audit';
import { HttpError, refusalAnswer } from './services/http-error';
import { unavailableDependency } from './unavailable';
import { DEFAULT_RATE_LIMITS, refusedRequestLimit, registerSecurity, type RateLimits } from './security';
import { bodyTooLargeMessage, registerLimits } from './limits';
import { rejectedActionHook } from './services/rejected-actions';
import { apiLoggerOptions } from './logger';
import type { LogLevel } from '@alur/workflows';
import type { OutboundPolicy } from '@alur/workflows/outbound-policy';
import type { SopApproval } from './resources/sop-lifecycle/in-force';
import { sopLifecycleRoutes } from './resources/sop-lifecycle/routes';
import { sopIdentityRoutes } from './resources/sop-identity/routes';
import { sopApPdfRoutes } from './resources/sop-ap-pdf/routes';
import { publicComplianceRoutes } from './resources/public-compliance/routes';
import { spbeReportRoutes } from './resources/spbe-report/routes';
import { sopDiffRoutes } from './resources/sop-diff/routes';

export interface AppOptions {
  prisma: PrismaClient;
  temporal: Client;
  taskQueue: string;
  /**
   * Password of the `admin` account created when no admin exists yet
   * (ALUR_ADMIN_PASSWORD); when omitted, a random one is generated and
   * shown once through `showAdminPassword`. An existing admin keeps its own.
   */
  adminPassword?: string;
  /** Shows a generated admin password once; a banner on the process's stdout when omitted (never the log). */
  showAdminPassword?: (password: string) => void;
  /** A session ends after this many minutes without a request (ALUR_SESSION_IDLE_MINUTES); 60 when omitted. */
  sessionIdleMinutes?: number;
  /** Code of the unit handling cases started without one (ALUR_DEFAULT_UNIT). */
  defaultUnit?: string;
  /** Request log at this level (true: info), without personal data; off when omitted. */
  logger?: boolean | LogLevel;
  /** Login and tracking-page rate limits; DEFAULT_RATE_LIMITS when omitted. */
  rateLimits?: RateLimits;
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (ALUR_TRUST_PROXY). */
  trustProxy?: boolean;
  /** Largest case document accepted (ALUR_DOCUMENT_MAX_BYTES); 10 MB when omitted. */
  documentMaxBytes?: number;
  /** Internal addresses webhooks may call (ALUR_OUTBOUND_ALLOW); public addresses only when omitted. */
  outboundPolicy?: OutboundPolicy;
  /** Largest size of a case's variables as JSON (ALUR_MAX_CASE_VARIABLES_BYTES); 256 KB when omitted. */
  maxCaseVariablesBytes?: number;
  /** ALUR_SOP_APPROVAL: `off` (a deploy is berlaku at once, the default) or `required` (draft, diajukan, disahkan, berlaku). */
  sopApproval?: SopApproval;
  /** ALUR_SLA_AT_RISK_SHARE, ALUR_IDLE_AFTER (read at boot); the defaults when omitted. */
  governance?: GovernanceSettings;
  /**
   * The database URL the API LISTENs on for live events (task and case changes
   * pushed to open pages, GET /api/events/stream); live events are off without it.
   */
  databaseUrl?: string;
  /** Under `npm start`: its supervisor's view of the worker process, reported by /api/health. */
  supervisedWorker?: () => SupervisedWorkerState | undefined;
}

const webAppDir = fileURLToPath(new URL('../../modeler/dist', import.meta.url));
const MAX_BPMN_BYTES = 5 * 1024 * 1024;

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const logger = opts.logger ? apiLoggerOptions(opts.logger === true ? 'info' : opts.logger) : false;
  // A request id in every error answer, to find the logged error by (random: unique across restarts and processes).
  const app = Fastify({ logger, bodyLimit: MAX_BPMN_BYTES, trustProxy: opts.trustProxy ?? false, genReqId: () => randomUUID() });
  const rateLimits = opts.rateLimits ?? DEFAULT_RATE_LIMITS;
  await registerSecurity(app, rateLimits);
  await registerLimits(app, MAX_BPMN_BYTES);
  const services = createServices(opts.prisma, opts.temporal, opts.taskQueue, {
    defaultUnit: opts.defaultUnit,
    documentMaxBytes: opts.documentMaxBytes,
    outboundPolicy: opts.outboundPolicy,
    maxCaseVariablesBytes: opts.maxCaseVariablesBytes ?? DEFAULT_MAX_CASE_VARIABLES_BYTES,
    sessionIdleMinutes: opts.sessionIdleMinutes,
    sopApproval: opts.sopApproval,
    governance: opts.governance,
  });
  // Who is calling (and auditors refused on writes) before anything else; every write lands in the audit trail.
  app.addHook('onRequest', services.auth.identify());
  refusedRequestLimit(app, rateLimits.refusedPerMinute ?? DEFAULT_RATE_LIMITS.refusedPerMinute!);
  app.addHook('preHandler', services.audit.beginWrites());
  app.addHook('onSend', services.audit.recordWrites());
  // The audit chains' heads, anchored in batches (prisma/src/audit.ts).
  const stopAnchoring = services.audit.startAnchoring(AUDIT_ANCHOR_EVERY_MS, (err) => app.log.warn({ err }, 'anchoring the audit chains failed; trying again'));
  app.addHook('onClose', stopAnchoring);
  app.addHook('onSend', rejectedActionHook(opts.prisma));

  // Answers compressed (brotli or gzip, as the client accepts, from 1 KB); request bodies are
  // not decompressed: no route takes compressed uploads, and a small body stays a small body.
  app.addHook('onRoute', (route) => {
    route.decompress ??= false;
  });
  await app.register(fastifyCompress, { encodings: ['br', 'gzip'] });

  app.addContentTypeParser(['application/xml', 'text/xml'], { parseAs: 'string' }, (_req, body, done) => done(null, body));
  app.setErrorHandler(errorHandler(app));
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/')) return reply.code(404).send({ message: `No route ${req.method} ${req.url.split('?')[0]}` });
    // Client-side routes get the app; a missing built asset stays a 404 (not HTML under a .js name).
    if (!req.url.startsWith('/assets/') && existsSync(`${webAppDir}/index.html`)) return reply.sendFile('index.html');
    return reply.code(404).send({ message: 'Not found' });
  });

  await app.register(swagger, {
    openapi: {
      info: { title: 'Alur API', version: '0.1.0', description: 'Government SOPs (BPMN) run as tracked cases on Temporal' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  // The same document as /docs/json, under /api for clients (the web app's types come from the same schemas).
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(healthRoutes, { ...services, taskQueue: opts.taskQueue, supervisedWorker: opts.supervisedWorker });
  for (const plugin of [
    authRoutes,
    sopRoutes,
    instanceRoutes,
    taskRoutes,
    trackRoutes,
    publicSopRoutes,
    unitRoutes,
    userRoutes,
    auditRoutes,
    formRoutes,
    decisionRoutes,
    taskDetailRoutes,
    overrideRoutes,
    deviationRoutes,
    rejectedActionRoutes,
    slaRoutes,
    calendarRoutes,
    webhookRoutes,
    messageRoutes,
    teamRoutes,
    reportRoutes,
    signalRoutes,
    documentRoutes,
    incidentRoutes,
    channelRoutes,
    complaintRoutes,
    sopLifecycleRoutes,
    sopIdentityRoutes,
    triageRoutes,
    sopApPdfRoutes,
    publicComplianceRoutes,
    spbeReportRoutes,
    sopDiffRoutes,
    noticeRoutes,
    verdictRoutes,
    complaintFigureRoutes,
  ]) {
    await app.register(plugin, services);
  }
  // Job workers at the paths Camunda's clients use (issue 15): /v2/jobs/..., /engine-rest/external-task/...
  await app.register(camunda8JobRoutes, services);
  await app.register(camunda7JobRoutes, services);
  // Lookups each case start makes (unit calendars), cached until a change is announced (cases/src/lookup-cache.ts).
  const lookups = opts.databaseUrl ? await startLookupCache(opts.prisma, opts.databaseUrl, (m) => app.log.warn(m)) : undefined;
  if (lookups) app.addHook('onClose', () => lookups.close());
  // Live events: one LISTENing connection per API process, closed with the app.
  const events = opts.databaseUrl ? new LiveEvents(opts.prisma, opts.databaseUrl, (m) => app.log.warn(m)) : undefined;
  if (events) {
    // The same notices wake the waits of task Updates and case starts for their projection.
    events.onCaseEvent((caseId) => services.projection.notice(caseId));
    await events.start();
    if (events.listening) services.projection.noticesOn();
    app.addHook('onClose', () => events.close());
  }
  app.addHook('onClose', async () => services.projection.close());
  await app.register(eventRoutes, { ...services, events });
  if (existsSync(webAppDir)) {
    await app.register(fastifyStatic, { root: webAppDir, wildcard: false, cacheControl: false, setHeaders: setWebAppCacheHeaders });
  }

  const admin = await services.auth.ensureAdmin(opts.adminPassword).catch(async (err: unknown) => {
    await app.close();
    throw err;
  });
  if (admin.generatedPassword) (opts.showAdminPassword ?? printAdminPassword)(admin.generatedPassword);
  return app;
}

/**
 * Files under assets/ carry a content hash in their names (Vite), so they never
 * change: cached for a year. Everything else (index.html, which names the current
 * hashed files) is checked with the server on every use.
 */
function setWebAppCacheHeaders(res: { setHeader(name: string, value: string): unknown }, path: string): void {
  const relative = path.slice(webAppDir.length).replaceAll('\\', '/');
  res.setHeader('cache-control', relative.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/**
 * The generated password of the first admin, on the console only: written
 * straight to stdout as its own lines (not through the logger, so no log line
 * or audit entry ever holds it), once, when the account is created.
 */
function printAdminPassword(password: string): void {
  process.stdout.write(
    [
      '',
      '================================================================',
      ' Alur created the account "admin" with this generated password:',
      '',
      `     ${password}`,
      '',
      ' It is shown only this once. Log in and change it (user menu >',
      ' "Ganti kata sandi"); a lost one: npm run admin:reset-password.',
      '================================================================',
      '',
    ].join('\n') + '\n',
  );
}

/**
 * Known errors answer with their status; request validation names the field;
 * anything else is logged and answers a generic message with the request's id
 * (never the error's own text: Prisma messages carry server paths and source lines).
 */
function errorHandler(app: FastifyInstance) {
  return (err: FastifyError | HttpError | Error, req: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    const refused = refusalAnswer(err);
    if (refused) {
      if (refused.status === 503) reply.header('retry-after', '5');
      return reply.code(refused.status).send(refused.body);
    }
    const fe = err as FastifyError;
    if (fe.validation) {
      const errors = fe.validation.map((v) => ({ field: fieldName(fe.validationContext, v), message: v.message ?? 'is invalid' }));
      return reply.code(400).send({ message: `Invalid request: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, errors });
    }
    if (fe.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      const message = bodyTooLargeMessage(req);
      return reply.code(413).send({ message, errors: [{ field: 'body', message }] });
    }
    // Fastify's own refusals (malformed JSON, unsupported media type...) say only what was wrong with the request.
    if (fe.statusCode && fe.statusCode < 500 && (fe.code?.startsWith('FST_') || err instanceof SyntaxError)) {
      return reply.code(fe.statusCode).send({ message: fe.message });
    }
    const down = unavailableDependency(err);
    if (down) {
      app.log.warn({ dependency: down, err, requestId: req.id }, 'dependency unavailable');
      return reply
        .code(503)
        .header('retry-after', '5')
        .send({
          message: `The ${down === 'database' ? 'database' : 'workflow engine (Temporal)'} is unavailable right now; try again shortly`,
          requestId: req.id,
        });
    }
    if (fe.statusCode && fe.statusCode < 500) {
      app.log.warn({ err, requestId: req.id }, 'request refused');
      return reply.code(fe.statusCode).send({ message: 'The request was refused', error: 'refused', requestId: req.id });
    }
    app.log.error({ err, requestId: req.id }, 'unexpected error');
    return reply.code(500).send({ message: `Internal error; it has been logged under request id ${req.id}`, error: 'internal', requestId: req.id });
  };
}

/** "body.variables", "params.version", "body.password"... */
function fieldName(context: string | undefined, v: { instancePath: string; params: Record<string, unknown> }): string {
  const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
  const missing = typeof v.params.missingProperty === 'string' ? v.params.missingProperty : '';
  return [context ?? 'request', path, missing].filter(Boolean).join('.');
}
