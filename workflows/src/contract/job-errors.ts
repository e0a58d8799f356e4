// A job (a webhook service task) ends in a BPMN error, as a Camunda 8 job
// worker throws one: the webhook answers, with any status, a JSON body
//   {"bpmnError": {"code": "DOKUMEN_TIDAK_VALID", "message": "...", "variables": {...}}}
// or its `errorExpression` task header (as on Camunda 8 connectors) gives
//   bpmnError("CODE", "message")
// for the answer: FEEL over the case's variables and `response` ({status, body}).
// The code routes the error to an error boundary event or error event
// sub-process like an error end event's; the variables merge into the case.

export interface JobBpmnError {
  code: string;
  message?: string;
  variables?: Record<string, unknown>;
}

/** The BPMN error a job's answer carries, if any (a non-blank text `code` is required). */
export function bpmnErrorOf(body: unknown): JobBpmnError | undefined {
  if (!isObject(body) || !isObject(body.bpmnError)) return undefined;
  const { code, message, variables } = body.bpmnError;
  if (typeof code !== 'string' || code.trim() === '') return undefined;
  return {
    code: code.trim(),
    ...(typeof message === 'string' && message !== '' ? { message } : {}),
    ...(isObject(variables) ? { variables } : {}),
  };
}

/** The value of an errorExpression: bpmnError(code, message) builds one, anything else (null) means no error. */
export const bpmnErrorFunction = (code: unknown, message?: unknown) => ({
  bpmnError: { code, ...(message === undefined || message === null ? {} : { message }) },
});

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
