// The start form of an SOP (zeebe:formDefinition on its start event): a case
// is only started with variables the form would accept.
import { validateFormSubmission } from '@alur/workflows/compiler';
import type { FormComponent, FormSchema, SopIR } from '@alur/workflows';
import { HttpError } from './http-error';

export function assertStartForm(ir: SopIR, variables: Record<string, unknown>): void {
  const schema = startFormSchema(ir);
  if (!schema) return;
  const errors = validateFormSubmission(schema, variables);
  if (errors.length === 0) return;
  throw new HttpError(422, `The start form of SOP "${ir.name}" does not accept these variables: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, {
    errors: errors.map((e) => ({ field: `variables.${e.field}`, message: `${e.field} ${e.message}` })),
  });
}

/** The start form's schema, if the SOP's none start event has one. */
export function startFormSchema(ir: SopIR): FormSchema | undefined {
  const start = ir.nodes[ir.startEventId];
  return start?.type === 'startEvent' ? start.form?.schema : undefined;
}

/**
 * A citizen may only fill in the start form's own fields: any other variable
 * (one a later step or gateway reads) is refused, naming it.
 */
export function assertOnlyStartFormFields(schema: FormSchema, variables: Record<string, unknown>): void {
  const allowed = topLevelNames(schema.components);
  const unknown = Object.keys(variables).filter((name) => !allowed.has(name));
  if (unknown.length === 0) return;
  throw new HttpError(422, `Not fields of the start form: ${unknown.join(', ')}`, {
    errors: unknown.map((name) => ({ field: `variables.${name}`, message: `${name} is not a field of the start form` })),
  });
}

function topLevelNames(components: FormComponent[]): Set<string> {
  const names = new Set<string>();
  for (const c of components) {
    const path = c.path ?? (c.type === 'group' || c.type === 'dynamiclist' ? undefined : c.key);
    if (path) names.add(path.split('.')[0]!);
    else if (c.components) for (const n of topLevelNames(c.components)) names.add(n);
  }
  return names;
}
