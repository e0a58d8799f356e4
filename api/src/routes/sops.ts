import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services';
import { HttpError } from '../services/http-error';
import type { PageQuery } from '../services/page';
import { pageProperties, sendPage } from './pagination';
import { errors, errorSchema, variablesSchema } from './schemas';
import { formBody, registerFormFiles, type FormSubmission } from './form-files';
import { attachFormFiles } from '../services/form-files';
import { startFormSchema } from '../services/start-form';
import { DESIGNERS } from '../roles';

const versionSummary = {
  type: 'object',
  properties: {
    key: { type: 'string' },
    version: { type: 'integer' },
    name: { type: 'string' },
    warnings: errorSchema.properties.errors,
  },
  required: ['key', 'version', 'name'],
} as const;

export const sopRoutes: FastifyPluginAsync<Services> = async (app, { auth, sops, cases, documents }) => {
  registerFormFiles(app, documents);
  app.post<{ Body: string }>(
    '/api/sops',
    {
      preHandler: auth.authenticate(DESIGNERS),
      preValidation: async (req) => {
        if (!/^(application|text)\/xml\b/.test(req.headers['content-type'] ?? '')) {
          throw new HttpError(415, 'Send the BPMN diagram as XML with Content-Type: application/xml');
        }
      },
      schema: {
        tags: ['sops'],
        summary: 'Deploy a BPMN diagram (Content-Type: application/xml) as a new SOP version',
        security: [{ bearer: [] }],
        consumes: ['application/xml', 'text/xml'],
        body: { type: 'string', minLength: 1 },
        response: { 200: versionSummary, 201: versionSummary, ...errors(400, 401, 403, 415, 422) },
      },
    },
    async (req, reply) => {
      const { created, warnings, ...result } = await sops.deploy(req.body, req.user!.username);
      return reply.code(created ? 201 : 200).send(warnings.length ? { ...result, warnings } : result);
    },
  );

  const problemList = {
    type: 'array',
    items: {
      type: 'object',
      properties: {
        elementId: { type: 'string' },
        elementName: { type: 'string', description: "the element's name in the diagram, when it has one" },
        field: { type: 'string' },
        message: { type: 'string' },
      },
      required: ['message'],
    },
  } as const;

  app.post<{ Body: string }>(
    '/api/sops/validate',
    {
      preHandler: auth.authenticate(DESIGNERS),
      preValidation: async (req) => {
        if (!/^(application|text)\/xml\b/.test(req.headers['content-type'] ?? '')) {
          throw new HttpError(415, 'Send the BPMN diagram as XML with Content-Type: application/xml');
        }
      },
      schema: {
        tags: ['sops'],
        summary: 'Check a BPMN diagram (Content-Type: application/xml) as POST /api/sops would, without deploying it',
        description:
          'The same checks as a deploy (compiler, forms and decisions, called SOPs, units): `errors` is what a deploy would refuse (422), `warnings` what it would accept but Alur does not act on. Always 200 for a diagram that was read; nothing is stored.',
        security: [{ bearer: [] }],
        consumes: ['application/xml', 'text/xml'],
        body: { type: 'string', minLength: 1 },
        response: {
          200: { type: 'object', properties: { errors: problemList, warnings: problemList }, required: ['errors', 'warnings'] },
          ...errors(400, 401, 403, 415),
        },
      },
    },
    async (req) => sops.validate(req.body),
  );

  app.get<{ Querystring: PageQuery }>(
    '/api/sops',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['sops'],
        summary: 'Deployed SOPs with their latest version, by key; X-Total-Count tells how many there are in all',
        security: [{ bearer: [] }],
        querystring: { type: 'object', properties: pageProperties(), additionalProperties: false },
        response: {
          200: {
            type: 'array',
            items: {
              type: 'object',
              properties: { key: { type: 'string' }, name: { type: 'string' }, latestVersion: { type: 'integer' }, updatedAt: { type: 'string' } },
            },
          },
          ...errors(400, 401),
        },
      },
    },
    async (req, reply) => sendPage(reply, await sops.list(req.query)),
  );

  app.get<{ Params: { key: string } }>(
    '/api/sops/:key',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['sops'],
        summary: 'One SOP and its versions',
        security: [{ bearer: [] }],
        params: { type: 'object', properties: { key: { type: 'string' } }, required: ['key'] },
        response: {
          200: {
            type: 'object',
            properties: {
              key: { type: 'string' },
              name: { type: 'string' },
              latestVersion: { type: 'integer' },
              versions: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    version: { type: 'integer' },
                    name: { type: 'string' },
                    createdAt: { type: 'string' },
                    createdBy: { type: ['string', 'null'] },
                    hash: { type: 'string' },
                    state: { type: 'string', enum: ['draft', 'diajukan', 'disahkan', 'berlaku', 'dicabut'] },
                    effectiveFrom: { type: ['string', 'null'], description: 'when a berlaku version is in force from' },
                  },
                },
              },
            },
          },
          ...errors(401, 404),
        },
      },
    },
    async (req) => sops.get(req.params.key),
  );

  app.get<{ Params: { key: string; version: number } }>(
    '/api/sops/:key/versions/:version/xml',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['sops'],
        summary: 'The BPMN XML of one SOP version',
        security: [{ bearer: [] }],
        params: { type: 'object', properties: { key: { type: 'string' }, version: { type: 'integer', minimum: 1 } }, required: ['key', 'version'] },
        response: { 200: { type: 'string' }, ...errors(401, 404) },
      },
    },
    async (req, reply) => {
      const { xml } = await sops.getVersion(req.params.key, req.params.version);
      return reply.type('application/xml').send(xml);
    },
  );

  app.post<{ Params: { key: string }; Body: (FormSubmission & { unitId?: string; unit?: string }) | undefined }>(
    '/api/sops/:key/instances',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['cases'],
        summary: "Start a case of the SOP's latest version",
        security: [{ bearer: [] }],
        params: { type: 'object', properties: { key: { type: 'string' } }, required: ['key'] },
        headers: {
          type: 'object',
          properties: {
            'idempotency-key': {
              type: 'string',
              minLength: 1,
              maxLength: 200,
              description: 'the same key (per user) answers with the case it started first instead of starting another',
            },
          },
        },
        // multipart/form-data when the start form has file pickers: the files become the case's documents.
        body: formBody({
          type: 'object',
          properties: {
            variables: variablesSchema,
            unitId: { type: 'string', description: 'id of the unit handling the case' },
            unit: { type: 'string', description: 'or its code; default ALUR_DEFAULT_UNIT' },
          },
          additionalProperties: false,
        }),
        response: {
          201: { type: 'object', properties: { id: { type: 'string' }, trackingCode: { type: 'string' } }, required: ['id', 'trackingCode'] },
          ...errors(400, 401, 403, 404, 409, 413, 415, 422),
        },
      },
    },
    async (req, reply) => {
      const { variables = {}, unitId, unit, files = {} } = req.body ?? {};
      const key = req.headers['idempotency-key'];
      const scopedKey = typeof key === 'string' ? `${req.user!.username}\n${key}` : undefined;
      await cases.assertMayStart(req.user!, { unitId, unit });
      // The start form's file pickers: their files become the case's documents, their variables name them.
      const attached = attachFormFiles(startFormSchema((await sops.getVersion(req.params.key)).ir), variables, files, documents);
      const started = await cases.start(req.params.key, attached.variables, { unitId, unit }, undefined, scopedKey);
      await documents.storeForNewCase(started.id, req.user!.username, attached.documents);
      return reply.code(201).send(started);
    },
  );
};
