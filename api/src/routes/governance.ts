// SOP governance: supervisor overrides, waiting for the citizen, deviation
// reports, SLA overrides per SOP version, calendars and deviation webhooks.
import type { FastifyPluginAsync } from 'fastify';
import { Prisma } from '@alur/db';
import { DEVIATION_KINDS, type OverrideAction } from '@alur/workflows';
import { businessCalendarError, mergeCalendars, parseLocalDate, DEFAULT_BUSINESS_CALENDAR } from '@alur/workflows/calendar';
import { slaValueError } from '@alur/workflows/compiler';
import { literalUrlRefusal } from '@alur/workflows/outbound-policy';
import type { Services } from '../services';
import { DeviationService, type DeviationFilter } from '../services/deviations';
import { DEFAULT_SCOPE, resolveCalendar } from '../services/governance';
import { HttpError } from '../services/http-error';
import type { PageQuery } from '../services/page';
import { pageProperties, sendPage } from './pagination';
import { errors } from './schemas';
import { ADMINS, REPORT_READERS, SUPERVISORS } from '../roles';


const reason = { type: 'string', minLength: 3, maxLength: 2000 } as const;
const filterProperties = {
  kind: { enum: [...DEVIATION_KINDS] },
  sop: { type: 'string' },
  unit: { type: 'string' },
  staff: { type: 'string' },
  from: { type: 'string', format: 'date-time' },
  to: { type: 'string', format: 'date-time' },
} as const;
const deviationSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' }, caseId: { type: 'string' }, sopKey: { type: 'string' }, sopVersion: { type: 'integer' },
    unitId: { type: ['string', 'null'] }, stepId: { type: ['string', 'null'] }, elementId: { type: ['string', 'null'] },
    elementName: { type: ['string', 'null'], description: "the element's name in the SOP version (the process name for the whole case)" },
    kind: { type: 'string' }, at: { type: 'string' }, by: { type: ['string', 'null'] },
    details: { type: 'object', additionalProperties: true },
  },
} as const;
const scopeParams = { type: 'object', properties: { scope: { type: 'string', minLength: 1 } }, required: ['scope'] } as const;

