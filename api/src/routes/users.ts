import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services';
import type { PageQuery } from '../services/page';
import { pageProperties, sendPage } from './pagination';
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
  app.get<{ Querystring: PageQuery }>('/api/users', {
    preHandler: auth.authenticate(ADMINS),
    schema: {
      tags: ['auth'],
      summary: 'Users with their global roles and their roles in units, by username (admin, auditor); X-Total-Count tells how many there are in all',
      security,
      querystring: { type: 'object', properties: pageProperties(), additionalProperties: false },
      response: { 200: { type: 'array', items: userWithUnitsSchema }, ...errors(400, 401, 403) },
    },
  }, async (req, reply) => sendPage(reply, await users.list(req.query)));

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
