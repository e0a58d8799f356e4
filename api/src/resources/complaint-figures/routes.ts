// GET /api/reports/complaints: complaint figures for policy (issue 18), as JSON or CSV.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../services';
import { COMPLAINT_DESK } from '../../roles';
import { errors, security } from '../shared/schema';
import { Figures, FiguresQuery } from './schema';
import { ComplaintFigureService, figuresCsv } from './service';

export const complaintFigureRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, prisma }) => {
  const service = new ComplaintFigureService(prisma);
  app.get(
    '/api/reports/complaints',
    {
      // The desk and admins; auditors read every GET.
      preHandler: auth.authenticate(COMPLAINT_DESK),
      schema: {
        tags: ['reports', 'complaints'],
        summary:
          'Complaint figures for a period received (admin, admin-pengaduan, auditor): counts by unit, category, channel and month, median hours to first response and to completion, share within SLA, satisfaction; ?format=csv as rows. No reporter.',
        security,
        querystring: FiguresQuery,
        produces: ['application/json', 'text/csv'],
        response: { 200: Type.Union([Figures, Type.String()]), ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const f = await service.figures(req.query);
      if (req.query.format !== 'csv') return f;
      return reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="pengaduan.csv"').send(figuresCsv(f));
    },
  );
};
