import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services';
import { errors } from './schemas';
import { ADMINS } from '../roles';

const security = [{ bearer: [] }];

const userWithUnitsSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' }, username: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } },
    unitRoles: { type: 'array', items: { type: 'object', properties: { unit: { type: 'string' }, role: { type: 'string' } } } },
  },
  required: ['id', 'username', 'roles', 'unitRoles'],
} as const;

/** Listing users and their global roles; POST /api/users (create) lives with auth. */
export const userRoutes: FastifyPluginAsync<Services> = async (app, { auth, users }) => {
  app.get('/api/users', {
    preHandler: auth.authenticate(ADMINS),
    schema: {
      tags: ['auth'],
      summary: 'Every user with its global roles and its roles in units (admin, auditor)',
      security,
      response: { 200: { type: 'array', items: userWithUnitsSchema }, ...errors(401, 403) },
    },
  }, async () => users.list());

  app.patch<{ Params: { username: string }; Body: { roles: string[] } }>('/api/users/:username', {
    preHandler: auth.authenticate(ADMINS),
    schema: {
      tags: ['auth'],
      summary: "Replace a user's global roles (admin); roles in units are given per unit (POST /api/units/:code/staff)",
      security,
      params: { type: 'object', properties: { username: { type: 'string' } }, required: ['username'] },
      body: {
        type: 'object',
        properties: { roles: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 }, uniqueItems: true } },
        required: ['roles'],
        additionalProperties: false,
      },
      response: { 200: userWithUnitsSchema, ...errors(400, 401, 403, 404) },
    },
  }, async (req) => users.setRoles(req.params.username, req.body.roles));
};
