// HTTP hardening: security headers on every answer, and rate limits on the
// routes a stranger can hammer: login (password guessing), the public tracking
// page (tracking-code guessing) and citizens' requests (case flooding).
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError } from './services/http-error';

export interface RateLimits {
  /** Login attempts per minute for one username from one address. */
  loginPerMinute: number;
  /** Tracking-page lookups, and citizens' requests (counted apart), per minute from one address. */
  trackPerMinute: number;
  /** Requests answered 401/403 per minute from one address (anonymous) or one account; then every request of theirs is 429 for the rest of the minute. */
  refusedPerMinute?: number;
}

export const DEFAULT_RATE_LIMITS: RateLimits = { loginPerMinute: 10, trackPerMinute: 60, refusedPerMinute: 60 };

export async function registerSecurity(app: FastifyInstance, limits: RateLimits): Promise<void> {
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // bpmn-js and form-js set inline styles on the diagram's SVG; the Swagger UI at /docs needs inline styles too.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
  });

  // Authorization before validation: a caller without the right role gets
  // 401/403 and learns nothing about the request's schema. Routes declare their
  // auth check as a preHandler; run those checks right after parsing instead.
  app.addHook('onRoute', (route) => {
    if (!route.preHandler) return;
    const checks = Array.isArray(route.preHandler) ? route.preHandler : [route.preHandler];
    const existing = route.preValidation ? (Array.isArray(route.preValidation) ? route.preValidation : [route.preValidation]) : [];
    route.preValidation = [...checks, ...existing] as typeof route.preValidation;
    route.preHandler = undefined;
  });

  // Before the plugin: its own onRoute hook reads these settings.
  app.addHook('onRoute', (route) => {
    if (route.url === '/api/auth/login' && route.method === 'POST') {
      route.config = {
        ...route.config,
        rateLimit: {
          max: limits.loginPerMinute,
          timeWindow: '1 minute',
          hook: 'preHandler', // after body parsing, so the key can hold the username
          // Per username and address: one attacker cannot lock a user out from everywhere.
          keyGenerator: (req: FastifyRequest) => `${req.ip}|${String((req.body as { username?: unknown } | undefined)?.username ?? '')}`,
        },
      };
    }
    // HEAD too: Fastify answers HEAD on every GET route, and a HEAD's status is as good an oracle as a GET's.
    const getOrHead = route.method === 'GET' || route.method === 'HEAD';
    if (
      (getOrHead && (route.url === '/api/track/:trackingCode' || route.url === '/api/track/:trackingCode/diagram')) ||
      (route.url === '/api/public/sops/:key/requests' && route.method === 'POST')
    ) {
      route.config = { ...route.config, rateLimit: { max: limits.trackPerMinute, timeWindow: '1 minute' } };
    }
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (req, context) => new HttpError(429, `Too many ${isLogin(req) ? 'login attempts' : 'requests'}; try again in ${context.after}`),
  });
}

/**
 * Refused requests (401/403) are counted per address, or per account once
 * logged in; past the limit in a minute, that caller's requests answer 429
 * until the minute is over, so nobody can flood the API (and its audit trail)
 * with refused writes. Register after the hook that identifies the caller.
 */
export function refusedRequestLimit(app: FastifyInstance, perMinute: number): void {
  const windowMs = 60_000;
  const counts = new Map<string, { count: number; until: number }>();
  const keyOf = (req: FastifyRequest) => (req.user ? `user:${req.user.username}` : `ip:${req.ip}`);
  app.addHook('onRequest', async (req, reply) => {
    const entry = counts.get(keyOf(req));
    if (!entry || entry.count < perMinute) return;
    const now = Date.now();
    if (entry.until <= now) {
      counts.delete(keyOf(req));
      return;
    }
    const seconds = Math.ceil((entry.until - now) / 1000);
    return reply
      .code(429)
      .header('retry-after', String(seconds))
      .send({ message: `Too many refused requests (401/403); try again in ${seconds} seconds` });
  });
  app.addHook('onResponse', async (req, reply) => {
    if (reply.statusCode !== 401 && reply.statusCode !== 403) return;
    const now = Date.now();
    // Forget finished windows now and then, so the map stays as small as the set of current offenders.
    if (counts.size > 10_000) for (const [k, v] of counts) if (v.until <= now) counts.delete(k);
    const key = keyOf(req);
    const entry = counts.get(key);
    if (!entry || entry.until <= now) counts.set(key, { count: 1, until: now + windowMs });
    else entry.count++;
  });
}

function isLogin(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/auth/login');
}
