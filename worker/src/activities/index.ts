import type { CaseActivities } from '@alur/workflows';
import type { PrismaClient } from '@alur/db';
import { createOutboundClient, type OutboundClient } from '../outbound';
import { callWebhookActivity } from './call-webhook';
import { recordCaseEventsActivity } from './record-case-events';
import { resolveCalledSopActivity } from './resolve-called-sop';
import { broadcastSignalActivity } from './broadcast-signal';
import { messageBufferActivities } from './message-buffer';
import { jobActivities } from './jobs';

/** `outbound`: how webhook calls leave the worker (the outbound call policy); public addresses only when omitted. */
export function createActivities(prisma: PrismaClient, outbound: OutboundClient = createOutboundClient()): CaseActivities {
  return {
    recordCaseEvents: recordCaseEventsActivity(prisma),
    callWebhook: callWebhookActivity(outbound),
    resolveCalledSop: resolveCalledSopActivity(prisma),
    broadcastSignal: broadcastSignalActivity(prisma),
    ...messageBufferActivities(prisma),
    ...jobActivities(prisma),
  };
}
