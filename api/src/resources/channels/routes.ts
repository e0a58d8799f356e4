import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../services';
import { ADMINS, COMPLAINT_DESK, COMPLAINT_INTAKE } from '../../roles';
import { errors, security } from '../shared/schema';
import { InboundBody, Intake } from '../complaints/schema';
import { Channel, ChannelBody, ChannelParams } from './schema';

export const channelRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, channels, complaints, documents }) => {
  app.put(
    '/api/channels/:channel',
    {
      preHandler: auth.authenticate(ADMINS),
      schema: {
        tags: ['complaints'],
        summary:
          'Set up a complaint channel (admin): the SOP its complaints start, and how its reporters are told of progress (webhook with an HMAC signature, or e-mail); 201 when new',
        security,
        params: ChannelParams,
        body: ChannelBody,
        response: { 200: Channel, 201: Channel, ...errors(400, 401, 403, 422) },
      },
    },
    async (req, reply) => {
      const { created, channel } = await channels.put(req.params.channel, req.body, req.user!.username);
      return reply.code(created ? 201 : 200).send(channel);
    },
  );

  app.get(
    '/api/channels',
    {
      preHandler: auth.authenticate([...COMPLAINT_DESK, 'integrasi']),
      schema: {
        tags: ['complaints'],
        summary: 'The complaint channels (webhook secrets are not shown)',
        security,
        response: { 200: Type.Array(Channel), ...errors(401, 403) },
      },
    },
    async () => channels.list(),
  );

  app.post(
    '/api/channels/:channel/inbound',
    {
      preHandler: auth.authenticate(COMPLAINT_INTAKE),
      // One attachment of the largest document size, base64, plus the message.
      bodyLimit: Math.ceil((documents.maxBytes * 4) / 3) + 1024 * 1024,
      schema: {
        tags: ['complaints'],
        summary:
          "A complaint from a channel (integrasi; the complaint desk's call-centre form): starts a case of the channel's SOP with `variables`, keeps the rest as the case's complaint record, attachments as case documents. The same (channel, externalId) again answers 200 with the same case",
        security,
        params: ChannelParams,
        body: InboundBody,
        response: { 200: Intake, 201: Intake, ...errors(400, 401, 403, 404, 409, 413, 422, 503) },
      },
    },
    async (req, reply) => {
      const { created, caseId, trackingCode } = await complaints.intake(req.params.channel, req.body, req.user!);
      return reply.code(created ? 201 : 200).send({ caseId, trackingCode });
    },
  );
};
