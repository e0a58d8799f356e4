// The query parameters and the X-Total-Count header every list endpoint shares.
import type { FastifyReply } from 'fastify';
import type { Page } from '../services/page';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 200;

/** `limit` (1..maxLimit, default 50) and `offset` for a route's querystring properties. */
export function pageProperties(maxLimit = MAX_LIMIT) {
  return {
    limit: { type: 'integer', minimum: 1, maximum: maxLimit, default: DEFAULT_LIMIT, description: `items per page (at most ${maxLimit})` },
    offset: { type: 'integer', minimum: 0, default: 0, description: 'items to skip' },
  } as const;
}

/** Sends the page's items as the body, its total as X-Total-Count. */
export function sendPage<T>(reply: FastifyReply, page: Page<T>) {
  return reply.header('x-total-count', String(page.total)).send(page.items);
}
