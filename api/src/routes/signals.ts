// Signals: broadcast by name to every case waiting for one, and to every SOP
// starting on one (e.g. "banjir-darurat": every pending permit case pauses).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services';
import { SignalService } from '../services/signals';
import { MESSAGE_PUBLISHERS } from '../roles';
import { errors, security } from '../resources/shared/schema';
import { SignalInput, SignalResult } from '../resources/messages/schema';

export const signalRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, prisma, temporal, cases }) => {
  const signals = new SignalService(prisma, temporal, cases);

  app.post(
    '/api/signals',
    {
      preHandler: auth.authenticate(MESSAGE_PUBLISHERS),
      schema: {
        tags: ['messages'],
        summary: 'Broadcast a signal (admin, integrasi): every case waiting for it takes it, every SOP with a signal start event for it starts a case',
        security,
        body: SignalInput,
        response: { 200: SignalResult, ...errors(400, 401, 403, 422) },
      },
    },
    async (req) => signals.publish({ username: req.user!.username, roles: req.user!.roles }, { ...req.body, name: req.body.name.trim() }),
  );
};
