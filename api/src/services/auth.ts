// Sessions: opaque bearer tokens (random 256 bits) stored only as their sha256.
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { PrismaClient } from '@alur/db';
import { HttpError } from './http-error';
import { hashPassword, verifyPassword } from './passwords';

const SESSION_HOURS = 12;

export interface AuthUser {
  id: string;
  username: string;
  /** Global roles. */
  roles: string[];
  /** Roles held in units (UserRole); `supervisor` when the unit's role supervises it. */
  unitRoles: { unitId: string; role: string; supervisor: boolean }[];
}

/** Global role that reads everything and changes nothing. */
export const AUDITOR_ROLE = 'auditor';
/** Writes anyone may send, auditors included: they change no data. */
const WRITES_OPEN_TO_AUDITORS = new Set(['/api/auth/login']);
/** Public routes act for a citizen, not for the caller's role (a citizen's request). */
const PUBLIC_PREFIX = '/api/public/';
const isRead = (method: string) => method === 'GET' || method === 'HEAD' || method === 'OPTIONS';

const withUnitRoles = { unitRoles: { include: { unitRole: { select: { supervisor: true } } } } } as const;

declare module 'fastify' {
  interface FastifyRequest {
    user?: AuthUser;
  }
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export class AuthService {
  constructor(private readonly prisma: PrismaClient) {}

  async login(username: string, password: string): Promise<{ token: string; user: AuthUser }> {
    const user = await this.prisma.user.findUnique({ where: { username }, include: withUnitRoles });
    if (!user || !(await verifyPassword(password, user.passwordHash))) {
      throw new HttpError(401, 'Wrong username or password');
    }
    const token = randomBytes(32).toString('base64url');
    await this.prisma.session.create({
      data: { tokenHash: sha256(token), userId: user.id, expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000) },
    });
    return { token, user: authUser(user) };
  }

  async userForToken(token: string): Promise<AuthUser | undefined> {
    const session = await this.prisma.session.findUnique({ where: { tokenHash: sha256(token) }, include: { user: { include: withUnitRoles } } });
    if (!session || session.expiresAt < new Date()) return undefined;
    return authUser(session.user);
  }

  async createUser(username: string, password: string, roles: string[]): Promise<AuthUser> {
    const existing = await this.prisma.user.findUnique({ where: { username } });
    if (existing) throw new HttpError(409, `User "${username}" already exists`);
    const user = await this.prisma.user.create({ data: { username, passwordHash: await hashPassword(password), roles } });
    return { id: user.id, username: user.username, roles: user.roles, unitRoles: [] };
  }

  /** The embedded default's first account; an existing admin keeps its password. */
  async ensureAdmin(password: string): Promise<void> {
    const existing = await this.prisma.user.findUnique({ where: { username: 'admin' } });
    if (!existing) await this.createUser('admin', password, ['admin']);
  }

  /**
   * onRequest hook for every route: identifies the caller from its bearer
   * token, and refuses any write by an auditor before the request is even
   * parsed (auditors read everything and change nothing).
   */
  identify() {
    return async (request: FastifyRequest) => {
      const path = request.url.split('?')[0]!;
      if (!path.startsWith('/api/')) return;
      const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
      request.user = match ? await this.userForToken(match[1]!) : undefined;
      const openToAll = WRITES_OPEN_TO_AUDITORS.has(path) || path.startsWith(PUBLIC_PREFIX);
      if (request.user?.roles.includes(AUDITOR_ROLE) && !isRead(request.method) && !openToAll) {
        throw new HttpError(403, 'Auditors can read everything but change nothing');
      }
    };
  }

  /** preHandler: requires a valid bearer token, and one of `roles` when given (auditors pass on reads). */
  authenticate(roles?: string[]) {
    return async (request: FastifyRequest) => {
      const user = request.user;
      if (!user) throw new HttpError(401, 'Log in first: send Authorization: Bearer <token>');
      const auditorReading = isRead(request.method) && user.roles.includes(AUDITOR_ROLE);
      if (roles && !auditorReading && !roles.some((r) => user.roles.includes(r))) {
        throw new HttpError(403, `This needs one of the roles: ${roles.join(', ')}`);
      }
    };
  }
}

function authUser(user: {
  id: string;
  username: string;
  roles: string[];
  unitRoles: { unitId: string; role: string; unitRole: { supervisor: boolean } }[];
}): AuthUser {
  return {
    id: user.id,
    username: user.username,
    roles: user.roles,
    unitRoles: user.unitRoles.map((r) => ({ unitId: r.unitId, role: r.role, supervisor: r.unitRole.supervisor })),
  };
}
