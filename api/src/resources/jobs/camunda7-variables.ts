// Camunda 7's typed variables, as its REST API writes them:
//   {"amount": {"value": 1200, "type": "Integer"}, "order": {"value": "{\"id\":1}", "type": "Json"}}
// Case variables are JSON, so: text String, whole numbers Integer (Long beyond
// 32 bits), other numbers Double, Boolean, null Null, objects and lists Json
// (serialized, as Camunda Spin writes them). Read back: those types, Short,
// Date (kept as its text), and Object with serializationDataFormat
// application/json.
import { HttpError } from '../../services/http-error';

export interface TypedValue {
  value: unknown;
  type?: string;
  valueInfo?: Record<string, unknown>;
}

export function toTypedVariables(variables: Record<string, unknown>): Record<string, TypedValue> {
  return Object.fromEntries(Object.entries(variables).map(([name, value]) => [name, toTyped(value)]));
}

function toTyped(value: unknown): TypedValue {
  if (value === null || value === undefined) return { value: null, type: 'Null', valueInfo: {} };
  if (typeof value === 'string') return { value, type: 'String', valueInfo: {} };
  if (typeof value === 'boolean') return { value, type: 'Boolean', valueInfo: {} };
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) return { value, type: 'Double', valueInfo: {} };
    return { value, type: Math.abs(value) <= 2_147_483_647 ? 'Integer' : 'Long', valueInfo: {} };
  }
  return { value: JSON.stringify(value), type: 'Json', valueInfo: {} };
}

/** Typed variables from a worker, as plain values; a value that does not fit its type is a 400 naming `field.name`. */
export function fromTypedVariables(typed: Record<string, TypedValue> | null | undefined, field: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, variable] of Object.entries(typed ?? {})) out[name] = fromTyped(variable, `${field}.${name}`);
  return out;
}

function fromTyped(variable: TypedValue, field: string): unknown {
  const type = (variable.type ?? '').toLowerCase();
  const { value } = variable;
  const refuse = (why: string): never => {
    const message = `${field} ${why}`;
    throw new HttpError(400, message, { type: 'InvalidRequestException', errors: [{ field, message }] }, 'request.invalid');
  };
  if (value === null || type === 'null') return null;
  switch (type) {
    case '':
      return value;
    case 'string':
    case 'date':
      return typeof value === 'string' ? value : refuse(`has type ${variable.type} but its value is not a text`);
    case 'boolean':
      return typeof value === 'boolean' ? value : refuse('has type Boolean but its value is not true or false');
    case 'integer':
    case 'long':
    case 'short':
      return typeof value === 'number' && Number.isInteger(value) ? value : refuse(`has type ${variable.type} but its value is not a whole number`);
    case 'double':
      return typeof value === 'number' ? value : refuse('has type Double but its value is not a number');
    case 'json':
      return parseJson(value, refuse);
    case 'object': {
      const format = variable.valueInfo?.serializationDataFormat;
      if (format === 'application/json') return parseJson(value, refuse);
      return refuse(`has type Object in ${JSON.stringify(format ?? 'a Java serialization')}; only application/json (or type Json) can be read`);
    }
    default:
      return refuse(
        `has type ${JSON.stringify(variable.type)}, which Alur does not read; use String, Boolean, Integer, Long, Short, Double, Date, Null or Json`,
      );
  }
}

function parseJson(value: unknown, refuse: (why: string) => never): unknown {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return refuse('has type Json but its value is not valid JSON');
  }
}
