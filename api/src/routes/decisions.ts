import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services';
import { DecisionService } from '../services/decisions';
import { HttpError } from '../services/http-error';
import { errors } from './schemas';
import { DESIGNERS } from '../roles';

/** DMN decisions that business rule tasks call (zeebe:calledDecision decisionId). */
export const decisionRoutes: FastifyPluginAsync<Services> = async (app, { auth, prisma }) => {
  const decisions = new DecisionService(prisma);

  app.post<{ Body: string }>(
    '/api/decisions',
    {
      preHandler: auth.authenticate(DESIGNERS),
      preValidation: async (req) => {
        if (!/^(application|text)\/xml\b/.test(req.headers['content-type'] ?? '')) {
          throw new HttpError(415, 'Send the DMN file as XML with Content-Type: application/xml');
        }
      },
      schema: {
        tags: ['decisions'],
        summary: 'Deploy a DMN file (Content-Type: application/xml); each decision table in it gets a new version when it changed',
        security: [{ bearer: [] }],
        consumes: ['application/xml', 'text/xml'],
        body: { type: 'string', minLength: 1 },
        response: {
          201: {
            type: 'object',
            properties: {
              decisions: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { decisionId: { type: 'string' }, name: { type: 'string' }, version: { type: 'integer' }, created: { type: 'boolean' } },
                },
              },
            },
          },
          ...errors(400, 401, 403, 415, 422),
        },
      },
    },
    async (req, reply) => reply.code(201).send(await decisions.deploy(req.body, req.user!.username)),
  );

  app.get<{ Params: { id: string } }>(
    '/api/decisions/:id',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['decisions'],
        summary: "A deployed decision's latest version",
        security: [{ bearer: [] }],
        params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
        response: {
          200: {
            type: 'object',
            properties: {
              decisionId: { type: 'string' },
              name: { type: 'string' },
              version: { type: 'integer' },
              hitPolicy: { type: 'string' },
              aggregation: { type: 'string' },
              inputs: { type: 'array', items: { type: 'string' } },
              outputs: { type: 'array', items: { type: 'string' } },
              rules: { type: 'integer' },
              createdAt: { type: 'string' },
              createdBy: { type: ['string', 'null'] },
            },
          },
          ...errors(401, 404),
        },
      },
    },
    async (req) => decisions.get(req.params.id),
  );
};
