// The API edge of errors: HttpError for what the API itself refuses, and the
// one place a refusal's stable code (the case core's catalogue) becomes an
// HTTP status. Every error body has `message` and `code`.
import { CaseRefusal, REFUSALS } from '@alur/cases';

/** An error the API answers with as is: status code and a message for the client. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
    readonly details?: Record<string, unknown>,
    /** A stable code for clients to tell refusals apart by; a generic one by status when omitted. */
    readonly code: string = genericCode(statusCode),
  ) {
    super(message);
  }
}

/** The answer to a refusal: its status and body, or undefined when `err` is not one (the error handler decides). */
export function refusalAnswer(err: unknown): { status: number; body: Record<string, unknown> } | undefined {
  if (err instanceof CaseRefusal) return { status: REFUSALS[err.code].status, body: { message: err.message, code: err.code, ...err.details } };
  if (err instanceof HttpError) return { status: err.statusCode, body: { message: err.message, code: err.code, ...err.details } };
  return undefined;
}

const GENERIC_CODES: Record<number, string> = {
  400: 'request.invalid',
  401: 'auth.required',
  403: 'forbidden',
  404: 'not_found',
  409: 'conflict',
  413: 'too_large',
  422: 'unprocessable',
  429: 'too_many_requests',
  503: 'unavailable',
};

function genericCode(status: number): string {
  return GENERIC_CODES[status] ?? (status >= 500 ? 'internal' : 'refused');
}
