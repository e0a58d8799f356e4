// A supervisor's view of their team: the open tasks of the units they
// supervise (every unit for a global supervisor or admin who supervises none
// in particular), who holds them, and who could take them over.
import type { PrismaClient } from '@alur/db';
import { UNIT_STAFF_FALLBACK_ROLE } from '@alur/workflows';
import type { AuthUser } from '../resources/auth/service';
import { loadTimeZones } from './time-zones';
import type { UnitService } from '../resources/units/service';

/** More open tasks than this: the oldest deadlines first, the rest left out (`truncated`). */
export const TEAM_TASK_LIMIT = 500;

export class TeamService {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly units: UnitService,
  ) {}

  async overview(user: AuthUser) {
    const supervised = await this.units.supervisedUnitIds(user);
    const unitFilter = supervised.length ? { unitId: { in: supervised } } : {};
    const [tasks, total, unitRows, holders, zoneOf] = await Promise.all([
      this.prisma.task.findMany({
        where: { status: 'open', ...unitFilter },
        include: { case: { select: { trackingCode: true, sopKey: true, sopVersion: { select: { name: true } } } } },
        orderBy: [{ dueAt: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }, { id: 'asc' }],
        take: TEAM_TASK_LIMIT,
      }),
      this.prisma.task.count({ where: { status: 'open', ...unitFilter } }),
      this.prisma.unit.findMany({
        where: supervised.length ? { id: { in: supervised } } : {},
        select: { id: true, code: true, name: true },
        orderBy: { code: 'asc' },
      }),
      this.prisma.userRole.findMany({ where: unitFilter, select: { unitId: true, role: true, user: { select: { username: true } } } }),
      loadTimeZones(this.prisma),
    ]);
    const codeOf = new Map(unitRows.map((u) => [u.id, u.code]));
    const staff = new Map<string, { username: string; unit: string | null; roles: string[] }>();
    const hold = (username: string, unit: string | null, role: string) => {
      const key = `${username}\u0000${unit ?? ''}`;
      const entry = staff.get(key) ?? { username, unit, roles: [] };
      if (!entry.roles.includes(role)) entry.roles.push(role);
      staff.set(key, entry);
    };
    for (const h of holders) if (codeOf.has(h.unitId)) hold(h.user.username, codeOf.get(h.unitId)!, h.role);
    // Tasks bound to no unit go to holders of a global role.
    const unitLess = tasks.filter((t) => !t.unitId);
    // A task with no candidate role and no unit goes to holders of the global petugas role.
    const globalRoles = [...new Set(unitLess.flatMap((t) => (t.candidateRoles.length ? t.candidateRoles : [UNIT_STAFF_FALLBACK_ROLE])))];
    if (globalRoles.length) {
      const users = await this.prisma.user.findMany({ where: { roles: { hasSome: globalRoles } }, select: { username: true, roles: true } });
      for (const u of users) for (const r of u.roles) if (globalRoles.includes(r)) hold(u.username, null, r);
    }
    return {
      units: unitRows.map((u) => ({ code: u.code, name: u.name })),
      total,
      tasks: tasks.map((t) => ({
        id: t.id,
        instanceId: t.caseId,
        trackingCode: t.case.trackingCode,
        sopKey: t.case.sopKey,
        sopName: t.case.sopVersion.name,
        elementId: t.elementId,
        name: t.name,
        candidateRoles: t.candidateRoles,
        unit: t.unitId ? (codeOf.get(t.unitId) ?? null) : null,
        claimedBy: t.claimedBy,
        createdAt: t.createdAt.toISOString(),
        dueAt: t.dueAt?.toISOString() ?? null,
        dueDate: t.dueDate?.toISOString() ?? null,
        timeZone: zoneOf(t.unitId),
      })),
      staff: [...staff.values()].sort((a, b) => a.username.localeCompare(b.username) || (a.unit ?? '').localeCompare(b.unit ?? '')),
    };
  }
}
