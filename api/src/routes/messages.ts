// Messages to cases: from a channel integration (SP4N-LAPOR!, a payment
// gateway...) by name and correlation key, or to one known case.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services';
import { MessageService } from '../services/messages';
import { errors, IdParams, security } from '../resources/shared/schema';
import { CaseMessageInput, MessageResult, PublishMessageInput } from '../resources/messages/schema';
import { MESSAGE_PUBLISHERS } from '../roles';

/**
 * Who may publish by name and key (and so start cases): admins and accounts
 * of channel integrations (role `integrasi`). A message to one known case may
 * come from staff too (e.g. a petugas recording that the citizen brought the
 * missing documents): those who may read the case and hold a role in the unit
 * of the step waiting for the message.
 */

export const messageRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, prisma, temporal, cases, units }) => {
  const messages = new MessageService(prisma, temporal, cases, units);

  app.post(
    '/api/messages',
    {
      preHandler: auth.authenticate(MESSAGE_PUBLISHERS),
      schema: {
        tags: ['messages'],
        summary:
          'Publish a message (admin, integrasi): the case waiting for it with this correlation key takes it; if none waits, it starts a case of the SOP with a message start event for it; else, with a timeToLive, it is kept for the first case that subscribes (202), without one it is dropped (404)',
        security,
        body: PublishMessageInput,
        response: { 200: MessageResult, 201: MessageResult, 202: MessageResult, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req, reply) => {
      const result = await messages.publish(req.user!, { ...req.body, name: req.body.name.trim() });
      return reply.code(result.result === 'started' ? 201 : result.result === 'buffered' ? 202 : 200).send(result);
    },
  );

  app.post(
    '/api/instances/:id/messages',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['messages'],
        summary:
          'Send a message to one case (staff who may read the case and hold a role in the unit of the step waiting for it; admin, integrasi): taken by its first open subscription with this name (and correlation key, when given)',
        security,
        params: IdParams,
        body: CaseMessageInput,
        response: { 200: MessageResult, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (req) => messages.deliverToCase(req.params.id, req.user!, { ...req.body, name: req.body.name.trim() }),
  );
};
