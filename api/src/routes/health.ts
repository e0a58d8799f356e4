import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services';

export const healthRoutes: FastifyPluginAsync<Services> = async (app, { prisma, temporal }) => {
  app.get('/api/health', {
    schema: {
      tags: ['system'],
      summary: 'Ready when the API, the database and Temporal all answer',
      response: {
        200: { type: 'object', properties: { status: { const: 'ok' } }, required: ['status'] },
        503: {
          type: 'object',
          properties: { status: { const: 'unavailable' }, database: { type: 'string' }, temporal: { type: 'string' } },
        },
      },
    },
  }, async (_req, reply) => {
    const [database, temporalState] = await Promise.all([
      prisma.$queryRaw`SELECT 1`.then(() => 'ok', (e: Error) => e.message),
      temporal.connection.workflowService.getSystemInfo({}).then(() => 'ok', (e: Error) => e.message),
    ]);
    if (database === 'ok' && temporalState === 'ok') return { status: 'ok' as const };
    return reply.code(503).send({ status: 'unavailable', database, temporal: temporalState });
  });
};
