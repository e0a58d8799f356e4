import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../services';
import { ADMINS } from '../../roles';
import { noContent, sendPage } from '../shared/answers';
import { errors, IdParams, Paged, security } from '../shared/schema';
import { CreatedWebhook, Webhook, WebhookBody } from './schema';

export const webhookRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, webhooks }) => {
  app.post(
    '/api/webhooks',
    {
      preHandler: auth.authenticate(ADMINS),
      schema: {
        tags: ['governance'],
        summary:
          'Register a URL that receives each new deviation once (JSON, X-Alur-Signature: sha256=HMAC of the body with the secret); internal addresses only when ALUR_OUTBOUND_ALLOW allows them',
        security,
        body: WebhookBody,
        response: { 201: CreatedWebhook, ...errors(400, 401, 403, 422) },
      },
    },
    async (req, reply) => reply.code(201).send(await webhooks.register(req.body, req.user!.username)),
  );

  app.get(
    '/api/webhooks',
    {
      preHandler: auth.authenticate(ADMINS),
      schema: {
        tags: ['governance'],
        summary: 'Registered deviation webhooks (secrets are not shown); X-Total-Count tells how many there are in all',
        security,
        querystring: Paged({}),
        response: { 200: Type.Array(Webhook), ...errors(401, 403) },
      },
    },
    async (req, reply) => sendPage(reply, await webhooks.list(req.query)),
  );

  app.delete(
    '/api/webhooks/:id',
    {
      preHandler: auth.authenticate(ADMINS),
      schema: {
        tags: ['governance'],
        summary: 'Stop sending deviations to a webhook',
        security,
        params: IdParams,
        response: { 204: Type.Null(), ...errors(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await webhooks.deactivate(req.params.id);
      return noContent(reply);
    },
  );
};
