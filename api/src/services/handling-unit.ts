// Where a case's work goes. The handling unit of a case is, in this order: the
// unit a staff start names (`unit`/`unitId`), the unit the citizen chose in the
// start-form field the process names with alur:unitField (one of that field's
// options, each a unit code), the process's alur:unit, ALUR_DEFAULT_UNIT; else
// the case has no unit and its tasks go to holders of the global role.
// The case core resolves it at every start (cases/src/handling-unit.ts);
// publishing checks the unit choice against the start form and the units, and
// warns about every user task that would reach nobody in a unit it can land in.
import { unitChoiceOf } from '@alur/cases';
import type { PrismaClient } from '@alur/db';
import { UNIT_STAFF_FALLBACK_ROLE, type SopIR } from '@alur/workflows';
import { HttpError } from './http-error';

/** At publish: every unit code the unit choice offers is a unit. */
export async function assertUnitChoice(prisma: PrismaClient, ir: SopIR): Promise<void> {
  const choice = unitChoiceOf(ir);
  if (!choice) return;
  const found = await prisma.unit.findMany({ where: { code: { in: choice.codes } }, select: { code: true } });
  const missing = choice.codes.filter((code) => !found.some((u) => u.code === code));
  if (missing.length === 0) return;
  throw new HttpError(422, 'The BPMN diagram offers units that do not exist', {
    errors: missing.map((code) => ({
      elementId: ir.key,
      message: `the start-form field "${choice.field}" (alur:unitField) offers "${code}", which is not a unit; create it first (POST /api/units) or remove the option`,
    })),
  });
}

/**
 * Warnings for the designer, at publish: each user task and each unit it can
 * land in (its own alur:unit, else each unit a case of the SOP can be handled
 * by) where nobody holds one of its candidate roles; for a case without a unit,
 * nobody holding the global role. Naming the task and the roles.
 */
export async function reachWarnings(prisma: PrismaClient, ir: SopIR, defaultUnit: string | undefined): Promise<{ elementId: string; message: string }[]> {
  const choice = unitChoiceOf(ir);
  const fallback = ir.unit ?? defaultUnit;
  // Codes of the units a case can be handled by; null: a case without a unit.
  const handling: (string | null)[] = choice ? [...choice.codes, ...(choice.required ? [] : [fallback ?? null])] : [fallback ?? null];
  const tasks = Object.values(ir.nodes).filter((n) => n.type === 'userTask');
  const codes = [...new Set([...handling, ...tasks.map((t) => ('unit' in t ? t.unit : undefined))].filter((c): c is string => typeof c === 'string'))];
  const units = codes.length ? await prisma.unit.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } }) : [];
  const idOf = new Map(units.map((u) => [u.code, u.id]));
  const warnings: { elementId: string; message: string }[] = [];
  for (const task of tasks) {
    if (task.type !== 'userTask') continue;
    const landing = [...new Set(task.unit ? [task.unit] : handling)];
    const roles = task.candidateRoles;
    const rolesText = roles.length ? `the role${roles.length > 1 ? 's' : ''} ${roles.map((r) => `"${r}"`).join(', ')}` : undefined;
    for (const code of landing) {
      if (code === null) {
        const global = roles.length ? roles : [UNIT_STAFF_FALLBACK_ROLE];
        if (await prisma.user.count({ where: { roles: { hasSome: global } } })) continue;
        warnings.push({
          elementId: task.id,
          message: `User task "${task.name}" reaches nobody: its cases have no handling unit, so it goes to holders of the global role${global.length > 1 ? 's' : ''} ${global.map((r) => `"${r}"`).join(', ')}, and no user holds ${global.length > 1 ? 'any of them' : 'it'}. Give the process a unit (alur:unit, or a start-form unit choice with alur:unitField), set ALUR_DEFAULT_UNIT, or give users the global role`,
        });
        continue;
      }
      const unitId = idOf.get(code);
      if (!unitId) continue; // an unknown code is refused before this
      const holders = await prisma.userRole.count({ where: { unitId, ...(roles.length ? { role: { in: roles } } : {}) } });
      if (holders) continue;
      warnings.push({
        elementId: task.id,
        message: rolesText
          ? `User task "${task.name}" reaches nobody in unit "${code}": no one holds ${rolesText} there (POST /api/units/${code}/staff)`
          : `User task "${task.name}" has no candidate role and reaches nobody in unit "${code}": the unit has no staff (POST /api/units/${code}/staff)`,
      });
    }
  }
  return warnings;
}
