import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../services';
import { ADMINS } from '../../roles';
import { errors, security } from '../shared/schema';
import { Calendar, CalendarQuery, CalendarSettingsBody, LeaveDays, LeaveDaysBody, LeaveDaysParams, ScopeParams } from './schema';

export const calendarRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, calendars }) => {
  app.get(
    '/api/calendars/:scope',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['governance'],
        summary: 'The business calendar the cases of a unit use (scope: unit code or id, or "default"), holidays included',
        security,
        params: ScopeParams,
        querystring: CalendarQuery,
        response: { 200: Calendar, ...errors(400, 401, 404) },
      },
    },
    async (req) => calendars.get(req.params.scope, req.query.year ?? new Date().getUTCFullYear()),
  );

  app.put(
    '/api/calendars/:scope',
    {
      preHandler: auth.authenticate(ADMINS),
      schema: {
        tags: ['governance'],
        summary: "A unit's own time zone, working hours and special hours (e.g. Ramadan); absent fields inherit from the parent unit",
        security,
        params: ScopeParams,
        body: CalendarSettingsBody,
        response: { 200: Calendar, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (req) => calendars.setSettings(req.params.scope, req.body),
  );

  app.get(
    '/api/calendars/:scope/leave-days/:year',
    {
      preHandler: auth.authenticate(ADMINS),
      schema: {
        tags: ['governance'],
        summary: 'The cuti bersama and local leave days a unit (or "default") sets itself for a year, without those it inherits (what PUT replaces)',
        security,
        params: LeaveDaysParams,
        response: { 200: LeaveDays, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => calendars.leaveDays(req.params.scope, req.params.year),
  );

  app.put(
    '/api/calendars/:scope/leave-days/:year',
    {
      preHandler: auth.authenticate(ADMINS),
      schema: {
        tags: ['governance'],
        summary: 'Replace the cuti bersama and local leave days of a year for a unit (or "default": everyone)',
        security,
        params: LeaveDaysParams,
        body: LeaveDaysBody,
        response: { 200: LeaveDays, ...errors(400, 401, 403, 404, 422) },
      },
    },
    async (req) => calendars.setLeaveDays(req.params.scope, req.params.year, req.body.days),
  );
};
