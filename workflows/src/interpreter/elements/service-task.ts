import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../../activities';
import type { IrServiceTask } from '../../ir';
import type { ActiveStep, CaseRuntime } from '../case-runtime';
import { CaseIncident } from '../errors';
import { activityData, type InstanceScope } from '../io-mapping';

/** Runs a built-in service task type; only `webhook` so far. */
export async function serviceTask(rt: CaseRuntime, node: IrServiceTask, step: ActiveStep, instance?: InstanceScope): Promise<undefined> {
  const data = activityData(rt, node, instance);
  const { callWebhook } = proxyActivities<CaseActivities>({
    startToCloseTimeout: '30 seconds',
    retry: { maximumAttempts: node.retries, initialInterval: '1 second', maximumInterval: '1 minute' },
  });
  let response;
  try {
    response = await callWebhook({
      url: node.headers.url!,
      method: node.headers.method ?? 'POST',
      idempotencyKey: step.id,
      body: { caseId: rt.caseId, elementId: node.id, variables: data.variables },
    });
  } catch (err) {
    if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) {
      throw new CaseIncident(node.id, `Service task "${node.name}" failed after ${node.retries} attempt(s): ${err.cause.message}`);
    }
    throw err;
  }
  const resultVariable = node.headers.resultVariable;
  data.complete(`service:${node.id}`, resultVariable ? { [resultVariable]: response.body } : {});
  return undefined;
}
