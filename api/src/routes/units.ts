import type { FastifyPluginAsync } from 'fastify';
import type { Services } from '../services';
import type { PageQuery } from '../services/page';
import { pageProperties, sendPage } from './pagination';
import { errors } from './schemas';
import { ADMINS } from '../roles';

/** Managing the structure is for admins; auditors read it (see AuthService.authenticate). */

const code = { type: 'string', pattern: '^[a-z0-9][a-z0-9._-]{0,63}$', description: 'lowercase, e.g. dinkes or upt-puskesmas-a' } as const;
const roleName = { type: 'string', minLength: 1, maxLength: 100, pattern: '\\S', description: 'as the diagrams name it (candidate group or lane), e.g. petugas' } as const;
const kind = { type: 'string', pattern: '^[a-z][a-z0-9_-]{1,31}$', description: 'opd, skpd, upt, uptd, bidang, seksi, kecamatan, kelurahan...' } as const;

const unitSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' }, code: { type: 'string' }, name: { type: 'string' }, kind: { type: 'string' },
    parent: { type: ['string', 'null'] }, createdAt: { type: 'string' },
  },
  required: ['id', 'code', 'name', 'kind', 'parent'],
} as const;

const unitDetailSchema = {
  type: 'object',
  properties: {
    ...unitSchema.properties,
    children: { type: 'array', items: { type: 'string' } },
    roles: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          role: { type: 'string' }, name: { type: 'string' }, supervisor: { type: 'boolean' },
          staff: { type: 'array', items: { type: 'string' } },
        },
      },
    },
  },
  required: [...unitSchema.required, 'children', 'roles'],
} as const;

const codeParams = { type: 'object', properties: { code: { type: 'string' } }, required: ['code'] } as const;
const security = [{ bearer: [] }];

export const unitRoutes: FastifyPluginAsync<Services> = async (app, { auth, units }) => {
  app.get<{ Querystring: PageQuery }>('/api/units', {
    preHandler: auth.authenticate(ADMINS),
    schema: {
      tags: ['units'],
      summary: 'Units by code (admin, auditor); X-Total-Count tells how many there are in all',
      security,
      querystring: { type: 'object', properties: pageProperties(), additionalProperties: false },
      response: { 200: { type: 'array', items: unitSchema }, ...errors(400, 401, 403) },
    },
  }, async (req, reply) => sendPage(reply, await units.list(req.query)));

  app.post<{ Body: { code: string; name: string; kind: string; parent?: string | null } }>('/api/units', {
    preHandler: auth.authenticate(ADMINS),
    schema: {
      tags: ['units'],
      summary: 'Create a unit, top-level (an OPD/SKPD) or below its parent (a UPT/UPTD...) (admin)',
      security,
      body: {
        type: 'object',
        properties: { code, name: { type: 'string', minLength: 1, maxLength: 200 }, kind, parent: { anyOf: [code, { type: 'null' }] } },
        required: ['code', 'name', 'kind'],
        additionalProperties: false,
      },
      response: { 201: unitSchema, ...errors(400, 401, 403, 409, 422) },
    },
  }, async (req, reply) => reply.code(201).send(await units.create(req.body)));

  app.get<{ Params: { code: string } }>('/api/units/:code', {
    preHandler: auth.authenticate(ADMINS),
    schema: { tags: ['units'], summary: 'A unit with its sub-units, roles and the staff holding them (admin, auditor)', security, params: codeParams, response: { 200: unitDetailSchema, ...errors(401, 403, 404) } },
  }, async (req) => units.get(req.params.code));

  app.patch<{ Params: { code: string }; Body: { name?: string; kind?: string; parent?: string | null } }>('/api/units/:code', {
    preHandler: auth.authenticate(ADMINS),
    schema: {
      tags: ['units'],
      summary: 'Rename a unit, change its kind or move it under another parent (admin); its code never changes',
      security,
      params: codeParams,
      body: {
        type: 'object',
        properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, kind, parent: { anyOf: [code, { type: 'null' }] } },
        additionalProperties: false,
        minProperties: 1,
      },
      response: { 200: unitSchema, ...errors(400, 401, 403, 404, 422) },
    },
  }, async (req) => units.update(req.params.code, req.body));

  app.post<{ Params: { code: string }; Body: { role: string; name?: string; supervisor?: boolean } }>('/api/units/:code/roles', {
    preHandler: auth.authenticate(ADMINS),
    schema: {
      tags: ['units'],
      summary: 'Add a role to a unit (admin); holders of a supervisor role supervise the unit and the units below it',
      security,
      params: codeParams,
      body: {
        type: 'object',
        properties: { role: roleName, name: { type: 'string', minLength: 1, maxLength: 200 }, supervisor: { type: 'boolean' } },
        required: ['role'],
        additionalProperties: false,
      },
      response: { 201: unitDetailSchema, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (req, reply) => reply.code(201).send(await units.addRole(req.params.code, { ...req.body, role: req.body.role.trim() })));

  app.delete<{ Params: { code: string; role: string } }>('/api/units/:code/roles/:role', {
    preHandler: auth.authenticate(ADMINS),
    schema: {
      tags: ['units'],
      summary: 'Remove a role from a unit, and from everyone holding it there (admin)',
      security,
      params: { type: 'object', properties: { code: { type: 'string' }, role: { type: 'string' } }, required: ['code', 'role'] },
      response: { 204: { type: 'null' }, ...errors(401, 403, 404) },
    },
  }, async (req, reply) => {
    await units.removeRole(req.params.code, req.params.role);
    return reply.code(204).send();
  });

  app.post<{ Params: { code: string }; Body: { username: string; role: string } }>('/api/units/:code/staff', {
    preHandler: auth.authenticate(ADMINS),
    schema: {
      tags: ['units'],
      summary: 'Give a user one of the unit\'s roles (admin)',
      security,
      params: codeParams,
      body: {
        type: 'object',
        properties: { username: { type: 'string', minLength: 1 }, role: roleName },
        required: ['username', 'role'],
        additionalProperties: false,
      },
      response: { 201: unitDetailSchema, ...errors(400, 401, 403, 404, 422) },
    },
  }, async (req, reply) => reply.code(201).send(await units.assignStaff(req.params.code, req.body.username, req.body.role.trim())));

  app.delete<{ Params: { code: string; username: string; role: string } }>('/api/units/:code/staff/:username/:role', {
    preHandler: auth.authenticate(ADMINS),
    schema: {
      tags: ['units'],
      summary: 'Take a unit role away from a user (admin)',
      security,
      params: { type: 'object', properties: { code: { type: 'string' }, username: { type: 'string' }, role: { type: 'string' } }, required: ['code', 'username', 'role'] },
      response: { 204: { type: 'null' }, ...errors(401, 403, 404) },
    },
  }, async (req, reply) => {
    await units.removeStaff(req.params.code, req.params.username, req.params.role);
    return reply.code(204).send();
  });
};
