// Who may see a case as staff do (its details and documents): global admins,
// supervisors and auditors; anyone when the case has no handling unit (its
// tasks go to holders of a global role); otherwise staff holding a role in a
// unit the case or one of its tasks belongs to, their supervisors, and whoever
// claimed or completed one of its tasks.
import type { PrismaClient } from '@alur/db';
import type { AuthUser } from '../resources/auth/service';
import { AUDITOR_ROLE } from '../resources/auth/service';
import { HttpError } from './http-error';
import type { UnitService } from '../resources/units/service';

const SEE_EVERY_CASE = ['admin', 'supervisor', AUDITOR_ROLE];

export async function assertCaseAccess(prisma: PrismaClient, units: UnitService, user: AuthUser, caseId: string) {
  const c = await prisma.case.findUnique({
    where: { id: caseId },
    select: { id: true, unitId: true, sopVersionId: true, tasks: { select: { unitId: true, claimedBy: true, completedBy: true } } },
  });
  if (!c) throw new HttpError(404, `No case with id "${caseId}"`);
  if (user.roles.some((r) => SEE_EVERY_CASE.includes(r)) || !c.unitId) return c;
  if (c.tasks.some((t) => t.claimedBy === user.username || t.completedBy === user.username)) return c;
  const caseUnits = new Set([c.unitId, ...c.tasks.flatMap((t) => (t.unitId ? [t.unitId] : []))]);
  if (user.unitRoles.some((r) => caseUnits.has(r.unitId))) return c;
  if ((await units.supervisedUnitIds(user)).some((id) => caseUnits.has(id))) return c;
  throw new HttpError(403, 'This case belongs to a unit you hold no role in');
}
