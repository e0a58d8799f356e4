// Sessions: opaque bearer tokens (random 256 bits) stored only as their sha256
// in the Session table, so the server decides on every request whether a token
// still holds: logout deletes its row, a password change or reset and disabling
// an account delete the account's rows, a session ends 12 h after login and
// after ALUR_SESSION_IDLE_MINUTES without a request (lastSeenAt).
import { createHash, randomBytes } from 'node:crypto';
import type { FastifyRequest } from 'fastify';
import type { PrismaClient } from '@alur/db';
import { DEFAULT_SESSION_IDLE_MINUTES, SESSION_HOURS } from './session-limits';
import { HttpError } from '../../services/http-error';
import { hashPassword, verifyPassword } from './passwords';
import { checkPasswordPolicy, passwordProblem } from './password-policy';

/** lastSeenAt is written at most this often per session (not on every request). */
const TOUCH_EVERY_MS = 60_000;
/** The account created when none exists yet. */
export const ADMIN_USERNAME = 'admin';

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
const WRITES_OPEN_TO_AUDITORS = new Set(['/api/auth/login', '/api/auth/logout', '/api/auth/password']);
/** Public routes act for a citizen, not for the caller's role (a citizen's request). */
const PUBLIC_PREFIX = '/api/public/';
const isRead = (method: string) => method === 'GET' || method === 'HEAD' || method === 'OPTIONS';

const withUnitRoles = { unitRoles: { include: { unitRole: { select: { supervisor: true } } } } } as const;

declare module 'fastify' {
  interface FastifyRequest {
    user?: AuthUser;
    /** The caller's session (its row id), when it sent a valid token. */
    sessionId?: string;
  }
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

const AUTHENTICATED_PREFIXES = ['/api/', '/v2/', '/engine-rest/'];

export class AuthService {
  /** Hash of a random password, verified against when the username is unknown: an unknown name costs as long as a wrong password. */
  private readonly dummyHash = hashPassword(randomBytes(16).toString('hex'));
  private readonly idleMs: number;

  constructor(
    private readonly prisma: PrismaClient,
    opts: { sessionIdleMinutes?: number } = {},
  ) {
    this.idleMs = (opts.sessionIdleMinutes ?? DEFAULT_SESSION_IDLE_MINUTES) * 60_000;
  }

  async login(username: string, password: string): Promise<{ token: string; user: AuthUser }> {
    const user = await this.prisma.user.findUnique({ where: { username }, include: withUnitRoles });
    // Always one scrypt, whether or not the user exists (timing must not tell real usernames).
    const ok = await verifyPassword(password, user?.passwordHash ?? (await this.dummyHash));
    if (!user || !ok) throw new HttpError(401, 'Wrong username or password');
    if (user.disabledAt) throw new HttpError(401, 'This account is disabled; ask an administrator');
    const token = randomBytes(32).toString('base64url');
    const now = new Date();
    await this.prisma.$transaction([
      // Old sessions of this user that ended (expired, or idle) go as a new one starts.
      this.prisma.session.deleteMany({
        where: { userId: user.id, OR: [{ expiresAt: { lt: now } }, { lastSeenAt: { lt: new Date(now.getTime() - this.idleMs) } }] },
      }),
      this.prisma.session.create({
        data: { tokenHash: sha256(token), userId: user.id, createdAt: now, expiresAt: new Date(now.getTime() + SESSION_HOURS * 3600_000), lastSeenAt: now },
      }),
    ]);
    return { token, user: authUser(user) };
  }

  /** The session's user, if the token is valid: not revoked, not past 12 h, not idle too long, account enabled. */
  async sessionForToken(token: string): Promise<{ sessionId: string; user: AuthUser } | undefined> {
    const session = await this.prisma.session.findUnique({ where: { tokenHash: sha256(token) }, include: { user: { include: withUnitRoles } } });
    if (!session) return undefined;
    const now = Date.now();
    if (session.expiresAt.getTime() <= now || now - session.lastSeenAt.getTime() > this.idleMs || session.user.disabledAt) {
      await this.prisma.session.deleteMany({ where: { id: session.id } });
      return undefined;
    }
    if (now - session.lastSeenAt.getTime() > Math.min(TOUCH_EVERY_MS, this.idleMs / 4)) {
      await this.prisma.session.updateMany({ where: { id: session.id }, data: { lastSeenAt: new Date(now) } });
    }
    return { sessionId: session.id, user: authUser(session.user) };
  }

  /** Ends the caller's session (server-side logout): its token is refused from now on. */
  async logout(sessionId: string): Promise<void> {
    await this.prisma.session.deleteMany({ where: { id: sessionId } });
  }

