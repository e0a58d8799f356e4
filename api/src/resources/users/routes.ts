// Staff accounts as admins manage them: creating, global roles, a forgotten
// password, disabling. Roles in units are given per unit (resources/units).
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../services';
import { ADMINS } from '../../roles';
import { noContent, sendPage } from '../shared/answers';
import { errors, Paged, security, User } from '../shared/schema';
import { AccountState, LimitedUsernameParams, NewUserBody, PasswordResetBody, RolesBody, UsernameParams, UserWithUnits } from './schema';

export const userRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, users }) => {
  app.get(
    '/api/users',
    {
      preHandler: auth.authenticate(ADMINS),
      schema: {
        tags: ['auth'],
        summary: 'Users with their global roles and their roles in units, by username (admin, auditor); X-Total-Count tells how many there are in all',
        security,
        querystring: Paged({}),
        response: { 200: Type.Array(UserWithUnits), ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => sendPage(reply, await users.list(req.query)),
  );

  app.post(
    '/api/users',
    {
      preHandler: auth.authenticate(['admin']),
      schema: {
        tags: ['auth'],
        summary: 'Create a user (admin)',
        security,
        body: NewUserBody,
        response: { 201: User, ...errors(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => reply.code(201).send(await auth.createUser(req.body.username, req.body.password, req.body.roles)),
  );

  app.patch(
    '/api/users/:username',
    {
      preHandler: auth.authenticate(ADMINS),
      schema: {
        tags: ['auth'],
        summary: "Replace a user's global roles (admin); roles in units are given per unit (POST /api/units/:code/staff)",
        security,
        params: UsernameParams,
        body: RolesBody,
        response: { 200: UserWithUnits, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => users.setRoles(req.params.username, req.body.roles),
  );

  app.post(
    '/api/users/:username/password',
    {
      preHandler: auth.authenticate(['admin']),
      schema: {
        tags: ['auth'],
        summary: "Set a user's password (admin: a forgotten password); every session of that user ends",
        security,
        params: LimitedUsernameParams,
        body: PasswordResetBody,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => {
      await auth.resetPassword(req.params.username, req.body.password);
      return noContent(reply);
    },
  );

  for (const action of ['disable', 'enable'] as const) {
    app.post(
      `/api/users/:username/${action}`,
      {
        preHandler: auth.authenticate(['admin']),
        schema: {
          tags: ['auth'],
          summary:
            action === 'disable'
              ? "Disable an account (admin): it cannot log in and its sessions end at once; not one's own"
              : 'Enable a disabled account again (admin)',
          security,
          params: LimitedUsernameParams,
          response: { 200: AccountState, ...errors(401, 403, 404, 409) },
        },
      },
      async (req) => auth.setDisabled(req.user!, req.params.username, action === 'disable'),
    );
  }
};
