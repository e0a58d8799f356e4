import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { Services } from '../services';
import { attachmentDisposition, DOCUMENT_MEDIA_TYPES } from '../services/documents';
import { errors } from './schemas';

const documentSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    caseId: { type: 'string' },
    fileName: { type: 'string' },
    mediaType: { enum: DOCUMENT_MEDIA_TYPES },
    sizeBytes: { type: 'integer' },
    sha256: { type: 'string', description: 'hex SHA-256 of the content' },
    uploadedBy: { type: 'string', description: 'username of the uploader' },
    uploadedAt: { type: 'string' },
    stepId: { type: ['string', 'null'], description: 'element id of the step it was attached at' },
    field: { type: ['string', 'null'], description: "key of the form's file picker it was sent through (the variable of that key names it)" },
  },
  required: ['id', 'caseId', 'fileName', 'mediaType', 'sizeBytes', 'sha256', 'uploadedBy', 'uploadedAt', 'stepId', 'field'],
} as const;

const caseParams = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] } as const;

/** Case documents: upload (the file's bytes as the body), list, download. */
export const documentRoutes: FastifyPluginAsync<Services> = async (app, { auth, documents }) => {
  // This plugin's own parsing: every body arrives as bytes (JSON included, then refused by type), up to the document limit.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: documents.maxBytes }, (_req, body, done) => done(null, body));

  app.post<{ Params: { id: string }; Querystring: { stepId?: string }; Headers: { 'x-file-name': string } }>(
    '/api/instances/:id/documents',
    {
      bodyLimit: documents.maxBytes,
      // Refused callers and announced oversize files are answered before the body is read.
      onRequest: [
        auth.authenticate(),
        async (req: FastifyRequest<{ Params: { id: string } }>) => {
          const length = Number(req.headers['content-length']);
          if (Number.isFinite(length) && length > documents.maxBytes) throw documents.tooLarge();
          await documents.assertAccess(req.params.id, req.user!);
        },
      ],
      errorHandler: (err) => {
        // The body grew past the limit without announcing it (chunked): the same answer as an announced one.
        const e = (err as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? documents.tooLarge() : err;
        throw e;
      },
      schema: {
        tags: ['cases'],
        summary: `Attach a document to a case (staff who can see the case): the file's bytes as the body, Content-Type ${DOCUMENT_MEDIA_TYPES.join(', ')} (checked against the file's content), at most ALUR_DOCUMENT_MAX_BYTES`,
        security: [{ bearer: [] }],
        params: caseParams,
        // The name travels in a header, not the URL: URLs reach the request log, and a file name can name a person.
        headers: {
          type: 'object',
          properties: {
            'x-file-name': { type: 'string', minLength: 1, maxLength: 2048, description: 'the file name, percent-encoded UTF-8 (encodeURIComponent)' },
          },
          required: ['x-file-name'],
        },
        querystring: {
          type: 'object',
          properties: { stepId: { type: 'string', minLength: 1, maxLength: 255, description: 'element id of the step the document belongs to' } },
          additionalProperties: false,
        },
        response: { 201: documentSchema, ...errors(400, 401, 403, 404, 413, 415, 422) },
      },
    },
    async (req, reply) => {
      const doc = await documents.upload(req.params.id, req.user!, {
        fileName: req.headers['x-file-name'],
        stepId: req.query.stepId,
        contentType: req.headers['content-type'],
        content: req.body,
      });
      return reply.code(201).send(doc);
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/instances/:id/documents',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['cases'],
        summary: "A case's documents, oldest first, without their content (staff who can see the case), with the upload limits",
        security: [{ bearer: [] }],
        params: caseParams,
        response: {
          200: {
            type: 'object',
            properties: {
              maxBytes: { type: 'integer', description: 'largest file accepted (ALUR_DOCUMENT_MAX_BYTES)' },
              mediaTypes: { type: 'array', items: { type: 'string' }, description: 'accepted Content-Types' },
              items: { type: 'array', items: documentSchema },
            },
            required: ['maxBytes', 'mediaTypes', 'items'],
          },
          ...errors(401, 403, 404),
        },
      },
    },
    async (req) => documents.list(req.params.id, req.user!),
  );

  app.get<{ Params: { id: string; documentId: string } }>(
    '/api/instances/:id/documents/:documentId',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['cases'],
        summary: 'Download a document: its bytes with its stored type, always as an attachment',
        security: [{ bearer: [] }],
        params: { type: 'object', properties: { id: { type: 'string' }, documentId: { type: 'string' } }, required: ['id', 'documentId'] },
        response: {
          200: {
            description: 'The file',
            content: Object.fromEntries(DOCUMENT_MEDIA_TYPES.map((t) => [t, { schema: { type: 'string', format: 'binary' } }])),
          },
          ...errors(401, 403, 404),
        },
      },
    },
    async (req, reply) => {
      const doc = await documents.download(req.params.id, req.params.documentId, req.user!);
      return reply
        .header('content-type', doc.mediaType)
        .header('content-disposition', attachmentDisposition(doc.fileName))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(Buffer.from(doc.content));
    },
  );
};
