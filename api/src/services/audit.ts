// The audit trail seen from the API: every write request is appended (who,
// which route, what it sent, how it ended) before its answer leaves; reading
// and verifying the hash chain. Case state changes are appended by the worker
// with the case events (worker/src/activities/record-case-events.ts).
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { appendAuditNow, auditLane, startAuditAnchoring, verifyAuditChain, type Prisma, type PrismaClient } from '@alur/db';

const SECRET_KEY = /pass(word)?|token|secret/i;
const isWrite = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);
/** Alur's own API, and the Camunda 8 and 7 job worker APIs (a job's completion writes into a case). */
const AUDITED_PREFIXES = ['/api/', '/v2/', '/engine-rest/'];
const auditedWrite = (request: FastifyRequest) => isWrite(request.method) && AUDITED_PREFIXES.some((p) => request.routeOptions.url?.startsWith(p));
/**
 * Job workers poll these all day; a poll changes no case (the jobs it locks
 * carry their worker and deadline), so only refused polls are recorded.
 */
const POLLING_ROUTES = new Set(['/v2/jobs/activation', '/engine-rest/external-task/fetchAndLock']);
/** Each in-flight write's `begun` entry: its seq, and its chain, where its outcome entry goes too. */
const begunEntry = new WeakMap<FastifyRequest, { seq: number; chain: string }>();
/** How often the API anchors the audit chains that moved (prisma/src/audit.ts). */
export const AUDIT_ANCHOR_EVERY_MS = 5_000;

function writeEntry(request: FastifyRequest, action: string) {
  const route = request.routeOptions.url!;
  const firstParam = Object.values((request.params ?? {}) as Record<string, string>)[0];
  return { action, actor: request.user?.username ?? null, target: firstParam ? `${route.split('/')[2]}:${firstParam.slice(0, 200)}` : null };
}

function writeDetails(request: FastifyRequest, body: unknown) {
  const params = (request.params ?? {}) as Record<string, string>;
  return {
    path: request.url.split('?')[0]!.slice(0, 500),
    ...(Object.keys(params).length ? { params: capped(params) } : {}),
    ...(body !== undefined ? { body } : {}),
  };
}

/** The body as recorded: an anonymous caller's by digest, a signed-in one's secrets blanked and capped. */
function recordedBody(request: FastifyRequest): unknown {
  if (request.body === undefined) return undefined;
  return request.user ? capped(redact(request.body)) : digest(request.body);
}

const digestOf = (body: unknown) => (body === undefined ? undefined : digest(body));

export interface AuditFilters {
  actor?: string;
  /** Exact action, or a prefix ending in `*` (e.g. `task.*`, `api.*`). */
  action?: string;
  target?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export class AuditService {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * preHandler hook, the write-ahead half: a write request that reached its
   * handler (signed in with a role it needs, or anonymous on a public route;
   * its body valid) is appended as `api.begun <METHOD> <route>` with what it
   * sends before the handler runs. If that append fails, the handler never
   * runs: no write takes effect without an entry naming it, even when the
   * outcome entry below cannot be written afterwards.
   */
  beginWrites() {
    return async (request: FastifyRequest) => {
      // A login writes only a session, and its own rate limit runs after this hook: its outcome entry is enough.
      if (!auditedWrite(request) || request.routeOptions.url === '/api/auth/login' || POLLING_ROUTES.has(request.routeOptions.url!)) return;
      const chain = auditLane();
      const [begun] = await appendAuditNow(this.prisma, [
        { ...writeEntry(request, `api.begun ${request.method} ${request.routeOptions.url}`), details: writeDetails(request, recordedBody(request)), chain },
      ]);
      if (begun) begunEntry.set(request, { seq: begun.seq, chain });
    };
  }

  /**
   * onSend hook: appends one outcome entry per write request that reached a
   * route (refused ones too), pointing at its `begun` entry when it has one.
   * A refused or anonymous request's body is recorded as its sha256 and size
   * only, and any body as recorded is capped (AUDITED_BODY_MAX_BYTES), so
   * nobody can fill the append-only trail with what they send. Answers the
   * rate limits refused (429) are not recorded.
   */
  recordWrites() {
    return async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      if (!auditedWrite(request) || reply.statusCode === 429) return payload;
      const refused = !request.user || reply.statusCode === 401 || reply.statusCode === 403;
      if (POLLING_ROUTES.has(request.routeOptions.url!) && !refused) return payload;
      const begun = begunEntry.get(request);
      const entry = (body: unknown) => ({
        ...writeEntry(request, `api.${request.method} ${request.routeOptions.url}`),
        details: { status: reply.statusCode, ...writeDetails(request, body), ...(begun ? { begun: begun.seq } : {}) },
        chain: begun?.chain ?? auditLane(),
      });
      try {
        await appendAuditNow(this.prisma, [entry(refused ? digestOf(request.body) : recordedBody(request))]);
      } catch (err) {
        // Whatever the body held, the write gets its entry: again with the body as its digest only.
        request.log.error({ err }, 'audit append failed; appending with the body as its digest');
        try {
          await appendAuditNow(this.prisma, [entry(digestOf(request.body))]);
        } catch (again) {
          // Never turns the answer into an error: a write that reached its handler has its begun entry,
          // and a request refused or answered before its handler wrote nothing. (Throwing here answered
          // 500 to requests a database restart caught between their answer and this entry.)
          request.log.error({ err: again }, 'audit append failed again; the outcome entry is missing');
        }
      }
      return payload;
    };
  }

