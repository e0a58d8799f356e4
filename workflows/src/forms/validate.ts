// Validates the variables submitted with a user task against its form-js
// schema, the way the form itself would (required, type, limits, pattern,
// email/phone, allowed options). Pure and deterministic: it runs in the
// completeTask Update's validator inside the workflow.
//
// Patterns (`validate.pattern`, set by the form's designer) are matched only
// when the caller gives a matcher: the API passes RE2, a linear-time engine
// (api/src/services/form-patterns.ts), because JavaScript's backtracking
// RegExp lets one crafted answer stall a process for seconds. The workflow's
// completeTask validator gives none and skips patterns: every completion
// reaches it through the API, which has checked them first.
import { evaluateFeel } from '../feel';
import { CONTAINER_TYPES, INPUT_TYPES, type FormComponent, type FormSchema } from './schema';

/** Longest text a form's text field takes when its designer set no maxLength (characters). */
export const DEFAULT_MAX_LENGTH: Record<string, number> = { textfield: 1_000, textarea: 20_000 };

export interface ValidateOptions {
  /** Tests a designer's pattern against an answer in linear time; without it, patterns are not checked. */
  matchPattern?: (pattern: string, value: string) => boolean;
}

export interface FieldError {
  /** The variable, as a dotted path (`alamat.kota`, `anggota.0.nama`). */
  field: string;
  message: string;
}

// The patterns form-js itself uses for these validation types.
const EMAIL = /^[\w\-.]+@([\w-]+\.)+[\w-]{2,}$/;
// International (+62 812...) or local (0812-...) numbers: 7 to 15 digits, spaces and dashes allowed.
const PHONE = /^(\+|00)?[0-9](?:[ -]?[0-9]){6,14}$/;
const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?(Z|[+-]\d{2}:?\d{2})?$/;
const DATE_TIME = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Every problem with `submitted` (empty when it is fine). `context` (the case's
 * variables) is what the form's `conditional.hide` expressions see besides the
 * submission; a hidden field is not checked, as form-js does not submit it.
 */
export function validateFormSubmission(
  schema: FormSchema,
  submitted: Record<string, unknown>,
  context: Record<string, unknown> = {},
  options: ValidateOptions = {},
): FieldError[] {
  const errors: FieldError[] = [];
  checkComponents(schema.components, submitted, [], { ...context, ...submitted }, errors, options);
  return errors;
}

function checkComponents(
  components: FormComponent[],
  data: Record<string, unknown>,
  prefix: string[],
  scope: Record<string, unknown>,
  errors: FieldError[],
  options: ValidateOptions,
): void {
  for (const c of components) {
    if (isHidden(c, scope)) continue;
    if (CONTAINER_TYPES.includes(c.type)) {
      checkContainer(c, data, prefix, scope, errors, options);
    } else if (INPUT_TYPES[c.type] && c.key) {
      const path = c.key.split('.');
      const field = [...prefix, ...path].join('.');
      const message = checkValue(c, valueAt(data, path), options);
      if (message) errors.push({ field, message });
    }
  }
}

function checkContainer(
  c: FormComponent,
  data: Record<string, unknown>,
  prefix: string[],
  scope: Record<string, unknown>,
  errors: FieldError[],
  options: ValidateOptions,
): void {
  const children = c.components ?? [];
  if (!c.path) {
    checkComponents(children, data, prefix, scope, errors, options);
    return;
  }
  const path = c.path.split('.');
  const inner = valueAt(data, path);
  if (c.type === 'group') {
    checkComponents(children, isRecord(inner) ? inner : {}, [...prefix, ...path], scope, errors, options);
    return;
  }
  // dynamiclist: a list of rows, each filled by the same components.
  if (inner === undefined || inner === null) return;
  if (!Array.isArray(inner)) {
    errors.push({ field: [...prefix, ...path].join('.'), message: 'must be a list' });
    return;
  }
  inner.forEach((row, i) => {
    const rowPath = [...prefix, ...path, String(i)];
    if (!isRecord(row)) errors.push({ field: rowPath.join('.'), message: 'must be an object' });
    else checkComponents(children, row, rowPath, { ...scope, ...row }, errors, options);
  });
}

