// A form submission with files (form-js file pickers) as multipart/form-data:
// a `variables` part (the form's data as JSON) and one part per file, named by
// the file picker's key. Parsed into { variables, files } for the route, which
// turns the files into case documents (services/form-files.ts). The parser
// bounds what it reads by itself: each file by the document limit, the number
// of files, the JSON part by the JSON body limit.
import Busboy, { type BusboyFileStream, type BusboyHeaders, type BusboyInstance } from '@fastify/busboy';
import type { FastifyInstance } from 'fastify';
import { JSON_BODY_LIMIT, MAX_JSON_DEPTH, nestingBeyond } from '../limits';
import type { DocumentService } from '../services/documents';
import { MAX_FORM_FILES, type SentFile } from '../services/form-files';
import { HttpError } from '../services/http-error';
import { Type, type Static, type TObject } from '@sinclair/typebox';
import { Variables } from '../resources/shared/schema';

export interface FormSubmission {
  variables?: Record<string, unknown>;
  /** Only in a multipart/form-data body: the files by file picker key. */
  files?: Record<string, SentFile[]>;
}

/** A route's body: JSON as before (`json`), or multipart/form-data with the files of the form's file pickers. */
export function formBody<T extends TObject>(json: T) {
  return Type.Unsafe<Static<T> & FormSubmission>({
    content: {
      'application/json': { schema: json },
      'multipart/form-data': {
        schema: {
          type: 'object',
          description: `a "variables" part (the form's data as JSON) and up to ${MAX_FORM_FILES} file parts, each named by its file picker's key`,
          properties: { ...json.properties, variables: Variables, files: { type: 'object' } },
          ...(json.required ? { required: json.required } : {}),
        },
      },
    },
  });
}

/** Registers the multipart/form-data parser in the plugin (its routes only). */
export function registerFormFiles(app: FastifyInstance, documents: DocumentService): void {
  app.addContentTypeParser('multipart/form-data', (req, payload, done) => {
    let settled = false;
    const finish = (err: Error | null, body?: FormSubmission) => {
      if (settled) return;
      settled = true;
      if (err) {
        payload.unpipe();
        payload.resume(); // read the rest away so the answer reaches the client
      }
      done(err, body);
    };
    let bb: BusboyInstance;
    try {
      bb = new Busboy({
        headers: req.headers as BusboyHeaders,
        limits: { fileSize: documents.maxBytes, files: MAX_FORM_FILES, fields: 1, fieldSize: JSON_BODY_LIMIT, parts: MAX_FORM_FILES + 1 },
      });
    } catch (err) {
      finish(new HttpError(400, `The multipart body cannot be read: ${(err as Error).message}`));
      return;
    }
    const files: Record<string, SentFile[]> = {};
    const pending: Promise<void>[] = [];
    let variables: Record<string, unknown> | undefined;
    bb.on('file', (field: string, stream: BusboyFileStream, fileName: string, _encoding: string, mimeType: string) => {
      const chunks: Buffer[] = [];
      pending.push(
        new Promise<void>((resolve) => {
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('limit', () => finish(documents.tooLarge(`files.${field}`)));
          stream.on('end', () => {
            (files[field] ??= []).push({ fileName: fileName ?? '', contentType: mimeType, content: Buffer.concat(chunks) });
            resolve();
          });
        }),
      );
    });
    bb.on('field', (name: string, value: string, _nameTruncated: boolean, valueTruncated: boolean) => {
      if (name !== 'variables') {
        finish(
          new HttpError(422, `Unknown part "${name}": send the form's data as one "variables" part`, {
            errors: [{ field: name, message: 'is not a part of a form submission' }],
          }),
        );
        return;
      }
      if (valueTruncated) {
        finish(new HttpError(413, `The variables part is larger than ${JSON_BODY_LIMIT} bytes`, { errors: [{ field: 'variables', message: 'is too large' }] }));
        return;
      }
      const tooDeep = nestingBeyond(value, MAX_JSON_DEPTH);
      if (tooDeep) {
        const message = `The variables nest deeper than ${MAX_JSON_DEPTH} levels (at ${tooDeep.replace(/^body/, 'variables')})`;
        finish(new HttpError(422, message, { errors: [{ field: 'variables', message }] }));
        return;
      }
      try {
        variables = JSON.parse(value, (key, v: unknown) => {
          if (key === '__proto__') throw new Error('__proto__ is not allowed');
          return v;
        }) as Record<string, unknown>;
      } catch (err) {
        finish(new HttpError(400, `The variables part is not JSON: ${(err as Error).message}`, { errors: [{ field: 'variables', message: 'is not JSON' }] }));
      }
    });
    const tooMany = () =>
      finish(
        new HttpError(
          413,
          `A form takes at most ${MAX_FORM_FILES} files`,
          { errors: [{ field: 'files', message: `must be at most ${MAX_FORM_FILES} files` }] },
          'form.too_many_files',
        ),
      );
    bb.on('filesLimit', tooMany);
    bb.on('partsLimit', tooMany);
    bb.on('fieldsLimit', () =>
      finish(new HttpError(422, 'Only one "variables" part is allowed', { errors: [{ field: 'variables', message: 'is sent twice' }] })),
    );
    bb.on('error', (err: Error) => finish(new HttpError(400, `The multipart body cannot be read: ${err.message}`)));
    bb.on('finish', () => {
      void Promise.all(pending).then(() => finish(null, { variables: variables ?? {}, files }));
    });
    payload.pipe(bb);
  });
}
