import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../services';
import { COMPLAINT_DESK } from '../../roles';
import { sendPage } from '../shared/answers';
import { errors, security } from '../shared/schema';
import { CaseParams } from '../complaints/schema';
import { CategoryBody, ClarificationBody, DispositionBody, DuplicateBody, QueueItem, QueueQuery, RefusalBody } from './schema';

const Answer = Type.Object({}, { additionalProperties: true });

export const triageRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, triage }) => {
  const desk = auth.authenticate(COMPLAINT_DESK);
  app.get(
    '/api/complaints',
    {
      preHandler: desk,
      schema: {
        tags: ['complaints'],
        summary: "The complaint desk's queue (admin-pengaduan, admin; auditors read), newest first; X-Total-Count tells how many in all",
        security,
        querystring: QueueQuery,
        response: { 200: Type.Array(QueueItem), ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => sendPage(reply, await triage.queue(req.query, req.user!)),
  );

  app.post(
    '/api/instances/:id/category',
    {
      preHandler: desk,
      schema: {
        tags: ['complaints'],
        summary: 'Categorize a complaint (complaint desk)',
        security,
        params: CaseParams,
        body: CategoryBody,
        response: { 200: Answer, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => triage.categorize(req.params.id, req.body.category, req.user!),
  );
  app.post(
    '/api/instances/:id/disposition',
    {
      preHandler: desk,
      schema: {
        tags: ['complaints'],
        summary:
          "Dispose a complaint to a unit (complaint desk): the case's handling unit changes (a case.unit_changed event with the reason), its open tasks go to that unit's staff, the reporter is told",
        security,
        params: CaseParams,
        body: DispositionBody,
        response: { 200: Answer, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => triage.dispose(req.params.id, req.body.unit, req.body.reason, req.user!),
  );
  app.post(
    '/api/instances/:id/duplicate-of',
    {
      preHandler: desk,
      schema: {
        tags: ['complaints'],
        summary: "Mark a complaint a duplicate of another (complaint desk): it closes, and its reporter gets the original's notices from now on",
        security,
        params: CaseParams,
        body: DuplicateBody,
        response: { 200: Answer, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => triage.duplicateOf(req.params.id, req.body.caseId, req.user!),
  );
  app.post(
    '/api/instances/:id/clarification',
    {
      preHandler: desk,
      schema: {
        tags: ['complaints'],
        summary:
          "Ask the reporter for clarification (complaint desk): the open steps marked alur:slaPaused wait for the citizen, their SLA clocks (and the case's) stand still",
        security,
        params: CaseParams,
        body: ClarificationBody,
        response: { 200: Answer, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => triage.clarify(req.params.id, req.body.question, req.user!),
  );
  app.post(
    '/api/instances/:id/clarification/answered',
    {
      preHandler: desk,
      schema: {
        tags: ['complaints'],
        summary: 'The reporter answered the clarification (complaint desk): the SLA clocks go on',
        security,
        params: CaseParams,
        response: { 200: Answer, ...errors(401, 403, 404, 409) },
      },
    },
    async (req) => triage.clarified(req.params.id, req.user!),
  );
  app.post(
    '/api/instances/:id/refusal',
    {
      preHandler: desk,
      schema: {
        tags: ['complaints'],
        summary: 'Refuse as not a complaint, with the reason (complaint desk): the case is cancelled with it, the reporter is told',
        security,
        params: CaseParams,
        body: RefusalBody,
        response: { 200: Answer, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => triage.refuse(req.params.id, req.body.reason, req.user!),
  );
};
