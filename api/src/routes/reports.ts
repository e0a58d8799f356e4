// Auditors' reports: the per-step heatmap of an SOP version and SLA compliance
// over time. Deviation lists, CSV and per SOP/unit/staff summaries: resources/deviations.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Services } from '../services';
import { ReportService } from '../services/reports';
import { errors, security } from '../resources/shared/schema';
import { CompliancePeriod, ComplianceQuery, PeriodQuery, ReportVersionParams, StepStats } from '../resources/reports/schema';
import { REPORT_READERS } from '../roles';

export const reportRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, prisma, sops }) => {
  const reports = new ReportService(prisma, sops);

  app.get(
    '/api/reports/sops/:key/versions/:version/steps',
    {
      preHandler: auth.authenticate(REPORT_READERS),
      schema: {
        tags: ['reports'],
        summary:
          'Per element of an SOP version: ended steps, mean and p90 duration (ms), SLA compliance %, breaches and at-risk warnings (admin, supervisor, auditor)',
        security,
        params: ReportVersionParams,
        querystring: PeriodQuery,
        response: { 200: StepStats, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => reports.stepStats(req.params.key, req.params.version, req.query),
  );

  app.get(
    '/api/reports/compliance',
    {
      preHandler: auth.authenticate(REPORT_READERS),
      schema: {
        tags: ['reports'],
        summary: 'SLA compliance per week or month: task steps with an SLA ended in the period, ended on time, % and SLA breaches (admin, supervisor, auditor)',
        security,
        querystring: ComplianceQuery,
        response: { 200: Type.Array(CompliancePeriod), ...errors(400, 401, 403, 422) },
      },
    },
    async (req) => reports.compliance(req.query),
  );
};
