// Documents attached to a case by staff: PDF, JPEG and PNG files stored in
// PostgreSQL. The declared type must match the file's own first bytes, so a
// renamed HTML or script file is refused rather than served back later.
import { createHash } from 'node:crypto';
import { appendAudit, AUDIT_TX_OPTIONS, type PrismaClient } from '@alur/db';
import type { SopIR } from '@alur/workflows';
import type { AuthUser } from '../resources/auth/service';
import { assertCaseAccess } from './case-access';
import { HttpError } from './http-error';
import type { UnitService } from '../resources/units/service';

export const DEFAULT_DOCUMENT_MAX_BYTES = 10 * 1024 * 1024;

/** Accepted media types and the bytes every such file starts with. */
const SIGNATURES: Record<string, { label: string; magic: number[] }> = {
  'application/pdf': { label: 'PDF', magic: [0x25, 0x50, 0x44, 0x46, 0x2d] }, // %PDF-
  'image/jpeg': { label: 'JPEG', magic: [0xff, 0xd8, 0xff] },
  'image/png': { label: 'PNG', magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] },
};
export const DOCUMENT_MEDIA_TYPES = Object.keys(SIGNATURES);

// Control characters, path separators and characters Windows refuses in file names.
const BAD_FILE_NAME = /[\u0000-\u001f\u007f/\\:*?"<>|]/; // eslint-disable-line no-control-regex

export interface DocumentUpload {
  /** Percent-encoded, as sent in the X-File-Name header. */
  fileName: string;
  /** The request's Content-Type header as sent. */
  contentType: string | undefined;
  content: unknown;
  stepId?: string;
}

const metadata = {
  id: true,
  caseId: true,
  fileName: true,
  mediaType: true,
  sizeBytes: true,
  sha256: true,
  uploadedBy: true,
  uploadedAt: true,
  stepId: true,
  field: true,
} as const;

type DocumentRow = {
  id: string;
  caseId: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: Date;
  stepId: string | null;
  field: string | null;
};

/** A file that passed the checks, ready to be stored. */
export interface CheckedFile {
  fileName: string;
  mediaType: string;
  content: Buffer;
  sha256: string;
}

/** A file sent through a form's file picker: stored as a case document under this id, linked to the field. */
export interface FormDocument extends CheckedFile {
  id: string;
  field: string;
}

const view = (d: DocumentRow) => ({ ...d, uploadedAt: d.uploadedAt.toISOString() });

export class DocumentService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly units: UnitService,
    /** Largest file accepted (ALUR_DOCUMENT_MAX_BYTES). */
    readonly maxBytes: number = DEFAULT_DOCUMENT_MAX_BYTES,
  ) {}

  assertAccess(caseId: string, user: AuthUser) {
    return assertCaseAccess(this.prisma, this.units, user, caseId);
  }

  /** The size refusal, for both a Content-Length announced too big and a body that turned out too big. */
  tooLarge(field = 'body'): HttpError {
    return new HttpError(
      413,
      `The file is larger than the ${this.maxBytes} bytes allowed`,
      {
        errors: [{ field, message: `must be at most ${this.maxBytes} bytes` }],
      },
      'document.too_large',
    );
  }

  async upload(caseId: string, user: AuthUser, upload: DocumentUpload) {
    const c = await this.assertAccess(caseId, user);
    const checked = this.checkFile(upload.contentType, upload.content, decodedFileName(upload.fileName), {
      type: 'headers.content-type',
      body: 'body',
      name: 'headers.x-file-name',
    });
    if (upload.stepId !== undefined) await this.assertStep(c.sopVersionId, upload.stepId);
    const [doc] = await this.store(caseId, user.username, [{ ...checked, stepId: upload.stepId ?? null }]);
    return doc!;
  }

  /**
   * The checks every document passes (upload or form file picker): an accepted
   * type, not empty, not past the limit, the type's own first bytes, a plain
   * file name. `at` names the request parts in the 4xx answers.
   */
  checkFile(contentType: string | undefined, content: unknown, name: string, at: { type: string; body: string; name: string }): CheckedFile {
    const mediaType = contentType?.split(';')[0]!.trim().toLowerCase() ?? '';
    const signature = SIGNATURES[mediaType];
    if (!signature) {
      throw new HttpError(
        415,
        `Content-Type must be one of ${DOCUMENT_MEDIA_TYPES.join(', ')}; got "${mediaType || 'none'}"`,
        {
          errors: [{ field: at.type, message: `must be one of ${DOCUMENT_MEDIA_TYPES.join(', ')}` }],
        },
        'document.type_not_accepted',
      );
    }
    if (!Buffer.isBuffer(content) || content.length === 0) {
      throw new HttpError(
        422,
        'The request carries no file: send its bytes as the body',
        {
          errors: [{ field: at.body, message: 'is empty' }],
        },
        'document.empty',
      );
    }
    if (content.length > this.maxBytes) throw this.tooLarge(at.body);
    if (!signature.magic.every((byte, i) => content[i] === byte)) {
      throw new HttpError(
        422,
        `The file is not a ${signature.label} file, whatever its Content-Type says`,
        {
          errors: [{ field: at.body, message: `is not a ${signature.label} file` }],
        },
        'document.content_mismatch',
      );
    }
    const fileName = checkedFileName(name, at.name);
    return { fileName, mediaType, content, sha256: createHash('sha256').update(content).digest('hex') };
  }

  /**
   * Stores checked files on a case, each with an audit entry under the case's
   * target naming the file by its digest. A form's files keep their ids (the
   * case's variables already name them) and their field.
   */
  async store(caseId: string, uploadedBy: string, files: (CheckedFile & { id?: string; stepId?: string | null; field?: string | null })[]) {
    return this.prisma.$transaction(async (tx) => {
      const docs = [];
      for (const f of files) {
        const doc = await tx.caseDocument.create({
          data: {
            ...(f.id ? { id: f.id } : {}),
            caseId,
            fileName: f.fileName,
            mediaType: f.mediaType,
            sizeBytes: f.content.length,
            sha256: f.sha256,
            content: new Uint8Array(f.content),
            uploadedBy,
            stepId: f.stepId ?? null,
            field: f.field ?? null,
          },
          select: metadata,
        });
        // Beside the API write entry: one under the case's own target, where its events are, naming the file by its digest.
        await appendAudit(tx, [
          {
            action: 'case.document_uploaded',
            actor: uploadedBy,
            target: `case:${caseId}`,
            details: {
              documentId: doc.id,
              fileName: doc.fileName,
              mediaType: doc.mediaType,
              sizeBytes: doc.sizeBytes,
              sha256: doc.sha256,
              ...(doc.stepId ? { stepId: doc.stepId } : {}),
              ...(doc.field ? { field: doc.field } : {}),
            },
          },
        ]);
        docs.push(view(doc));
      }
      return docs;
    }, AUDIT_TX_OPTIONS);
  }

  /**
   * A start form's files, stored once the case it started is in the projection
   * (the worker writes the case row; the start waits for it, but at most so long).
   */
  async storeForNewCase(caseId: string, uploadedBy: string, files: FormDocument[], waitMs = 30_000) {
    if (files.length === 0) return [];
    for (const until = Date.now() + waitMs; ;) {
      if (await this.prisma.case.findUnique({ where: { id: caseId }, select: { id: true } })) break;
      if (Date.now() > until) throw new HttpError(503, `Case ${caseId} is started but not readable yet; its files were not stored, send them again`);
      await new Promise((r) => setTimeout(r, 200));
    }
    return this.store(caseId, uploadedBy, files);
  }

  /** Removes a form's documents again when the submission they came with was refused after they were stored. */
  async discard(caseId: string, ids: string[]) {
    if (ids.length) await this.prisma.caseDocument.deleteMany({ where: { caseId, id: { in: ids } } });
  }

  /** The case's documents, oldest first, without their content, and what an upload may be (for the upload form). */
  async list(caseId: string, user: AuthUser) {
    await this.assertAccess(caseId, user);
    const rows = await this.prisma.caseDocument.findMany({ where: { caseId }, orderBy: [{ uploadedAt: 'asc' }, { id: 'asc' }], select: metadata });
    return { maxBytes: this.maxBytes, mediaTypes: DOCUMENT_MEDIA_TYPES, items: rows.map(view) };
  }

  async download(caseId: string, documentId: string, user: AuthUser) {
    await this.assertAccess(caseId, user);
    const doc = await this.prisma.caseDocument.findFirst({ where: { id: documentId, caseId } });
    if (!doc) throw new HttpError(404, `Case "${caseId}" has no document "${documentId}"`);
    return doc;
  }

  private async assertStep(sopVersionId: string, stepId: string) {
    const sop = await this.prisma.sopVersion.findUniqueOrThrow({ where: { id: sopVersionId }, select: { ir: true } });
    if (!(stepId in (sop.ir as unknown as SopIR).nodes)) {
      throw new HttpError(422, `The case's SOP has no step "${stepId}"`, { errors: [{ field: 'query.stepId', message: 'is not an element of the SOP' }] });
    }
  }
}

