import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { candidatesText, isCandidate, supervisesTask, type SopIR } from '@alur/workflows';
import type { Services } from '../services';
import { HttpError } from '../services/http-error';
import { errors, IdParams, security } from '../resources/shared/schema';
import { TaskDetail } from '../resources/tasks/schema';

/** One task with what its form needs: the form-js schema, due dates, and the variables its input mappings made. */
export const taskDetailRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, prisma, units }) => {
  app.get(
    '/api/tasks/:id',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['tasks'],
        summary: 'One task, with its form (form-js schema, null without one), due and follow-up dates; for its candidates and supervisors',
        security,
        params: IdParams,
        response: { 200: TaskDetail, ...errors(401, 403, 404) },
      },
    },
    async (req) => {
      const task = await prisma.task.findUnique({
        where: { id: req.params.id },
        include: { case: { select: { sopVersion: { select: { ir: true } } } } },
      });
      if (!task) throw new HttpError(404, `No task with id "${req.params.id}"`);
      const actor = await units.actorFor(req.user!, { withSupervision: true });
      if (!isCandidate(actor, task) && !supervisesTask(actor, task) && task.claimedBy !== actor.username) {
        throw new HttpError(403, `Task "${task.name}" is for the roles ${candidatesText(task)}`);
      }
      const node = (task.case.sopVersion.ir as unknown as SopIR).nodes[task.elementId];
      return {
        id: task.id,
        instanceId: task.caseId,
        elementId: task.elementId,
        name: task.name,
        candidateRoles: task.candidateRoles,
        status: task.status,
        createdAt: task.createdAt.toISOString(),
        dueDate: task.dueDate?.toISOString() ?? null,
        followUpDate: task.followUpDate?.toISOString() ?? null,
        formKey: task.formKey,
        form: (node?.type === 'userTask' && node.form?.schema) || null,
        inputs: (task.inputs as Record<string, unknown> | null) ?? {},
      };
    },
  );
};
