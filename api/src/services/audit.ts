// The audit trail seen from the API: every write request is appended (who,
// which route, what it sent, how it ended) before its answer leaves; reading
// and verifying the hash chain. Case state changes are appended by the worker
// with the case events (worker/src/activities/record-case-events.ts).
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { appendAuditNow, verifyAuditChain, type Prisma, type PrismaClient } from '@alur/db';

const SECRET_KEY = /pass(word)?|token|secret/i;
const isWrite = (method: string) => !['GET', 'HEAD', 'OPTIONS'].includes(method);

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
   * onSend hook: appends one entry per write request that reached a route
   * (refused ones too). A refused or anonymous request's body is recorded as
   * its sha256 and size only, and any body as recorded is capped
   * (AUDITED_BODY_MAX_BYTES), so nobody can fill the append-only trail with
   * what they send. Answers the rate limits refused (429) are not recorded.
   */
  recordWrites() {
    return async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const route = request.routeOptions.url;
      if (!isWrite(request.method) || !route?.startsWith('/api/') || reply.statusCode === 429) return payload;
      const params = (request.params ?? {}) as Record<string, string>;
      const firstParam = Object.values(params)[0];
      const refused = !request.user || reply.statusCode === 401 || reply.statusCode === 403;
      const entry = (body: unknown) => ({
        action: `api.${request.method} ${route}`,
        actor: request.user?.username ?? null,
        target: firstParam ? `${route.split('/')[2]}:${firstParam.slice(0, 200)}` : null,
        details: {
          status: reply.statusCode,
          path: request.url.split('?')[0]!.slice(0, 500),
          ...(Object.keys(params).length ? { params: capped(params) } : {}),
          ...(body !== undefined ? { body } : {}),
        },
      });
      const body = request.body === undefined ? undefined : refused ? digest(request.body) : capped(redact(request.body));
      try {
        await appendAuditNow(this.prisma, [entry(body)]);
      } catch (err) {
        // Whatever the body held, the write gets its entry: again with the body as its digest only.
        request.log.error({ err }, 'audit append failed; appending with the body as its digest');
        try {
          await appendAuditNow(this.prisma, [entry(request.body === undefined ? undefined : digest(request.body))]);
        } catch (again) {
          // An answer that is already an error goes out as it is (generic, with its request id); any other fails.
          if (reply.statusCode >= 500) request.log.error({ err: again }, 'audit append failed again');
          else throw again;
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
