// A signal thrown in a case (signal throw or end event), broadcast to every
// other case waiting for it and every SOP starting on it. Uses the worker's
// own Temporal client (activity context) and the case core's
// SignalBroadcaster, the one POST /api/signals uses, so a thrown signal
// behaves exactly like a published one.
//
// Temporal retries this activity until it succeeds, so the broadcast is keyed
// by its origin (the throwing case and step): a retry after a partial success
// finds the cases the earlier attempt started and the deliveries it made
// (SignalBroadcaster.broadcast) instead of starting or delivering again.
import { Context } from '@temporalio/activity';
import { CaseStarter, SignalBroadcaster, type CaseSettings } from '@alur/cases';
import type { PrismaClient } from '@alur/db';
import type { BroadcastSignalRequest, BroadcastSignalResult } from '@alur/workflows';

/** `settings`: the worker's, read at boot; the task queue of the cases it starts is the activity's own. */
export function broadcastSignalActivity(prisma: PrismaClient, settings: Omit<CaseSettings, 'taskQueue'>) {
  return async function broadcastSignal({ name, variables, fromCaseId, fromStepId, by }: BroadcastSignalRequest): Promise<BroadcastSignalResult> {
    const { client, info } = Context.current();
    const signals = new SignalBroadcaster(prisma, client, new CaseStarter(prisma, client, { ...settings, taskQueue: info.taskQueue }));
    // An activity scheduled by an interpreter that did not send the step: the activity's id within its run is as unique, and a retry keeps it.
    const stepId = fromStepId ?? `activity:${info.workflowExecution?.runId ?? info.workflowType}:${info.activityId}`;
    return signals.broadcast({ username: by, roles: [] }, { name, variables }, { caseId: fromCaseId, stepId });
  };
}
