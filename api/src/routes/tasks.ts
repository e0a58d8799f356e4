import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services';
import { errors, variablesSchema } from './schemas';

export const taskRoutes: FastifyPluginAsync<Services> = async (app, { auth, cases }) => {
  app.get<{ Querystring: { instanceId?: string } }>('/api/tasks', {
    preHandler: auth.authenticate(),
    schema: {
      tags: ['tasks'],
      summary: "The caller's inbox: open tasks for any of its roles",
      security: [{ bearer: [] }],
      querystring: { type: 'object', properties: { instanceId: { type: 'string' } }, additionalProperties: false },
      response: {
        200: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              id: { type: 'string' }, instanceId: { type: 'string' }, elementId: { type: 'string' }, name: { type: 'string' },
              candidateRoles: { type: 'array', items: { type: 'string' } }, createdAt: { type: 'string' },
            },
          },
        },
        ...errors(400, 401),
      },
    },
  }, async (req) => cases.listTasks(req.user!, req.query.instanceId));

  app.post<{ Params: { id: string }; Body: { variables?: Record<string, unknown> } | undefined }>('/api/tasks/:id/complete', {
    preHandler: auth.authenticate(),
    schema: {
      tags: ['tasks'],
      summary: 'Complete an open task; its variables merge into the case',
      security: [{ bearer: [] }],
      params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      body: { type: 'object', properties: { variables: variablesSchema }, additionalProperties: false },
      response: {
        200: {
          type: 'object',
          properties: { id: { type: 'string' }, status: { const: 'completed' }, completedAt: { type: 'string' } },
        },
        ...errors(400, 401, 403, 404, 409),
      },
    },
  }, async (req) => cases.completeTask(req.params.id, req.user!, req.body?.variables ?? {}));
};
