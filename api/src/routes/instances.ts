import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services';
import { errors, variablesSchema } from './schemas';

const stepRef = { type: 'object', properties: { elementId: { type: 'string' }, name: { type: 'string' } } } as const;

export const instanceRoutes: FastifyPluginAsync<Services> = async (app, { auth, cases }) => {
  app.get<{ Params: { id: string } }>('/api/instances/:id', {
    preHandler: auth.authenticate(),
    schema: {
      tags: ['cases'],
      summary: 'A case: status, active steps, history (in the order steps ended) and variables',
      security: [{ bearer: [] }],
      params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      response: {
        200: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            trackingCode: { type: 'string' },
            sopKey: { type: 'string' },
            sopVersion: { type: 'integer' },
            status: { enum: ['running', 'completed', 'terminated', 'failed'] },
            error: { type: 'string' },
            startedAt: { type: 'string' },
            endedAt: { type: ['string', 'null'] },
            activeSteps: { type: 'array', items: stepRef },
            history: {
              type: 'array',
              items: {
                type: 'object',
                properties: {
                  elementId: { type: 'string' }, name: { type: 'string' }, type: { type: 'string' },
                  outcome: { enum: ['completed', 'cancelled'] },
                  startedAt: { type: 'string' }, endedAt: { type: 'string' }, by: { type: 'string' },
                },
              },
            },
            variables: variablesSchema,
          },
        },
        ...errors(401, 404),
      },
    },
  }, async (req) => cases.get(req.params.id));
};
