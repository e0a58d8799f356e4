import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../services';
import { errors, security } from '../shared/schema';
import { CaseParams, ComplaintView } from './schema';

export const complaintRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, complaints }) => {
  app.get(
    '/api/instances/:id/complaint',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['complaints'],
        summary:
          'The complaint record of a case (who may read the case, and the complaint desk); a confidential or anonymous reporter reads "Pelapor dirahasiakan" for all but admin-pengaduan and admins',
        security,
        params: CaseParams,
        response: { 200: ComplaintView, ...errors(401, 403, 404) },
      },
    },
    async (req) => complaints.ofCase(req.params.id, req.user!),
  );
};
