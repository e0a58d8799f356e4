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
  roles: string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    user?: AuthUser;
  }
}

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export class AuthService {
  constructor(private readonly prisma: PrismaClient) {}

  async login(username: string, password: string): Promise<{ token: string; user: AuthUser }> {
    const user = await this.prisma.user.findUnique({ where: { username } });
    if (!user || !(await verifyPassword(password, user.passwordHash))) {
      throw new HttpError(401, 'Wrong username or password');
    }
    const token = randomBytes(32).toString('base64url');
    await this.prisma.session.create({
      data: { tokenHash: sha256(token), userId: user.id, expiresAt: new Date(Date.now() + SESSION_HOURS * 3600_000) },
    });
    return { token, user: { id: user.id, username: user.username, roles: user.roles } };
  }

  async userForToken(token: string): Promise<AuthUser | undefined> {
    const session = await this.prisma.session.findUnique({ where: { tokenHash: sha256(token) }, include: { user: true } });
    if (!session || session.expiresAt < new Date()) return undefined;
    const { id, username, roles } = session.user;
    return { id, username, roles };
  }

  async createUser(username: string, password: string, roles: string[]): Promise<AuthUser> {
    const existing = await this.prisma.user.findUnique({ where: { username } });
    if (existing) throw new HttpError(409, `User "${username}" already exists`);
    const user = await this.prisma.user.create({ data: { username, passwordHash: await hashPassword(password), roles } });
    return { id: user.id, username: user.username, roles: user.roles };
  }

  /** The embedded default's first account; an existing admin keeps its password. */
  async ensureAdmin(password: string): Promise<void> {
    const existing = await this.prisma.user.findUnique({ where: { username: 'admin' } });
    if (!existing) await this.createUser('admin', password, ['admin']);
  }

  /** preHandler: requires a valid bearer token, and one of `roles` when given. */
  authenticate(roles?: string[]) {
    return async (request: FastifyRequest) => {
      const header = request.headers.authorization ?? '';
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const user = match ? await this.userForToken(match[1]!) : undefined;
      if (!user) throw new HttpError(401, 'Log in first: send Authorization: Bearer <token>');
      if (roles && !roles.some((r) => user.roles.includes(r))) {
        throw new HttpError(403, `This needs one of the roles: ${roles.join(', ')}`);
      }
      request.user = user;
    };
  }
}
