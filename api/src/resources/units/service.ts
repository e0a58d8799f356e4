// Government structure: units (a tree of OPD/SKPD, UPT/UPTD...), the roles
// that exist in each unit, and the staff holding them. Also answers which unit
// handles a new case (resolveHandlingUnit) and what a user may do where (the
// Actor the interpreter's validators check).
import { Prisma, type PrismaClient, type UnitModel as Unit } from '@alur/db';
import type { Actor, SopIR } from '@alur/workflows';
import type { AuthUser } from '../auth/service';
import { fixedUnitIds, handlingUnitFor, resolveHandlingUnit, unitLineage, type UnitRef } from '@alur/cases';
import { reachWarnings } from '../../services/handling-unit';
import { HttpError } from '../../services/http-error';
import type { PageQuery } from '../../services/page';
import type { UnitInput, UnitPatch, UnitRoleInput } from './schema';

/** How a case start names its handling unit: by id or by code. */
export type { UnitRef };

type UnitWithParent = Unit & { parent: { code: string } | null };

const unitView = (u: UnitWithParent) => ({
  id: u.id,
  code: u.code,
  name: u.name,
  kind: u.kind,
  parent: u.parent?.code ?? null,
  createdAt: u.createdAt.toISOString(),
});

/** The unit and the units above it, nearest first (the case core's: a case's calendar is inherited along it). */
export { unitLineage };

export class UnitService {
  constructor(
    private readonly prisma: PrismaClient,
    /** Code of the unit handling cases started without one (ALUR_DEFAULT_UNIT). */
    private readonly defaultUnit?: string,
  ) {}

