// Camunda's REST connector (outbound), `io.camunda:http-json:1`, built in
// beside `webhook`: configured as Camunda's element template writes it, with
// input mappings (url, method, headers, queryParameters, body,
// authentication.type none/basic/bearer with authentication.username,
// .password, .token) and task headers (resultVariable, resultExpression,
// errorExpression). The call goes through the outbound call policy.
import { feelSyntaxError } from '../../feel';
import type { Diagnostics } from '../diagnostics';
import { describe, elementsProp, extensions, idOf, stringProp, type BpmnElement } from '../model';
import { isVariableName, VARIABLE_NAME_RULE } from './variable-name';

export const HTTP_JSON_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;
export const HTTP_JSON_AUTHENTICATION = ['noAuth', 'basic', 'bearer'] as const;

/** The fixed (non-FEEL) source of the input mapping to `target`, if any; undefined when absent or FEEL. */
function fixedInput(el: BpmnElement, target: string): { present: boolean; value?: string } {
  for (const mapping of extensions(el, 'zeebe:IoMapping').flatMap((m) => elementsProp(m, 'inputParameters'))) {
    if (stringProp(mapping, 'target')?.trim() !== target) continue;
    const source = stringProp(mapping, 'source')?.trim() ?? '';
    return source.startsWith('=') ? { present: true } : { present: true, value: source };
  }
  return { present: false };
}

/** Checks the connector's inputs and headers; returns the headers, trimmed. */
export function checkHttpJsonConnector(el: BpmnElement, headers: Record<string, string>, diag: Diagnostics): Record<string, string> {
  const id = idOf(el);
  const what = `${describe(el)} (REST connector)`;
  const checked = { ...headers };

  const url = fixedInput(el, 'url');
  if (!url.present) diag.error(id, `${what} has no "url" input; map the address to call to the input "url"`);
  else if (url.value !== undefined && !isHttpUrl(url.value))
    diag.error(id, `${what} has the url "${url.value}", which is not an http(s) address like https://example.go.id/api`);
  const method = fixedInput(el, 'method');
  if (method.value !== undefined && !(HTTP_JSON_METHODS as readonly string[]).includes(method.value.toUpperCase()))
    diag.error(id, `${what} has the method "${method.value}"; it must be one of ${HTTP_JSON_METHODS.join(', ')}`);
  const auth = fixedInput(el, 'authentication.type');
  if (auth.value !== undefined && !(HTTP_JSON_AUTHENTICATION as readonly string[]).includes(auth.value))
    diag.error(id, `${what} has the authentication type "${auth.value}"; Alur supports ${HTTP_JSON_AUTHENTICATION.join(', ')}`);
  for (const target of ['url', 'authentication.username', 'authentication.password', 'authentication.token']) {
    const input = fixedInput(el, target);
    if (input.value?.includes('{{secrets.'))
      diag.error(id, `${what} uses a connector secret in its "${target}" input; Alur has no connector secrets yet: map the value from a variable`);
  }

  for (const key of ['resultExpression', 'errorExpression']) {
    if (headers[key] === undefined) continue;
    const expression = headers[key].trim();
    const syntaxError = expression.startsWith('=') ? feelSyntaxError(expression) : 'it must be a FEEL expression starting with =';
    if (syntaxError) diag.error(id, `${what} has "${key}" header "${headers[key]}": ${syntaxError}`);
    else checked[key] = expression;
  }
  if (headers.resultVariable !== undefined) {
    const variable = headers.resultVariable.trim();
    if (variable === '') delete checked.resultVariable;
    else if (isVariableName(variable)) checked.resultVariable = variable;
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
