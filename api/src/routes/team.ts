import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services';
import { TeamService } from '../services/team';
import { errors } from './schemas';
import { SUPERVISORS } from '../roles';

const nullableText = { type: ['string', 'null'] } as const;
const texts = { type: 'array', items: { type: 'string' } } as const;

export const teamRoutes: FastifyPluginAsync<Services> = async (app, { auth, prisma, units }) => {
  const team = new TeamService(prisma, units);

  app.get(
    '/api/team',
    {
      preHandler: auth.authenticate(SUPERVISORS),
      schema: {
        tags: ['tasks'],
        summary:
          "The supervisor's team (admin, supervisor): open tasks of the units they supervise (every unit when none in particular), soonest due first, with who holds each, and the staff of those units",
        security: [{ bearer: [] }],
        response: {
          200: {
            type: 'object',
            properties: {
              units: { type: 'array', items: { type: 'object', properties: { code: { type: 'string' }, name: { type: 'string' } } } },
              total: { type: 'integer', description: 'open tasks in all; at most 500 are listed' },
              tasks: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    id: { type: 'string' },
                    instanceId: { type: 'string' },
                    trackingCode: { type: 'string' },
                    sopKey: { type: 'string' },
                    elementId: { type: 'string' },
                    name: { type: 'string' },
                    candidateRoles: texts,
                    unit: nullableText,
                    claimedBy: nullableText,
                    createdAt: { type: 'string' },
                    dueAt: nullableText,
                    dueDate: nullableText,
                    timeZone: { type: 'string', description: "IANA zone of the task's unit calendar (default Asia/Jakarta)" },
                  },
                },
              },
              staff: {
                type: 'array',
                items: { type: 'object', properties: { username: { type: 'string' }, unit: nullableText, roles: texts } },
              },
            },
            required: ['units', 'total', 'tasks', 'staff'],
          },
          ...errors(401, 403),
        },
      },
    },
    async (req) => team.overview(req.user!),
  );
};
