// Activity contracts the interpreter calls; implemented in worker/src/activities.
import type { CaseEventBatch } from './case-events';

export interface WebhookRequest {
  url: string;
  method: string;
  /** Sent as the Idempotency-Key header, so a receiver can drop a retried call. */
  idempotencyKey: string;
  body: unknown;
}

export interface WebhookResponse {
  status: number;
  body: unknown;
}

export interface CaseActivities {
  recordCaseEvents(batch: CaseEventBatch): Promise<void>;
  callWebhook(request: WebhookRequest): Promise<WebhookResponse>;
}
