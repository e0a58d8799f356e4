// Limits at the edge: what a request may carry before any of it reaches a
// service, Temporal or the database. Body size per route (413 naming the
// limit), JSON nesting depth on every JSON body (422 naming where), and the
// size of a case's variables (413 naming the variable), so a request that
// could never become a case (Temporal refuses payloads past 2 MB; PostgreSQL's
// jsonb and Prisma refuse deep nesting) is refused before it is accepted.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { formatBytes } from '@alur/cases';
import { HttpError } from './services/http-error';

/**
 * Largest JSON body of any route (2 MB, Temporal's own payload limit); BPMN/DMN
 * XML and case documents have their own. Case variables have a tighter limit
 * of their own (below), which names the variable.
 */
export const JSON_BODY_LIMIT = 2 * 1024 * 1024;
/** Deepest nesting of objects and arrays in a JSON body; the body itself is level 1. */
export const MAX_JSON_DEPTH = 32;

/** Routes that take something else than JSON and keep their own, larger, limit. */
const XML_ROUTES = new Set(['POST /api/sops', 'POST /api/decisions']);

export async function registerLimits(app: FastifyInstance, xmlBodyLimit: number): Promise<void> {
  app.addHook('onRoute', (route) => {
    if (route.bodyLimit !== undefined) return; // a route with its own (case documents)
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    route.bodyLimit = methods.some((m) => XML_ROUTES.has(`${m} ${route.url}`)) ? xmlBodyLimit : JSON_BODY_LIMIT;
  });

  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const tooDeep = nestingBeyond(body as string, MAX_JSON_DEPTH);
    if (tooDeep) {
      const message = `The JSON body nests deeper than ${MAX_JSON_DEPTH} levels (at ${tooDeep}); no request needs more`;
      done(new HttpError(422, message, { errors: [{ field: tooDeep, message }] }), undefined);
      return;
    }
    // The default parser answers through `done`; its type also admits async parsers' promises.
    void parseJson(req, body as string, done);
  });
}

/**
 * Where the JSON text first nests deeper than `max` levels (`body.a.b.0.c`),
 * or undefined. One pass over the text, no recursion, so a 100,000-deep body
 * costs what its length costs. The text need not be valid JSON: the parser
 * judges that afterwards.
 */
export function nestingBeyond(text: string, max: number): string | undefined {
  // Per open container: its key path segment, whether it is an array, and its element index.
  const stack: { segment: string; array: boolean; index: number }[] = [];
  let inString = false;
  let stringStart = -1;
  let lastString = '';
  let pendingKey = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (inString) {
      if (ch === 0x5c)
        i++; // backslash: skip the escaped character
      else if (ch === 0x22) {
        inString = false;
        lastString = text.slice(stringStart, i);
      }
      continue;
    }
    switch (ch) {
      case 0x22: // "
        inString = true;
        stringStart = i + 1;
        break;
      case 0x3a: // :
        pendingKey = lastString;
        break;
      case 0x2c: {
        // ,
        const top = stack.at(-1);
        if (top?.array) top.index++;
        break;
      }
      case 0x7b: // {
      case 0x5b: {
        // [
        const parent = stack.at(-1);
        const segment = parent ? (parent.array ? String(parent.index) : pendingKey) : 'body';
        stack.push({ segment, array: ch === 0x5b, index: 0 });
        if (stack.length > max)
          return stack
            .map((s) => s.segment.slice(0, 40))
            .slice(0, max + 1)
            .join('.');
        break;
      }
      case 0x7d: // }
      case 0x5d: // ]
        stack.pop();
        break;
      default:
        break;
    }
  }
  return undefined;
}

/** Fastify's own 413 says only "Request body is too large": this one names the limit. */
export function bodyTooLargeMessage(req: FastifyRequest): string {
  const limit = req.routeOptions.bodyLimit ?? JSON_BODY_LIMIT;
  return `The request body is larger than ${formatBytes(limit)}, the most ${req.method} ${req.routeOptions.url ?? req.url.split('?')[0]} accepts`;
}