/** Why the value is not acceptable, or undefined. */
function checkValue(c: FormComponent, value: unknown, options: ValidateOptions): string | undefined {
  const rules = c.validate ?? {};
  if (isEmpty(c, value)) return rules.required ? 'is required' : undefined;
  switch (INPUT_TYPES[c.type]) {
    case 'string':
      return typeof value === 'string' ? checkText(value, { ...rules, maxLength: rules.maxLength ?? DEFAULT_MAX_LENGTH[c.type] }, options) : 'must be text';
    case 'number':
      return checkNumber(c, value);
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'must be true or false';
    case 'option':
      return checkOption(c, value);
    case 'options':
      if (!Array.isArray(value)) return 'must be a list';
      for (const item of value) {
        const problem = checkOption(c, item);
        if (problem) return problem;
      }
      return undefined;
    case 'datetime':
      return checkDateTime(c, value);
    default:
      return undefined;
  }
}

function isEmpty(c: FormComponent, value: unknown): boolean {
  if (value === undefined || value === null || value === '') return true;
  if (Array.isArray(value) && INPUT_TYPES[c.type] === 'options') return value.length === 0;
  // A required checkbox must be ticked.
  return c.type === 'checkbox' && value === false;
}

function checkText(value: string, rules: NonNullable<FormComponent['validate']>, options: ValidateOptions): string | undefined {
  const length = [...value].length;
  if (typeof rules.minLength === 'number' && length < rules.minLength) return `must be at least ${rules.minLength} characters long`;
  if (typeof rules.maxLength === 'number' && length > rules.maxLength) return `must be at most ${rules.maxLength} characters long`;
  if (rules.validationType === 'email' && !EMAIL.test(value)) return 'must be an email address';
  if (rules.validationType === 'phone' && !PHONE.test(value)) return 'must be a phone number';
  if (rules.pattern && options.matchPattern && !options.matchPattern(rules.pattern, value)) return `must match the pattern ${rules.pattern}`;
  return undefined;
}

function checkNumber(c: FormComponent, raw: unknown): string | undefined {
  const value = typeof raw === 'string' && c.serializeToString && raw.trim() !== '' ? Number(raw) : raw;
  if (typeof value !== 'number' || !Number.isFinite(value)) return 'must be a number';
  const rules = c.validate ?? {};
  if (typeof rules.min === 'number' && value < rules.min) return `must be at least ${rules.min}`;
  if (typeof rules.max === 'number' && value > rules.max) return `must be at most ${rules.max}`;
  if (typeof c.decimalDigits === 'number' && decimals(value) > c.decimalDigits) {
    return c.decimalDigits === 0 ? 'must be a whole number' : `must have at most ${c.decimalDigits} decimal digits`;
  }
  return undefined;
}

function decimals(n: number): number {
  const [, fraction = ''] = String(n).split('.');
  return fraction.length;
}

function checkOption(c: FormComponent, value: unknown): string | undefined {
  if (!['string', 'number', 'boolean'].includes(typeof value)) return 'must be one of the options';
  // Options from a variable (valuesKey) or an expression are only known to the form at run time.
  if (!Array.isArray(c.values) || c.valuesKey || c.valuesExpression) return undefined;
  if (c.values.some((o) => o.value === value)) return undefined;
  const allowed = c.values.map((o) => JSON.stringify(o.value)).join(', ');
  return `must be one of ${allowed}`;
}

function checkDateTime(c: FormComponent, value: unknown): string | undefined {
  if (typeof value !== 'string') return 'must be a date or time text';
  const subtype = c.subtype ?? 'date';
  if (subtype === 'date') return DATE.test(value) && realDate(value) ? undefined : 'must be a date such as 2026-12-01';
  if (subtype === 'time') return TIME.test(value) ? undefined : 'must be a time such as 09:30';
  return DATE_TIME.test(value) && realDate(value.slice(0, 10)) ? undefined : 'must be a date and time such as 2026-12-01T09:30';
}

/** 2026-02-30 matches the pattern but is no date. */
function realDate(ymd: string): boolean {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function isHidden(c: FormComponent, scope: Record<string, unknown>): boolean {
  const hide = c.conditional?.hide;
  if (!hide) return false;
  try {
    return evaluateFeel(hide, scope) === true;
  } catch {
    // form-js shows a field whose condition cannot be evaluated; so does the check.
    return false;
  }
}

function valueAt(data: Record<string, unknown>, path: string[]): unknown {
  let at: unknown = data;
  for (const name of path) {
    if (!isRecord(at)) return undefined;
    at = at[name];
  }
  return at;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
