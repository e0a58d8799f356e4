import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../services';
import { ADMINS } from '../../roles';
import { errors, security } from '../shared/schema';
import { SlaOverrides, SlaOverridesBody, SlaParams } from './schema';

export const slaRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, slas }) => {
  app.put(
    '/api/sops/:key/versions/:version/slas',
    {
      preHandler: auth.authenticate(ADMINS),
      schema: {
        tags: ['governance'],
        summary: "Set the Standar Pelayanan's SLAs of an SOP version per element id (the process id: the whole case); null removes one",
        security,
        params: SlaParams,
        body: SlaOverridesBody,
        response: { 200: SlaOverrides, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (req) => slas.set(req.params.key, req.params.version, req.body.overrides, req.user!.username),
  );
};
