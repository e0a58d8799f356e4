// Case variables typed in by staff as name/value rows: values read as JSON
// when they are JSON (true, 12, "x", [..], {..}), else as plain text.

export interface VariableRow {
  name: string;
  value: string;
}

export function parseValue(text: string): unknown {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  try {
    return JSON.parse(trimmed);
  } catch {
    return text;
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export type RowsResult = { ok: true; variables: Record<string, unknown> } | { ok: false; errors: { row: number; reason: 'name' | 'duplicate' }[] };

/** Rows to a variables object; blank rows are skipped, bad or repeated names reported by row index. */
export function rowsToVariables(rows: VariableRow[]): RowsResult {
  const variables: Record<string, unknown> = {};
  const errors: { row: number; reason: 'name' | 'duplicate' }[] = [];
  rows.forEach((r, row) => {
    const name = r.name.trim();
    if (name === '' && r.value.trim() === '') return;
    if (!NAME.test(name)) errors.push({ row, reason: 'name' });
    else if (name in variables) errors.push({ row, reason: 'duplicate' });
    else variables[name] = parseValue(r.value);
  });
  return errors.length ? { ok: false, errors } : { ok: true, variables };
}

/** A variables object as editable rows (values as JSON, text unquoted). */
export function variablesToRows(vars: Record<string, unknown>): VariableRow[] {
  return Object.entries(vars).map(([name, v]) => ({ name, value: typeof v === 'string' ? v : JSON.stringify(v) }));
}
