// Pushes each new deviation to the registered webhooks: JSON, signed with
// HMAC-SHA256, retried with backoff, AT MOST ONCE per deviation and webhook.
// The Deviation table is the outbox. Every (deviation, webhook) pair gets one
// WebhookDelivery row (unique key); a worker claims a row (status 'sending')
// in its own transaction before it sends. A refused delivery (connection
// refused, or the receiver answered non-2xx) goes back to 'failed' and is
// retried later; a delivery whose outcome is unknown (the worker died while
// sending, a timeout) is never sent again. A delivery the outbound call policy
// refuses (an internal address not in ALUR_OUTBOUND_ALLOW, a redirect) is given
// up at once with the reason. Any number of workers may run this.
import type { PrismaClient } from '@alur/db';
import { createOutboundClient, type OutboundOptions } from './outbound';
import { pollEvery, postSigned, settleDelivery } from './outbox';

export interface DeviationNotifierOptions {
  prisma: PrismaClient;
  /** How often to look for new deviations (ALUR_WEBHOOK_POLL_MS, default 2000). */
  pollMs?: number;
  /** Per request (ALUR_WEBHOOK_TIMEOUT_MS, default 10000). */
  timeoutMs?: number;
  /** Attempts before giving up (ALUR_WEBHOOK_MAX_ATTEMPTS, default 8); the wait doubles from 2 s to at most 10 min. */
  maxAttempts?: number;
  /** The outbound call policy (ALUR_OUTBOUND_ALLOW); public addresses only when omitted. */
  outbound?: OutboundOptions;
  onError?: (err: unknown) => void;
}

export function notifierOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): Omit<DeviationNotifierOptions, 'prisma'> {
  const num = (name: string, fallback: number) => {
    const value = Number(env[name] ?? fallback);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number, got "${env[name]}"`);
    return value;
  };
  return { pollMs: num('ALUR_WEBHOOK_POLL_MS', 2000), timeoutMs: num('ALUR_WEBHOOK_TIMEOUT_MS', 10_000), maxAttempts: num('ALUR_WEBHOOK_MAX_ATTEMPTS', 8) };
}

interface Claimed {
  id: string;
  deviationId: string;
  subscriptionId: string;
  attempts: number;
}

export function startDeviationNotifier(opts: DeviationNotifierOptions): { stop(): Promise<void> } {
  const { prisma, pollMs = 2000, timeoutMs = 10_000, maxAttempts = 8, onError = (err) => console.error('[alur] deviation webhooks:', err) } = opts;
  const outbound = createOutboundClient(opts.outbound);

  async function enqueue(): Promise<void> {
    // Only deviations recorded after the webhook was registered: a new webhook does not get the whole past.
    await prisma.$executeRaw`
      INSERT INTO "WebhookDelivery" (id, "deviationId", "subscriptionId", status, "updatedAt")
      SELECT gen_random_uuid()::text, d.id, s.id, 'pending', now()
      FROM "Deviation" d JOIN "WebhookSubscription" s
        ON s.active AND d."recordedAt" >= s."createdAt" AND (cardinality(s.kinds) = 0 OR d.kind = ANY (s.kinds))
      WHERE NOT EXISTS (SELECT 1 FROM "WebhookDelivery" w WHERE w."deviationId" = d.id AND w."subscriptionId" = s.id)
      ON CONFLICT ("deviationId", "subscriptionId") DO NOTHING`;
    // A claim older than any request could take: its worker died mid-send. Outcome unknown, so never again.
    await prisma.$executeRaw`
      UPDATE "WebhookDelivery" SET status = 'unknown', "lastError" = 'the worker stopped while sending', "updatedAt" = now()
      WHERE status = 'sending' AND "updatedAt" < now() - make_interval(secs => ${(timeoutMs * 3) / 1000}::double precision)`;
  }

  async function claim(): Promise<Claimed | undefined> {
    const rows = await prisma.$queryRaw<Claimed[]>`
      UPDATE "WebhookDelivery" SET status = 'sending', attempts = attempts + 1, "updatedAt" = now()
      WHERE id = (
        SELECT id FROM "WebhookDelivery"
        WHERE status IN ('pending', 'failed') AND "nextAttemptAt" <= now()
        ORDER BY "nextAttemptAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
      RETURNING id, "deviationId", "subscriptionId", attempts`;
    return rows[0];
  }

  async function deliver(d: Claimed): Promise<void> {
    const [deviation, subscription] = await Promise.all([
      prisma.deviation.findUniqueOrThrow({ where: { id: d.deviationId } }),
      prisma.webhookSubscription.findUniqueOrThrow({ where: { id: d.subscriptionId } }),
    ]);
    const body = JSON.stringify({
      id: deviation.id,
      kind: deviation.kind,
      at: deviation.at.toISOString(),
      caseId: deviation.caseId,
      sopKey: deviation.sopKey,
      sopVersion: deviation.sopVersion,
      unitId: deviation.unitId,
      elementId: deviation.elementId,
      stepId: deviation.stepId,
      by: deviation.by,
      details: deviation.details,
    });
    const outcome = await postSigned(outbound, subscription, body, { 'idempotency-key': deviation.id, 'x-alur-deviation-id': deviation.id }, timeoutMs);
    await settleDelivery(prisma.webhookDelivery, d, outcome, maxAttempts);
  }

  const loop = pollEvery(
    pollMs,
    async (stopped) => {
      await enqueue();
      for (let d = await claim(); d && !stopped(); d = await claim()) await deliver(d);
    },
    onError,
  );

  return {
    async stop() {
      await loop.stop();
      await outbound.close();
    },
  };
}
