// A signal thrown in a case (signal throw or end event), broadcast to every
// other case waiting for it and every SOP starting on it. Uses the worker's
// own Temporal client (activity context) and the API's signal service, so a
// thrown signal behaves exactly like one sent with POST /api/signals.
import { Context } from '@temporalio/activity';
import type { PrismaClient } from '@alur/db';
import { createSignalBroadcaster } from '@alur/api/signals';
import type { BroadcastSignalRequest, BroadcastSignalResult } from '@alur/workflows';

export function broadcastSignalActivity(prisma: PrismaClient) {
  return async function broadcastSignal({ name, variables, fromCaseId, by }: BroadcastSignalRequest): Promise<BroadcastSignalResult> {
    const { client, info } = Context.current();
    const signals = createSignalBroadcaster(prisma, client, info.taskQueue);
    return signals.broadcast({ username: by, roles: [] }, { name, variables }, fromCaseId);
  };
}
