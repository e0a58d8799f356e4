// "The case has ended": Temporal answers a call to a workflow that no longer
// runs either with WorkflowNotFoundError (no such run, or it was deleted) or a
// ServiceError saying the workflow execution is already completed (an Update or
// signal to a closed run). Detected here only.
import { ServiceError, WorkflowNotFoundError } from '@temporalio/client';

export function caseHasEnded(err: unknown): boolean {
  return err instanceof WorkflowNotFoundError || (err instanceof ServiceError && /already completed/i.test(err.message));
}
