import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../services';
import { errors, Nullable, OneOf } from '../shared/schema';

const CodeParams = Type.Object({ trackingCode: Type.String({ maxLength: 40 }) });
const VerdictBody = Type.Object(
  {
    verdict: OneOf(['puas', 'tidak_puas'] as const),
    rating: Type.Integer({ minimum: 1, maximum: 5 }),
    comment: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { additionalProperties: false },
);
const limited = { rateLimit: { max: 60, timeWindow: '1 minute' } };

export const verdictRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { verdicts }) => {
  app.get(
    '/api/track/:trackingCode/complaint',
    {
      config: limited,
      schema: {
        tags: ['public'],
        summary: 'A complaint followed by its tracking code: its triage and whether the citizen may give a verdict (no login; never the reporter)',
        params: CodeParams,
        response: {
          200: Type.Object({
            channel: Type.String(),
            category: Nullable(Type.String()),
            triage: Type.String(),
            awaitsVerdict: Type.Boolean(),
            verdict: Nullable(Type.Object({ verdict: Type.String(), rating: Nullable(Type.Integer()), comment: Nullable(Type.String()), at: Type.String() })),
            reopened: Type.Boolean(),
          }),
          ...errors(404, 429),
        },
      },
    },
    async (req) => verdicts.status(req.params.trackingCode),
  );

  app.post(
    '/api/track/:trackingCode/verdict',
    {
      config: limited,
      schema: {
        tags: ['public'],
        summary:
          "The citizen's verdict on a completed complaint (no login; the tracking code): puas / tidak_puas, 1-5, comment; tidak_puas reopens the case once to the same unit",
        params: CodeParams,
        body: VerdictBody,
        response: { 200: Type.Object({ verdict: Type.String(), rating: Type.Integer(), reopened: Type.Boolean() }), ...errors(400, 404, 409, 429) },
      },
    },
    async (req) => verdicts.give(req.params.trackingCode, req.body),
  );
};
