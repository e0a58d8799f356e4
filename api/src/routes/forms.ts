import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services';
import { FormService } from '../services/forms';
import { errors, IdParams, security } from '../resources/shared/schema';
import { DeployedForm, Form, FormBody, FormQuery } from '../resources/forms/schema';
import { DESIGNERS } from '../roles';

/** Forms (form-js / Camunda Forms JSON) that user tasks refer to by formId. */
export const formRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, prisma }) => {
  const forms = new FormService(prisma);

  app.post(
    '/api/forms',
    {
      preHandler: auth.authenticate(DESIGNERS),
      schema: {
        tags: ['forms'],
        summary: 'Deploy a form-js schema (with its "id") as a new version of that form; SOPs deployed afterwards bind the latest version',
        security,
        body: FormBody,
        response: { 200: DeployedForm, 201: DeployedForm, ...errors(400, 401, 403, 422) },
      },
    },
    async (req, reply) => {
      const { created, warnings, ...result } = await forms.deploy(req.body, req.user!.username);
      return reply.code(created ? 201 : 200).send(warnings.length ? { ...result, warnings } : result);
    },
  );

  app.get(
    '/api/forms/:id',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['forms'],
        summary: 'A deployed form: its latest version, or the one asked for',
        security,
        params: IdParams,
        querystring: FormQuery,
        response: { 200: Form, ...errors(400, 401, 404) },
      },
    },
    async (req) => forms.get(req.params.id, req.query.version),
  );
};
