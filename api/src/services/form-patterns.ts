// Form validation patterns (form-js `validate.pattern`) run through RE2, a
// linear-time engine (re2js: RE2 ported to plain JavaScript, the engine FEEL's
// `matches` uses too), never through JavaScript's backtracking RegExp:
// `^([a-zA-Z]+\s?)*$` on a 27-character answer stalled the whole API for
// seconds. A pattern RE2 cannot run (lookaround, backreferences) is refused
// when the form or the BPMN that embeds it is deployed, so every deployed
// pattern is checked here, at the edge, before a case starts or a task's
// completion goes to Temporal. The workflow's own completeTask validator
// (workflows/src/forms/validate.ts) skips patterns unless given a matcher.
import { RE2JS } from 're2js';
import type { FormComponent, FormSchema, SopIR } from '@alur/workflows';
import { HttpError } from './http-error';

const compiled = new Map<string, RE2JS>();

function re2(pattern: string): RE2JS {
  let re = compiled.get(pattern);
  if (!re) {
    re = RE2JS.compile(pattern);
    if (compiled.size > 1000) compiled.clear();
    compiled.set(pattern, re);
  }
  return re;
}

/** The pattern matcher for validateFormSubmission: RE2, linear in the input's length; like RegExp.test, it searches. */
export function matchPattern(pattern: string, value: string): boolean {
  return re2(pattern).matcher(value).find();
}

/** Why RE2 cannot run `pattern`, or undefined when it can. */
export function patternError(pattern: string): string | undefined {
  try {
    re2(pattern);
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Every pattern of a form schema that RE2 cannot run, with the field it belongs to. */
export function unsafePatterns(schema: FormSchema): { field: string; message: string }[] {
  const problems: { field: string; message: string }[] = [];
  const visit = (components: FormComponent[]) => {
    for (const c of components) {
      const pattern = c.validate?.pattern;
      if (typeof pattern === 'string' && pattern !== '') {
        const error = patternError(pattern);
        if (error)
          problems.push({
            field: c.key ?? c.id ?? c.type,
            message: `pattern "${pattern}" cannot be checked in linear time (RE2: ${error}); use a pattern without lookaround or backreferences`,
          });
      }
      if (c.components) visit(c.components);
    }
  };
  visit(schema.components ?? []);
  return problems;
}

/** Refuses (422) a form schema with a pattern RE2 cannot run. */
export function assertFormPatterns(schema: FormSchema): void {
  const problems = unsafePatterns(schema);
  if (problems.length === 0) return;
  throw new HttpError(422, 'The form cannot be deployed: ' + problems.map((p) => `${p.field}: ${p.message}`).join('; '), { errors: problems });
}

/** Refuses (422) an SOP whose embedded or linked forms have a pattern RE2 cannot run, naming the element. */
export function assertSopFormPatterns(ir: SopIR): void {
  const errors: { elementId: string; field: string; message: string }[] = [];
  for (const node of Object.values(ir.nodes)) {
    const schema = (node as { form?: { schema?: FormSchema } }).form?.schema;
    if (!schema) continue;
    for (const p of unsafePatterns(schema)) errors.push({ elementId: node.id, field: p.field, message: `${p.field}: ${p.message}` });
  }
  if (errors.length > 0) throw new HttpError(422, 'The BPMN diagram has form patterns that cannot be checked safely', { errors });
}
