// form-js form schemas (Camunda Forms): the subset Alur reads to validate a
// task's submitted variables. Checked once, when the form is deployed or the
// BPMN with an embedded form is; runs in the API and (the types) in the
// workflow, so no node: imports.
import { feelSyntaxError } from '../feel';

/** One form-js component; only the properties the validator reads are typed. */
export interface FormComponent {
  type: string;
  id?: string;
  key?: string;
  /** Groups and dynamic lists: where their fields live in the submitted data (`a.b`). */
  path?: string;
  label?: string;
  components?: FormComponent[];
  validate?: {
    required?: boolean;
    min?: number;
    max?: number;
    minLength?: number;
    maxLength?: number;
    pattern?: string;
    validationType?: string;
  };
  values?: { label?: string; value: unknown }[];
  valuesKey?: string;
  valuesExpression?: string;
  subtype?: string;
  decimalDigits?: number;
  serializeToString?: boolean;
  conditional?: { hide?: string };
  [property: string]: unknown;
}

export interface FormSchema {
  id?: string;
  type?: string;
  components: FormComponent[];
  [property: string]: unknown;
}

/** Components whose value the user types or picks, by the JSON type of that value. */
export const INPUT_TYPES: Record<string, 'string' | 'number' | 'boolean' | 'option' | 'options' | 'datetime'> = {
  textfield: 'string',
  textarea: 'string',
  number: 'number',
  checkbox: 'boolean',
  select: 'option',
  radio: 'option',
  checklist: 'options',
  taglist: 'options',
  datetime: 'datetime',
};

/** Components that hold other components. */
export const CONTAINER_TYPES = ['group', 'dynamiclist'];

/** Components that show something and submit nothing. */
const DISPLAY_TYPES = ['text', 'html', 'image', 'spacer', 'separator', 'button', 'iframe', 'table', 'documentPreview', 'default'];

const VALIDATION_TYPES = ['email', 'phone', ''];

export interface FormSchemaCheck {
  schema?: FormSchema;
  errors: string[];
  /** Fields accepted but not validated by Alur (a component type it does not know, a file picker in a list). */
  warnings: string[];
}

/** Checks a form-js schema (parsed JSON or its text); `schema` is set when there are no errors. */
export function checkFormSchema(input: unknown): FormSchemaCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  let value = input;
  if (typeof input === 'string') {
    try {
      value = JSON.parse(input);
    } catch (err) {
      return { errors: [`the form is not valid JSON: ${(err as Error).message}`], warnings };
    }
  }
  if (!isObject(value) || !Array.isArray(value.components)) {
    return { errors: ['the form has no "components" list; is it a form-js (Camunda Forms) schema?'], warnings };
  }
  checkComponents(value.components, 'the form', errors, warnings, false);
  return errors.length ? { errors, warnings } : { schema: value as FormSchema, errors, warnings };
}

function checkComponents(components: unknown[], where: string, errors: string[], warnings: string[], inList: boolean): void {
  components.forEach((c, i) => {
    if (!isObject(c) || typeof c.type !== 'string') {
      errors.push(`component ${i + 1} of ${where} has no type`);
      return;
    }
    const name = typeof c.key === 'string' ? `field "${c.key}"` : `component ${i + 1} (${c.type}) of ${where}`;
    if (CONTAINER_TYPES.includes(c.type)) {
      if (c.path !== undefined && (typeof c.path !== 'string' || !isPath(c.path))) errors.push(`${name} has an invalid path "${String(c.path)}"`);
      if (c.type === 'dynamiclist' && typeof c.path !== 'string') errors.push(`${name} is a dynamic list without a path`);
      checkComponents(
        Array.isArray(c.components) ? c.components : [],
        `${c.type} "${String(c.path ?? c.id ?? i + 1)}"`,
        errors,
        warnings,
        inList || c.type === 'dynamiclist',
      );
    } else if (INPUT_TYPES[c.type]) {
      checkInput(c, name, errors);
    } else if (c.type === 'filepicker') {
      // The API stores a picked file as a case document and puts its reference in the variable;
      // it does not walk dynamic lists, so a picker there would keep only form-js's placeholder.
      if (inList) warnings.push(`${name} is a file picker inside a dynamic list, whose files Alur does not store; put it outside the list`);
    } else if (!DISPLAY_TYPES.includes(c.type)) {
      warnings.push(`${name} has the component type "${c.type}", which Alur does not validate`);
    }
    const hide = isObject(c.conditional) ? c.conditional.hide : undefined;
    if (typeof hide === 'string') {
      const syntax = feelSyntaxError(hide);
      if (syntax) errors.push(`${name} hides itself with "${hide}", which is not valid FEEL: ${syntax}`);
    }
  });
}

function checkInput(c: Record<string, unknown>, name: string, errors: string[]): void {
  if (typeof c.key !== 'string' || !isPath(c.key)) {
    errors.push(`${name} has no valid key (the variable it fills)`);
    return;
  }
  const validate = c.validate;
  if (validate === undefined) return;
  if (!isObject(validate)) {
    errors.push(`${name} has an invalid "validate" setting`);
    return;
  }
  for (const limit of ['min', 'max', 'minLength', 'maxLength']) {
    const v = validate[limit];
    if (v !== undefined && v !== null && v !== '' && typeof v !== 'number') errors.push(`${name} has ${limit} "${String(v)}", not a number`);
  }
  if (typeof validate.pattern === 'string' && validate.pattern !== '') {
    try {
      new RegExp(validate.pattern);
    } catch (err) {
      errors.push(`${name} has the pattern "${validate.pattern}", which is not a valid regular expression: ${(err as Error).message}`);
    }
  }
  if (validate.validationType !== undefined && !VALIDATION_TYPES.includes(String(validate.validationType))) {
    errors.push(`${name} has validation type "${String(validate.validationType)}"; Alur knows email and phone`);
  }
}

/** `nama`, `alamat.kota`: names joined by dots. */
function isPath(text: string): boolean {
  return /^[\p{L}_][\p{L}\p{N}_]*(\.[\p{L}_][\p{L}\p{N}_]*)*$/u.test(text);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
