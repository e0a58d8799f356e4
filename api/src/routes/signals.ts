// Signals: broadcast by name to every case waiting for one, and to every SOP
// starting on one (e.g. "banjir-darurat": every pending permit case pauses).
import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services';
import { SignalService, type SignalBody } from '../services/signals';
import { MESSAGE_PUBLISHERS } from '../roles';
import { errors, variablesSchema } from './schemas';

const signalCase = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    trackingCode: { type: 'string' },
    sopKey: { type: 'string' },
    elementIds: { type: 'array', items: { type: 'string' } },
  },
  required: ['id', 'trackingCode', 'sopKey', 'elementIds'],
} as const;

const resultSchema = {
  type: 'object',
  properties: {
    caught: { type: 'array', items: signalCase, description: 'Running cases that took the signal, with the elements that caught it' },
    started: { type: 'array', items: signalCase, description: 'Cases started by a signal start event' },
  },
  required: ['caught', 'started'],
} as const;

export const signalRoutes: FastifyPluginAsync<Services> = async (app, { auth, prisma, temporal, cases }) => {
  const signals = new SignalService(prisma, temporal, cases);

  app.post<{ Body: SignalBody }>(
    '/api/signals',
    {
      preHandler: auth.authenticate(MESSAGE_PUBLISHERS),
      schema: {
        tags: ['messages'],
        summary: 'Broadcast a signal (admin, integrasi): every case waiting for it takes it, every SOP with a signal start event for it starts a case',
        security: [{ bearer: [] }],
        body: {
          type: 'object',
          properties: { name: { type: 'string', minLength: 1, maxLength: 200, description: 'bpmn:signal name' }, variables: variablesSchema },
          required: ['name'],
          additionalProperties: false,
        },
        response: { 200: resultSchema, ...errors(400, 401, 403, 422) },
      },
    },
    async (req) => signals.publish({ username: req.user!.username, roles: req.user!.roles }, { ...req.body, name: req.body.name.trim() }),
  );
};
