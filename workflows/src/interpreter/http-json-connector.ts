// Camunda's REST connector, io.camunda:http-json:1, run by Alur itself (see
// compiler/elements/http-json-connector.ts): its input mappings (evaluated
// into the step's locals) describe the call, the callHttpJson activity makes
// it through the outbound policy, and its task headers map the answer:
// errorExpression (FEEL over the variables, `response` {status, headers,
// body} and `error` {code: the status as text, message} for a 4xx, giving
// bpmnError(code, message) or null), resultVariable (the whole response) and
// resultExpression (a FEEL context whose entries become variables).
import { ActivityFailure, ApplicationFailure, patched, proxyActivities } from '@temporalio/workflow';
import type { CaseActivities, HttpJsonRequest, HttpJsonResponse } from '../contract/activities';
import { bpmnErrorFunction, bpmnErrorOf } from '../contract/job-errors';
import { evaluateFeel } from '../feel';
import type { IrServiceTask } from '../ir';
import { BpmnErrorThrow } from './bpmn-throws';
import type { ActiveStep, CaseRuntime } from './case-runtime';
import { CaseIncident } from './errors';

export const HTTP_JSON_CONNECTOR_PATCH = 'alur-http-json-connector';
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** Runs the call; the variables it gives the case (before output mappings), or a BpmnErrorThrow / CaseIncident. */
export async function runHttpJsonConnector(
  rt: CaseRuntime,
  node: IrServiceTask,
  step: ActiveStep,
  variables: Record<string, unknown>,
  locals: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const what = `Service task "${node.name}" (REST connector)`;
  if (!patched(HTTP_JSON_CONNECTOR_PATCH)) throw new CaseIncident(node.id, `${what} cannot run in this case's history`);
  const request = { ...connectorRequest(node, locals, what), idempotencyKey: step.id };
  const { callHttpJson } = proxyActivities<CaseActivities>({
    startToCloseTimeout: '60 seconds',
    retry: { maximumAttempts: node.retries, initialInterval: '1 second', maximumInterval: '1 minute' },
  });
  let response: HttpJsonResponse;
  try {
    response = await callHttpJson(request);
  } catch (err) {
    if (err instanceof ActivityFailure && err.cause instanceof ApplicationFailure) {
      throw new CaseIncident(node.id, `${what} failed after ${node.retries} attempt(s): ${err.cause.message}`);
    }
    throw err;
  }
  const failed = response.status >= 400;
  const error = failed ? { code: String(response.status), message: `${request.method} ${request.url} answered ${response.status}` } : null;
  const expression = node.headers.errorExpression;
  if (expression) {
    let value: unknown;
    try {
      value = evaluateFeel(expression, { ...variables, response, error, bpmnError: bpmnErrorFunction });
    } catch (err) {
      throw new CaseIncident(node.id, `The errorExpression of ${what} could not be evaluated: ${(err as Error).message}`);
    }
    const thrown = bpmnErrorOf(value);
    if (thrown) {
      if (thrown.variables) rt.mergeVariables(`error:${node.id}`, thrown.variables);
      throw new BpmnErrorThrow(thrown.code, node, thrown.message);
    }
  }
  if (failed) throw new CaseIncident(node.id, `${what} failed: ${error!.message}, which no errorExpression maps to a BPMN error`);

  const result: Record<string, unknown> = {};
  if (node.headers.resultVariable) result[node.headers.resultVariable] = response;
  if (node.headers.resultExpression) {
    let value: unknown;
    try {
      value = evaluateFeel(node.headers.resultExpression, { ...variables, response });
    } catch (err) {
      throw new CaseIncident(node.id, `The resultExpression of ${what} could not be evaluated: ${(err as Error).message}`);
    }
    if (value !== null && value !== undefined) {
      if (typeof value !== 'object' || Array.isArray(value))
        throw new CaseIncident(node.id, `The resultExpression of ${what} gave ${JSON.stringify(value)}, not a context such as {nama: response.body.nama}`);
      Object.assign(result, value);
    }
  }
  return result;
}

/** The call the inputs describe; a value of the wrong shape is an incident naming the input. */
function connectorRequest(node: IrServiceTask, locals: Record<string, unknown>, what: string): Omit<HttpJsonRequest, 'idempotencyKey'> {
  const refuse = (message: string): never => {
    throw new CaseIncident(node.id, `${what}: ${message}`);
  };
  const url =
    typeof locals.url === 'string' && /^https?:\/\//i.test(locals.url.trim())
      ? locals.url.trim()
      : refuse(`its "url" input gave ${JSON.stringify(locals.url)}, not an http(s) address`);
  const method = String(locals.method ?? 'GET').toUpperCase();
  if (!METHODS.includes(method)) refuse(`its "method" input gave ${JSON.stringify(locals.method)}; it must be one of ${METHODS.join(', ')}`);
  const texts = (name: string): Record<string, string> => {
    const value = locals[name];
    if (value === undefined || value === null) return {};
    if (typeof value !== 'object' || Array.isArray(value))
      return refuse(`its "${name}" input gave ${JSON.stringify(value)}, not a context of names and values`);
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
  };
  const auth = (locals.authentication ?? {}) as Record<string, unknown>;
  const type = auth.type ?? 'noAuth';
  const authentication: HttpJsonRequest['authentication'] =
    type === 'noAuth'
      ? { type: 'noAuth' }
      : type === 'basic'
        ? { type: 'basic', username: String(auth.username ?? ''), password: String(auth.password ?? '') }
        : type === 'bearer'
          ? { type: 'bearer', token: String(auth.token ?? '') }
          : refuse(`its authentication type ${JSON.stringify(type)} is not supported; use noAuth, basic or bearer`);
  return {
    url,
    method,
    headers: texts('headers'),
    queryParameters: texts('queryParameters'),
    ...(locals.body === undefined ? {} : { body: locals.body }),
    authentication,
  };
}
