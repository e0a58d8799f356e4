import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services';
import { TeamService } from '../services/team';
import { errors, security } from '../resources/shared/schema';
import { Team } from '../resources/tasks/schema';
import { SUPERVISORS } from '../roles';

export const teamRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, prisma, units }) => {
  const team = new TeamService(prisma, units);

  app.get(
    '/api/team',
    {
      preHandler: auth.authenticate(SUPERVISORS),
      schema: {
        tags: ['tasks'],
        summary:
          "The supervisor's team (admin, supervisor): open tasks of the units they supervise (every unit when none in particular), soonest due first, with who holds each, and the staff of those units",
        security,
        response: { 200: Team, ...errors(401, 403) },
      },
    },
    async (req) => team.overview(req.user!),
  );
};
