import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Services } from '../services';
import { HttpError } from '../services/http-error';
import { sendPage } from '../resources/shared/answers';
import { formBody, registerFormFiles } from './form-files';
import { attachFormFiles } from '../services/form-files';
import { startFormSchema } from '../services/start-form';
import { errors, Paged, security } from '../resources/shared/schema';
import { DeployResult, SopDetail, SopKeyParams, SopSummary, SopVersionParams, ValidationResult, XmlBody } from '../resources/sops/schema';
import { StartCaseHeaders, StartCaseInput, StartedCase } from '../resources/cases/schema';
import { DESIGNERS } from '../roles';

export const sopRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, sops, cases, documents }) => {
  registerFormFiles(app, documents);
  app.post(
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
        security,
        consumes: ['application/xml', 'text/xml'],
        body: XmlBody,
        response: { 200: DeployResult, 201: DeployResult, ...errors(400, 401, 403, 415, 422) },
      },
    },
    async (req, reply) => {
      const { created, warnings, ...result } = await sops.deploy(req.body, req.user!.username);
      return reply.code(created ? 201 : 200).send(warnings.length ? { ...result, warnings } : result);
    },
  );

  app.post(
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
        security,
        consumes: ['application/xml', 'text/xml'],
        body: XmlBody,
        response: { 200: ValidationResult, ...errors(400, 401, 403, 415) },
      },
    },
    async (req) => sops.validate(req.body),
  );

  app.get(
    '/api/sops',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['sops'],
        summary: 'Deployed SOPs with their latest version, by key; X-Total-Count tells how many there are in all',
        security,
        querystring: Paged({}),
        response: { 200: Type.Array(SopSummary), ...errors(400, 401) },
      },
    },
    async (req, reply) => sendPage(reply, await sops.list(req.query)),
  );

  app.get(
    '/api/sops/:key',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['sops'],
        summary: 'One SOP and its versions',
        security,
        params: SopKeyParams,
        response: { 200: SopDetail, ...errors(401, 404) },
      },
    },
    async (req) => {
      const detail = await sops.get(req.params.key);
      // The start form, so staff starting a case by hand fill the same form as a citizen.
      const startForm = startFormSchema((await sops.getVersion(req.params.key, detail.latestVersion)).ir);
      return startForm ? { ...detail, startForm: startForm as unknown as Record<string, unknown> } : detail;
    },
  );

  app.get(
    '/api/sops/:key/versions/:version/xml',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['sops'],
        summary: 'The BPMN XML of one SOP version',
        security,
        params: SopVersionParams,
        response: { 200: Type.String(), ...errors(401, 404) },
      },
    },
    async (req, reply) => {
      const { xml } = await sops.getVersion(req.params.key, req.params.version);
      return reply.type('application/xml').send(xml);
    },
  );

  app.post(
    '/api/sops/:key/instances',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['cases'],
        summary: "Start a case of the SOP's latest version",
        security,
        params: SopKeyParams,
        headers: StartCaseHeaders,
        // multipart/form-data when the start form has file pickers: the files become the case's documents.
        body: formBody(StartCaseInput),
        response: { 201: StartedCase, ...errors(400, 401, 403, 404, 409, 413, 415, 422) },
      },
    },
    async (req, reply) => {
      const { variables = {}, unitId, unit, files = {} } = req.body ?? {};
      const key = req.headers['idempotency-key'];
      const scopedKey = typeof key === 'string' ? `${req.user!.username}\n${key}` : undefined;
      const { ir } = await sops.getVersion(req.params.key);
      const unitRef = await cases.unitToStartFor(req.user!, ir, variables, { unitId, unit });
      // The start form's file pickers: their files become the case's documents, their variables name them.
      const attached = attachFormFiles(startFormSchema(ir), variables, files, documents);
      const started = await cases.start(req.params.key, attached.variables, unitRef, undefined, scopedKey);
      await documents.storeForNewCase(started.id, req.user!.username, attached.documents);
      return reply.code(201).send(started);
    },
  );
};
