// Incidents: steps stopped for a person to fix, with Camunda Operate's actions
// (retry after fixing variables, skip, cancel the case), each with a reason.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Services } from '../services';
import { IncidentService } from '../services/incidents';
import { sendPage } from '../resources/shared/answers';
import { errors, security } from '../resources/shared/schema';
import { CancelIncidentInput, Incident, IncidentListQuery, IncidentParams, RetryInput, SkipInput } from '../resources/incidents/schema';

export const incidentRoutes: FastifyPluginAsyncTypebox<Services> = async (app, services) => {
  const { auth } = services;
  const incidents = new IncidentService(services.prisma, services.temporal, services.units, services.cases);
  const common = { tags: ['incidents'], security, params: IncidentParams };

  app.get(
    '/api/incidents',
    {
      preHandler: [auth.authenticate(), incidents.authorize(true)],
      schema: {
        tags: ['incidents'],
        summary: "Incidents (admin, supervisors; auditors read): steps stopped for a person to fix, newest first; unit supervisors see their units'",
        security,
        querystring: IncidentListQuery,
        response: { 200: Type.Array(Incident), ...errors(400, 401, 403, 422) },
      },
    },
    async (req, reply) => sendPage(reply, await incidents.list(req.user!, req.query)),
  );

  app.post(
    '/api/incidents/:id/retry',
    {
      preHandler: [auth.authenticate(), incidents.authorize()],
      schema: {
        ...common,
        summary: 'Run the element again, after merging `variables` into the case (e.g. the value whose absence made a condition fail)',
        body: RetryInput,
        response: { 200: Incident, ...errors(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (req) => incidents.retry(req.user!, req.params.id, req.body.reason.trim(), req.body.variables),
  );

  app.post(
    '/api/incidents/:id/skip',
    {
      preHandler: [auth.authenticate(), incidents.authorize()],
      schema: {
        ...common,
        summary: 'Leave the element as if it were done; `flowId` names the way on when it has several',
        body: SkipInput,
        response: { 200: Incident, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => incidents.skip(req.user!, req.params.id, req.body.reason.trim(), req.body.flowId),
  );

  app.post(
    '/api/incidents/:id/cancel',
    {
      preHandler: [auth.authenticate(), incidents.authorize()],
      schema: {
        ...common,
        summary: "Cancel the incident's case: its open tasks and timers end, who and why are recorded",
        body: CancelIncidentInput,
        response: { 200: Incident, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => incidents.cancel(req.user!, req.params.id, req.body.reason.trim()),
  );
};
