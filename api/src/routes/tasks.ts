import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Services } from '../services';
import { sendPage } from '../resources/shared/answers';
import { formBody, registerFormFiles } from './form-files';
import { errors, IdParams, security } from '../resources/shared/schema';
import { Assignment, CompletedTask, CompleteInput, InboxQuery, ReassignInput, ReleaseInput, Task } from '../resources/tasks/schema';

export const taskRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, cases, tasks, documents }) => {
  registerFormFiles(app, documents);
  app.get(
    '/api/tasks',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['tasks'],
        summary:
          "The caller's inbox: open tasks for its roles in its units (global roles for tasks bound to no unit), and the tasks it claimed. X-Total-Count tells how many there are in all",
        security,
        querystring: InboxQuery,
        response: { 200: Type.Array(Task), ...errors(400, 401) },
      },
    },
    async (req, reply) => {
      return sendPage(reply, await tasks.inbox(req.user!, req.query));
    },
  );

  app.post(
    '/api/tasks/:id/claim',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['tasks'],
        summary: 'Claim an open task (a holder of one of its roles in its unit); then only you can complete it',
        security,
        params: IdParams,
        response: { 200: Assignment, ...errors(401, 403, 404, 409) },
      },
    },
    async (req) => tasks.claim(req.params.id, req.user!),
  );

  app.post(
    '/api/tasks/:id/release',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['tasks'],
        summary: 'Give a claimed task back to its candidates (its claimant, or a supervisor of its unit)',
        security,
        params: IdParams,
        body: ReleaseInput,
        response: { 200: Assignment, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => tasks.release(req.params.id, req.user!, req.body?.reason?.trim() || undefined),
  );

  app.post(
    '/api/tasks/:id/reassign',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['tasks'],
        summary: 'Hand a task to another holder of its roles (a supervisor of its unit, with a reason)',
        security,
        params: IdParams,
        body: ReassignInput,
        response: { 200: Assignment, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => tasks.reassign(req.params.id, req.user!, req.body.to, req.body.reason.trim()),
  );

  app.post(
    '/api/tasks/:id/complete',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['tasks'],
        summary: "Complete an open task; its variables (checked against the task's form) merge into the case, or go through its output mappings",
        security,
        params: IdParams,
        // multipart/form-data when the form has file pickers: the files become the case's documents, linked to their fields.
        body: formBody(CompleteInput),
        response: {
          200: CompletedTask,
          // 422: the variables do not fit the task's form; `errors` names each field and why.
          ...errors(400, 401, 403, 404, 409, 413, 415, 422),
        },
      },
    },
    async (req) => cases.completeTask(req.params.id, req.user!, req.body?.variables ?? {}, { files: req.body?.files ?? {}, documents }),
  );
};
