import type { CaseActivities } from '@alur/workflows';
import type { PrismaClient } from '@alur/db';
import { callWebhook } from './call-webhook';
import { recordCaseEventsActivity } from './record-case-events';
import { resolveCalledSopActivity } from './resolve-called-sop';
import { broadcastSignalActivity } from './broadcast-signal';
import { messageBufferActivities } from './message-buffer';

export function createActivities(prisma: PrismaClient): CaseActivities {
  return { recordCaseEvents: recordCaseEventsActivity(prisma), callWebhook, resolveCalledSop: resolveCalledSopActivity(prisma), broadcastSignal: broadcastSignalActivity(prisma), ...messageBufferActivities(prisma) };
}
