import type { IrServiceTask } from '../../ir';
import type { ActiveStep, CaseRuntime } from '../case-runtime';
import { activityData, type InstanceScope } from '../io-mapping';
import { callWebhookJob } from '../webhook-call';

/** Runs a built-in service task type; only `webhook` so far. */
export async function serviceTask(rt: CaseRuntime, node: IrServiceTask, step: ActiveStep, instance?: InstanceScope): Promise<undefined> {
  const data = activityData(rt, node, instance);
  const response = await callWebhookJob(node, node, step, { caseId: rt.caseId, elementId: node.id, variables: data.variables }, `Service task "${node.name}"`);
  const resultVariable = node.headers.resultVariable;
  data.complete(`service:${node.id}`, resultVariable ? { [resultVariable]: response.body } : {});
  return undefined;
}
