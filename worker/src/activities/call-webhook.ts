// The `webhook` service task type: an HTTP call to an external system with the
// case's variables. 5xx, 408, 429 and network errors are retried by Temporal;
// other 4xx answers are final. An answer carrying a `bpmnError` (any status)
// is the job's result: the interpreter throws that BPMN error.
import { ApplicationFailure } from '@temporalio/activity';
import { bpmnErrorOf, type WebhookRequest, type WebhookResponse } from '@alur/workflows';

const TIMEOUT_MS = 25_000;

export async function callWebhook({ url, method, idempotencyKey, body, returnRejections }: WebhookRequest): Promise<WebhookResponse> {
  const hasBody = method !== 'GET' && method !== 'DELETE';
  const res = await fetch(url, {
    method,
    headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
    body: hasBody ? JSON.stringify(body) : undefined,
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  const parsed = (res.headers.get('content-type') ?? '').includes('json') && text ? JSON.parse(text) : text;
  if (!res.ok && !bpmnErrorOf(parsed)) {
    const message = `${method} ${url} answered ${res.status}`;
    const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
    if (!retryable && returnRejections) return { status: res.status, body: parsed };
    throw retryable ? ApplicationFailure.retryable(message, 'WebhookError') : ApplicationFailure.nonRetryable(message, 'WebhookRejected');
  }
  return { status: res.status, body: parsed };
}
