// Case documents: upload (the file's bytes as the body), list, download.
import { Type, type Static } from '@sinclair/typebox';
import { Nullable, OneOf } from '../shared/schema';

/** The Content-Types a document may have (checked against the file's content); services/documents.ts keeps their signatures. */
export const CaseDocument = (mediaTypes: readonly string[]) =>
  Type.Object({
    id: Type.String(),
    caseId: Type.String(),
    fileName: Type.String(),
    mediaType: OneOf(mediaTypes),
    sizeBytes: Type.Integer(),
    sha256: Type.String({ description: 'hex SHA-256 of the content' }),
    uploadedBy: Type.String({ description: 'username of the uploader' }),
    uploadedAt: Type.String(),
    stepId: Nullable(Type.String({ description: 'element id of the step it was attached at' })),
    field: Nullable(Type.String({ description: "key of the form's file picker it was sent through (the variable of that key names it)" })),
  });
export type CaseDocument = Static<ReturnType<typeof CaseDocument>>;

export const CaseDocuments = (mediaTypes: readonly string[]) =>
  Type.Object({
    maxBytes: Type.Integer({ description: 'largest file accepted (ALUR_DOCUMENT_MAX_BYTES)' }),
    mediaTypes: Type.Array(Type.String(), { description: 'accepted Content-Types' }),
    items: Type.Array(CaseDocument(mediaTypes)),
  });
export type CaseDocuments = Static<ReturnType<typeof CaseDocuments>>;

export const UploadHeaders = Type.Object({
  'x-file-name': Type.String({ minLength: 1, maxLength: 2048, description: 'the file name, percent-encoded UTF-8 (encodeURIComponent)' }),
});
export const UploadQuery = Type.Object(
  { stepId: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'element id of the step the document belongs to' })) },
  { additionalProperties: false },
);
export const DocumentParams = Type.Object({ id: Type.String(), documentId: Type.String() });

/** A download: the file's bytes under its stored type (OpenAPI response content, not a JSON schema). */
export const DocumentFile = (mediaTypes: readonly string[]) =>
  Type.Unsafe<Uint8Array>({
    description: 'The file',
    content: Object.fromEntries(mediaTypes.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
  });
