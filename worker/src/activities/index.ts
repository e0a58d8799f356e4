import { caseSettings, type CaseSettings } from '@alur/cases';
import type { CaseActivities, TimerStartActivities } from '@alur/workflows';
import type { PrismaClient } from '@alur/db';
import { createOutboundClient, type OutboundClient } from '../outbound';
import { callWebhookActivity } from './call-webhook';
import { recordCaseEventsActivity } from './record-case-events';
import { resolveCalledSopActivity } from './resolve-called-sop';
import { broadcastSignalActivity } from './broadcast-signal';
import { messageBufferActivities } from './message-buffer';
import { jobActivities } from './jobs';
import { callHttpJsonActivity } from './call-http-json';
import { startTimerCaseActivity } from './start-timer-case';

/**
 * `outbound`: how webhook calls leave the worker (the outbound call policy); public addresses only when omitted.
 * `cases`: the settings of the cases a thrown signal starts (read at boot, as the API's); the defaults when omitted.
 */
export function createActivities(
  prisma: PrismaClient,
  outbound: OutboundClient = createOutboundClient(),
  cases: Omit<CaseSettings, 'taskQueue'> = caseSettings({ taskQueue: '' }),
): CaseActivities & TimerStartActivities {
  return {
    recordCaseEvents: recordCaseEventsActivity(prisma),
    callWebhook: callWebhookActivity(outbound),
    callHttpJson: callHttpJsonActivity(outbound),
    resolveCalledSop: resolveCalledSopActivity(prisma),
    broadcastSignal: broadcastSignalActivity(prisma, cases),
    startTimerCase: startTimerCaseActivity(prisma, cases),
    ...messageBufferActivities(prisma),
    ...jobActivities(prisma),
  };
}
