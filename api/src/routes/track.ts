import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services';
import { errors } from '../resources/shared/schema';
import { TrackedCase, TrackingCodeParams } from '../resources/track/schema';

export const trackRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { cases }) => {
  app.get(
    '/api/track/:trackingCode',
    {
      schema: {
        tags: ['public'],
        summary: 'Follow a case by its tracking code (no login; no personal data)',
        params: TrackingCodeParams,
        response: { 200: TrackedCase, ...errors(400, 404) },
      },
    },
    // The projection keeps the outcome as text; the schema names the values it holds.
    async (req) => (await cases.track(req.params.trackingCode)) as TrackedCase,
  );
};
