// A timer start event fired (its Temporal Schedule started the
// startCaseOnTimer workflow): start a case of the SOP's version in force at
// that start event, through the case core's CaseStarter like every other
// start. The firing's workflow id (the schedule's id and the fire time) keys
// the case, so a retried activity finds the case it started instead of
// starting another.
import { Context, log } from '@temporalio/activity';
import { CaseRefusal, CaseStarter, type CaseSettings } from '@alur/cases';
import type { PrismaClient } from '@alur/db';
import type { TimerStartRequest, TimerStartResult } from '@alur/workflows';

/** The idempotency key of the case a firing starts; no username has a space, so no caller's Idempotency-Key collides with it. */
export const timerStartKey = (firingWorkflowId: string) => `timer start\n${firingWorkflowId}`;

export function startTimerCaseActivity(prisma: PrismaClient, settings: Omit<CaseSettings, 'taskQueue'>) {
  return async function startTimerCase({ sopKey, version, elementId }: TimerStartRequest): Promise<TimerStartResult> {
    const { client, info } = Context.current();
    const starter = new CaseStarter(prisma, client, { ...settings, taskQueue: info.taskQueue });
    const skip = (skipped: string): TimerStartResult => {
      log.warn('timer start event fired, no case started', { sopKey, version, elementId, skipped });
      return { skipped };
    };
    let sop;
    try {
      sop = await starter.sopVersion(sopKey);
    } catch (err) {
      if (err instanceof CaseRefusal) return skip(err.message);
      throw err;
    }
    // The schedule of a version no longer in force is removed when the version changes; a firing in between starts nothing.
    if (sop.version !== version) return skip(`version ${version} of "${sopKey}" is not the version in force (${sop.version})`);
    const node = sop.ir.nodes[elementId];
    if (node?.type !== 'startEvent' || !node.startTimer) return skip(`version ${version} of "${sopKey}" has no timer start event "${elementId}"`);
    const firing = info.workflowExecution?.workflowId ?? `${info.workflowType}:${info.activityId}`;
    const c = await starter.start({
      sop,
      variables: {},
      startMessage: { elementId, name: 'timer', by: 'timer' },
      idempotencyKey: timerStartKey(firing),
    });
    return { caseId: c.id, trackingCode: c.trackingCode };
  };
}
