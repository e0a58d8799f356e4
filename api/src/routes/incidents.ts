// Incidents: steps stopped for a person to fix, with Camunda Operate's actions
// (retry after fixing variables, skip, cancel the case), each with a reason.
import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services';
import { IncidentService, type IncidentQuery } from '../services/incidents';
import { errors, variablesSchema } from './schemas';
import { pageProperties, sendPage } from './pagination';

export const incidentSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    caseId: { type: 'string' },
    trackingCode: { type: 'string' },
    sopKey: { type: 'string' },
    sopVersion: { type: 'integer' },
    unit: { type: ['string', 'null'], description: 'code of the unit handling the case' },
    elementId: { type: 'string', description: 'the BPMN element the case stopped at' },
    name: { type: 'string', description: "the element's name" },
    message: { type: 'string', description: 'what went wrong' },
    createdAt: { type: 'string' },
    state: { enum: ['open', 'resolved'] },
    resolution: {
      type: ['object', 'null'],
      properties: {
        action: { enum: ['retry', 'skip', 'cancel'] },
        by: { type: ['string', 'null'] },
        reason: { type: ['string', 'null'] },
        at: { type: ['string', 'null'] },
      },
    },
    flows: {
      type: 'array',
      description: "the element's outgoing sequence flows (what a skip may name as flowId)",
      items: { type: 'object', properties: { id: { type: 'string' }, name: { type: 'string' }, target: { type: 'string' } } },
    },
  },
} as const;

const reason = { type: 'string', minLength: 3, maxLength: 2000, description: 'why (kept in the audit trail)' } as const;
const idParams = { type: 'object', properties: { id: { type: 'string', maxLength: 100 } }, required: ['id'] } as const;

export const incidentRoutes: FastifyPluginAsync<Services> = async (app, services) => {
  const { auth } = services;
  const incidents = new IncidentService(services.prisma, services.temporal, services.units, services.cases);
  const common = { tags: ['incidents'], security: [{ bearer: [] }], params: idParams } as const;

  app.get<{ Querystring: IncidentQuery }>(
    '/api/incidents',
    {
      preHandler: [auth.authenticate(), incidents.authorize(true)],
      schema: {
        tags: ['incidents'],
        summary: "Incidents (admin, supervisors; auditors read): steps stopped for a person to fix, newest first; unit supervisors see their units'",
        security: [{ bearer: [] }],
        querystring: {
          type: 'object',
          properties: {
            state: { enum: ['open', 'resolved', 'all'], default: 'open' },
            sopKey: { type: 'string', maxLength: 200 },
            unit: { type: 'string', maxLength: 200, description: 'unit code' },
            elementId: { type: 'string', maxLength: 200 },
            caseId: { type: 'string', maxLength: 100 },
            ...pageProperties(),
          },
          additionalProperties: false,
        },
        response: { 200: { type: 'array', items: incidentSchema }, ...errors(400, 401, 403, 422) },
      },
    },
    async (req, reply) => sendPage(reply, await incidents.list(req.user!, req.query)),
  );

  app.post<{ Params: { id: string }; Body: { reason: string; variables?: Record<string, unknown> } }>(
    '/api/incidents/:id/retry',
    {
      preHandler: [auth.authenticate(), incidents.authorize()],
      schema: {
        ...common,
        summary: 'Run the element again, after merging `variables` into the case (e.g. the value whose absence made a condition fail)',
        body: { type: 'object', properties: { reason, variables: variablesSchema }, required: ['reason'], additionalProperties: false },
        response: { 200: incidentSchema, ...errors(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (req) => incidents.retry(req.user!, req.params.id, req.body.reason.trim(), req.body.variables),
  );

  app.post<{ Params: { id: string }; Body: { reason: string; flowId?: string } }>(
    '/api/incidents/:id/skip',
    {
      preHandler: [auth.authenticate(), incidents.authorize()],
      schema: {
        ...common,
        summary: 'Leave the element as if it were done; `flowId` names the way on when it has several',
        body: { type: 'object', properties: { reason, flowId: { type: 'string', maxLength: 200 } }, required: ['reason'], additionalProperties: false },
        response: { 200: incidentSchema, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => incidents.skip(req.user!, req.params.id, req.body.reason.trim(), req.body.flowId),
  );

  app.post<{ Params: { id: string }; Body: { reason: string } }>(
    '/api/incidents/:id/cancel',
    {
      preHandler: [auth.authenticate(), incidents.authorize()],
      schema: {
        ...common,
        summary: "Cancel the incident's case: its open tasks and timers end, who and why are recorded",
        body: { type: 'object', properties: { reason }, required: ['reason'], additionalProperties: false },
        response: { 200: incidentSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => incidents.cancel(req.user!, req.params.id, req.body.reason.trim()),
  );
};
