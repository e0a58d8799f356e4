// Logging in and out, one's own account and password.
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../services';
import { HttpError } from '../../services/http-error';
import { noContent } from '../shared/answers';
import { errors, security } from '../shared/schema';
import { Login, LoginBody, PasswordChangeBody, Profile } from './schema';

export const authRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, users }) => {
  app.get(
    '/api/auth/me',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['auth'],
        summary: "The caller's own account: global roles and the units they hold a role in (which role, whether it supervises the unit)",
        security,
        response: { 200: Profile, ...errors(401) },
      },
    },
    async (req) => users.profile(req.user!.username),
  );

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in; returns a bearer token',
        body: LoginBody,
        response: { 200: Login, ...errors(400, 401) },
      },
    },
    async (req) => auth.login(req.body.username, req.body.password),
  );

  app.post(
    '/api/auth/logout',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['auth'],
        summary: "Log out: ends the caller's session on the server; its token is refused from now on",
        security,
        response: { 204: Type.Null(), ...errors(401) },
      },
    },
    async (req, reply) => {
      await auth.logout(sessionOf(req.sessionId));
      return noContent(reply);
    },
  );

  app.post(
    '/api/auth/password',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['auth'],
        summary: "Change one's own password; the account's other sessions end, this one stays",
        security,
        body: PasswordChangeBody,
        response: { 204: Type.Null(), ...errors(400, 401, 403, 422) },
      },
    },
    async (req, reply) => {
      await auth.changePassword(req.user!, sessionOf(req.sessionId), req.body.currentPassword, req.body.newPassword);
      return noContent(reply);
    },
  );
};

function sessionOf(id: string | undefined): string {
  if (!id) throw new HttpError(401, 'Log in first: send Authorization: Bearer <token>');
  return id;
}
