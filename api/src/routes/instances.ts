import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services';
import { errors, OUTCOME_SCHEMA, variablesSchema } from './schemas';
import { SUPERVISORS } from '../roles';
import { incidentSchema } from './incidents';

const stepRef = { type: 'object', properties: { elementId: { type: 'string' }, name: { type: 'string' }, dueAt: { type: 'string' } } } as const;

/** Roles that may cancel a case. */

export const instanceRoutes: FastifyPluginAsync<Services> = async (app, { auth, cases }) => {
  const caseSchema = {
    type: 'object',
    properties: {
      id: { type: 'string' },
      trackingCode: { type: 'string' },
      sopKey: { type: 'string' },
      sopVersion: { type: 'integer' },
      unit: { type: ['string', 'null'], description: 'code of the unit handling the case' },
      timeZone: { type: 'string', description: "IANA zone of the unit's calendar, to show the case's times in (default Asia/Jakarta)" },
      status: {
        enum: ['running', 'incident', 'completed', 'terminated', 'failed'],
        description: 'incident: running, with a step stopped for a person to fix (see incidents)',
      },
      error: { type: 'string' },
      cancellation: { type: 'object', properties: { by: { type: 'string' }, reason: { type: 'string' } } },
      outcome: OUTCOME_SCHEMA,
      startedAt: { type: 'string' },
      endedAt: { type: ['string', 'null'] },
      dueAt: { type: ['string', 'null'], description: "The case's SLA due date (expected completion)" },
      parentCase: {
        type: 'object',
        description: 'The calling case, when a call activity of it started this case',
        properties: { id: { type: 'string' }, elementId: { type: 'string', description: 'its call activity' } },
      },
      calledCases: {
        type: 'array',
        description: "Cases this case's call activities started (each a case of its own, with its own tracking code and tasks)",
        items: {
          type: 'object',
          properties: {
            id: { type: 'string' },
            trackingCode: { type: 'string' },
            elementId: { type: 'string', description: 'the call activity' },
            sopKey: { type: 'string' },
            sopVersion: { type: 'integer' },
            status: { enum: ['running', 'incident', 'completed', 'terminated', 'failed'] },
            startedAt: { type: 'string' },
            endedAt: { type: ['string', 'null'] },
          },
        },
      },
      incidents: { type: 'array', description: "the case's incidents, newest first (open ones stop a step until resolved)", items: incidentSchema },
      activeSteps: { type: 'array', items: stepRef },
      history: {
        type: 'array',
        items: {
          type: 'object',
          properties: {
            elementId: { type: 'string' },
            name: { type: 'string' },
            type: { type: 'string' },
            outcome: { enum: ['completed', 'cancelled'] },
            startedAt: { type: 'string' },
            endedAt: { type: 'string' },
            by: { type: 'string' },
          },
        },
      },
      variables: variablesSchema,
    },
  } as const;
  const idParams = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;

  app.get<{ Params: { id: string } }>(
    '/api/instances/:id',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['cases'],
        summary: 'A case: status, active steps, history (in the order steps ended) and variables',
        security: [{ bearer: [] }],
        params: idParams,
        response: {
          200: caseSchema,
          ...errors(401, 403, 404),
        },
      },
    },
    async (req) => cases.get(req.params.id, req.user!),
  );

  app.post<{ Params: { id: string }; Body: { reason: string } }>(
    '/api/instances/:id/cancel',
    {
      preHandler: auth.authenticate(SUPERVISORS),
      schema: {
        tags: ['cases'],
        summary:
          'Cancel a running case (admin, supervisor): ends its tasks and timers, records who and why; an admin also ends a case Temporal runs that never reached the projection',
        security: [{ bearer: [] }],
        params: idParams,
        body: {
          type: 'object',
          properties: { reason: { type: 'string', minLength: 3, maxLength: 2000 } },
          required: ['reason'],
          additionalProperties: false,
        },
        response: { 200: caseSchema, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => cases.cancel(req.params.id, req.user!, req.body.reason.trim()),
  );
};
