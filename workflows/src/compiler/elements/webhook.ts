// The `webhook` task type: an HTTP call to a fixed address.
import type { Diagnostics } from '../diagnostics';
import { describe, idOf, type BpmnElement } from '../model';
import { isVariableName, VARIABLE_NAME_RULE } from './variable-name';
import { feelSyntaxError } from '../../feel';

export const WEBHOOK_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * Checks the headers of a webhook task: `url` (required, http or https),
 * `method` (optional, default POST; returned in upper case) and
 * `resultVariable` (optional, a plain variable name), `errorExpression`
 * (optional FEEL mapping an answer to bpmnError(code, message)). Returns the headers with
 * those values trimmed.
 */
export function checkWebhookHeaders(el: BpmnElement, headers: Record<string, string>, diag: Diagnostics): Record<string, string> {
  const id = idOf(el);
  const what = `${describe(el)} (webhook)`;
  const checked = { ...headers };

  const url = headers.url?.trim();
  if (!url) {
    diag.error(id, `${what} has no "url" task header; add one with the http(s) address to call`);
  } else if (url.startsWith('=')) {
    diag.error(id, `${what} computes its "url" header with a FEEL expression; only a fixed http(s) address is supported yet`);
  } else if (!isHttpUrl(url)) {
    diag.error(id, `${what} has "url" header "${url}", which is not an http(s) address like https://example.go.id/hook`);
  } else {
    checked.url = url;
  }

  if (headers.method !== undefined) {
    const method = headers.method.trim().toUpperCase();
    if ((WEBHOOK_METHODS as readonly string[]).includes(method)) checked.method = method;
    else diag.error(id, `${what} has "method" header "${headers.method}"; it must be one of ${WEBHOOK_METHODS.join(', ')}`);
  }

  if (headers.errorExpression !== undefined) {
    const expression = headers.errorExpression.trim();
    const syntaxError = expression.startsWith('=') ? feelSyntaxError(expression) : 'it must be a FEEL expression starting with =';
    if (syntaxError) diag.error(id, `${what} has "errorExpression" header "${headers.errorExpression}": ${syntaxError}`);
    else checked.errorExpression = expression;
  }

  if (headers.resultVariable !== undefined) {
    const variable = headers.resultVariable.trim();
    if (isVariableName(variable)) checked.resultVariable = variable;
    else diag.error(id, `${what} has "resultVariable" header "${headers.resultVariable}"; it must be ${VARIABLE_NAME_RULE}`);
  }
  return checked;
}

function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}
