import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services';
import { DecisionService } from '../services/decisions';
import { HttpError } from '../services/http-error';
import { errors, IdParams, security } from '../resources/shared/schema';
import { Decision, DeployedDecisions, XmlBody } from '../resources/decisions/schema';
import { DESIGNERS } from '../roles';

/** DMN decisions that business rule tasks call (zeebe:calledDecision decisionId). */
export const decisionRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, prisma }) => {
  const decisions = new DecisionService(prisma);

  app.post(
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
        security,
        consumes: ['application/xml', 'text/xml'],
        body: XmlBody,
        response: { 201: DeployedDecisions, ...errors(400, 401, 403, 415, 422) },
      },
    },
    async (req, reply) => reply.code(201).send(await decisions.deploy(req.body, req.user!.username)),
  );

  app.get(
    '/api/decisions/:id',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['decisions'],
        summary: "A deployed decision's latest version",
        security,
        params: IdParams,
        response: { 200: Decision, ...errors(401, 404) },
      },
    },
    async (req) => decisions.get(req.params.id),
  );
};
