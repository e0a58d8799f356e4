// Which failures mean "a server Alur depends on is down right now" (PostgreSQL
// restarting, Temporal unreachable): the client should retry, so they answer
// 503 with Retry-After instead of a 500 that reads like a bug.

// Node socket errors, PostgreSQL's "shutting down / starting up / too many
// clients" SQLSTATEs, Prisma's "cannot reach / connection closed / pool timeout".
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08000',
  '08001',
  '08003',
  '08004',
  '08006',
  'P1001',
  'P1002',
  'P1008',
  'P1017',
  'P2024',
]);
// The driver adapter's names for a connection that failed or went away.
const UNAVAILABLE_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);
// gRPC UNAVAILABLE and DEADLINE_EXCEEDED, as Temporal's client reports them.
const UNAVAILABLE_GRPC = new Set([14, 4]);

export type Dependency = 'database' | 'temporal';

export function unavailableDependency(err: unknown): Dependency | undefined {
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 8; e = (e as { cause?: unknown }).cause, depth++) {
    // Prisma's driver adapter hands PostgreSQL's SQLSTATE on as `originalCode` and a socket failure as a `kind`.
    const { name, kind } = e as { name?: string; kind?: unknown };
    const code = (e as { code?: unknown }).code ?? (e as { originalCode?: unknown }).originalCode;
    if (name === 'PrismaClientInitializationError') return 'database';
    if (typeof kind === 'string' && UNAVAILABLE_KINDS.has(kind)) return 'database';
    if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return code.startsWith('P') || /^\d/.test(code) ? 'database' : socketOwner(e);
    if (typeof code === 'number' && UNAVAILABLE_GRPC.has(code)) return 'temporal';
    if (name === 'ServiceError' || name === 'TransportError') return 'temporal';
    // The last two: every pooled connection busy past the pool's wait (a database restarting under load).
    if (
      /Connection(?:Error| terminated)|Client has encountered a connection error|timeout exceeded when trying to connect|Unable to start a transaction in the given time/i.test(
        `${name} ${(e as Error).message ?? ''}`,
      )
    )
      return 'database';
  }
  return undefined;
}

// A refused socket is PostgreSQL's unless the error came through Temporal's client.
function socketOwner(e: object): Dependency {
  return /temporal|grpc/i.test(String((e as Error).stack ?? '')) ? 'temporal' : 'database';
}
