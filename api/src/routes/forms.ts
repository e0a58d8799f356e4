import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services';
import { FormService } from '../services/forms';
import { errors, errorSchema } from './schemas';
import { DESIGNERS } from '../roles';

const deployed = {
  type: 'object',
  properties: { formId: { type: 'string' }, version: { type: 'integer' }, warnings: errorSchema.properties.errors },
  required: ['formId', 'version'],
} as const;

/** Forms (form-js / Camunda Forms JSON) that user tasks refer to by formId. */
export const formRoutes: FastifyPluginAsync<Services> = async (app, { auth, prisma }) => {
  const forms = new FormService(prisma);

  app.post<{ Body: Record<string, unknown> }>(
    '/api/forms',
    {
      preHandler: auth.authenticate(DESIGNERS),
      schema: {
        tags: ['forms'],
        summary: 'Deploy a form-js schema (with its "id") as a new version of that form; SOPs deployed afterwards bind the latest version',
        security: [{ bearer: [] }],
        body: { type: 'object', additionalProperties: true },
        response: { 200: deployed, 201: deployed, ...errors(400, 401, 403, 422) },
      },
    },
    async (req, reply) => {
      const { created, warnings, ...result } = await forms.deploy(req.body, req.user!.username);
      return reply.code(created ? 201 : 200).send(warnings.length ? { ...result, warnings } : result);
    },
  );

  app.get<{ Params: { id: string }; Querystring: { version?: number } }>(
    '/api/forms/:id',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['forms'],
        summary: 'A deployed form: its latest version, or the one asked for',
        security: [{ bearer: [] }],
        params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
        querystring: { type: 'object', properties: { version: { type: 'integer', minimum: 1 } }, additionalProperties: false },
        response: {
          200: {
            type: 'object',
            properties: {
              formId: { type: 'string' },
              version: { type: 'integer' },
              schema: { type: 'object', additionalProperties: true },
              createdAt: { type: 'string' },
              createdBy: { type: ['string', 'null'] },
            },
          },
          ...errors(400, 401, 404),
        },
      },
    },
    async (req) => forms.get(req.params.id, req.query.version),
  );
};
