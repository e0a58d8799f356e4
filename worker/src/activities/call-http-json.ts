// Camunda's REST connector (io.camunda:http-json:1), run by Alur: one HTTP
// call as the task's inputs describe it (method, url, headers,
// queryParameters, body, authentication none/basic/bearer), through the
// outbound call policy (../outbound, ALUR_OUTBOUND_ALLOW). 5xx, 408, 429 and
// network errors are retried by Temporal (the task's retries); other answers,
// 4xx included, are returned for the task's errorExpression. A call the policy
// refuses, or an answer over the size cap, fails at once.
import { ApplicationFailure } from '@temporalio/activity';
import type { HttpJsonRequest, HttpJsonResponse } from '@alur/workflows';
import { OutboundRefused, OutboundResponseTooLarge, type OutboundClient } from '../outbound';

/** Under the activity's 60 s start-to-close timeout (workflows/src/interpreter/http-json-connector.ts). */
const TIMEOUT_MS = 50_000;

export function callHttpJsonActivity(outbound: OutboundClient) {
  return async function callHttpJson(request: HttpJsonRequest): Promise<HttpJsonResponse> {
    const { method, headers, queryParameters, body, authentication, idempotencyKey } = request;
    const url = new URL(request.url);
    for (const [name, value] of Object.entries(queryParameters)) url.searchParams.append(name, value);
    const sent: Record<string, string> = { accept: 'application/json', 'idempotency-key': idempotencyKey };
    for (const [name, value] of Object.entries(headers)) sent[name.toLowerCase()] = value;
    if (authentication.type === 'basic')
      sent.authorization = `Basic ${Buffer.from(`${authentication.username}:${authentication.password}`).toString('base64')}`;
    if (authentication.type === 'bearer') sent.authorization = `Bearer ${authentication.token}`;
    const hasBody = body !== undefined && body !== null && method !== 'GET' && method !== 'DELETE';
    if (hasBody) sent['content-type'] ??= 'application/json';
    let res;
    try {
      res = await outbound.send(url.toString(), {
        method,
        headers: sent,
        body: hasBody ? (typeof body === 'string' ? body : JSON.stringify(body)) : undefined,
        timeoutMs: TIMEOUT_MS,
      });
    } catch (err) {
      if (err instanceof OutboundRefused || err instanceof OutboundResponseTooLarge) throw ApplicationFailure.nonRetryable(err.message, err.name);
      throw err;
    }
    if (res.status >= 500 || res.status === 408 || res.status === 429) {
      throw ApplicationFailure.retryable(`${method} ${request.url} answered ${res.status}`, 'HttpJsonError');
    }
    let parsed: unknown = res.text;
    if (res.contentType.includes('json') && res.text) {
      try {
        parsed = JSON.parse(res.text);
      } catch {
        parsed = res.text;
      }
    }
    return { status: res.status, headers: { 'content-type': res.contentType }, body: parsed === '' ? null : parsed };
  };
}
