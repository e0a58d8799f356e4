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
}

export const DEFAULT_RATE_LIMITS: RateLimits = { loginPerMinute: 10, trackPerMinute: 60 };

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
    if (
      (route.method === 'GET' && (route.url === '/api/track/:trackingCode' || route.url === '/api/track/:trackingCode/diagram')) ||
      (route.url === '/api/public/sops/:key/requests' && route.method === 'POST')
    ) {
      route.config = { ...route.config, rateLimit: { max: limits.trackPerMinute, timeWindow: '1 minute' } };
    }
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (req, context) =>
      new HttpError(429, `Too many ${isLogin(req) ? 'login attempts' : 'requests'}; try again in ${context.after}`),
  });
}

function isLogin(req: FastifyRequest): boolean {
  return req.url.startsWith('/api/auth/login');
}
