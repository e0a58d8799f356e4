// What the worker's outboxes share (deviation webhooks, complaint notices):
// the poll loop, the signed webhook POST and how its failure is classified,
// and how a delivery row settles. Each outbox keeps its own table, claim and
// message; a row is claimed ('sending') before it is sent, so a message goes
// at most once: a refused attempt is retried with backoff, one whose outcome
// is unknown is never sent again.
import { createHmac } from 'node:crypto';
import { OutboundRefused, type OutboundClient } from './outbound';

export const SIGNATURE_HEADER = 'x-alur-signature';

/** `sha256=<hex HMAC-SHA256 of the raw body with the webhook's secret>`. */
export function signBody(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

export type DeliveryOutcome = { status: 'delivered' } | { status: 'failed' | 'unknown' | 'gave_up' | 'skipped'; error: string };

/** Errors that show the request never reached the receiver, so sending again cannot duplicate it. */
export const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** POSTs a JSON body signed with the receiver's secret; a non-2xx or a connection that never opened is 'failed' (retried). */
export async function postSigned(
  outbound: OutboundClient,
  target: { url: string; secret: string },
  body: string,
  headers: Record<string, string>,
  timeoutMs: number,
): Promise<DeliveryOutcome> {
  try {
    const res = await outbound.send(target.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers, [SIGNATURE_HEADER]: signBody(target.secret, body) },
      body,
      timeoutMs,
      readBody: false,
    });
    return res.status >= 200 && res.status < 300 ? { status: 'delivered' } : { status: 'failed', error: `answered ${res.status}` };
  } catch (err) {
    if (err instanceof OutboundRefused) return { status: 'gave_up', error: err.message };
    const code = (err as { code?: string }).code ?? (err as { cause?: { code?: string } }).cause?.code;
    return code && NOT_SENT.has(code) ? { status: 'failed', error: code } : { status: 'unknown', error: (err as Error).message };
  }
}

/** The fields every delivery table has; its Prisma delegate's `update` fits this. */
interface DeliveryRows {
  update(args: { where: { id: string }; data: { status: string; lastError?: string | null; deliveredAt?: Date; nextAttemptAt?: Date } }): Promise<unknown>;
}

/** Writes an attempt's outcome: delivered; failed and due again after a doubling wait (2 s to 10 min); or given up after the last attempt. */
export async function settleDelivery(rows: DeliveryRows, row: { id: string; attempts: number }, outcome: DeliveryOutcome, maxAttempts: number): Promise<void> {
  if (outcome.status === 'delivered') {
    await rows.update({ where: { id: row.id }, data: { status: 'delivered', deliveredAt: new Date(), lastError: null } });
  } else if (outcome.status === 'failed' && row.attempts < maxAttempts) {
    const backoffMs = Math.min(600_000, 2000 * 2 ** (row.attempts - 1));
    await rows.update({ where: { id: row.id }, data: { status: 'failed', lastError: outcome.error, nextAttemptAt: new Date(Date.now() + backoffMs) } });
  } else {
    await rows.update({ where: { id: row.id }, data: { status: outcome.status === 'failed' ? 'gave_up' : outcome.status, lastError: outcome.error } });
  }
}

/** Runs `runOnce` now and every `pollMs` after it ends, until stopped (which `runOnce` can ask); an error is reported and the loop goes on. */
export function pollEvery(pollMs: number, runOnce: (stopped: () => boolean) => Promise<void>, onError: (err: unknown) => void): { stop(): Promise<void> } {
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      try {
        await runOnce(() => stopped);
      } catch (err) {
        if (!stopped) onError(err);
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
  })();
  return {
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
