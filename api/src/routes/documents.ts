import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { Services } from '../services';
import { attachmentDisposition, DOCUMENT_MEDIA_TYPES } from '../services/documents';
import { errors, IdParams, security } from '../resources/shared/schema';
import { CaseDocument, CaseDocuments, DocumentFile, DocumentParams, UploadHeaders, UploadQuery } from '../resources/documents/schema';

const Document = CaseDocument(DOCUMENT_MEDIA_TYPES);

/** Case documents: upload (the file's bytes as the body), list, download. */
export const documentRoutes: FastifyPluginAsyncTypebox<Services> = async (app, { auth, documents }) => {
  // This plugin's own parsing: every body arrives as bytes (JSON included, then refused by type), up to the document limit.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: documents.maxBytes }, (_req, body, done) => done(null, body));

  app.post(
    '/api/instances/:id/documents',
    {
      bodyLimit: documents.maxBytes,
      // Refused callers and announced oversize files are answered before the body is read.
      onRequest: [
        auth.authenticate(),
        async (req) => {
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
        security,
        params: IdParams,
        // The name travels in a header, not the URL: URLs reach the request log, and a file name can name a person.
        headers: UploadHeaders,
        querystring: UploadQuery,
        response: { 201: Document, ...errors(400, 401, 403, 404, 413, 415, 422) },
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

  app.get(
    '/api/instances/:id/documents',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['cases'],
        summary: "A case's documents, oldest first, without their content (staff who can see the case), with the upload limits",
        security,
        params: IdParams,
        response: { 200: CaseDocuments(DOCUMENT_MEDIA_TYPES), ...errors(401, 403, 404) },
      },
    },
    async (req) => documents.list(req.params.id, req.user!),
  );

  app.get(
    '/api/instances/:id/documents/:documentId',
    {
      preHandler: auth.authenticate(),
      schema: {
        tags: ['cases'],
        summary: 'Download a document: its bytes with its stored type, always as an attachment',
        security,
        params: DocumentParams,
        response: { 200: DocumentFile(DOCUMENT_MEDIA_TYPES), ...errors(401, 403, 404) },
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
