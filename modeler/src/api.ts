// Client for the Alur API. Same origin in production (the API serves this app);
// proxied to the API by the Vite dev server.
import { session } from './session';
import { formSubmissionBody } from './form-files';
// The API's types come from its route schemas (api/src/resources/*/schema.ts, TypeBox): one source for
// the routes, the OpenAPI document and this client.
import type * as Api from '@alur/api/types';

export type {
  CalledCase,
  CaseHistoryEntry,
  DeployResult,
  Incident,
  IncidentAction,
  Problem,
  PublicSop,
  PublicSopSummary,
  PublicStep,
  SopDetail,
  SopSummary,
  SopVersionInfo,
  TimerStartInfo,
  Task,
  TrackDiagram,
  User,
} from '@alur/api/types';
type Problem = Api.Problem;

/** A non-2xx answer: the server's message, for 400/422 what it names, and for 429/503 when to try again (seconds, from Retry-After). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: Problem[] = [],
    readonly retryAfter?: number,
    /** The API's stable refusal code (cases/src/refusals.ts, api/src/services/http-error.ts), which the app translates. */
    readonly code?: string,
  ) {
    super(message);
  }
}

type Body = { json: unknown } | { xml: string } | { file: Blob } | { form: FormData } | Record<string, never>;

/** Calls the API with the session's token; throws ApiError for any non-2xx answer. */
export async function api<T>(method: string, path: string, body: Body = {}): Promise<T> {
  return (await send<T>(method, path, body)).data;
}

/** A GET of a paged list: its items and the total the API gives in X-Total-Count. */
export async function apiPage<T>(path: string): Promise<{ items: T[]; total: number }> {
  const { data, headers } = await send<T[]>('GET', path, {});
  const items = Array.isArray(data) ? data : [];
  const total = Number(headers.get('x-total-count'));
  return { items, total: Number.isFinite(total) && headers.has('x-total-count') ? total : items.length };
}

async function send<T>(method: string, path: string, body: Body): Promise<{ data: T; headers: Headers }> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (session.token) headers.authorization = `Bearer ${session.token}`;
  let payload: string | Blob | FormData | undefined;
  if ('json' in body) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body.json);
  } else if ('xml' in body) {
    headers['content-type'] = 'application/xml';
    payload = body.xml;
  } else if ('file' in body) {
    headers['content-type'] = body.file.type || 'application/octet-stream';
    // In a header rather than the URL, which reaches the request log.
    if (body.file instanceof File) headers['x-file-name'] = encodeURIComponent(body.file.name);
    payload = body.file;
  } else if ('form' in body) {
    payload = body.form; // multipart/form-data: the browser sets the type with its boundary
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload });
  } catch {
    throw new ApiError(0, 'network');
  }
  const type = res.headers.get('content-type') ?? '';
  const data: unknown = type.includes('json') ? await res.json().catch(() => null) : await res.text();
  if (!res.ok) {
    const o = (data ?? {}) as { message?: string; errors?: Problem[]; code?: string };
    if (res.status === 401 && session.token) session.clear(); // expired or revoked: log in again
    throw new ApiError(
      res.status,
      o.message ?? res.statusText,
      Array.isArray(o.errors) ? o.errors : [],
      retryAfterSeconds(res.headers.get('retry-after')),
      typeof o.code === 'string' ? o.code : undefined,
    );
  }
  return { data: data as T, headers: res.headers };
}

/** Retry-After as whole seconds from now (it is either seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterSeconds(value: string | null, now = Date.now()): number | undefined {
  if (!value?.trim()) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

export type CaseStepRef = Pick<Api.CaseHistoryEntry, 'elementId' | 'name'>;

/** GET /api/instances/:id: the schema's case with what a case read (not a cancel's short answer) always has. */
export type CaseDetail = Api.CaseDetail &
  Required<
    Pick<Api.CaseDetail, 'id' | 'trackingCode' | 'sopKey' | 'sopVersion' | 'status' | 'startedAt' | 'endedAt' | 'activeSteps' | 'history' | 'variables'>
  >;

