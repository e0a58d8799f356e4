import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services';
import type { InboxQuery } from '../services/tasks';
import { pageProperties, sendPage } from './pagination';
import { errors, variablesSchema } from './schemas';
import { formBody, registerFormFiles, type FormSubmission } from './form-files';

export const taskRoutes: FastifyPluginAsync<Services> = async (app, { auth, cases, tasks, documents }) => {
  registerFormFiles(app, documents);
  app.get<{ Querystring: InboxQuery }>(
    '/api/tasks',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['tasks'],
        summary:
          "The caller's inbox: open tasks for its roles in its units (global roles for tasks bound to no unit), and the tasks it claimed. X-Total-Count tells how many there are in all",
        security: [{ bearer: [] }],
        querystring: {
          type: 'object',
          properties: {
            instanceId: { type: 'string' },
            sort: {
              enum: ['dueDate', 'createdAt'],
              default: 'dueDate',
              description: 'dueDate: soonest due first, tasks without a due date last (by createdAt)',
            },
            order: { enum: ['asc', 'desc'], default: 'asc' },
            ...pageProperties(),
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                id: { type: 'string' },
                instanceId: { type: 'string' },
                elementId: { type: 'string' },
                name: { type: 'string' },
                candidateRoles: { type: 'array', items: { type: 'string' } },
                unit: { type: ['string', 'null'] },
                claimedBy: { type: ['string', 'null'] },
                dueAt: { type: ['string', 'null'] },
                createdAt: { type: 'string' },
                dueDate: { type: ['string', 'null'] },
                followUpDate: { type: ['string', 'null'] },
                formKey: { type: ['string', 'null'] },
                timeZone: { type: 'string', description: "IANA zone of the task's unit calendar, to show its times in (default Asia/Jakarta)" },
                trackingCode: { type: 'string', description: "The case's tracking code" },
                sopKey: { type: 'string' },
                sopName: { type: 'string', description: 'Name of the SOP version the case runs' },
                caseStartedAt: { type: 'string', description: 'When the case started' },
              },
            },
          },
          ...errors(400, 401),
        },
      },
    },
    async (req, reply) => {
      return sendPage(reply, await tasks.inbox(req.user!, req.query));
    },
  );

  const idParams = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;
  const assignment = {
    type: 'object',
    properties: { id: { type: 'string' }, claimedBy: { type: ['string', 'null'] } },
    required: ['id', 'claimedBy'],
  } as const;

  app.post<{ Params: { id: string } }>(
    '/api/tasks/:id/claim',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['tasks'],
        summary: 'Claim an open task (a holder of one of its roles in its unit); then only you can complete it',
        security: [{ bearer: [] }],
        params: idParams,
        response: { 200: assignment, ...errors(401, 403, 404, 409) },
      },
    },
    async (req) => tasks.claim(req.params.id, req.user!),
  );

  app.post<{ Params: { id: string }; Body: { reason?: string } | undefined }>(
    '/api/tasks/:id/release',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['tasks'],
        summary: 'Give a claimed task back to its candidates (its claimant, or a supervisor of its unit)',
        security: [{ bearer: [] }],
        params: idParams,
        body: { type: 'object', properties: { reason: { type: 'string', maxLength: 2000 } }, additionalProperties: false },
        response: { 200: assignment, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => tasks.release(req.params.id, req.user!, req.body?.reason?.trim() || undefined),
  );

  app.post<{ Params: { id: string }; Body: { to: string; reason: string } }>(
    '/api/tasks/:id/reassign',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['tasks'],
        summary: 'Hand a task to another holder of its roles (a supervisor of its unit, with a reason)',
        security: [{ bearer: [] }],
        params: idParams,
        body: {
          type: 'object',
          properties: { to: { type: 'string', minLength: 1 }, reason: { type: 'string', minLength: 3, maxLength: 2000, pattern: '\\S' } },
          required: ['to', 'reason'],
          additionalProperties: false,
        },
        response: { 200: assignment, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => tasks.reassign(req.params.id, req.user!, req.body.to, req.body.reason.trim()),
  );

  app.post<{ Params: { id: string }; Body: FormSubmission | undefined }>(
    '/api/tasks/:id/complete',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['tasks'],
        summary: "Complete an open task; its variables (checked against the task's form) merge into the case, or go through its output mappings",
        security: [{ bearer: [] }],
        params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
        // multipart/form-data when the form has file pickers: the files become the case's documents, linked to their fields.
        body: formBody({ type: 'object', properties: { variables: variablesSchema }, additionalProperties: false }),
        response: {
          200: {
            type: 'object',
            properties: { id: { type: 'string' }, status: { const: 'completed' }, completedAt: { type: 'string' } },
          },
          // 422: the variables do not fit the task's form; `errors` names each field and why.
          ...errors(400, 401, 403, 404, 409, 413, 415, 422),
        },
      },
    },
    async (req) => cases.completeTask(req.params.id, req.user!, req.body?.variables ?? {}, { files: req.body?.files ?? {}, documents }),
  );
};
