// Case documents (api/src/routes/documents.ts): the list, an upload's checks
// before it is sent, and the download, which needs the session's token and so
// cannot be a plain link.
import { api, ApiError } from './api';
import { session } from './session';

export type { CaseDocument, CaseDocuments as CaseDocumentList } from '@alur/api/types';
import type { CaseDocument, CaseDocuments as CaseDocumentList } from '@alur/api/types';

/** The short name of each accepted type, as shown to people. */
export const TYPE_LABELS: Record<string, string> = { 'application/pdf': 'PDF', 'image/jpeg': 'JPEG', 'image/png': 'PNG' };

export const typeLabel = (mediaType: string) => TYPE_LABELS[mediaType] ?? mediaType;

/** For the file input's accept attribute: the types and their usual extensions. */
export function acceptAttribute(mediaTypes: string[]): string {
  const extensions: Record<string, string[]> = { 'application/pdf': ['.pdf'], 'image/jpeg': ['.jpg', '.jpeg'], 'image/png': ['.png'] };
  return mediaTypes.flatMap((t) => [t, ...(extensions[t] ?? [])]).join(',');
}

/** A size in B, KB or MB (1024-based, as file managers show it), in the given language. */
export function formatBytes(bytes: number, locale: string): string {
  const [value, unit] = bytes < 1024 ? [bytes, 'byte'] : bytes < 1024 ** 2 ? [bytes / 1024, 'kilobyte'] : [bytes / 1024 ** 2, 'megabyte'];
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: unit === 'byte' ? 0 : 1 }).format(value);
}

export type FileProblem = 'empty' | 'type' | 'size';

/** What the API would refuse, found before sending megabytes; the API still checks the bytes themselves. */
export function fileProblem(file: { size: number; type: string }, list: Pick<CaseDocumentList, 'maxBytes' | 'mediaTypes'>): FileProblem | undefined {
  if (file.size === 0) return 'empty';
  if (!list.mediaTypes.includes(file.type)) return 'type';
  if (file.size > list.maxBytes) return 'size';
  return undefined;
}

const base = (caseId: string) => `/api/instances/${encodeURIComponent(caseId)}/documents`;

export const listDocuments = (caseId: string) => api<CaseDocumentList>('GET', base(caseId));

export function uploadDocument(caseId: string, file: File, stepId?: string): Promise<CaseDocument> {
  return api<CaseDocument>('POST', `${base(caseId)}${stepId ? `?stepId=${encodeURIComponent(stepId)}` : ''}`, { file });
}

export async function fetchDocument(caseId: string, documentId: string): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(`${base(caseId)}/${encodeURIComponent(documentId)}`, { headers: session.token ? { authorization: `Bearer ${session.token}` } : {} });
  } catch {
    throw new ApiError(0, 'network');
  }
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { message?: string } | null;
    throw new ApiError(res.status, body?.message ?? res.statusText);
  }
  return res.blob();
}
