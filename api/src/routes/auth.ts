import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services';
import { errors, userSchema } from './schemas';

export const authRoutes: FastifyPluginAsync<Services> = async (app, { auth }) => {
  app.post<{ Body: { username: string; password: string } }>('/api/auth/login', {
    schema: {
      tags: ['auth'],
      summary: 'Log in; returns a bearer token',
      body: {
        type: 'object',
        properties: { username: { type: 'string', minLength: 1 }, password: { type: 'string', minLength: 1 } },
        required: ['username', 'password'],
        additionalProperties: false,
      },
      response: { 200: { type: 'object', properties: { token: { type: 'string' }, user: userSchema }, required: ['token', 'user'] }, ...errors(400, 401) },
    },
  }, async (req) => auth.login(req.body.username, req.body.password));

  app.post<{ Body: { username: string; password: string; roles: string[] } }>('/api/users', {
    preHandler: auth.authenticate(['admin']),
    schema: {
      tags: ['auth'],
      summary: 'Create a user (admin)',
      security: [{ bearer: [] }],
      body: {
        type: 'object',
        properties: {
          username: { type: 'string', pattern: '^[a-zA-Z0-9._-]{2,64}$' },
          password: { type: 'string', minLength: 8, maxLength: 200 },
          roles: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 }, uniqueItems: true },
        },
        required: ['username', 'password', 'roles'],
        additionalProperties: false,
      },
      response: { 201: userSchema, ...errors(400, 401, 403, 409) },
    },
  }, async (req, reply) => reply.code(201).send(await auth.createUser(req.body.username, req.body.password, req.body.roles)));
};
