import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from '@sinclair/typebox';
import type { Services } from '../../services';
import { errors, Nullable } from '../shared/schema';
import { PublicComplianceService } from './service';

const Days = Type.Integer({ minimum: 1, maximum: 366, default: 90, description: 'the last this many days (30, 90, 365...)' });
const Figures = {
  cases: Nullable(Type.Integer()),
  withinSlaPct: Nullable(Type.Number()),
  medianHariKerja: Nullable(Type.Number()),
  deviationsPer100: Nullable(Type.Number()),
  withheld: Type.Boolean(),
};

/** Whether each SOP in force keeps its promises, for citizens and as open data: no login. */
export const publicComplianceRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { prisma }) => {
  const compliance = new PublicComplianceService(prisma);

  app.get(
    '/api/public/sops/:key/compliance',
    {
      schema: {
        tags: ['public'],
        summary:
          'Compliance of an SOP in force over the last `days` days: cases, share finished within the SLA, median time in hari kerja against the SLA, deviations per 100 cases, per handling unit too; figures from fewer than 5 cases are null',
        params: Type.Object({ key: Type.String({ maxLength: 200 }) }),
        querystring: Type.Object({ days: Type.Optional(Days) }, { additionalProperties: false }),
        response: {
          200: Type.Object({
            key: Type.String(),
            name: Type.String(),
            days: Type.Integer(),
            from: Type.String(),
            to: Type.String(),
            minimumCases: Type.Integer(),
            sla: Nullable(Type.String()),
            slaHariKerja: Nullable(Type.Number()),
            ...Figures,
            units: Type.Array(Type.Object({ code: Type.String(), name: Type.String(), ...Figures })),
          }),
          ...errors(400, 404),
        },
      },
    },
    async (req) => compliance.forSop(req.params.key, req.query.days ?? 90),
  );

  app.get(
    '/api/public/compliance.csv',
    {
      schema: {
        tags: ['public'],
        summary: 'Open data: compliance per SOP in force and per handling unit (CSV; empty cells where fewer than 5 cases)',
        querystring: Type.Object({ days: Type.Optional(Days) }, { additionalProperties: false }),
        produces: ['text/csv'],
        response: { 200: Type.String(), ...errors(400) },
      },
    },
    async (req, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="kepatuhan-sop.csv"')
        .send(await compliance.csv(req.query.days ?? 90)),
  );
};
