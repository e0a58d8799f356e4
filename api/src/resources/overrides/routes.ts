// Supervisor and admin overrides of a running case: skip or jump a step,
// reopen a closed case, mark a task as waiting for the citizen, let someone
// complete a task outside their role. The workflow records each as a deviation.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../services';
import { ADMINS, SUPERVISORS } from '../../roles';
import { errors, IdParams, security } from '../shared/schema';
import { AllowOutsideRoleAnswer, AllowOutsideRoleBody, OverrideAnswer, OverrideBody, WaitingAnswer, WaitingBody } from './schema';

export const overrideRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, cases, deviations }) => {
  app.post(
    '/api/instances/:id/override',
    {
      preHandler: auth.authenticate(SUPERVISORS),
      schema: {
        tags: ['governance'],
        summary: 'Supervisor override (admin, supervisor): skip the active step, jump to a step, or reopen a closed case at a step; recorded as a deviation',
        security,
        params: IdParams,
        body: OverrideBody,
        response: { 200: OverrideAnswer, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      if (req.body.action === 'reopen') return cases.reopen(req.params.id, req.user!.username, req.body.stepId, req.body.reason.trim());
      await deviations.override(req.params.id, req.user!, req.body.action, req.body.stepId, req.body.reason.trim());
      return { id: req.params.id, action: req.body.action };
    },
  );

  app.post(
    '/api/tasks/:id/waiting',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['governance'],
        summary: 'Mark a task as waiting for the citizen (or not any more); on steps with alur:slaPaused its SLA clock stops meanwhile',
        security,
        params: IdParams,
        body: WaitingBody,
        response: { 200: WaitingAnswer, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      await deviations.setWaiting(req.params.id, req.user!, req.body.waiting, req.body.reason?.trim());
      return { id: req.params.id, waiting: req.body.waiting };
    },
  );

  app.post(
    '/api/tasks/:id/allow-outside-role',
    {
      preHandler: auth.authenticate(ADMINS),
      schema: {
        tags: ['governance'],
        summary: 'Admin override: let a user complete an open task that is not for their role or unit; the completion is recorded as a deviation',
        security,
        params: IdParams,
        body: AllowOutsideRoleBody,
        response: { 200: AllowOutsideRoleAnswer, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => {
      await deviations.allowOutsideRole(req.params.id, req.user!, req.body.username, req.body.reason.trim());
      return { id: req.params.id, username: req.body.username };
    },
  );
};
