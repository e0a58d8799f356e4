import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services';
import { errors, security } from '../resources/shared/schema';
import { AuditPage, AuditQuery, AuditVerification } from '../resources/audit/schema';
import { AUDIT_READERS } from '../roles';

export const auditRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, audit }) => {
  app.get(
    '/api/audit',
    {
      preHandler: auth.authenticate(AUDIT_READERS),
      schema: {
        tags: ['audit'],
        summary: 'The audit trail, newest first (admin, auditor): every state change of a case and every API write',
        security,
        querystring: AuditQuery,
        response: { 200: AuditPage, ...errors(400, 401, 403) },
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
        response: { 200: AuditVerification, ...errors(401, 403) },
      },
    },
    async () => audit.verify(),
  );
};