  async create(input: UnitInput) {
    const parentId = input.parent ? (await this.byCode(input.parent, 'body.parent')).id : null;
    try {
      const unit = await this.prisma.unit.create({
        data: { code: input.code, name: input.name, kind: input.kind, parentId },
        include: { parent: { select: { code: true } } },
      });
      return unitView(unit);
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
        throw new HttpError(409, `A unit with code "${input.code}" already exists`);
      }
      throw err;
    }
  }

  async list(page: PageQuery) {
    const [total, units] = await Promise.all([
      this.prisma.unit.count(),
      this.prisma.unit.findMany({ orderBy: { code: 'asc' }, take: page.limit, skip: page.offset, include: { parent: { select: { code: true } } } }),
    ]);
    return { total, items: units.map(unitView) };
  }

  async get(code: string) {
    const unit = await this.prisma.unit.findUnique({
      where: { code },
      include: {
        parent: { select: { code: true } },
        children: { select: { code: true }, orderBy: { code: 'asc' } },
        roles: { orderBy: { role: 'asc' }, include: { holders: { include: { user: { select: { username: true } } } } } },
      },
    });
    if (!unit) throw new HttpError(404, `No unit with code "${code}"`);
    return {
      ...unitView(unit),
      children: unit.children.map((c) => c.code),
      roles: unit.roles.map((r) => ({
        role: r.role,
        name: r.name,
        supervisor: r.supervisor,
        staff: r.holders.map((h) => h.user.username).sort(),
      })),
    };
  }

  /** Renames a unit, changes its kind or moves it under another parent (never under itself). */
  async update(code: string, patch: UnitPatch) {
    const unit = await this.byCode(code);
    let parentId: string | null | undefined;
    if (patch.parent !== undefined) {
      parentId = patch.parent === null ? null : (await this.byCode(patch.parent, 'body.parent')).id;
      if (parentId && (await this.lineage(parentId)).some((u) => u.id === unit.id)) {
        throw new HttpError(422, `Unit "${patch.parent}" is "${code}" or below it; a unit cannot be moved under itself`, {
          errors: [{ field: 'body.parent', message: 'would make a cycle' }],
        });
      }
    }
    const updated = await this.prisma.unit.update({
      where: { id: unit.id },
      data: { name: patch.name, kind: patch.kind, parentId },
      include: { parent: { select: { code: true } } },
    });
    return unitView(updated);
  }

  async addRole(code: string, input: UnitRoleInput) {
    const unit = await this.byCode(code);
    try {
      await this.prisma.unitRole.create({
        data: { unitId: unit.id, role: input.role, name: input.name ?? input.role, supervisor: input.supervisor ?? false },
      });
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === 'P2002') {
        throw new HttpError(409, `Unit "${code}" already has the role "${input.role}"`);
      }
      throw err;
    }
    return this.get(code);
  }

  async removeRole(code: string, role: string) {
    const unit = await this.byCode(code);
    const { count } = await this.prisma.unitRole.deleteMany({ where: { unitId: unit.id, role } });
    if (count === 0) throw new HttpError(404, `Unit "${code}" has no role "${role}"`);
  }

  async assignStaff(code: string, username: string, role: string) {
    const unit = await this.byCode(code);
    const [user, unitRole] = await Promise.all([
      this.prisma.user.findUnique({ where: { username } }),
      this.prisma.unitRole.findUnique({ where: { unitId_role: { unitId: unit.id, role } } }),
    ]);
    if (!user) throw new HttpError(422, `No user "${username}"`, { errors: [{ field: 'body.username', message: 'no such user' }] });
    if (!unitRole) {
      throw new HttpError(422, `Unit "${code}" has no role "${role}"; add it first (POST /api/units/${code}/roles)`, {
        errors: [{ field: 'body.role', message: 'not a role of this unit' }],
      });
    }
    await this.prisma.userRole.upsert({
      where: { userId_unitId_role: { userId: user.id, unitId: unit.id, role } },
      create: { userId: user.id, unitId: unit.id, role },
      update: {},
    });
    return this.get(code);
  }

  async removeStaff(code: string, username: string, role: string) {
    const unit = await this.byCode(code);
    const { count } = await this.prisma.userRole.deleteMany({ where: { unitId: unit.id, role, user: { username } } });
    if (count === 0) throw new HttpError(404, `${username} does not hold the role "${role}" in unit "${code}"`);
  }

  /** The unit and its ancestors, nearest first (the unit's own row first, the top-level OPD last). */
  lineage(unitId: string): Promise<Unit[]> {
    return unitLineage(this.prisma, unitId);
  }

  /** The handling unit a case start asks for (by id or code), else ALUR_DEFAULT_UNIT, else none. */
  async resolveHandlingUnit(ref: UnitRef): Promise<Unit | undefined> {
    return resolveHandlingUnit(this.prisma, this.defaultUnit, ref);
  }

  /** The handling unit of a new case of this SOP (cases/src/handling-unit.ts). */
  async handlingUnitFor(ir: SopIR, variables: Record<string, unknown>, ref: UnitRef): Promise<Unit | undefined> {
    return handlingUnitFor(this.prisma, this.defaultUnit, ir, variables, ref);
  }

  /** At publish: user tasks that would reach nobody in a unit they can land in (handling-unit.ts). */
  reachWarnings(ir: SopIR) {
    return reachWarnings(this.prisma, ir, this.defaultUnit);
  }

  /** Ids of the fixed units an IR names (alur:unit on tasks and on the process), by code; unknown codes are reported with their elements. */
  async fixedUnitIds(ir: SopIR): Promise<{ ids: Record<string, string>; missing: { elementId: string; code: string }[] }> {
    return fixedUnitIds(this.prisma, ir);
  }

  /** What the interpreter's validators get to know about a user. */
  async actorFor(user: AuthUser, opts: { withSupervision?: boolean } = {}): Promise<Actor> {
    const unitRoles: Record<string, string[]> = {};
    for (const r of user.unitRoles) (unitRoles[r.unitId] ??= []).push(r.role);
    const actor: Actor = { username: user.username, roles: user.roles, unitRoles };
    if (opts.withSupervision) actor.supervises = await this.supervisedUnitIds(user);
    return actor;
  }

  async actorForUsername(username: string, field: string): Promise<Actor> {
    const user = await this.prisma.user.findUnique({ where: { username }, include: { unitRoles: true } });
    if (!user) throw new HttpError(422, `No user "${username}"`, { errors: [{ field, message: 'no such user' }] });
    return this.actorFor({ id: user.id, username, roles: user.roles, unitRoles: user.unitRoles.map((r) => ({ ...r, supervisor: false })) });
  }

  /** Units where the user holds a supervising role, and every unit below them. */
  async supervisedUnitIds(user: AuthUser): Promise<string[]> {
    const roots = user.unitRoles.filter((r) => r.supervisor).map((r) => r.unitId);
    if (roots.length === 0) return [];
    const units = await this.prisma.unit.findMany({ select: { id: true, parentId: true } });
    const children = new Map<string, string[]>();
    for (const u of units) if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
    const seen = new Set<string>();
    const stack = [...roots];
    while (stack.length) {
      const id = stack.pop()!;
      if (seen.has(id)) continue;
      seen.add(id);
      stack.push(...(children.get(id) ?? []));
    }
    return [...seen];
  }

  private async byCode(code: string, field?: string): Promise<Unit> {
    const unit = await this.prisma.unit.findUnique({ where: { code } });
    if (unit) return unit;
    if (field) throw new HttpError(422, `No unit with code "${code}"`, { errors: [{ field, message: 'no such unit' }] });
    throw new HttpError(404, `No unit with code "${code}"`);
  }
}
