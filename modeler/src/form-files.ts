// A form-js submission with files: form-js puts a `files::<id>` key into the
// data of each file picker and keeps the files beside it. The API takes such a
// submission as multipart/form-data: the data as a "variables" part (without
// those keys) and each file as a part named by its field's key path; the
// server stores them as case documents and sets the field to their references.

/** The request body for a form submission: JSON when no file was picked, else FormData. */
export function formSubmissionBody(data: Record<string, unknown>, files: Map<string, File[]>): { json: unknown } | { form: FormData } {
  const parts: [string, File][] = [];
  const variables = withoutFileKeys(data, [], files, parts);
  if (parts.length === 0) return { json: { variables } };
  const form = new FormData();
  form.append('variables', JSON.stringify(variables));
  for (const [path, file] of parts) form.append(path, file, file.name);
  return { form };
}

function withoutFileKeys(value: Record<string, unknown>, prefix: string[], files: Map<string, File[]>, parts: [string, File][]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const path = [...prefix, key];
    if (typeof v === 'string' && v.startsWith('files::')) {
      for (const file of files.get(v) ?? []) parts.push([path.join('.'), file]);
    } else if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      out[key] = withoutFileKeys(v as Record<string, unknown>, path, files, parts);
    } else out[key] = v;
  }
  return out;
}
