import type { FastifyPluginAsync } from 'fastify';
import { candidatesText, isCandidate, supervisesTask, type SopIR } from '@alur/workflows';
import type { Services } from '../services';
import { HttpError } from '../services/http-error';
import { errors } from './schemas';

/** One task with what its form needs: the form-js schema, due dates, and the variables its input mappings made. */
export const taskDetailRoutes: FastifyPluginAsync<Services> = async (app, { auth, prisma, units }) => {
  app.get<{ Params: { id: string } }>(
    '/api/tasks/:id',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['tasks'],
        summary: 'One task, with its form (form-js schema, null without one), due and follow-up dates; for its candidates and supervisors',
        security: [{ bearer: [] }],
        params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
        response: {
          200: {
            type: 'object',
            properties: {
              id: { type: 'string' },
              instanceId: { type: 'string' },
              elementId: { type: 'string' },
              name: { type: 'string' },
              candidateRoles: { type: 'array', items: { type: 'string' } },
              status: { type: 'string' },
              createdAt: { type: 'string' },
              dueDate: { type: ['string', 'null'] },
              followUpDate: { type: ['string', 'null'] },
              formKey: { type: ['string', 'null'] },
              form: { type: ['object', 'null'], additionalProperties: true },
              inputs: { type: 'object', additionalProperties: true },
            },
          },
          ...errors(401, 403, 404),
        },
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
