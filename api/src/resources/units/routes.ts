// The government structure: units, their roles and the staff holding them.
// Managing it is for admins; auditors read it (see AuthService.authenticate).
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../services';
import { ADMINS } from '../../roles';
import { noContent, sendPage } from '../shared/answers';
import { errors, Paged, security } from '../shared/schema';
import { CodeParams, RoleParams, StaffInput, StaffParams, Unit, UnitDetail, UnitInput, UnitPatch, UnitRoleInput } from './schema';

export const unitRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, units }) => {
  app.get(
    '/api/units',
    {
      preHandler: auth.authenticate(ADMINS),
      schema: {
        tags: ['units'],
        summary: 'Units by code (admin, auditor); X-Total-Count tells how many there are in all',
        security,
        querystring: Paged({}),
        response: { 200: Type.Array(Unit), ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => sendPage(reply, await units.list(req.query)),
  );

  app.post(
    '/api/units',
    {
      preHandler: auth.authenticate(ADMINS),
      schema: {
        tags: ['units'],
        summary: 'Create a unit, top-level (an OPD/SKPD) or below its parent (a UPT/UPTD...) (admin)',
        security,
        body: UnitInput,
        response: { 201: Unit, ...errors(400, 401, 403, 409, 422) },
      },
    },
    async (req, reply) => reply.code(201).send(await units.create(req.body)),
  );

  app.get(
    '/api/units/:code',
    {
      preHandler: auth.authenticate(ADMINS),
      schema: {
        tags: ['units'],
        summary: 'A unit with its sub-units, roles and the staff holding them (admin, auditor)',
        security,
        params: CodeParams,
        response: { 200: UnitDetail, ...errors(401, 403, 404) },
      },
    },
    async (req) => units.get(req.params.code),
  );

  app.patch(
    '/api/units/:code',
    {
      preHandler: auth.authenticate(ADMINS),
      schema: {
        tags: ['units'],
        summary: 'Rename a unit, change its kind or move it under another parent (admin); its code never changes',
        security,
        params: CodeParams,
        body: UnitPatch,
        response: { 200: Unit, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (req) => units.update(req.params.code, req.body),
  );

  app.post(
    '/api/units/:code/roles',
    {
      preHandler: auth.authenticate(ADMINS),
      schema: {
        tags: ['units'],
        summary: 'Add a role to a unit (admin); holders of a supervisor role supervise the unit and the units below it',
        security,
        params: CodeParams,
        body: UnitRoleInput,
        response: { 201: UnitDetail, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => reply.code(201).send(await units.addRole(req.params.code, { ...req.body, role: req.body.role.trim() })),
  );

  app.delete(
    '/api/units/:code/roles/:role',
    {
      preHandler: auth.authenticate(ADMINS),
      schema: {
        tags: ['units'],
        summary: 'Remove a role from a unit, and from everyone holding it there (admin)',
        security,
        params: RoleParams,
        response: { 204: Type.Null(), ...errors(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await units.removeRole(req.params.code, req.params.role);
      return noContent(reply);
    },
  );

  app.post(
    '/api/units/:code/staff',
    {
      preHandler: auth.authenticate(ADMINS),
      schema: {
        tags: ['units'],
        summary: "Give a user one of the unit's roles (admin)",
        security,
        params: CodeParams,
        body: StaffInput,
        response: { 201: UnitDetail, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (req, reply) => reply.code(201).send(await units.assignStaff(req.params.code, req.body.username, req.body.role.trim())),
  );

  app.delete(
    '/api/units/:code/staff/:username/:role',
    {
      preHandler: auth.authenticate(ADMINS),
      schema: {
        tags: ['units'],
        summary: 'Take a unit role away from a user (admin)',
        security,
        params: StaffParams,
        response: { 204: Type.Null(), ...errors(401, 403, 404) },
      },
    },
    async (req, reply) => {
      await units.removeStaff(req.params.code, req.params.username, req.params.role);
      return noContent(reply);
    },
  );
};
