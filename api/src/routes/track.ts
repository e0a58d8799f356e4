import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services';
import { errors, OUTCOME_SCHEMA } from './schemas';

export const trackRoutes: FastifyPluginAsync<Services> = async (app, { cases }) => {
  app.get<{ Params: { trackingCode: string } }>(
    '/api/track/:trackingCode',
    {
      schema: {
        tags: ['public'],
        summary: 'Follow a case by its tracking code (no login; no personal data)',
        params: { type: 'object', properties: { trackingCode: { type: 'string', maxLength: 40 } }, required: ['trackingCode'] },
        response: {
          200: {
            type: 'object',
            properties: {
              sopName: { type: 'string' },
              status: { type: 'string' },
              timeZone: { type: 'string', description: "IANA zone the case's times are shown in (its unit's calendar; default Asia/Jakarta)" },
              startedAt: { type: 'string' },
              expectedCompletion: { type: ['string', 'null'] },
              outcome: OUTCOME_SCHEMA,
              currentSteps: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, dueAt: { type: 'string' } } } },
              history: { type: 'array', items: { type: 'object', properties: { name: { type: 'string' }, endedAt: { type: 'string' } } } },
            },
          },
          ...errors(400, 404),
        },
      },
    },
    async (req) => cases.track(req.params.trackingCode),
  );
};
