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

  /** onSend hook: appends one entry per write request that reached a route (refused ones too). */
  recordWrites() {
    return async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
      const route = request.routeOptions.url;
      if (!isWrite(request.method) || !route?.startsWith('/api/')) return payload;
      const params = (request.params ?? {}) as Record<string, string>;
      const firstParam = Object.values(params)[0];
      await appendAuditNow(this.prisma, [{
        action: `api.${request.method} ${route}`,
        actor: request.user?.username ?? null,
        target: firstParam ? `${route.split('/')[2]}:${firstParam}` : null,
        details: {
          status: reply.statusCode,
          path: request.url.split('?')[0],
          ...(Object.keys(params).length ? { params } : {}),
          ...(request.body !== undefined ? { body: redact(request.body) } : {}),
        },
      }]);
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

/** Request bodies as logged: secrets blanked, a text body (BPMN XML) by its sha256 and size. */
export function redact(body: unknown): unknown {
  if (typeof body === 'string' || Buffer.isBuffer(body)) return { sha256: createHash('sha256').update(body).digest('hex'), bytes: Buffer.byteLength(body) };
  return withoutSecrets(body);
}

function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : withoutSecrets(v)]));
  }
  return value;
}
