// Sends notices to complaint reporters (issue 18) from the ComplaintNotification
// outbox: through the complaint's channel's outbound, a webhook (JSON, signed
// with HMAC-SHA256 in X-Alur-Signature, through the outbound call policy) or
// e-mail (nodemailer to the SMTP server of ALUR_SMTP_*). One row per complaint
// and event, claimed before it is sent, so each notice goes at most once: a
// refused attempt (connection refused, a non-2xx answer, an SMTP refusal) is
// retried with backoff; one whose outcome is unknown (a timeout mid-send, a
// worker that died while sending) is never sent again. Completion notices are
// written here too: for each complaint whose case completed. Rows and their
// errors are readable at GET /api/complaint-notifications.
import type { PrismaClient } from '@alur/db';
import { resolveCalendar } from '@alur/cases';
import { DEFAULT_TEMPLATES, renderTemplate, type TemplateEvent } from '@alur/cases/complaint-templates';
import { addWorkingTime } from '@alur/workflows/calendar';
import nodemailer from 'nodemailer';
import { createOutboundClient, type OutboundOptions } from './outbound';
import { NOT_SENT, pollEvery, postSigned, settleDelivery, type DeliveryOutcome } from './outbox';

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the start (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user?: string;
  password?: string;
  /** Sender of notices when the channel names none. */
  from: string;
}

export interface ComplaintNotifierOptions {
  prisma: PrismaClient;
  /** ALUR_SMTP_*; e-mail notices fail (and are retried, visibly) while it is not set. */
  smtp?: SmtpSettings;
  /** Where the tracking page is (ALUR_PUBLIC_URL), for {{trackUrl}}. */
  publicUrl?: string;
  /** How often to look (the deviation notifier's ALUR_WEBHOOK_POLL_MS, default 2000). */
  pollMs?: number;
  timeoutMs?: number;
  /** Attempts before giving up (default 8); the wait doubles from 2 s to at most 10 min. */
  maxAttempts?: number;
  outbound?: OutboundOptions;
  /**
   * A completed complaint without the citizen's verdict for this many working
   * days (hari kerja on the business calendar of the case's unit: holidays,
   * cuti bersama and leave days do not count) closes as 'tanpa_jawaban'
   * (ALUR_VERDICT_DAYS, default 5).
   */
  verdictDays?: number;
  onError?: (err: unknown) => void;
}

export const SMTP_ENV_VARS = ['ALUR_SMTP_HOST', 'ALUR_SMTP_PORT', 'ALUR_SMTP_SECURE', 'ALUR_SMTP_USER', 'ALUR_SMTP_PASSWORD', 'ALUR_SMTP_FROM'] as const;

/** The SMTP settings of ALUR_SMTP_*; undefined without ALUR_SMTP_HOST. */
export function smtpSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): SmtpSettings | undefined {
  if (!env.ALUR_SMTP_HOST) return undefined;
  const secure = env.ALUR_SMTP_SECURE === 'true';
  const port = Number(env.ALUR_SMTP_PORT ?? (secure ? 465 : 587));
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`ALUR_SMTP_PORT must be a port number, got "${env.ALUR_SMTP_PORT}"`);
  return {
    host: env.ALUR_SMTP_HOST,
    port,
    secure,
    ...(env.ALUR_SMTP_USER ? { user: env.ALUR_SMTP_USER, password: env.ALUR_SMTP_PASSWORD ?? '' } : {}),
    from: env.ALUR_SMTP_FROM ?? `Alur <no-reply@${env.ALUR_SMTP_HOST}>`,
  };
}

interface Claimed {
  id: string;
  complaintId: string;
  event: string;
  attempts: number;
}

/** SMTP failures that show the message never left: nodemailer's codes for a socket, connection or DNS failure. */
const SMTP_NOT_SENT = new Set([...NOT_SENT, 'ESOCKET', 'ECONNECTION', 'EDNS']);

