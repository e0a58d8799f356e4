// Answers every resource sends alike: a page (X-Total-Count) and 204.
import type { FastifyReply } from 'fastify';
import type { Page } from '../../services/page';

/** Sends the page's items as the body, its total as X-Total-Count. */
export function sendPage<T>(reply: FastifyReply, page: Page<T>) {
  return reply.header('x-total-count', String(page.total)).send(page.items);
}

/** 204 without a body. */
export function noContent(reply: FastifyReply) {
  return reply.code(204).send();
}
