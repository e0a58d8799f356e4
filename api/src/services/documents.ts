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
};

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
  tooLarge(): HttpError {
    return new HttpError(413, `The file is larger than the ${this.maxBytes} bytes allowed`, {
      errors: [{ field: 'body', message: `must be at most ${this.maxBytes} bytes` }],
    });
  }

  async upload(caseId: string, user: AuthUser, upload: DocumentUpload) {
    const c = await this.assertAccess(caseId, user);
    const mediaType = upload.contentType?.split(';')[0]!.trim().toLowerCase() ?? '';
    const signature = SIGNATURES[mediaType];
    if (!signature) {
      throw new HttpError(415, `Content-Type must be one of ${DOCUMENT_MEDIA_TYPES.join(', ')}; got "${mediaType || 'none'}"`, {
        errors: [{ field: 'headers.content-type', message: `must be one of ${DOCUMENT_MEDIA_TYPES.join(', ')}` }],
      });
    }
    const content = upload.content;
    if (!Buffer.isBuffer(content) || content.length === 0) {
      throw new HttpError(422, 'The request carries no file: send its bytes as the body', { errors: [{ field: 'body', message: 'is empty' }] });
    }
    if (content.length > this.maxBytes) throw this.tooLarge();
    if (!signature.magic.every((byte, i) => content[i] === byte)) {
      throw new HttpError(422, `The file is not a ${signature.label} file, whatever its Content-Type says`, {
        errors: [{ field: 'body', message: `is not a ${signature.label} file` }],
      });
    }
    const fileName = checkedFileName(upload.fileName);
    if (upload.stepId !== undefined) await this.assertStep(c.sopVersionId, upload.stepId);
    const sha256 = createHash('sha256').update(content).digest('hex');
    return this.prisma.$transaction(async (tx) => {
      const doc = await tx.caseDocument.create({
        data: {
          caseId,
          fileName,
          mediaType,
          sizeBytes: content.length,
          sha256,
          content: new Uint8Array(content),
          uploadedBy: user.username,
          stepId: upload.stepId ?? null,
        },
        select: metadata,
      });
      // Beside the API write entry: one under the case's own target, where its events are, naming the file by its digest.
      await appendAudit(tx, [
        {
          action: 'case.document_uploaded',
          actor: user.username,
          target: `case:${caseId}`,
          details: { documentId: doc.id, fileName, mediaType, sizeBytes: doc.sizeBytes, sha256, ...(doc.stepId ? { stepId: doc.stepId } : {}) },
        },
      ]);
      return view(doc);
    }, AUDIT_TX_OPTIONS);
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

function checkedFileName(encoded: string): string {
  let name: string;
  try {
    name = decodeURIComponent(encoded).trim();
  } catch {
    throw new HttpError(422, 'X-File-Name is not percent-encoded UTF-8', {
      errors: [{ field: 'headers.x-file-name', message: 'is not percent-encoded UTF-8' }],
    });
  }
  const problem = !name
    ? 'is empty'
    : name.length > 255
      ? 'is longer than 255 characters'
      : BAD_FILE_NAME.test(name) || name === '.' || name === '..'
        ? 'contains a path separator or a character not allowed in file names'
        : undefined;
  if (problem) throw new HttpError(422, `The file name ${problem}`, { errors: [{ field: 'headers.x-file-name', message: problem }] });
  return name;
}

/** Content-Disposition for a download: always an attachment, the name in ASCII and in UTF-8 (RFC 6266). */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}
