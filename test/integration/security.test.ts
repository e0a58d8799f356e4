// HTTP hardening on the real API: rate limits on login and on the public
// tracking page, security headers, and authorization answered before request
// validation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '@alur/api';
import type { FastifyInstance } from 'fastify';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';

let alur: TestAlur;
let strict: FastifyInstance;

beforeAll(async () => {
  alur = await startAlur({ worker: false });
  strict = await buildApp({
    prisma: alur.prisma,
    temporal: alur.temporal,
    taskQueue: alur.taskQueue,
    adminPassword: ADMIN_PASSWORD,
    rateLimits: { loginPerMinute: 3, trackPerMinute: 5 },
  });
});
afterAll(async () => {
  await strict?.close();
  await alur?.close();
});

const login = (username: string, password: string, ip = '203.0.113.7') =>
  strict.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress: ip });

describe('rate limits', () => {
  it('refuses a fourth login attempt for one username from one address within a minute, with a clear 429', async () => {
    for (let i = 0; i < 3; i++) expect((await login('admin', 'salah')).statusCode).toBe(401);
    const blocked = await login('admin', ADMIN_PASSWORD);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().message).toMatch(/^Too many login attempts; try again in (\d+ seconds?|1 minute)$/);
    expect(blocked.headers['retry-after']).toBeDefined();
    // The same user from another address, and another user from the same address, are not locked out.
    expect((await login('admin', ADMIN_PASSWORD, '198.51.100.9')).statusCode).toBe(200);
    expect((await login('nobody', 'x')).statusCode).toBe(401);
  });

  it('limits tracking-code lookups per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await strict.inject({ method: 'GET', url: `/api/track/ZZZZ-ZZZZ-ZZZ${i}`, remoteAddress: '203.0.113.8' })).statusCode);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429]);
    expect((await strict.inject({ method: 'GET', url: '/api/track/ZZZZ-ZZZZ-ZZZZ', remoteAddress: '203.0.113.99' })).statusCode).toBe(404);
  });

  it("limits lookups of a tracked case's diagram per address too", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await strict.inject({ method: 'GET', url: `/api/track/ZZZZ-ZZZZ-ZZZ${i}/diagram`, remoteAddress: '203.0.113.10' })).statusCode);
    }
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429]);
  });
});

describe('security headers', () => {
  it.each(['/api/health', '/'])('are set on %s', async (url) => {
    const res = await alur.app.inject({ method: 'GET', url });
    expect(res.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(res.headers['content-security-policy']).toMatch(/frame-ancestors 'none'/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('authorization before validation', () => {
  it('answers an anonymous or unprivileged write with 401/403 even when its body is invalid', async () => {
    const anonymous = await alur.app.inject({ method: 'POST', url: '/api/users', payload: { nonsense: true } });
    expect(anonymous.statusCode).toBe(401);
    const admin = await alur.login('admin', ADMIN_PASSWORD);
    const petugas = await alur.createUser(admin, 'petugas-sec', ['petugas']);
    const forbidden = await alur.app.inject({
      method: 'POST',
      url: '/api/users',
      headers: { authorization: `Bearer ${petugas}` },
      payload: { nonsense: true },
    });
    expect(forbidden.statusCode).toBe(403);
    const invalid = await alur.app.inject({ method: 'POST', url: '/api/users', headers: { authorization: `Bearer ${admin}` }, payload: { nonsense: true } });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().message).toMatch(/body\.username/);
  });
});
