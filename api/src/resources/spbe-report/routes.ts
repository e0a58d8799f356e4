// GET /api/reports/spbe?year=YYYY (issue 17): the SPBE evaluation report, as JSON, CSV or PDF.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../services';
import { AUDIT_READERS } from '../../roles';
import { errors, Nullable, security } from '../shared/schema';
import { renderSpbeReport } from './render';
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
    format: Type.Optional(
      Type.Union([Type.Literal('json'), Type.Literal('csv'), Type.Literal('pdf')], { description: 'csv or pdf, or send Accept: text/csv or application/pdf' }),
    ),
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
          'SPBE evaluation report for a year, per OPD and per unit under it: SOPs by lifecycle state, berlaku SOPs with cases, share of completed cases within the SLA (JSON, CSV with format=csv or Accept: text/csv, PDF with format=pdf or Accept: application/pdf; admin, auditor)',
        security,
        querystring: SpbeQuery,
        produces: ['application/json', 'text/csv', 'application/pdf'],
        response: {
          200: {
            description: 'the report; one CSV line per OPD and per unit under it',
            content: {
              'application/json': { schema: SpbeReport },
              'text/csv': { schema: Type.String() },
              'application/pdf': { schema: Type.Unsafe<Buffer>({ type: 'string', format: 'binary' }) },
            },
          },
          ...errors(400, 401, 403),
        },
      },
    },
    async (req, reply) => {
      const report = await spbe.report(Number(req.query.year));
      const accept = req.headers.accept ?? '';
      const pdf = req.query.format === 'pdf' || (req.query.format === undefined && /\bapplication\/pdf\b/.test(accept));
      if (pdf) {
        return reply
          .type('application/pdf')
          .header('content-disposition', `attachment; filename="laporan-spbe-${report.year}.pdf"`)
          .send(await renderSpbeReport(report));
      }
      const csv = req.query.format === 'csv' || (req.query.format === undefined && /\btext\/csv\b/.test(accept));
      if (!csv) return report;
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="laporan-spbe-${report.year}.csv"`)
        .send(spbe.csv(report));
    },
  );
};
