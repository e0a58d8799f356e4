// Jobs for external job workers (issue 15): a service or send task whose
// zeebe:taskDefinition type is not built in, or a Camunda 7 external task.
// The step's `runJob` activity stores the job and completes asynchronously:
// the API completes it with the activity's task token when a worker completes
// the job, fails it with no retries left, or throws a BPMN error from it.

export interface JobRequest {
  caseId: string;
  /** The step running the job: with caseId, the job's identity (a retried activity attempt finds its job again). */
  stepId: string;
  elementId: string;
  elementName: string;
  sopKey: string;
  sopVersionId: string;
  sopVersion: number;
  /** zeebe:taskDefinition type, or the Camunda 7 topic. */
  type: string;
  /** zeebe:taskDefinition retries. */
  retries: number;
  /** zeebe:taskHeaders, given to workers as customHeaders. */
  customHeaders: Record<string, string>;
  /** The variables the step sees (after its input mappings). */
  variables: Record<string, unknown>;
}

/** How a job ended, as the API completes its activity. */
export type JobOutcome =
  | { outcome: 'completed'; variables: Record<string, unknown> }
  /** The worker failed it with no retries left: an incident on the step. */
  | { outcome: 'failed'; errorMessage: string; worker?: string }
  /** The worker threw a BPMN error: caught like a service task's. */
  | { outcome: 'error'; errorCode: string; errorMessage?: string; variables?: Record<string, unknown> };

export interface JobStepRef {
  caseId: string;
  stepId: string;
}
