// Staff accounts as admins manage them: global roles here; roles in units are
// given per unit (UnitService.assignStaff).
import type { PrismaClient } from '@alur/db';
import { HttpError } from '../../services/http-error';
import type { PageQuery } from '../../services/page';

const withUnitRoles = { unitRoles: { include: { unitRole: { include: { unit: { select: { code: true } } } } }, orderBy: { role: 'asc' } } } as const;

export class UserService {
  constructor(private readonly prisma: PrismaClient) {}

  async list(page: PageQuery) {
    const [total, users] = await Promise.all([
      this.prisma.user.count(),
      this.prisma.user.findMany({ orderBy: { username: 'asc' }, take: page.limit, skip: page.offset, include: withUnitRoles }),
    ]);
    return { total, items: users.map(userView) };
  }

  /** Replaces a user's global roles (admin, supervisor, auditor, designer, or roles valid in any unit). */
  async setRoles(username: string, roles: string[]) {
    const { count } = await this.prisma.user.updateMany({ where: { username }, data: { roles } });
    if (count === 0) throw new HttpError(404, `No user "${username}"`);
    return userView(await this.prisma.user.findUniqueOrThrow({ where: { username }, include: withUnitRoles }));
  }

  /** One's own account: global roles and, per unit, the roles held there (whether they supervise it). */
  async profile(username: string) {
    const user = await this.prisma.user.findUnique({
      where: { username },
      include: { unitRoles: { include: { unitRole: { include: { unit: { select: { code: true, name: true, kind: true } } } } } } },
    });
    if (!user) throw new HttpError(404, `No user "${username}"`);
    const units = user.unitRoles
      .map((r) => ({ ...r.unitRole.unit, role: r.role, roleName: r.unitRole.name, supervisor: r.unitRole.supervisor }))
      .sort((a, b) => a.code.localeCompare(b.code) || a.role.localeCompare(b.role));
    return { id: user.id, username: user.username, roles: user.roles, units };
  }
}

function userView(u: {
  id: string;
  username: string;
  roles: string[];
  disabledAt: Date | null;
  unitRoles: { role: string; unitRole: { unit: { code: string } } }[];
}) {
  return {
    id: u.id,
    username: u.username,
    roles: u.roles,
    disabled: u.disabledAt !== null,
    unitRoles: u.unitRoles.map((r) => ({ unit: r.unitRole.unit.code, role: r.role })),
  };
}
