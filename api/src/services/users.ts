// Staff accounts as admins manage them: global roles here; roles in units are
// given per unit (UnitService.assignStaff).
import type { PrismaClient } from '@alur/db';
import { HttpError } from './http-error';

export class UserService {
  constructor(private readonly prisma: PrismaClient) {}

  async list() {
    const users = await this.prisma.user.findMany({
      orderBy: { username: 'asc' },
      include: { unitRoles: { include: { unitRole: { include: { unit: { select: { code: true } } } } }, orderBy: { role: 'asc' } } },
    });
    return users.map((u) => ({
      id: u.id,
      username: u.username,
      roles: u.roles,
      unitRoles: u.unitRoles.map((r) => ({ unit: r.unitRole.unit.code, role: r.role })),
    }));
  }

  /** Replaces a user's global roles (admin, supervisor, auditor, designer, or roles valid in any unit). */
  async setRoles(username: string, roles: string[]) {
    const { count } = await this.prisma.user.updateMany({ where: { username }, data: { roles } });
    if (count === 0) throw new HttpError(404, `No user "${username}"`);
    return (await this.list()).find((u) => u.username === username)!;
  }
}
