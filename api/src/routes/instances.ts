import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services';
import { errors, IdParams, security } from '../resources/shared/schema';
import { CancelCaseInput, CaseDetail } from '../resources/cases/schema';
import { SUPERVISORS } from '../roles';

export const instanceRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, cases }) => {
  app.get(
    '/api/instances/:id',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['cases'],
        summary: 'A case: status, active steps, history (in the order steps ended) and variables',
        security,
        params: IdParams,
        response: { 200: CaseDetail, ...errors(401, 403, 404) },
      },
    },
    // The projection keeps status and outcome as text; the schema names the values they hold.
    async (req) => (await cases.get(req.params.id, req.user!)) as CaseDetail,
  );

  app.post(
    '/api/instances/:id/cancel',
    {
      preHandler: auth.authenticate(SUPERVISORS),
      schema: {
        tags: ['cases'],
        summary:
          'Cancel a running case (admin, supervisor): ends its tasks and timers, records who and why; an admin also ends a case Temporal runs that never reached the projection',
        security,
        params: IdParams,
        body: CancelCaseInput,
        response: { 200: CaseDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => (await cases.cancel(req.params.id, req.user!, req.body.reason.trim())) as CaseDetail,
  );
};
