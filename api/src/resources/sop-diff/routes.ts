import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../services';
import { errors, security } from '../shared/schema';
import { DiffParams, DiffQuery, SopDiff } from './schema';
import { SopDiffService } from './service';

/** The difference between two versions of an SOP, for review and the designer's diagram overlay. */
export const sopDiffRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, prisma }) => {
  const diffs = new SopDiffService(prisma);

  app.get(
    '/api/sops/:key/diff',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['sops'],
        summary: 'What changed between two versions of an SOP: elements added, removed and changed, SLAs and forms that differ',
        description: 'Element ids are the BPMN ids of the diagrams (flow nodes and sequence flows), so a viewer can mark them.',
        security,
        params: DiffParams,
        querystring: DiffQuery,
        response: { 200: SopDiff, ...errors(400, 401, 404) },
      },
    },
    async (req) => diffs.diff(req.params.key, req.query.from, req.query.to),
  );
};
