import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services';
import { PublicRequestService } from '../services/public-requests';
import { PublicSopService } from '../services/public-sops';
import type { PageQuery } from '../services/page';
import { pageProperties, sendPage } from './pagination';
import { errors, variablesSchema } from './schemas';
import { formBody, registerFormFiles, type FormSubmission } from './form-files';

const keyParams = { type: 'object', properties: { key: { type: 'string', maxLength: 200 } }, required: ['key'] } as const;
const text = { type: 'string' } as const;

/** The public SOP catalogue and the tracked case's diagram: no login, nothing private. */
export const publicSopRoutes: FastifyPluginAsync<Services> = async (app, { prisma, sops, cases, documents }) => {
  const catalogue = new PublicSopService(prisma);
  const requests = new PublicRequestService(sops, cases, documents);
  registerFormFiles(app, documents);

  app.get<{ Querystring: PageQuery }>(
    '/api/public/sops',
    {
      schema: {
        tags: ['public'],
        summary: 'Published SOPs (latest version) by name, for the public catalogue; X-Total-Count tells how many there are in all',
        querystring: { type: 'object', properties: pageProperties(), additionalProperties: false },
        response: {
          200: {
            type: 'array',
            items: {
              type: 'object',
              properties: { key: text, name: text, version: { type: 'integer' }, publishedAt: text, stepCount: { type: 'integer' } },
              required: ['key', 'name', 'version', 'publishedAt', 'stepCount'],
            },
          },
        },
      },
    },
    async (req, reply) => sendPage(reply, await catalogue.list(req.query)),
  );

  app.get<{ Params: { key: string } }>(
    '/api/public/sops/:key',
    {
      schema: {
        tags: ['public'],
        summary: 'One published SOP as plain steps (pelaksana, requirements, time, output) and its diagram without executable detail',
        params: keyParams,
        response: {
          200: {
            type: 'object',
            properties: {
              key: text,
              name: text,
              version: { type: 'integer' },
              publishedAt: text,
              sla: text,
              steps: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: { elementId: text, name: text, pelaksana: text, kelengkapan: text, waktu: text, output: text, sla: text },
                  required: ['elementId', 'name'],
                },
              },
              requirements: { type: 'array', items: text },
              startForm: {
                type: 'object',
                additionalProperties: true,
                description: 'the form-js schema of the start form, when citizens can submit a request through it',
              },
              xml: { type: 'string', description: 'BPMN XML with extension elements, conditions, scripts and documentation removed' },
            },
            required: ['key', 'name', 'version', 'publishedAt', 'steps', 'requirements', 'xml'],
          },
          ...errors(404),
        },
      },
    },
    async (req) => catalogue.get(req.params.key),
  );

  app.post<{ Params: { key: string }; Body: FormSubmission & { variables: Record<string, unknown> } }>(
    '/api/public/sops/:key/requests',
    {
      schema: {
        tags: ['public'],
        summary: "Submit a request or complaint through the SOP's start form (no login; rate limited like tracking); answers the tracking code",
        params: keyParams,
        // multipart/form-data when the form has file pickers: the files become the case's documents.
        body: formBody({ type: 'object', properties: { variables: variablesSchema }, required: ['variables'], additionalProperties: false }),
        response: {
          201: { type: 'object', properties: { trackingCode: text }, required: ['trackingCode'] },
          // 422: the variables do not fit the start form; `errors` names each field.
          ...errors(400, 404, 409, 413, 415, 422, 429),
        },
      },
    },
    async (req, reply) => reply.code(201).send(await requests.submit(req.params.key, req.body.variables, req.body.files)),
  );

  app.get<{ Params: { trackingCode: string } }>(
    '/api/track/:trackingCode/diagram',
    {
      schema: {
        tags: ['public'],
        summary: "A tracked case's diagram (without executable detail) and which elements are current and done",
        params: { type: 'object', properties: { trackingCode: { type: 'string', maxLength: 40 } }, required: ['trackingCode'] },
        response: {
          200: {
            type: 'object',
            properties: {
              xml: text,
              activeElementIds: { type: 'array', items: text },
              completedElementIds: { type: 'array', items: text },
            },
            required: ['xml', 'activeElementIds', 'completedElementIds'],
          },
          ...errors(400, 404),
        },
      },
    },
    async (req) => catalogue.trackDiagram(req.params.trackingCode),
  );
};
