// Messages to cases: from a channel integration (SP4N-LAPOR!, a payment
// gateway...) by name and correlation key, or to one known case.
import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services';
import { MessageService, type MessageBody } from '../services/messages';
import { errors, variablesSchema } from './schemas';
import { MESSAGE_PUBLISHERS } from '../roles';

/**
 * Who may publish by name and key (and so start cases): admins and accounts
 * of channel integrations (role `integrasi`). A message to one known case may
 * come from staff too (e.g. a petugas recording that the citizen brought the
 * missing documents): those who may read the case and hold a role in the unit
 * of the step waiting for the message.
 */

const resultSchema = {
  type: 'object',
  properties: {
    result: {
      enum: ['correlated', 'started', 'buffered'],
      description: 'correlated: a waiting case took it; started: it started cases; buffered: kept until expiresAt for the first case that subscribes',
    },
    messageId: { type: 'string', description: 'buffered: the kept message' },
    expiresAt: { type: 'string', format: 'date-time', description: 'buffered: when it is dropped unless a case took it' },
    instances: {
      type: 'array',
      items: {
        type: 'object',
        properties: { id: { type: 'string' }, trackingCode: { type: 'string' }, sopKey: { type: 'string' }, elementId: { type: 'string' } },
        required: ['id', 'trackingCode', 'sopKey', 'elementId'],
      },
    },
  },
  required: ['result', 'instances'],
} as const;

const name = { type: 'string', minLength: 1, maxLength: 200, description: 'bpmn:message name' } as const;
const correlationKey = {
  type: 'string',
  minLength: 1,
  maxLength: 500,
  description: 'Matches the zeebe:subscription correlationKey the case evaluated (Camunda 7 models: the tracking code)',
} as const;

export const messageRoutes: FastifyPluginAsync<Services> = async (app, { auth, prisma, temporal, cases, units }) => {
  const messages = new MessageService(prisma, temporal, cases, units);

  app.post<{ Body: MessageBody & { correlationKey: string } }>(
    '/api/messages',
    {
      preHandler: auth.authenticate(MESSAGE_PUBLISHERS),
      schema: {
        tags: ['messages'],
        summary:
          'Publish a message (admin, integrasi): the case waiting for it with this correlation key takes it; if none waits, it starts a case of the SOP with a message start event for it; else, with a timeToLive, it is kept for the first case that subscribes (202), without one it is dropped (404)',
        security: [{ bearer: [] }],
        body: {
          type: 'object',
          properties: {
            name,
            correlationKey,
            variables: variablesSchema,
            timeToLive: {
              type: 'string',
              minLength: 1,
              maxLength: 50,
              description: 'ISO-8601 duration (e.g. PT1H, P3D): how long to keep the message when no case waits for it yet',
            },
          },
          required: ['name', 'correlationKey'],
          additionalProperties: false,
        },
        response: { 200: resultSchema, 201: resultSchema, 202: resultSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const result = await messages.publish(req.user!, { ...req.body, name: req.body.name.trim() });
      return reply.code(result.result === 'started' ? 201 : result.result === 'buffered' ? 202 : 200).send(result);
    },
  );

  app.post<{ Params: { id: string }; Body: MessageBody }>(
    '/api/instances/:id/messages',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['messages'],
        summary:
          'Send a message to one case (staff who may read the case and hold a role in the unit of the step waiting for it; admin, integrasi): taken by its first open subscription with this name (and correlation key, when given)',
        security: [{ bearer: [] }],
        params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
        body: {
          type: 'object',
          properties: { name, correlationKey, variables: variablesSchema },
          required: ['name'],
          additionalProperties: false,
        },
        response: { 200: resultSchema, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (req) => messages.deliverToCase(req.params.id, req.user!, { ...req.body, name: req.body.name.trim() }),
  );
};
