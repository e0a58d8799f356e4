import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../services';
import { assertCaseAccess } from '../../services/case-access';
import { HttpError } from '../../services/http-error';
import { errors, security } from '../shared/schema';
import type { LiveEvent, LiveEvents } from './service';

/** Seconds between keep-alive comments, so proxies and the browser keep an idle stream open. */
const KEEP_ALIVE_MS = 20_000;
/** Open streams one user may hold in one API process (tabs and devices); past it a new one is refused and that page polls. */
export const MAX_STREAMS_PER_USER = 10;

/**
 * GET /api/events/stream: server-sent events for the caller's open inbox (tasks
 * it may do, supervises or holds) and, with ?caseId, its open case page.
 * `events` is absent when the API runs without a database URL to LISTEN on:
 * then the route answers 503 and the pages go on polling.
 */
export const eventRoutes: FastifyPluginAsyncTypebox<Services & { events?: LiveEvents }> = async (app, { auth, prisma, units, events }) => {
  const openStreams = new Map<string, number>();
  app.get(
    '/api/events/stream',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['tasks'],
        summary:
          'Live task and case changes as server-sent events (text/event-stream): `task` (taskId, caseId, status) for tasks the caller may do, supervises or holds, `case` (caseId) for the case named by ?caseId (one the caller may see). Events carry ids only: read the rest through the usual routes. The inbox and case page poll as well, so a lost connection loses nothing for long',
        security,
        querystring: Type.Object({ caseId: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })) }, { additionalProperties: false }),
        response: {
          200: { description: 'A text/event-stream that stays open', content: { 'text/event-stream': { schema: { type: 'string' } } } },
          ...errors(401, 403, 404, 429, 503),
        },
      },
    },
    async (req, reply) => {
      if (!events)
        throw new HttpError(503, 'Live events are off on this server (it has no database URL to listen on); the pages poll instead', undefined, 'events.off');
      const user = req.user!;
      const caseId = req.query.caseId;
      if (caseId) await assertCaseAccess(prisma, units, user, caseId);
      const actor = await units.actorFor(user, { withSupervision: true });
      const open = openStreams.get(user.id) ?? 0;
      if (open >= MAX_STREAMS_PER_USER)
        throw new HttpError(
          429,
          `You have ${open} live streams open already, the most one user may hold; close a tab or let this page poll`,
          undefined,
          'events.too_many_streams',
        );
      openStreams.set(user.id, open + 1);
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no', // a reverse proxy must not hold the stream back
        connection: 'keep-alive',
      });
      res.write(`retry: 3000\n\nevent: ready\ndata: {}\n\n`);
      const send = (event: LiveEvent) => res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
      const unsubscribe = events.subscribe({ actor, ...(caseId ? { caseId } : {}), send });
      const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
      let ended = false;
      const end = () => {
        if (ended) return;
        ended = true;
        clearInterval(keepAlive);
        unsubscribe();
        const left = (openStreams.get(user.id) ?? 1) - 1;
        if (left > 0) openStreams.set(user.id, left);
        else openStreams.delete(user.id);
      };
      req.raw.on('close', end);
      res.on('close', end);
    },
  );
};
