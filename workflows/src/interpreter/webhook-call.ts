// The built-in `webhook` job type (zeebe:taskDefinition type="webhook" with
// url/method headers), shared by service tasks and by messages sent "through a
// service" (send tasks, message throw and end events).
import { ActivityFailure, ApplicationFailure, proxyActivities } from '@temporalio/workflow';
import type { CaseActivities, WebhookResponse } from '../contract/activities';
import type { IrNode } from '../ir';
import type { ActiveStep } from './case-runtime';
import { CaseIncident } from './errors';

export interface WebhookJob {
  headers: Record<string, string>;
  /** Attempts in all. */
  retries: number;
}

/**
 * Calls the job's URL once per step (the step id is the idempotency key),
 * retried by Temporal; a call that keeps failing becomes an incident saying
 * `<what> failed after N attempt(s)`.
 */
export async function callWebhookJob(node: IrNode, job: WebhookJob, step: ActiveStep, body: unknown, what: string): Promise<WebhookResponse> {
  const { callWebhook } = proxyActivities<CaseActivities>({
    startToCloseTimeout: '30 seconds',
    retry: { maximumAttempts: job.retries, initialInterval: '1 second', maximumInterval: '1 minute' },
  });
  try {
    return await callWebhook({
      url: job.headers.url!,
      method: job.headers.method ?? 'POST',
      idempotencyKey: step.id,
      body,
      ...(job.headers.errorExpression ? { returnRejections: true } : {}),
    });
  } catch (err) {
    if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) {
      throw new CaseIncident(node.id, `${what} failed after ${job.retries} attempt(s): ${err.cause.message}`);
    }
    throw err;
  }
}
