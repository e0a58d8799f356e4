import type { IrServiceTask } from '../../ir';
import type { ActiveStep, CaseRuntime } from '../case-runtime';
import { activityData, type InstanceScope } from '../io-mapping';
import { callWebhookJob } from '../webhook-call';
import { bpmnErrorFunction, bpmnErrorOf, type JobBpmnError } from '../../contract/job-errors';
import type { WebhookResponse } from '../../contract/activities';
import { evaluateFeel } from '../../feel';
import { BpmnErrorThrow } from '../bpmn-throws';
import { CaseIncident } from '../errors';
import { HTTP_JSON_CONNECTOR, isJobType } from '../../ir';
import { runHttpJsonConnector } from '../http-json-connector';
import { runJob } from '../job';

/**
 * Runs a service task: a job for job workers (any type but the built-ins,
 * ../job.ts), or the built-in `webhook`. An answer carrying
 * a `bpmnError`, or one its `errorExpression` maps to one (contract/job-errors.ts),
 * throws that error from the task instead.
 */
export async function serviceTask(rt: CaseRuntime, node: IrServiceTask, step: ActiveStep, instance?: InstanceScope): Promise<undefined> {
  const data = activityData(rt, node, instance);
  if (isJobType(node.taskType)) {
    const result = await runJob(rt, node, node, step, data.variables, `Service task "${node.name}"`);
    data.complete(`job:${node.id}`, result);
    return undefined;
  }
  if (node.taskType === HTTP_JSON_CONNECTOR) {
    const result = await runHttpJsonConnector(rt, node, step, data.variables, data.locals);
    data.complete(`connector:${node.id}`, result);
    return undefined;
  }
  const response = await callWebhookJob(node, node, step, { caseId: rt.caseId, elementId: node.id, variables: data.variables }, `Service task "${node.name}"`);
  const error = bpmnErrorOf(response.body) ?? mappedError(rt, node, data.variables, response);
  if (error) {
    if (error.variables) {
      rt.assertVariablesFit(node.id, error.variables);
      rt.mergeVariables(`error:${node.id}`, error.variables);
    }
    throw new BpmnErrorThrow(error.code, node, error.message);
  }
  if (response.status >= 400)
    throw new CaseIncident(
      node.id,
      `Service task "${node.name}" failed: ${node.headers.method ?? 'POST'} ${node.headers.url} answered ${response.status}, which its errorExpression maps to no BPMN error`,
    );
  const resultVariable = node.headers.resultVariable;
  data.complete(`service:${node.id}`, resultVariable ? { [resultVariable]: response.body } : {});
  return undefined;
}

/** The errorExpression header evaluated for the answer; undefined when there is none or it gives no bpmnError. */
function mappedError(rt: CaseRuntime, node: IrServiceTask, variables: Record<string, unknown>, response: WebhookResponse): JobBpmnError | undefined {
  const expression = node.headers.errorExpression;
  if (!expression) return undefined;
  let value: unknown;
  try {
    value = evaluateFeel(expression, { ...variables, response, bpmnError: bpmnErrorFunction });
  } catch (err) {
    throw new CaseIncident(node.id, `The errorExpression of service task "${node.name}" could not be evaluated: ${(err as Error).message}`);
  }
  return bpmnErrorOf(value);
}
