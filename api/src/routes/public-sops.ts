import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services';
import { PublicSopService } from '../services/public-sops';
import { errors } from './schemas';

const keyParams = { type: 'object', properties: { key: { type: 'string', maxLength: 200 } }, required: ['key'] } as const;
const text = { type: 'string' } as const;

/** The public SOP catalogue and the tracked case's diagram: no login, nothing private. */
export const publicSopRoutes: FastifyPluginAsync<Services> = async (app, { prisma }) => {
  const catalogue = new PublicSopService(prisma);

  app.get('/api/public/sops', {
    schema: {
      tags: ['public'],
      summary: 'Every published SOP (latest version), for the public catalogue',
      response: {
        200: {
          type: 'array',
          items: {
            type: 'object',
            properties: { key: text, name: text, version: { type: 'integer' }, publishedAt: text, stepCount: { type: 'integer' } },
            required: ['key', 'name', 'version', 'publishedAt', 'stepCount'],
          },
        },
      },
    },
  }, async () => catalogue.list());

  app.get<{ Params: { key: string } }>('/api/public/sops/:key', {
    schema: {
      tags: ['public'],
      summary: 'One published SOP as plain steps (pelaksana, requirements, time, output) and its diagram without executable detail',
      params: keyParams,
      response: {
        200: {
          type: 'object',
          properties: {
            key: text, name: text, version: { type: 'integer' }, publishedAt: text, sla: text,
            steps: {
              type: 'array',
              items: {
                type: 'object',
                properties: { elementId: text, name: text, pelaksana: text, kelengkapan: text, waktu: text, output: text, sla: text },
                required: ['elementId', 'name'],
              },
            },
            requirements: { type: 'array', items: text },
            xml: { type: 'string', description: 'BPMN XML with extension elements, conditions, scripts and documentation removed' },
          },
          required: ['key', 'name', 'version', 'publishedAt', 'steps', 'requirements', 'xml'],
        },
        ...errors(404),
      },
    },
  }, async (req) => catalogue.get(req.params.key));

  app.get<{ Params: { trackingCode: string } }>('/api/track/:trackingCode/diagram', {
    schema: {
      tags: ['public'],
      summary: "A tracked case's diagram (without executable detail) and which elements are current and done",
      params: { type: 'object', properties: { trackingCode: { type: 'string', maxLength: 40 } }, required: ['trackingCode'] },
      response: {
        200: {
          type: 'object',
          properties: {
            xml: text,
            activeElementIds: { type: 'array', items: text },
            completedElementIds: { type: 'array', items: text },
          },
          required: ['xml', 'activeElementIds', 'completedElementIds'],
        },
        ...errors(400, 404),
      },
    },
  }, async (req) => catalogue.trackDiagram(req.params.trackingCode));
};
