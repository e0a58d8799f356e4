// GET /api/reports/spbe?year=YYYY (issue 17): the SPBE evaluation report, as JSON or CSV.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../services';
import { AUDIT_READERS } from '../../roles';
import { errors, Nullable, security } from '../shared/schema';
import { SpbeReportService } from './service';

const Figures = {
  sops: Type.Object({
    draft: Type.Integer(),
    diajukan: Type.Integer(),
    disahkan: Type.Integer(),
    berlaku: Type.Integer(),
    dicabut: Type.Integer(),
    total: Type.Integer(),
  }),
  berlakuWithCases: Type.Integer({ description: 'berlaku SOPs with at least one case (test cases excluded) started in the year' }),
  compliance: Type.Object({
    completedCases: Type.Integer({ description: "the year's completed cases with an SLA" }),
    withinSla: Type.Integer(),
    withinSlaPct: Nullable(Type.Number()),
  }),
};
const UnitRow = Type.Object({
  code: Type.String(),
  name: Type.String(),
  kind: Type.String(),
  parentCode: Nullable(Type.String()),
  depth: Type.Integer(),
  ...Figures,
});

export const SpbeQuery = Type.Object(
  {
    year: Type.String({ pattern: '^[0-9]{4}$', description: 'the year reported, YYYY' }),
    format: Type.Optional(Type.Union([Type.Literal('json'), Type.Literal('csv')], { description: 'csv, or send Accept: text/csv' })),
  },
  { additionalProperties: false },
);

export const SpbeReport = Type.Object({
  year: Type.Integer(),
  from: Type.String(),
  to: Type.String(),
  opds: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), kind: Type.String(), ...Figures, units: Type.Array(UnitRow) })),
  unassigned: Type.Object(Figures),
  total: Type.Object(Figures),
});

export const spbeReportRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, prisma }) => {
  const spbe = new SpbeReportService(prisma);

  app.get(
    '/api/reports/spbe',
    {
      preHandler: auth.authenticate(AUDIT_READERS),
      schema: {
        tags: ['reports'],
        summary:
          'SPBE evaluation report for a year, per OPD and per unit under it: SOPs by lifecycle state, berlaku SOPs with cases, share of completed cases within the SLA (JSON, or CSV with format=csv or Accept: text/csv; admin, auditor)',
        security,
        querystring: SpbeQuery,
        produces: ['application/json', 'text/csv'],
        response: {
          200: {
            description: 'the report; one CSV line per OPD and per unit under it',
            content: { 'application/json': { schema: SpbeReport }, 'text/csv': { schema: Type.String() } },
          },
          ...errors(400, 401, 403),
        },
      },
    },
    async (req, reply) => {
      const report = await spbe.report(Number(req.query.year));
      const csv = req.query.format === 'csv' || (req.query.format === undefined && /\btext\/csv\b/.test(req.headers.accept ?? ''));
      if (!csv) return report;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="laporan-spbe-${report.year}.csv"`)
        .send(spbe.csv(report));
    },
  );
};
