// Sending an Update to a case: the workflow's validator has the last word, and
// what it refuses comes back as a CaseRefusal with its catalogue code (as does
// a case that ended before the Update reached it). Anything else is rethrown
// as it is: an outage, a bug.
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { caseHasEnded } from './case-ended';
import { CaseRefusal, codeOfWorkflowType, type RefusalCode } from './refusals';

/** What a refusal says to the caller: by default the workflow's own message, or "The case has already ended". */
export type RefusalWording = (code: RefusalCode, workflowMessage: string) => string;

export const CASE_ENDED_MESSAGE = 'The case has already ended';

const asIs: RefusalWording = (code, message) => (code === 'case.ended' ? CASE_ENDED_MESSAGE : message);

/**
 * The refusal `err` stands for, or undefined when it is no refusal. A form
 * refusal carries the fields it names as `errors` (`variables.<field>`).
 */
export function refusalOf(err: unknown, wording: RefusalWording = asIs): CaseRefusal | undefined {
  if (err instanceof CaseRefusal) return err;
  if (err instanceof WorkflowUpdateFailedError && err.cause instanceof ApplicationFailure) {
    const code = codeOfWorkflowType(err.cause.type);
    if (!code) return undefined;
    const message = wording(code, err.cause.message);
    if (code === 'form.invalid') {
      const fields = (err.cause.details?.[0] ?? []) as { field: string; message: string }[];
      return new CaseRefusal(code, message, { errors: fields.map((f) => ({ field: `variables.${f.field}`, message: `${f.field} ${f.message}` })) });
    }
    return new CaseRefusal(code, message);
  }
  if (caseHasEnded(err)) return new CaseRefusal('case.ended', wording('case.ended', CASE_ENDED_MESSAGE));
  return undefined;
}

/** Runs an Update (or any call to the case's workflow); its refusals are thrown as CaseRefusal. */
export async function updateCase<T>(run: () => Promise<T>, wording?: RefusalWording): Promise<T> {
  try {
    return await run();
  } catch (err) {
    throw refusalOf(err, wording) ?? err;
  }
}
