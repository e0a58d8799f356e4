// Auditors' reports: the per-step heatmap of an SOP version and SLA compliance
// over time. Deviation lists, CSV and per SOP/unit/staff summaries: governance.ts.
import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services';
import { ReportService, type ComplianceQuery, type Period } from '../services/reports';
import { errors } from './schemas';
import { REPORT_READERS } from '../roles';

const security = [{ bearer: [] }];
const period = {
  from: { type: 'string', format: 'date-time' },
  to: { type: 'string', format: 'date-time' },
} as const;
const nullableNumber = { type: ['number', 'null'] } as const;

export const reportRoutes: FastifyPluginAsync<Services> = async (app, { auth, prisma, sops }) => {
  const reports = new ReportService(prisma, sops);

  app.get<{ Params: { key: string; version: number }; Querystring: Period }>(
    '/api/reports/sops/:key/versions/:version/steps',
    {
      preHandler: auth.authenticate(REPORT_READERS),
      schema: {
        tags: ['reports'],
        summary:
          'Per element of an SOP version: ended steps, mean and p90 duration (ms), SLA compliance %, breaches and at-risk warnings (admin, supervisor, auditor)',
        security,
        params: { type: 'object', properties: { key: { type: 'string' }, version: { type: 'integer', minimum: 1 } }, required: ['key', 'version'] },
        querystring: { type: 'object', properties: period, additionalProperties: false },
        response: {
          200: {
            type: 'object',
            properties: {
              sopKey: { type: 'string' },
              version: { type: 'integer' },
              name: { type: 'string' },
              processId: { type: 'string' },
              elements: {
                type: 'array',
                items: {
                  type: 'object',
                  properties: {
                    elementId: { type: 'string' },
                    name: { type: 'string' },
                    ended: { type: 'integer' },
                    withSla: { type: 'integer' },
                    slaCompliancePct: nullableNumber,
                    meanMs: nullableNumber,
                    p90Ms: nullableNumber,
                    breaches: { type: 'integer' },
                    atRisk: { type: 'integer' },
                  },
                },
              },
            },
          },
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (req) => reports.stepStats(req.params.key, req.params.version, req.query),
  );

  app.get<{ Querystring: ComplianceQuery }>(
    '/api/reports/compliance',
    {
      preHandler: auth.authenticate(REPORT_READERS),
      schema: {
        tags: ['reports'],
        summary: 'SLA compliance per week or month: task steps with an SLA ended in the period, ended on time, % and SLA breaches (admin, supervisor, auditor)',
        security,
        querystring: {
          type: 'object',
          properties: {
            interval: { enum: ['week', 'month'], default: 'week' },
            sop: { type: 'string', description: 'SOP key' },
            unit: { type: 'string', description: 'id of the handling unit' },
            timeZone: { type: 'string', default: 'Asia/Jakarta', maxLength: 100, description: 'where weeks and months begin' },
            ...period,
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                period: { type: 'string', description: 'first day of the week (Monday) or month, YYYY-MM-DD' },
                stepsWithSla: { type: 'integer' },
                onTime: { type: 'integer' },
                slaCompliancePct: nullableNumber,
                breaches: { type: 'integer' },
              },
            },
          },
          ...errors(400, 401, 403, 422),
        },
      },
    },
    async (req) => reports.compliance(req.query),
  );
};