/** A citizen's request through the SOP's start form: POST /api/public/sops/:key/requests. */
export function submitRequest(sopKey: string, variables: Record<string, unknown>, files: Map<string, File[]> = new Map()): Promise<{ trackingCode: string }> {
  return api('POST', `/api/public/sops/${encodeURIComponent(sopKey)}/requests`, formSubmissionBody(variables, files));
}

export const xmlUrl = (key: string, version: number) => `/api/sops/${encodeURIComponent(key)}/versions/${version}/xml`;

export interface TrackedStep {
  name: string;
  endedAt?: string | null;
}

/** GET /api/track/:trackingCode (api/src/routes/track.ts). */
export interface TrackedCase {
  sopName: string;
  status: string;
  timeZone?: string;
  startedAt: string | null;
  currentSteps: TrackedStep[];
  history: TrackedStep[];
  /** What the case came to (alur:outcome of the end event it reached) and its message; null or absent while it runs. */
  outcome?: TrackedOutcome | null;
}

/** What a case came to for the citizen (the schema's outcome, when there is one). */
export type TrackedOutcome = NonNullable<Api.Outcome>;

export type TrackResult = { kind: 'found'; case: TrackedCase } | { kind: 'not-found' } | { kind: 'error' };

/**
 * GET /api/health: `ok` when the API, its database and Temporal all answer;
 * `unavailable` when the API answers but is not ready (503); `down` when the API
 * cannot be reached at all.
 */
export type Health = 'ok' | 'unavailable' | 'down';

export async function checkHealth(signal?: AbortSignal): Promise<Health> {
  try {
    const res = await fetch('/api/health', { headers: { accept: 'application/json' }, signal });
    if (res.ok) return 'ok';
    return res.status === 503 ? 'unavailable' : 'down';
  } catch {
    return 'down';
  }
}

/** Looks a case up by its public tracking code: GET /api/track/:trackingCode. */
export async function trackCase(code: string, signal?: AbortSignal): Promise<TrackResult> {
  let res: Response;
  try {
    res = await fetch(`/api/track/${encodeURIComponent(code)}`, {
      headers: { accept: 'application/json' },
      signal,
    });
  } catch (err) {
    if (signal?.aborted) throw err;
    return { kind: 'error' };
  }
  // 400: a code the API rejects outright (too long); to a citizen that is "not found" too.
  if (res.status === 404 || res.status === 400) return { kind: 'not-found' };
  if (!res.ok) return { kind: 'error' };
  try {
    return { kind: 'found', case: normalise(await res.json()) };
  } catch {
    return { kind: 'error' };
  }
}

// Accept steps given either as names or as objects with a name.
function steps(value: unknown): TrackedStep[] {
  if (!Array.isArray(value)) return [];
  return value.map((s: unknown) => {
    if (typeof s === 'string') return { name: s };
    const o = (s ?? {}) as Record<string, unknown>;
    return {
      name: String(o.name ?? o.elementId ?? '?'),
      endedAt: typeof o.endedAt === 'string' ? o.endedAt : null,
    };
  });
}

function normalise(body: unknown): TrackedCase {
  if (typeof body !== 'object' || body === null) throw new Error('unexpected response');
  const o = body as Record<string, unknown>;
  return {
    sopName: String(o.sopName ?? ''),
    status: String(o.status ?? ''),
    ...(typeof o.timeZone === 'string' ? { timeZone: o.timeZone } : {}),
    startedAt: typeof o.startedAt === 'string' ? o.startedAt : null,
    currentSteps: steps(o.currentSteps),
    history: steps(o.history),
    outcome: trackedOutcome(o.outcome),
  };
}

const OUTCOME_KINDS: readonly string[] = ['selesai', 'ditolak', 'dibatalkan'];

/** The case's outcome when the API gives a known one; anything else is no outcome (the status is shown instead). */
function trackedOutcome(value: unknown): TrackedOutcome | null {
  if (typeof value !== 'object' || value === null) return null;
  const o = value as Record<string, unknown>;
  if (typeof o.kind !== 'string' || !OUTCOME_KINDS.includes(o.kind)) return null;
  return { kind: o.kind as TrackedOutcome['kind'], message: typeof o.message === 'string' && o.message.trim() ? o.message : null };
}