export const governanceRoutes: FastifyPluginAsync<Services> = async (app, { auth, prisma, temporal, sops, units, cases, outboundPolicy }) => {
  const deviations = new DeviationService(prisma, temporal, units);

  app.post<{ Params: { id: string }; Body: { action: OverrideAction; stepId?: string; reason: string } }>('/api/instances/:id/override', {
    preHandler: auth.authenticate(SUPERVISORS),
    schema: {
      tags: ['governance'],
      summary: 'Supervisor override (admin, supervisor): skip the active step, jump to a step, or reopen a closed case at a step; recorded as a deviation',
      security: [{ bearer: [] }],
      params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      body: {
        type: 'object',
        properties: { action: { enum: ['skip', 'jump', 'reopen'] }, stepId: { type: 'string', minLength: 1 }, reason },
        required: ['action', 'reason'],
        additionalProperties: false,
      },
      response: { 200: { type: 'object', properties: { id: { type: 'string' }, action: { type: 'string' } } }, ...errors(400, 401, 403, 404, 409, 422) },
    },
  }, async (req) => {
    if (req.body.action === 'reopen') return cases.reopen(req.params.id, req.user!.username, req.body.stepId, req.body.reason.trim());
    await deviations.override(req.params.id, req.user!, req.body.action, req.body.stepId, req.body.reason.trim());
    return { id: req.params.id, action: req.body.action };
  });

  app.post<{ Params: { id: string }; Body: { waiting: boolean; reason?: string } }>('/api/tasks/:id/waiting', {
    preHandler: auth.authenticate(),
    schema: {
      tags: ['governance'],
      summary: 'Mark a task as waiting for the citizen (or not any more); on steps with alur:slaPaused its SLA clock stops meanwhile',
      security: [{ bearer: [] }],
      params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      body: { type: 'object', properties: { waiting: { type: 'boolean' }, reason: { type: 'string', maxLength: 2000 } }, required: ['waiting'], additionalProperties: false },
      response: { 200: { type: 'object', properties: { id: { type: 'string' }, waiting: { type: 'boolean' } } }, ...errors(400, 401, 403, 404, 409) },
    },
  }, async (req) => {
    await deviations.setWaiting(req.params.id, req.user!, req.body.waiting, req.body.reason?.trim());
    return { id: req.params.id, waiting: req.body.waiting };
  });

  app.post<{ Params: { id: string }; Body: { username: string; reason: string } }>('/api/tasks/:id/allow-outside-role', {
    preHandler: auth.authenticate(ADMINS),
    schema: {
      tags: ['governance'],
      summary: "Admin override: let a user complete an open task that is not for their role or unit; the completion is recorded as a deviation",
      security: [{ bearer: [] }],
      params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      body: { type: 'object', properties: { username: { type: 'string', minLength: 1 }, reason }, required: ['username', 'reason'], additionalProperties: false },
      response: { 200: { type: 'object', properties: { id: { type: 'string' }, username: { type: 'string' } } }, ...errors(400, 401, 403, 404, 409, 422) },
    },
  }, async (req) => {
    await deviations.allowOutsideRole(req.params.id, req.user!, req.body.username, req.body.reason.trim());
    return { id: req.params.id, username: req.body.username };
  });

  app.get<{ Querystring: DeviationFilter & PageQuery }>('/api/deviations', {
    preHandler: auth.authenticate(REPORT_READERS),
    schema: {
      tags: ['governance'],
      summary: 'Deviations detected by the system, newest first (admin, supervisor, auditor)',
      security: [{ bearer: [] }],
      querystring: {
        type: 'object',
        properties: { ...filterProperties, ...pageProperties(500) },
        additionalProperties: false,
      },
      response: {
        200: { type: 'object', properties: { total: { type: 'integer' }, items: { type: 'array', items: deviationSchema } } },
        ...errors(400, 401, 403),
      },
    },
  }, async (req, reply) => {
    const { limit, offset, ...filter } = req.query;
    const page = await deviations.list(filter, { limit, offset });
    return reply.header('x-total-count', String(page.total)).send(page);
  });

  app.get<{ Querystring: DeviationFilter }>('/api/deviations/export.csv', {
    preHandler: auth.authenticate(REPORT_READERS),
    schema: {
      tags: ['governance'],
      summary: 'The deviations matching the filters as CSV (admin, supervisor, auditor)',
      security: [{ bearer: [] }],
      querystring: { type: 'object', properties: filterProperties, additionalProperties: false },
      produces: ['text/csv'],
      response: { 200: { type: 'string' }, ...errors(400, 401, 403) },
    },
  }, async (req, reply) => {
    reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', 'attachment; filename="deviations.csv"');
    return deviations.csv(req.query);
  });

  app.get<{ Querystring: { by: 'sop' | 'unit' | 'staff'; sop?: string; from?: string; to?: string } }>('/api/deviations/summary', {
    preHandler: auth.authenticate(REPORT_READERS),
    schema: {
      tags: ['governance'],
      summary: 'Per SOP, unit or staff (of one SOP with `sop`): SLA compliance %, mean and p90 step durations (ms), SLA breaches',
      security: [{ bearer: [] }],
      querystring: {
        type: 'object',
        properties: { by: { enum: ['sop', 'unit', 'staff'] }, sop: filterProperties.sop, from: filterProperties.from, to: filterProperties.to },
        required: ['by'],
        additionalProperties: false,
      },
      response: {
        200: {
          type: 'array',
          items: {
            type: 'object',
            properties: {
              key: { type: ['string', 'null'] }, steps: { type: 'integer' }, stepsWithSla: { type: 'integer' },
              slaCompliancePct: { type: ['number', 'null'] }, meanStepMs: { type: ['integer', 'null'] }, p90StepMs: { type: ['integer', 'null'] },
              breaches: { type: 'integer' }, atRisk: { type: 'integer' },
            },
          },
        },
        ...errors(400, 401, 403),
      },
    },
  }, async (req) => deviations.summary(req.query.by, req.query));

  app.get<{ Querystring: PageQuery }>('/api/rejected-actions', {
    preHandler: auth.authenticate(REPORT_READERS),
    schema: {
      tags: ['governance'],
      summary: 'Actions the engine refused (wrong role, step not active...), newest first; X-Total-Count tells how many there are in all',
      security: [{ bearer: [] }],
      querystring: { type: 'object', properties: pageProperties(500), additionalProperties: false },
      response: { 200: { type: 'array', items: { type: 'object', additionalProperties: true } }, ...errors(401, 403) },
    },
  }, async (req, reply) => {
    const [total, rows] = await Promise.all([
      prisma.rejectedAction.count(),
      prisma.rejectedAction.findMany({ orderBy: [{ at: 'desc' }, { id: 'asc' }], take: req.query.limit, skip: req.query.offset }),
    ]);
    return sendPage(reply, { total, items: rows.map((r) => ({ ...r, at: r.at.toISOString() })) });
  });

  app.put<{ Params: { key: string; version: number }; Body: { overrides: Record<string, string | null> } }>('/api/sops/:key/versions/:version/slas', {
    preHandler: auth.authenticate(ADMINS),
    schema: {
      tags: ['governance'],
      summary: "Set the Standar Pelayanan's SLAs of an SOP version per element id (the process id: the whole case); null removes one",
      security: [{ bearer: [] }],
      params: { type: 'object', properties: { key: { type: 'string' }, version: { type: 'integer', minimum: 1 } }, required: ['key', 'version'] },
      body: {
        type: 'object',
        properties: { overrides: { type: 'object', additionalProperties: { type: ['string', 'null'], maxLength: 500 } } },
        required: ['overrides'],
        additionalProperties: false,
      },
      response: { 200: { type: 'object', additionalProperties: { type: 'string' } }, ...errors(400, 401, 403, 404, 422) },
    },
  }, async (req) => {
    const sop = await sops.getVersion(req.params.key, req.params.version);
    const problems = Object.entries(req.body.overrides).flatMap(([elementId, sla]) => {
      if (elementId !== sop.ir.key && !sop.ir.nodes[elementId]) return [{ elementId, message: `"${elementId}" is not an element of SOP "${sop.key}" version ${sop.version}` }];
      const error = sla === null ? undefined : slaValueError(sla);
      return error ? [{ elementId, message: `Invalid SLA for "${elementId}": ${error}` }] : [];
    });
    if (problems.length) throw new HttpError(422, 'Some SLAs cannot be used', { errors: problems });
    await prisma.$transaction(Object.entries(req.body.overrides).map(([elementId, sla]) =>
      sla === null
        ? prisma.slaOverride.deleteMany({ where: { sopVersionId: sop.id, elementId } })
        : prisma.slaOverride.upsert({
          where: { sopVersionId_elementId: { sopVersionId: sop.id, elementId } },
          create: { sopVersionId: sop.id, elementId, sla: sla.trim(), updatedBy: req.user!.username },
          update: { sla: sla.trim(), updatedBy: req.user!.username },
        }),
    ));
    const rows = await prisma.slaOverride.findMany({ where: { sopVersionId: sop.id } });
    return Object.fromEntries(rows.map((r) => [r.elementId, r.sla]));
  });

  app.get<{ Params: { scope: string }; Querystring: { year?: number } }>('/api/calendars/:scope', {
    preHandler: auth.authenticate(),
    schema: {
      tags: ['governance'],
      summary: 'The business calendar the cases of a unit use (scope: unit code or id, or "default"), holidays included',
      security: [{ bearer: [] }],
      params: scopeParams,
      querystring: { type: 'object', properties: { year: { type: 'integer', minimum: 1970, maximum: 9999 } }, additionalProperties: false },
      response: { 200: { type: 'object', additionalProperties: true }, ...errors(400, 401, 404) },
    },
  }, async (req) => {
    const unitId = await unitScope(req.params.scope);
    return resolveCalendar(prisma, unitId, req.query.year ?? new Date().getUTCFullYear());
  });

  app.put<{ Params: { scope: string }; Body: { timeZone?: string; weeklyHours?: object; specialHours?: object[] } }>('/api/calendars/:scope', {
    preHandler: auth.authenticate(ADMINS),
    schema: {
      tags: ['governance'],
      summary: "A unit's own time zone, working hours and special hours (e.g. Ramadan); absent fields inherit from the parent unit",
      security: [{ bearer: [] }],
      params: scopeParams,
      body: {
        type: 'object',
        properties: { timeZone: { type: 'string' }, weeklyHours: { type: 'object' }, specialHours: { type: 'array', items: { type: 'object' } } },
        additionalProperties: false,
      },
      response: { 200: { type: 'object', additionalProperties: true }, ...errors(400, 401, 403, 404, 422) },
    },
  }, async (req) => {
    const unitId = await unitScope(req.params.scope);
    const body = req.body as Parameters<typeof mergeCalendars>[1];
    const error = businessCalendarError(mergeCalendars(DEFAULT_BUSINESS_CALENDAR, body));
    if (error) throw new HttpError(422, `Invalid calendar: ${error}`);
    const data = {
      timeZone: body.timeZone ?? null,
      weeklyHours: (body.weeklyHours as unknown as Prisma.InputJsonValue) ?? Prisma.DbNull,
      specialHours: (body.specialHours as unknown as Prisma.InputJsonValue) ?? Prisma.DbNull,
    };
    const scope = unitId ?? DEFAULT_SCOPE;
    await prisma.calendarSettings.upsert({ where: { scope }, create: { scope, ...data }, update: data });
    return resolveCalendar(prisma, unitId, new Date().getUTCFullYear());
  });

  app.get<{ Params: { scope: string; year: number } }>('/api/calendars/:scope/leave-days/:year', {
    preHandler: auth.authenticate(ADMINS),
    schema: {
      tags: ['governance'],
      summary: 'The cuti bersama and local leave days a unit (or "default") sets itself for a year, without those it inherits (what PUT replaces)',
      security: [{ bearer: [] }],
      params: { type: 'object', properties: { scope: { type: 'string' }, year: { type: 'integer', minimum: 1970, maximum: 9999 } }, required: ['scope', 'year'] },
      response: { 200: { type: 'object', additionalProperties: true }, ...errors(400, 401, 403, 404) },
    },
  }, async (req) => {
    const { year } = req.params;
    const scope = (await unitScope(req.params.scope)) ?? DEFAULT_SCOPE;
    const days = await prisma.leaveDay.findMany({ where: { scope, date: { startsWith: `${year}-` } }, orderBy: { date: 'asc' } });
    return { scope: req.params.scope, year, days: days.map(({ date, name, kind }) => ({ date, name, kind })) };
  });

  app.put<{ Params: { scope: string; year: number }; Body: { days: { date: string; name: string; kind: 'cuti-bersama' | 'local' }[] } }>('/api/calendars/:scope/leave-days/:year', {
    preHandler: auth.authenticate(ADMINS),
    schema: {
      tags: ['governance'],
      summary: 'Replace the cuti bersama and local leave days of a year for a unit (or "default": everyone)',
      security: [{ bearer: [] }],
      params: { type: 'object', properties: { scope: { type: 'string' }, year: { type: 'integer', minimum: 1970, maximum: 9999 } }, required: ['scope', 'year'] },
      body: {
        type: 'object',
        properties: {
          days: {
            type: 'array',
            maxItems: 366,
            items: {
              type: 'object',
              properties: { date: { type: 'string' }, name: { type: 'string', minLength: 1, maxLength: 200 }, kind: { enum: ['cuti-bersama', 'local'] } },
              required: ['date', 'name', 'kind'],
              additionalProperties: false,
            },
          },
        },
        required: ['days'],
        additionalProperties: false,
      },
      response: { 200: { type: 'object', additionalProperties: true }, ...errors(400, 401, 403, 404, 422) },
    },
  }, async (req) => {
    const { year } = req.params;
    const scope = (await unitScope(req.params.scope)) ?? DEFAULT_SCOPE;
    const bad = req.body.days.findIndex((d) => parseLocalDate(d.date) === undefined || !d.date.startsWith(`${year}-`));
    if (bad >= 0) throw new HttpError(422, `days[${bad}].date "${req.body.days[bad]!.date}" is not a date YYYY-MM-DD in ${year}`, { errors: [{ field: `body.days.${bad}.date`, message: 'not a date in this year' }] });
    await prisma.$transaction([
      prisma.leaveDay.deleteMany({ where: { scope, date: { startsWith: `${year}-` } } }),
      prisma.leaveDay.createMany({ data: req.body.days.map((d) => ({ scope, date: d.date, name: d.name, kind: d.kind })), skipDuplicates: true }),
    ]);
    const days = await prisma.leaveDay.findMany({ where: { scope, date: { startsWith: `${year}-` } }, orderBy: { date: 'asc' } });
    return { scope: req.params.scope, year, days: days.map(({ date, name, kind }) => ({ date, name, kind })) };
  });

  app.post<{ Body: { url: string; secret: string; kinds?: string[] } }>('/api/webhooks', {
    preHandler: auth.authenticate(ADMINS),
    schema: {
      tags: ['governance'],
      summary: 'Register a URL that receives each new deviation once (JSON, X-Alur-Signature: sha256=HMAC of the body with the secret); internal addresses only when ALUR_OUTBOUND_ALLOW allows them',
      security: [{ bearer: [] }],
      body: {
        type: 'object',
        properties: {
          url: { type: 'string', pattern: '^https?://', maxLength: 2000 },
          secret: { type: 'string', minLength: 16, maxLength: 500 },
          kinds: { type: 'array', items: { enum: [...DEVIATION_KINDS] } },
        },
        required: ['url', 'secret'],
        additionalProperties: false,
      },
      response: { 201: { type: 'object', properties: { id: { type: 'string' }, url: { type: 'string' }, kinds: { type: 'array', items: { type: 'string' } } } }, ...errors(400, 401, 403, 422) },
    },
  }, async (req, reply) => {
    const refusal = literalUrlRefusal(outboundPolicy, req.body.url);
    if (refusal) throw new HttpError(422, `url "${req.body.url}": ${refusal}`, { errors: [{ field: 'body.url', message: refusal }] });
    const row = await prisma.webhookSubscription.create({ data: { url: req.body.url, secret: req.body.secret, kinds: req.body.kinds ?? [], createdBy: req.user!.username } });
    return reply.code(201).send({ id: row.id, url: row.url, kinds: row.kinds });
  });

  app.get<{ Querystring: PageQuery }>('/api/webhooks', {
    preHandler: auth.authenticate(ADMINS),
    schema: {
      tags: ['governance'],
      summary: 'Registered deviation webhooks (secrets are not shown); X-Total-Count tells how many there are in all',
      security: [{ bearer: [] }],
      querystring: { type: 'object', properties: pageProperties(), additionalProperties: false },
      response: { 200: { type: 'array', items: { type: 'object', properties: { id: { type: 'string' }, url: { type: 'string' }, kinds: { type: 'array', items: { type: 'string' } }, active: { type: 'boolean' } } } }, ...errors(401, 403) },
    },
  }, async (req, reply) => {
    const [total, items] = await Promise.all([
      prisma.webhookSubscription.count(),
      prisma.webhookSubscription.findMany({
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: req.query.limit, skip: req.query.offset,
        select: { id: true, url: true, kinds: true, active: true },
      }),
    ]);
    return sendPage(reply, { total, items });
  });

  app.delete<{ Params: { id: string } }>('/api/webhooks/:id', {
    preHandler: auth.authenticate(ADMINS),
    schema: {
      tags: ['governance'],
      summary: 'Stop sending deviations to a webhook',
      security: [{ bearer: [] }],
      params: { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] },
      response: { 204: { type: 'null' }, ...errors(401, 403, 404) },
    },
  }, async (req, reply) => {
    const { count } = await prisma.webhookSubscription.updateMany({ where: { id: req.params.id }, data: { active: false } });
    if (count === 0) throw new HttpError(404, `No webhook with id "${req.params.id}"`);
    return reply.code(204).send();
  });

  /** "default", or the id of the unit named by its id or code. */
  async function unitScope(scope: string): Promise<string | undefined> {
    if (scope === DEFAULT_SCOPE) return undefined;
    const unit = await prisma.unit.findFirst({ where: { OR: [{ id: scope }, { code: scope }] }, select: { id: true } });
    if (!unit) throw new HttpError(404, `No unit "${scope}" (give a unit code or id, or "default")`);
    return unit.id;
  }
};