  async list(f: AuditFilters) {
    const where: Prisma.AuditEntryWhereInput = {
      ...(f.actor ? { actor: f.actor } : {}),
      ...(f.action ? (f.action.endsWith('*') ? { action: { startsWith: f.action.slice(0, -1) } } : { action: f.action }) : {}),
      ...(f.target ? { target: f.target } : {}),
      ...(f.from || f.to ? { at: { ...(f.from ? { gte: new Date(f.from) } : {}), ...(f.to ? { lt: new Date(f.to) } : {}) } } : {}),
    };
    const [total, rows] = await Promise.all([
      this.prisma.auditEntry.count({ where }),
      this.prisma.auditEntry.findMany({ where, orderBy: { seq: 'desc' }, take: f.limit, skip: f.offset }),
    ]);
    return { total, items: rows.map((r) => ({ ...r, at: r.at.toISOString() })) };
  }

  verify() {
    return verifyAuditChain(this.prisma);
  }

  /** Anchors the chains that moved every `everyMs` until the returned function is called. */
  startAnchoring(everyMs: number, log: (err: unknown) => void) {
    return startAuditAnchoring(this.prisma, everyMs, log);
  }
}

/** Largest request body recorded as it is (its JSON, secrets blanked); larger ones are recorded by digest. */
export const AUDITED_BODY_MAX_BYTES = 16 * 1024;
/** Deepest nesting recorded as it is (PostgreSQL's jsonb and Prisma refuse very deep values). */
const AUDITED_MAX_DEPTH = 16;

/** A value as its sha256 and size (of the text itself, or of its JSON with secrets blanked: no hash of a password). */
export function digest(value: unknown): { sha256: string; bytes: number } {
  const text = typeof value === 'string' || Buffer.isBuffer(value) ? value : (safeJson(depthOf(value, 1000) < 1000 ? withoutSecrets(value) : value) ?? '');
  return { sha256: createHash('sha256').update(text).digest('hex'), bytes: Buffer.byteLength(text) };
}

/** The value when it is small and shallow enough to record; else its digest, marked as capped. */
function capped(value: unknown): unknown {
  if (depthOf(value, AUDITED_MAX_DEPTH + 1) > AUDITED_MAX_DEPTH) return { ...digest(value), capped: `nested deeper than ${AUDITED_MAX_DEPTH} levels` };
  const json = safeJson(value);
  if (json === undefined || Buffer.byteLength(json) > AUDITED_BODY_MAX_BYTES)
    return { ...digest(value), capped: `larger than ${AUDITED_BODY_MAX_BYTES} bytes` };
  return value;
}

function safeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/** Nesting depth of a value, counted no further than `stop`. */
function depthOf(value: unknown, stop: number, depth = 0): number {
  if (!value || typeof value !== 'object' || depth >= stop) return depth;
  let max = depth + 1;
  for (const v of Object.values(value)) {
    max = Math.max(max, depthOf(v, stop, depth + 1));
    if (max >= stop) break;
  }
  return max;
}

/** Request bodies as logged: secrets blanked, a text body (BPMN XML) by its sha256 and size. */
export function redact(body: unknown): unknown {
  if (typeof body === 'string' || Buffer.isBuffer(body)) return digest(body);
  if (depthOf(body, AUDITED_MAX_DEPTH + 1) > AUDITED_MAX_DEPTH) return capped(body);
  return withoutSecrets(body);
}

function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : withoutSecrets(v)]));
  }
  return value;
}
