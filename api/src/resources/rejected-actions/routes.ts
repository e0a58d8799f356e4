// The actions the engine refused (services/rejected-actions.ts records them), for reports.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../services';
import { REPORT_READERS } from '../../roles';
import { sendPage } from '../shared/answers';
import { AnyObject, errors, Paged, security } from '../shared/schema';

export const rejectedActionRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, rejectedActions }) => {
  app.get(
    '/api/rejected-actions',
    {
      preHandler: auth.authenticate(REPORT_READERS),
      schema: {
        tags: ['governance'],
        summary: 'Actions the engine refused (wrong role, step not active...), newest first; X-Total-Count tells how many there are in all',
        security,
        querystring: Paged({}, 500),
        response: { 200: Type.Array(AnyObject()), ...errors(401, 403) },
      },
    },
    async (req, reply) => sendPage(reply, await rejectedActions.list(req.query)),
  );
};
