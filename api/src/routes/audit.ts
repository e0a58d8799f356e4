import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services';
import type { AuditFilters } from '../services/audit';
import { pageProperties } from './pagination';
import { errors } from './schemas';
import { AUDIT_READERS } from '../roles';

const security = [{ bearer: [] }];

const entrySchema = {
  type: 'object',
  properties: {
    seq: { type: 'integer' },
    at: { type: 'string' },
    actor: { type: ['string', 'null'] },
    action: { type: 'string' },
    target: { type: ['string', 'null'] },
    details: { type: 'object', additionalProperties: true },
    prevHash: { type: 'string' },
    hash: { type: 'string' },
  },
} as const;

export const auditRoutes: FastifyPluginAsync<Services> = async (app, { auth, audit }) => {
  app.get<{ Querystring: AuditFilters }>(
    '/api/audit',
    {
      preHandler: auth.authenticate(AUDIT_READERS),
      schema: {
        tags: ['audit'],
        summary: 'The audit trail, newest first (admin, auditor): every state change of a case and every API write',
        security,
        querystring: {
          type: 'object',
          properties: {
            actor: { type: 'string' },
            action: { type: 'string', description: 'exact, or a prefix ending in * (task.*, api.*)' },
            target: { type: 'string', description: 'e.g. case:<id>, units:<code>, tasks:<id>' },
            from: { type: 'string', format: 'date-time' },
            to: { type: 'string', format: 'date-time' },
            ...pageProperties(500),
          },
          additionalProperties: false,
        },
        response: {
          200: { type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: entrySchema } }, required: ['total', 'items'] },
          ...errors(400, 401, 403),
        },
      },
    },
    async (req, reply) => {
      const page = await audit.list(req.query);
      return reply.header('x-total-count', String(page.total)).send(page);
    },
  );

  app.get(
    '/api/audit/verify',
    {
      preHandler: auth.authenticate(AUDIT_READERS),
      schema: {
        tags: ['audit'],
        summary: 'Recompute the hash chain from the first entry; names the first entry that was edited, deleted or reordered (admin, auditor)',
        security,
        response: {
          200: {
            type: 'object',
            properties: {
              ok: { type: 'boolean' },
              entries: { type: 'integer', description: 'entries checked' },
              firstBroken: { type: 'object', properties: { seq: { type: 'integer' }, reason: { type: 'string' } } },
            },
            required: ['ok', 'entries'],
          },
          ...errors(401, 403),
        },
      },
    },
    async () => audit.verify(),
  );
};
