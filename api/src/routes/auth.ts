import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services';
import { errors, userSchema } from './schemas';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../services/password-policy';
import { HttpError } from '../services/http-error';

const security = [{ bearer: [] }];
/** A new password: the policy (length, not the username, not a common password) answers 422 naming the field. */
export const newPasswordSchema = {
  type: 'string', minLength: 1, maxLength: PASSWORD_MAX_LENGTH,
  description: `At least ${PASSWORD_MIN_LENGTH} characters, not the username, not a common password (else 422 naming the field)`,
} as const;

const profileSchema = {
  type: 'object',
  properties: {
    ...userSchema.properties,
    units: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          code: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' },
          role: { type: 'string' }, roleName: { type: ['string', 'null'] }, supervisor: { type: 'boolean' },
        },
        required: ['code', 'name', 'kind', 'role', 'supervisor'],
      },
    },
  },
  required: [...userSchema.required, 'units'],
} as const;

export const authRoutes: FastifyPluginAsync<Services> = async (app, { auth, users }) => {
  app.get('/api/auth/me', {
    preHandler: auth.authenticate(),
    schema: {
      tags: ['auth'],
      summary: "The caller's own account: global roles and the units they hold a role in (which role, whether it supervises the unit)",
      security,
      response: { 200: profileSchema, ...errors(401) },
    },
  }, async (req) => users.profile(req.user!.username));

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

  app.post('/api/auth/logout', {
    preHandler: auth.authenticate(),
    schema: {
      tags: ['auth'],
      summary: "Log out: ends the caller's session on the server; its token is refused from now on",
      security,
      response: { 204: { type: 'null' }, ...errors(401) },
    },
  }, async (req, reply) => {
    await auth.logout(sessionOf(req.sessionId));
    return reply.code(204).send();
  });

  app.post<{ Body: { currentPassword: string; newPassword: string } }>('/api/auth/password', {
    preHandler: auth.authenticate(),
    schema: {
      tags: ['auth'],
      summary: "Change one's own password; the account's other sessions end, this one stays",
      security,
      body: {
        type: 'object',
        properties: { currentPassword: { type: 'string', minLength: 1, maxLength: 1000 }, newPassword: newPasswordSchema },
        required: ['currentPassword', 'newPassword'],
        additionalProperties: false,
      },
      response: { 204: { type: 'null' }, ...errors(400, 401, 403, 422) },
    },
  }, async (req, reply) => {
    await auth.changePassword(req.user!, sessionOf(req.sessionId), req.body.currentPassword, req.body.newPassword);
    return reply.code(204).send();
  });

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
          password: newPasswordSchema,
          roles: { type: 'array', items: { type: 'string', minLength: 1, maxLength: 100 }, uniqueItems: true },
        },
        required: ['username', 'password', 'roles'],
        additionalProperties: false,
      },
      response: { 201: userSchema, ...errors(400, 401, 403, 409, 422) },
    },
  }, async (req, reply) => reply.code(201).send(await auth.createUser(req.body.username, req.body.password, req.body.roles)));
};

function sessionOf(id: string | undefined): string {
  if (!id) throw new HttpError(401, 'Log in first: send Authorization: Bearer <token>');
  return id;
}