/**
 * The problem with a file taken from elsewhere than an upload (a complaint's
 * attachment): the same media types, first bytes, size and name rules; undefined when fine.
 */
export function documentProblem(
  file: { name: string; contentType: string; content: Buffer },
  maxBytes: number,
): { part: 'name' | 'contentType' | 'content'; message: string } | undefined {
  const signature = SIGNATURES[file.contentType.split(';')[0]!.trim().toLowerCase()];
  if (!signature) return { part: 'contentType', message: `must be one of ${DOCUMENT_MEDIA_TYPES.join(', ')}` };
  if (file.content.length === 0) return { part: 'content', message: 'is empty' };
  if (file.content.length > maxBytes) return { part: 'content', message: `must be at most ${maxBytes} bytes` };
  if (!signature.magic.every((byte, i) => file.content[i] === byte)) return { part: 'content', message: `is not a ${signature.label} file` };
  const name = file.name.trim();
  if (!name) return { part: 'name', message: 'is empty' };
  if (name.length > 255) return { part: 'name', message: 'is longer than 255 characters' };
  if (BAD_FILE_NAME.test(name) || name === '.' || name === '..')
    return { part: 'name', message: 'contains a path separator or a character not allowed in file names' };
  return undefined;
}

function decodedFileName(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw new HttpError(422, 'X-File-Name is not percent-encoded UTF-8', {
      errors: [{ field: 'headers.x-file-name', message: 'is not percent-encoded UTF-8' }],
    });
  }
}

function checkedFileName(raw: string, field: string): string {
  const name = raw.trim();
  const problem = !name
    ? 'is empty'
    : name.length > 255
      ? 'is longer than 255 characters'
      : BAD_FILE_NAME.test(name) || name === '.' || name === '..'
        ? 'contains a path separator or a character not allowed in file names'
        : undefined;
  if (problem) throw new HttpError(422, `The file name ${problem}`, { errors: [{ field, message: problem }] }, 'document.bad_file_name');
  return name;
}

/** Content-Disposition for a download: always an attachment, the name in ASCII and in UTF-8 (RFC 6266). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
