// The `webhook` service task type: an HTTP call to an external system with the
// case's variables, through the outbound call policy (../outbound). 5xx, 408,
// 429 and network errors are retried by Temporal; other 4xx answers are final.
// A call the policy refuses (an internal address not in ALUR_OUTBOUND_ALLOW, a
// redirect) or an answer over the size cap is final too: the step fails with
// the reason, never retried. An answer carrying a `bpmnError` (any status) is
// the job's result: the interpreter throws that BPMN error.
import { ApplicationFailure } from '@temporalio/activity';
import { bpmnErrorOf, type WebhookRequest, type WebhookResponse } from '@alur/workflows';
import { OutboundRefused, OutboundResponseTooLarge, type OutboundClient } from '../outbound';

/** Under the activity's 30 s start-to-close timeout (workflows/src/interpreter/webhook-call.ts). */
const TIMEOUT_MS = 25_000;

export function callWebhookActivity(outbound: OutboundClient) {
  return async function callWebhook({ url, method, idempotencyKey, body, returnRejections }: WebhookRequest): Promise<WebhookResponse> {
    const hasBody = method !== 'GET' && method !== 'DELETE';
    let res;
    try {
      res = await outbound.send(url, {
        method,
        headers: { 'content-type': 'application/json', 'idempotency-key': idempotencyKey },
        body: hasBody ? JSON.stringify(body) : undefined,
        timeoutMs: TIMEOUT_MS,
      });
    } catch (err) {
      if (err instanceof OutboundRefused || err instanceof OutboundResponseTooLarge) throw ApplicationFailure.nonRetryable(err.message, err.name);
      throw err;
    }
    const { text } = res;
    const parsed = res.contentType.includes('json') && text ? JSON.parse(text) : text;
    const ok = res.status >= 200 && res.status < 300;
    if (!ok && !bpmnErrorOf(parsed)) {
      const message = `${method} ${url} answered ${res.status}`;
      const retryable = res.status >= 500 || res.status === 408 || res.status === 429;
      if (!retryable && returnRejections) return { status: res.status, body: parsed };
      throw retryable ? ApplicationFailure.retryable(message, 'WebhookError') : ApplicationFailure.nonRetryable(message, 'WebhookRejected');
    }
    return { status: res.status, body: parsed };
  };
}
