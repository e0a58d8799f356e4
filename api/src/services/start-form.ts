// The start form of an SOP (zeebe:formDefinition on its start event): a case
// is only started with variables the form would accept.
import { validateFormSubmission } from '@alur/workflows/compiler';
import type { SopIR } from '@alur/workflows';
import { HttpError } from './http-error';

export function assertStartForm(ir: SopIR, variables: Record<string, unknown>): void {
  const start = ir.nodes[ir.startEventId];
  const schema = start?.type === 'startEvent' ? start.form?.schema : undefined;
  if (!schema) return;
  const errors = validateFormSubmission(schema, variables);
  if (errors.length === 0) return;
  throw new HttpError(422, `The start form of SOP "${ir.name}" does not accept these variables: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, {
    errors: errors.map((e) => ({ field: `variables.${e.field}`, message: `${e.field} ${e.message}` })),
  });
}
