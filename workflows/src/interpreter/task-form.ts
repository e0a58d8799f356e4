// A user task's form at run time: which form the task shows, and the check
// of a submission against its form-js schema (in the completeTask validator).
import { ApplicationFailure } from '@temporalio/workflow';
import { validateFormSubmission } from '../forms/validate';
import type { IrNode, IrUserTask } from '../ir';
import { FORM_INVALID } from '../contract/updates';

/** What the task records as its form: a deployed form's id, else the form key or external reference. */
export function taskFormKey(node: IrUserTask): string | undefined {
  const form = node.form;
  return form && (form.formId ?? form.formKey ?? form.externalReference);
}

/**
 * Refuses (without touching history) variables that the task's form would
 * not accept; the failure's details list each field and why.
 */
export function assertValidSubmission(node: IrNode | undefined, submitted: Record<string, unknown>, caseVariables: Record<string, unknown>): void {
  const schema = node?.type === 'userTask' ? node.form?.schema : undefined;
  if (!schema) return;
  const errors = validateFormSubmission(schema, submitted, caseVariables);
  if (errors.length === 0) return;
  throw ApplicationFailure.create({
    message: `The form of task "${node!.name}" does not accept this submission: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`,
    type: FORM_INVALID,
    nonRetryable: true,
    details: [errors],
  });
}
