// The start form of an SOP (zeebe:formDefinition on its start event): a case
// is only started with variables the form would accept.
import { validateFormSubmission } from '@alur/workflows/compiler';
import type { FormComponent, FormSchema, SopIR } from '@alur/workflows';
import { HttpError } from './http-error';
import { matchPattern } from './form-patterns';
import { startFormSchema } from '@alur/cases';

export function assertStartForm(ir: SopIR, variables: Record<string, unknown>): void {
  const schema = startFormSchema(ir);
  if (!schema) return;
  const errors = validateFormSubmission(schema, variables, {}, { matchPattern });
  if (errors.length === 0) return;
  throw new HttpError(422, `The start form of SOP "${ir.name}" does not accept these variables: ${errors.map((e) => `${e.field} ${e.message}`).join('; ')}`, {
    errors: errors.map((e) => ({ field: `variables.${e.field}`, message: `${e.field} ${e.message}` })),
  });
}

/** The start form's schema, if the SOP's none start event has one (the case core's: it reads the unit choice from it). */
export { startFormSchema };

/**
 * Only the start form's own fields may be filled in (by a citizen, and by
 * staff starting a case of an SOP with a start form): any other variable (one
 * a later step or gateway reads), also one nested under a group or in a list's
 * row, is refused, naming it.
 */
export function assertOnlyStartFormFields(schema: FormSchema, variables: Record<string, unknown>): void {
  const unknown = unknownFields(fieldTree(schema.components), variables, []);
  if (unknown.length === 0) return;
  throw new HttpError(422, `Not fields of the start form: ${unknown.join(', ')}`, {
    errors: unknown.map((name) => ({ field: `variables.${name}`, message: `${name} is not a field of the start form` })),
  });
}

/** The names a form fills in at one level: a field (any value), or a group/list with its own names. */
interface FieldTree {
  [name: string]: true | { list: boolean; fields: FieldTree };
}

function fieldTree(components: FormComponent[], tree: FieldTree = {}): FieldTree {
  for (const c of components) {
    const container = c.type === 'group' || c.type === 'dynamiclist';
    const path = c.path ?? (container ? undefined : c.key);
    if (!path) {
      if (c.components) fieldTree(c.components, tree);
      continue;
    }
    const parts = path.split('.');
    let at = tree;
    for (const part of parts.slice(0, -1)) {
      const next = at[part];
      if (next === true) break; // a field already takes any value here
      at[part] = next ?? { list: false, fields: {} };
      at = (at[part] as { fields: FieldTree }).fields;
    }
    const last = parts.at(-1)!;
    if (!container) at[last] = true;
    else {
      const existing = at[last];
      if (existing === true) continue;
      const node = existing ?? { list: c.type === 'dynamiclist', fields: {} };
      at[last] = node;
      fieldTree(c.components ?? [], node.fields);
    }
  }
  return tree;
}

function unknownFields(tree: FieldTree, value: Record<string, unknown>, prefix: string[]): string[] {
  const unknown: string[] = [];
  for (const [name, v] of Object.entries(value)) {
    const node = tree[name];
    const path = [...prefix, name];
    if (!node) unknown.push(path.join('.'));
    else if (node === true) continue;
    else if (node.list && Array.isArray(v))
      v.forEach((row, i) => {
        if (isRecord(row)) unknown.push(...unknownFields(node.fields, row, [...path, String(i)]));
      });
    else if (isRecord(v)) unknown.push(...unknownFields(node.fields, v, path));
  }
  return unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
