import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Services } from '../services';
import { PublicRequestService } from '../services/public-requests';
import { PublicSopService } from '../services/public-sops';
import { sendPage } from '../resources/shared/answers';
import { formBody, registerFormFiles } from './form-files';
import { errors } from '../resources/shared/schema';
import {
  PublicRequestAnswer,
  PublicRequestInput,
  PublicSop,
  PublicSopKeyParams,
  PublicSopListQuery,
  PublicSopSummary,
  TrackDiagram,
  TrackDiagramParams,
} from '../resources/public-sops/schema';

/** The public SOP catalogue and the tracked case's diagram: no login, nothing private. */
export const publicSopRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { prisma, sops, cases, documents }) => {
  const catalogue = new PublicSopService(prisma);
  const requests = new PublicRequestService(sops, cases, documents);
  registerFormFiles(app, documents);

  app.get(
    '/api/public/sops',
    {
      schema: {
        tags: ['public'],
        summary: 'Published SOPs (latest version) by name, for the public catalogue; X-Total-Count tells how many there are in all',
        querystring: PublicSopListQuery,
        response: { 200: Type.Array(PublicSopSummary) },
      },
    },
    async (req, reply) => sendPage(reply, await catalogue.list(req.query)),
  );

  app.get(
    '/api/public/sops/:key',
    {
      schema: {
        tags: ['public'],
        summary: 'One published SOP as plain steps (pelaksana, requirements, time, output) and its diagram without executable detail',
        params: PublicSopKeyParams,
        response: { 200: PublicSop, ...errors(404) },
      },
    },
    async (req) => catalogue.get(req.params.key),
  );

  app.post(
    '/api/public/sops/:key/requests',
    {
      schema: {
        tags: ['public'],
        summary: "Submit a request or complaint through the SOP's start form (no login; rate limited like tracking); answers the tracking code",
        params: PublicSopKeyParams,
        // multipart/form-data when the form has file pickers: the files become the case's documents.
        body: formBody(PublicRequestInput),
        response: {
          201: PublicRequestAnswer,
          // 422: the variables do not fit the start form; `errors` names each field.
          ...errors(400, 404, 409, 413, 415, 422, 429),
        },
      },
    },
    async (req, reply) => reply.code(201).send(await requests.submit(req.params.key, req.body.variables, req.body.files)),
  );

  app.get(
    '/api/track/:trackingCode/diagram',
    {
      schema: {
        tags: ['public'],
        summary: "A tracked case's diagram (without executable detail) and which elements are current and done",
        params: TrackDiagramParams,
        response: { 200: TrackDiagram, ...errors(400, 404) },
      },
    },
    async (req) => catalogue.trackDiagram(req.params.trackingCode),
  );
};
