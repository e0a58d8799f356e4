// Notice templates (admins edit them) and the notice outbox (the desk sees what was sent and what failed).
import { Type } from '@sinclair/typebox';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../../services';
import { ADMINS, COMPLAINT_DESK } from '../../roles';
import { errors, security } from '../shared/schema';
import { Notice, NoticeQuery, Template, TemplateBody, TemplateParams } from './schema';
import { DEFAULT_TEMPLATES, TEMPLATE_EVENTS, type TemplateEvent } from './templates';

export const noticeRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, prisma }) => {
  const templates = async () => {
    const rows = await prisma.notificationTemplate.findMany();
    return TEMPLATE_EVENTS.map((event) => {
      const row = rows.find((r) => r.event === event);
      return {
        event,
        subject: row?.subject ?? DEFAULT_TEMPLATES[event].subject,
        body: row?.body ?? DEFAULT_TEMPLATES[event].body,
        edited: !!row,
        updatedBy: row?.updatedBy ?? null,
      };
    });
  };

  app.get(
    '/api/notification-templates',
    {
      preHandler: auth.authenticate(COMPLAINT_DESK),
      schema: {
        tags: ['complaints'],
        summary: 'The texts of notices to complaint reporters, by event',
        security,
        response: { 200: Type.Array(Template), ...errors(401, 403) },
      },
    },
    async () => templates(),
  );

  app.put(
    '/api/notification-templates/:event',
    {
      preHandler: auth.authenticate(ADMINS),
      schema: {
        tags: ['complaints'],
        summary: 'Replace the text of a notice (admin); placeholders {{trackingCode}}, {{trackUrl}}, {{unit}}, {{reason}}, {{question}}, {{channel}}',
        security,
        params: TemplateParams,
        body: TemplateBody,
        response: { 200: Template, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const event = req.params.event as TemplateEvent;
      const data = { subject: req.body.subject, body: req.body.body, updatedBy: req.user!.username };
      await prisma.notificationTemplate.upsert({ where: { event }, create: { event, ...data }, update: data });
      return (await templates()).find((t) => t.event === event)!;
    },
  );

  app.get(
    '/api/complaint-notifications',
    {
      preHandler: auth.authenticate(COMPLAINT_DESK),
      schema: {
        tags: ['complaints'],
        summary: 'Notices to reporters and how they went (pending, delivered, failed and retried, gave_up, unknown, skipped), newest first',
        security,
        querystring: NoticeQuery,
        response: { 200: Type.Array(Notice), ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const complaints = req.query.caseId ? await prisma.complaint.findMany({ where: { caseId: req.query.caseId }, select: { id: true } }) : undefined;
      const rows = await prisma.complaintNotification.findMany({
        where: { ...(req.query.status ? { status: req.query.status } : {}), ...(complaints ? { complaintId: { in: complaints.map((c) => c.id) } } : {}) },
        orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
        take: 200,
      });
      const owners = await prisma.complaint.findMany({
        where: { id: { in: [...new Set(rows.map((r) => r.complaintId))] } },
        select: { id: true, caseId: true, channel: true },
      });
      const ownerOf = new Map(owners.map((o) => [o.id, o]));
      return rows.map((r) => ({
        id: r.id,
        caseId: ownerOf.get(r.complaintId)?.caseId ?? null,
        channel: ownerOf.get(r.complaintId)?.channel ?? '',
        event: r.event,
        kind: r.kind,
        status: r.status,
        attempts: r.attempts,
        lastError: r.lastError,
        nextAttemptAt: r.nextAttemptAt.toISOString(),
        deliveredAt: r.deliveredAt?.toISOString() ?? null,
        createdAt: r.createdAt.toISOString(),
      }));
    },
  );
};