export function startComplaintNotifier(opts: ComplaintNotifierOptions): { runOnce(): Promise<void>; stop(): Promise<void> } {
  const { prisma, pollMs = 2000, timeoutMs = 10_000, maxAttempts = 8, onError = (err) => console.error('[alur] complaint notices:', err) } = opts;
  const outbound = createOutboundClient(opts.outbound);
  const mailer = opts.smtp
    ? nodemailer.createTransport({
        host: opts.smtp.host,
        port: opts.smtp.port,
        secure: opts.smtp.secure,
        ...(opts.smtp.user ? { auth: { user: opts.smtp.user, pass: opts.smtp.password ?? '' } } : {}),
        connectionTimeout: timeoutMs,
        greetingTimeout: timeoutMs,
        socketTimeout: timeoutMs,
      })
    : undefined;

  async function enqueue(): Promise<void> {
    // Completion: the complaint's own case completed (again, after a reopen), and its duplicates follow.
    await prisma.$executeRaw`
      INSERT INTO "ComplaintNotification" (id, "complaintId", event, kind, details, status, "updatedAt")
      SELECT gen_random_uuid()::text, c.id,
             CASE WHEN c."duplicateOfCaseId" = k.id THEN 'completion@' || k.id ELSE 'completion' END
               || CASE WHEN o."reopenedAt" IS NOT NULL THEN ':reopened' ELSE '' END,
             ch.outbound->>'kind', '{}'::jsonb, 'pending', now()
      FROM "Complaint" c
      JOIN "Case" k ON k.id = c."caseId" OR (c.triage = 'duplikat' AND k.id = c."duplicateOfCaseId")
      JOIN "Complaint" o ON o."caseId" = k.id
      JOIN "ComplaintChannel" ch ON ch.name = c.channel
      WHERE k.status = 'completed' AND ch.outbound IS NOT NULL
      ON CONFLICT ("complaintId", event) DO NOTHING`;
    await prisma.$executeRaw`
      UPDATE "ComplaintNotification" SET status = 'unknown', "lastError" = 'the worker stopped while sending', "updatedAt" = now()
      WHERE status = 'sending' AND "updatedAt" < now() - make_interval(secs => ${(timeoutMs * 3) / 1000}::double precision)`;
  }

  /** Completed complaints the citizen did not judge within the verdict days: closed without an answer. */
  async function closeUnanswered(): Promise<void> {
    const days = opts.verdictDays ?? 5;
    const waiting = await prisma.$queryRaw<{ id: string; endedAt: Date; verdictAt: Date | null; unitId: string | null }[]>`
      SELECT c.id, k."endedAt", c."verdictAt", k."unitId" FROM "Complaint" c JOIN "Case" k ON k.id = c."caseId"
      WHERE k.status = 'completed' AND k."endedAt" IS NOT NULL
        AND (c."verdictAt" IS NULL OR (c."reopenedAt" IS NOT NULL AND c."verdictAt" <= c."reopenedAt"))`;
    const now = new Date();
    for (const w of waiting) {
      const calendar = await resolveCalendar(prisma, w.unitId ?? undefined, w.endedAt.getUTCFullYear());
      if (addWorkingTime(calendar, w.endedAt.getTime(), { kind: 'working-days', amount: days }) > now.getTime()) continue;
      await prisma.complaint.updateMany({
        where: { id: w.id, verdictAt: w.verdictAt },
        data: { verdict: 'tanpa_jawaban', rating: null, verdictComment: null, verdictAt: now },
      });
    }
  }

  async function claim(): Promise<Claimed | undefined> {
    const rows = await prisma.$queryRaw<Claimed[]>`
      UPDATE "ComplaintNotification" SET status = 'sending', attempts = attempts + 1, "updatedAt" = now()
      WHERE id = (
        SELECT id FROM "ComplaintNotification"
        WHERE status IN ('pending', 'failed') AND "nextAttemptAt" <= now()
        ORDER BY "nextAttemptAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id, "complaintId", event, attempts`;
    return rows[0];
  }

  async function deliver(n: Claimed): Promise<void> {
    const row = await prisma.complaintNotification.findUniqueOrThrow({ where: { id: n.id } });
    const complaint = await prisma.complaint.findUniqueOrThrow({ where: { id: n.complaintId } });
    const channel = await prisma.complaintChannel.findUnique({ where: { name: complaint.channel } });
    const details = (row.details ?? {}) as Record<string, unknown>;
    // A duplicate's reporter follows the original: its tracking code.
    const caseId = (details.originalCaseId as string | undefined) ?? complaint.caseId;
    const c = caseId ? await prisma.case.findUnique({ where: { id: caseId }, select: { trackingCode: true } }) : null;
    const base = n.event.split(/[@:]/)[0] as TemplateEvent;
    const template = (await prisma.notificationTemplate.findUnique({ where: { event: base } })) ?? DEFAULT_TEMPLATES[base];
    const trackingCode = c?.trackingCode ?? '';
    const values = {
      ...details,
      trackingCode,
      channel: complaint.channel,
      trackUrl: `${(opts.publicUrl ?? '').replace(/\/$/, '')}/lacak/${trackingCode}`,
    };
    const subject = renderTemplate(template?.subject ?? base, values);
    const text = renderTemplate(template?.body ?? '', values);
    const outboundConfig = channel?.outbound as { kind: 'webhook'; url: string; secret: string } | { kind: 'email'; from?: string } | null;

    let outcome: DeliveryOutcome;
    if (!outboundConfig) outcome = { status: 'skipped', error: `channel "${complaint.channel}" has no outbound any more` };
    else if (outboundConfig.kind === 'webhook') {
      const body = JSON.stringify({
        id: row.id,
        event: base,
        channel: complaint.channel,
        externalId: complaint.externalId,
        trackingCode,
        to: { name: complaint.reporterName, phone: complaint.reporterPhone, email: complaint.reporterEmail },
        subject,
        text,
      });
      outcome = await postSigned(outbound, outboundConfig, body, { 'idempotency-key': row.id }, timeoutMs);
    } else if (!complaint.reporterEmail) {
      outcome = { status: 'skipped', error: 'the reporter gave no e-mail address' };
    } else if (!mailer || !opts.smtp) {
      outcome = { status: 'failed', error: 'no SMTP server is set (ALUR_SMTP_HOST)' };
    } else {
      try {
        await mailer.sendMail({ from: outboundConfig.from ?? opts.smtp.from, to: complaint.reporterEmail, subject, text, messageId: `<${row.id}@alur>` });
        outcome = { status: 'delivered' };
      } catch (err) {
        const e = err as { code?: string; responseCode?: number; message: string };
        // Refused by the server (a 4xx/5xx reply) or never connected: not sent, so again later. Cut off mid-message: unknown.
        const notSent = (e.code && SMTP_NOT_SENT.has(e.code)) || e.responseCode !== undefined;
        outcome = notSent
          ? { status: 'failed', error: `${e.code ?? 'SMTP'} ${e.responseCode ?? ''} ${e.message}`.trim() }
          : { status: 'unknown', error: e.message };
      }
    }
    await settleDelivery(prisma.complaintNotification, n, outcome, maxAttempts);
  }

  async function runOnce(stopped: () => boolean = () => false): Promise<void> {
    await enqueue();
    await closeUnanswered();
    for (let n = await claim(); n && !stopped(); n = await claim()) await deliver(n);
  }

  const loop = pollEvery(pollMs, runOnce, onError);

  return {
    runOnce: () => runOnce(),
    async stop() {
      await loop.stop();
      await outbound.close();
      mailer?.close();
    },
  };
}
