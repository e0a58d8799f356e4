import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services';
import type { PageQuery } from '../services/page';
import { pageProperties, sendPage } from './pagination';
import { errors } from './schemas';
import { ADMINS } from '../roles';
import { newPasswordSchema } from './auth';

const security = [{ bearer: [] }];

const userWithUnitsSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' }, username: { type: 'string' }, roles: { type: 'array', items: { type: 'string' } },
    disabled: { type: 'boolean', description: 'An admin disabled the account: it cannot log in' },
    unitRoles: { type: 'array', items: { type: 'object', properties: { unit: { type: 'string' }, role: { type: 'string' } } } },
  },
  required: ['id', 'username', 'roles', 'unitRoles', 'disabled'],
} as const;

const usernameParams = { type: 'object', properties: { username: { type: 'string', maxLength: 64 } }, required: ['username'] } as const;

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

  app.post<{ Params: { username: string }; Body: { password: string } }>('/api/users/:username/password', {
    preHandler: auth.authenticate(['admin']),
    schema: {
      tags: ['auth'],
      summary: "Set a user's password (admin: a forgotten password); every session of that user ends",
      security,
      params: usernameParams,
      body: { type: 'object', properties: { password: newPasswordSchema }, required: ['password'], additionalProperties: false },
      response: { 204: { type: 'null' }, ...errors(400, 401, 403, 404, 422) },
    },
  }, async (req, reply) => {
    await auth.resetPassword(req.params.username, req.body.password);
    return reply.code(204).send();
  });

  for (const action of ['disable', 'enable'] as const) {
    app.post<{ Params: { username: string } }>(`/api/users/:username/${action}`, {
      preHandler: auth.authenticate(['admin']),
      schema: {
        tags: ['auth'],
        summary: action === 'disable'
          ? 'Disable an account (admin): it cannot log in and its sessions end at once; not one\'s own'
          : 'Enable a disabled account again (admin)',
        security,
        params: usernameParams,
        response: { 200: { type: 'object', properties: { username: { type: 'string' }, disabled: { type: 'boolean' } }, required: ['username', 'disabled'] }, ...errors(401, 403, 404, 409) },
      },
    }, async (req) => auth.setDisabled(req.user!, req.params.username, action === 'disable'));
  }
};