  /** The user changes their own password; their other sessions end, this one stays. */
  async changePassword(user: AuthUser, sessionId: string, currentPassword: string, newPassword: string): Promise<void> {
    const row = await this.prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    if (!(await verifyPassword(currentPassword, row.passwordHash))) {
      throw new HttpError(403, 'The current password is wrong', { errors: [{ field: 'body.currentPassword', message: 'is wrong' }] });
    }
    checkPasswordPolicy(newPassword, 'body.newPassword', user.username);
    if (newPassword === currentPassword) {
      throw new HttpError(422, 'body.newPassword must differ from the current password', {
        errors: [{ field: 'body.newPassword', message: 'must differ from the current password' }],
      });
    }
    const passwordHash = await hashPassword(newPassword);
    await this.prisma.$transaction([
      this.prisma.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: new Date() } }),
      this.prisma.session.deleteMany({ where: { userId: user.id, id: { not: sessionId } } }),
    ]);
  }

  /** An admin sets a user's password (a forgotten one); every session of that user ends. */
  async resetPassword(username: string, newPassword: string): Promise<void> {
    checkPasswordPolicy(newPassword, 'body.password', username);
    await setPassword(this.prisma, username, await hashPassword(newPassword));
  }

  /** Disables (no login, every session ends) or enables an account. Nobody disables their own. */
  async setDisabled(actor: AuthUser, username: string, disabled: boolean): Promise<{ username: string; disabled: boolean }> {
    if (disabled && actor.username === username) throw new HttpError(409, 'You cannot disable your own account');
    const user = await this.prisma.user.findUnique({ where: { username } });
    if (!user) throw new HttpError(404, `No user "${username}"`);
    if (disabled) {
      await this.prisma.$transaction([
        this.prisma.user.update({ where: { id: user.id }, data: { disabledAt: user.disabledAt ?? new Date() } }),
        this.prisma.session.deleteMany({ where: { userId: user.id } }),
      ]);
    } else {
      await this.prisma.user.update({ where: { id: user.id }, data: { disabledAt: null } });
    }
    return { username, disabled };
  }

  async createUser(username: string, password: string, roles: string[]): Promise<AuthUser> {
    checkPasswordPolicy(password, 'body.password', username);
    const existing = await this.prisma.user.findUnique({ where: { username } });
    if (existing) throw new HttpError(409, `User "${username}" already exists`);
    const user = await this.prisma.user.create({ data: { username, passwordHash: await hashPassword(password), roles } });
    return { id: user.id, username: user.username, roles: user.roles, unitRoles: [] };
  }

  /**
   * The first account, created when no `admin` exists yet: with `password`
   * (ALUR_ADMIN_PASSWORD, which must pass the password policy) or, without
   * one, a random password returned as `generatedPassword` for the caller to
   * show once. An existing admin keeps its password whatever is passed
   * (`npm run admin:reset-password` changes it).
   */
  async ensureAdmin(password?: string): Promise<{ created: boolean; generatedPassword?: string }> {
    if (await this.prisma.user.findUnique({ where: { username: ADMIN_USERNAME } })) return { created: false };
    if (password !== undefined) {
      const problem = passwordProblem(password, ADMIN_USERNAME);
      if (problem) throw new Error(`ALUR_ADMIN_PASSWORD ${problem} (it becomes the password of the admin account created now)`);
    }
    const chosen = password ?? generatePassword();
    try {
      await this.prisma.user.create({ data: { username: ADMIN_USERNAME, passwordHash: await hashPassword(chosen), roles: ['admin'] } });
    } catch (err) {
      // Another API process created it meanwhile (several start at once against one database).
      if ((err as { code?: string }).code === 'P2002') return { created: false };
      throw err;
    }
    return password === undefined ? { created: true, generatedPassword: chosen } : { created: true };
  }

  /**
   * onRequest hook for every route: identifies the caller from its bearer
   * token, and refuses any write by an auditor before the request is even
   * parsed (auditors read everything and change nothing).
   */
  identify() {
    return async (request: FastifyRequest) => {
      const path = request.url.split('?')[0]!;
      // The API, and the Camunda-shaped job worker endpoints (resources/jobs): /v2/jobs/..., /engine-rest/external-task/...
      if (!AUTHENTICATED_PREFIXES.some((prefix) => path.startsWith(prefix))) return;
      const match = /^Bearer\s+(\S+)$/i.exec(request.headers.authorization ?? '');
      const session = match ? await this.sessionForToken(match[1]!) : undefined;
      request.user = session?.user;
      request.sessionId = session?.sessionId;
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

/** A random password of 20 characters (120 bits), for the first admin and for resets from the command line. */
export function generatePassword(): string {
  return randomBytes(15).toString('base64url');
}

/** Sets a user's password hash, enables the account and ends all its sessions (admin reset; `npm run admin:reset-password`). */
export async function setPassword(prisma: PrismaClient, username: string, passwordHash: string, opts: { enable?: boolean } = {}): Promise<void> {
  const user = await prisma.user.findUnique({ where: { username } });
  if (!user) throw new HttpError(404, `No user "${username}"`);
  await prisma.$transaction([
    prisma.user.update({ where: { id: user.id }, data: { passwordHash, passwordChangedAt: new Date(), ...(opts.enable ? { disabledAt: null } : {}) } }),
    prisma.session.deleteMany({ where: { userId: user.id } }),
  ]);
}
