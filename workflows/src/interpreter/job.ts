// A job for external job workers (issue 15): a service or send task whose
// task type is not built in (Camunda 8 job workers, connectors Alur does not
// run itself) or a Camunda 7 external task. The `runJob` activity stores the
// job and is completed asynchronously by the API when a worker completes it,
// fails it with no retries left (an incident here) or throws a BPMN error
// (caught by the task's error boundary events like a webhook's). Timeouts and
// retries with retries left are the API's business (the job table): the step
// just waits. A step that ends otherwise (cancelled, interrupted) withdraws
// its job, so no worker activates or completes it afterwards.
import { CancellationScope, isCancellation, patched, proxyActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../contract/activities';
import type { JobOutcome } from '../contract/jobs';
import type { IrNode } from '../ir';
import { BpmnErrorThrow } from './bpmn-throws';
import type { ActiveStep, CaseRuntime } from './case-runtime';
import { CaseIncident } from './errors';

/** Marks histories whose job worker tasks run as jobs (before, no task type outside the built-ins deployed). */
export const JOB_WORKERS_PATCH = 'alur-job-workers';

export interface JobTask {
  taskType: string;
  headers: Record<string, string>;
  retries: number;
}

/**
 * Runs the step's job to its end: the variables the worker completed it
 * with, or a BpmnErrorThrow / CaseIncident. `variables`: what the step sees.
 */
export async function runJob(
  rt: CaseRuntime,
  node: IrNode,
  job: JobTask,
  step: ActiveStep,
  variables: Record<string, unknown>,
  what: string,
): Promise<Record<string, unknown>> {
  if (!patched(JOB_WORKERS_PATCH)) {
    throw new CaseIncident(node.id, `${what} has task type "${job.taskType}", which this case's history cannot run as a job`);
  }
  const { runJob: startJob, cancelJob } = proxyActivities<CaseActivities>({
    // The activity is completed by the API, whenever a worker is done: this only bounds one attempt, which a retry renews (same job).
    startToCloseTimeout: '1 day',
    retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
  });
  const ref = { caseId: rt.caseId, stepId: step.id };
  let outcome: JobOutcome;
  try {
    outcome = await startJob({
      ...ref,
      elementId: node.id,
      elementName: node.name,
      sopKey: rt.ir.key,
      sopVersionId: rt.input.sopVersionId,
      sopVersion: rt.input.sopVersion,
      type: job.taskType,
      retries: job.retries,
      customHeaders: job.headers,
      variables,
    });
  } catch (err) {
    if (isCancellation(err)) await CancellationScope.nonCancellable(() => cancelJob(ref));
    throw err;
  }
  switch (outcome.outcome) {
    case 'completed':
      return outcome.variables;
    case 'error':
      if (outcome.variables) rt.mergeVariables(`error:${node.id}`, outcome.variables);
      throw new BpmnErrorThrow(outcome.errorCode, node, outcome.errorMessage);
    case 'failed':
      throw new CaseIncident(
        node.id,
        `${what} failed: its job "${job.taskType}" has no retries left${outcome.worker ? ` (worker "${outcome.worker}")` : ''}: ${outcome.errorMessage}`,
      );
  }
}
