// Files sent through a form's file pickers (form-js `filepicker` fields) on a
// start form (a citizen's request, a case started by staff) or a task form.
// Each becomes a case document with the same checks and limits as an upload
// (services/documents.ts), linked to its field; the field's variable holds
// references to those documents, never form-js's `files::...` key.
import { randomUUID } from 'node:crypto';
import type { FormComponent, FormSchema } from '@alur/workflows';
import type { DocumentService, FormDocument } from './documents';
import { HttpError } from './http-error';

/** Most files one form submission may carry. */
export const MAX_FORM_FILES = 5;

/** A file as it arrived in a multipart part, not yet checked. */
export interface SentFile {
  fileName: string;
  contentType: string | undefined;
  content: Buffer;
}

/** What a file picker's variable holds: one reference per file, in the order sent. */
export interface DocumentRef {
  documentId: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
}

/** The form's file pickers by key path (a group with a path nests its fields under it; lists are not walked). */
export function filePickerPaths(schema: FormSchema | undefined): Map<string, FormComponent> {
  const paths = new Map<string, FormComponent>();
  const walk = (components: FormComponent[] | undefined, prefix: string[]) => {
    for (const c of components ?? []) {
      if (c.type === 'filepicker' && c.key) paths.set([...prefix, ...c.key.split('.')].join('.'), c);
      else if (c.type === 'group') walk(c.components, c.path ? [...prefix, ...c.path.split('.')] : prefix);
    }
  };
  walk(schema?.components, []);
  return paths;
}

/**
 * Checks the files against the form and the document rules and puts their
 * references into the variables. A file picker's value can only come from a
 * file sent with it: whatever the variables say there (form-js's `files::`
 * key, a forged reference) is replaced, or removed when no file came.
 * Answers the variables to submit and the documents to store once the case
 * (or the task's completion) is accepted.
 */
export function attachFormFiles(
  schema: FormSchema | undefined,
  variables: Record<string, unknown>,
  files: Record<string, SentFile[]>,
  documents: DocumentService,
): { variables: Record<string, unknown>; documents: FormDocument[] } {
  const pickers = filePickerPaths(schema);
  const names = Object.keys(files);
  const unknown = names.filter((n) => !pickers.has(n));
  if (unknown.length) {
    throw new HttpError(
      422,
      `Not file pickers of the form: ${unknown.join(', ')}`,
      { errors: unknown.map((n) => ({ field: `files.${n}`, message: `${n} is not a file picker of the form` })) },
      'form.not_a_file_field',
    );
  }
  const count = names.reduce((n, k) => n + files[k]!.length, 0);
  if (count > MAX_FORM_FILES) {
    throw new HttpError(
      413,
      `A form takes at most ${MAX_FORM_FILES} files; ${count} were sent`,
      { errors: [{ field: 'files', message: `must be at most ${MAX_FORM_FILES} files` }] },
      'form.too_many_files',
    );
  }
  // A required picker (one the form never hides) needs a file; the form checks this in the browser, the server again.
  const missing = [...pickers]
    .filter(([path, c]) => c.validate?.required && !(c as { conditional?: unknown }).conditional && !files[path]?.length)
    .map(([p]) => p);
  if (missing.length) {
    throw new HttpError(
      422,
      `The form needs a file for ${missing.join(', ')}`,
      { errors: missing.map((p) => ({ field: `files.${p}`, message: `${p} is required` })) },
      'form.file_required',
    );
  }
  const out = structuredClone(variables);
  const docs: FormDocument[] = [];
  for (const path of pickers.keys()) {
    const sent = files[path] ?? [];
    const refs: DocumentRef[] = sent.map((f, i) => {
      const at = `files.${path}${sent.length > 1 ? `.${i}` : ''}`;
      const checked = documents.checkFile(f.contentType, f.content, f.fileName, { type: at, body: at, name: at });
      const doc: FormDocument = { ...checked, id: randomUUID(), field: path };
      docs.push(doc);
      return { documentId: doc.id, fileName: doc.fileName, mediaType: doc.mediaType, sizeBytes: doc.content.length };
    });
    setAt(out, path.split('.'), refs.length ? refs : undefined);
  }
  return { variables: out, documents: docs };
}

function setAt(target: Record<string, unknown>, path: string[], value: unknown): void {
  let at = target;
  for (const part of path.slice(0, -1)) {
    const next = at[part];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) {
      if (value === undefined) return;
      at[part] = {};
    }
    at = at[part] as Record<string, unknown>;
  }
  if (value === undefined) delete at[path.at(-1)!];
  else at[path.at(-1)!] = value;
}
