import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../services';
import { DESIGNERS } from '../../roles';
import { errors, security } from '../shared/schema';
import { Lifecycle, TestCaseBody, TestCaseStarted, TransitionBody, VersionParams } from './schema';
import { SopLifecycleService } from './service';

/** The lifecycle of an SOP version: its state, history and transitions, and test cases of versions not in force. */
export const sopLifecycleRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, prisma, sops, cases }) => {
  const lifecycle = new SopLifecycleService(prisma, sops, cases);

  app.get(
    '/api/sops/:key/versions/:version/lifecycle',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['sops'],
        summary: "An SOP version's lifecycle state (draft, diajukan, disahkan, berlaku, dicabut), its history and the transitions the caller may make",
        security,
        params: VersionParams,
        response: { 200: Lifecycle, ...errors(400, 401, 404) },
      },
    },
    async (req) => lifecycle.get(req.user!, req.params.key, req.params.version),
  );

  app.post(
    '/api/sops/:key/versions/:version/transitions',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['sops'],
        summary: 'Move an SOP version through its lifecycle (submit, approve, return, make-effective, retire), with a note; recorded in the audit trail',
        description:
          'submit: a designer or admin, draft -> diajukan (the SOP-AP identity must be complete). approve, return, make-effective, retire: the head (a supervising role) of the OPD owning the SOP, a `pengesah_sop` of its unit tree, or an admin.',
        security,
        params: VersionParams,
        body: TransitionBody,
        response: { 200: Lifecycle, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => lifecycle.transition(req.user!, req.params.key, req.params.version, req.body),
  );

  app.post(
    '/api/sops/:key/versions/:version/test-cases',
    {
      preHandler: auth.authenticate(DESIGNERS),
      schema: {
        tags: ['sops'],
        summary: 'Start a test case of a version not in force (a draft...): marked as a test, left out of every report and public figure',
        security,
        params: VersionParams,
        body: TestCaseBody,
        response: { 201: TestCaseStarted, ...errors(400, 401, 403, 404, 409, 413, 422) },
      },
    },
    async (req, reply) => reply.code(201).send(await lifecycle.startTestCase(req.user!, req.params.key, req.params.version, req.body ?? {})),
  );
};
