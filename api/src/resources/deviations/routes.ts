// Reading the deviations the workflows record: the list, a CSV export and the
// SLA compliance summary per SOP, unit or staff.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../services';
import { REPORT_READERS } from '../../roles';
import { errors, security } from '../shared/schema';
import { DeviationFilter, DeviationListQuery, DeviationPage, DeviationSummary, SummaryQuery } from './schema';

export const deviationRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, deviations }) => {
  app.get(
    '/api/deviations',
    {
      preHandler: auth.authenticate(REPORT_READERS),
      schema: {
        tags: ['governance'],
        summary: 'Deviations detected by the system, newest first (admin, supervisor, auditor)',
        security,
        querystring: DeviationListQuery,
        response: { 200: DeviationPage, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const { limit, offset, ...filter } = req.query;
      const page = await deviations.list(filter, { limit, offset });
      return reply.header('x-total-count', String(page.total)).send(page);
    },
  );

  app.get(
    '/api/deviations/export.csv',
    {
      preHandler: auth.authenticate(REPORT_READERS),
      schema: {
        tags: ['governance'],
        summary: 'The deviations matching the filters as CSV (admin, supervisor, auditor)',
        security,
        querystring: DeviationFilter,
        produces: ['text/csv'],
        response: { 200: Type.String(), ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => {
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="deviations.csv"');
      return deviations.csv(req.query);
    },
  );

  app.get(
    '/api/deviations/summary',
    {
      preHandler: auth.authenticate(REPORT_READERS),
      schema: {
        tags: ['governance'],
        summary: 'Per SOP, unit or staff (of one SOP with `sop`): SLA compliance %, mean and p90 step durations (ms), SLA breaches',
        security,
        querystring: SummaryQuery,
        response: { 200: Type.Array(DeviationSummary), ...errors(400, 401, 403) },
      },
    },
    async (req) => deviations.summary(req.query.by, req.query),
  );
};
