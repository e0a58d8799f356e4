// Where a case's work goes. The handling unit of a case is, in this order: the
// unit a staff start names (`unit`/`unitId`), the unit the citizen chose in the
// start-form field the process names with alur:unitField (one of that field's
// options, each a unit code), the process's alur:unit, ALUR_DEFAULT_UNIT; else
// the case has no unit and its tasks go to holders of the global role.
// Publishing checks the unit choice against the start form and the units, and
// warns about every user task that would reach nobody in a unit it can land in.
import type { PrismaClient, UnitModel as Unit } from '@alur/db';
import { UNIT_STAFF_FALLBACK_ROLE, type FormComponent, type SopIR } from '@alur/workflows';
import { HttpError } from './http-error';
import { startFormSchema } from './start-form';

/** The start-form field that chooses the handling unit. */
export interface UnitChoice {
  field: string;
  /** The unit codes the field offers. */
  codes: string[];
  required: boolean;
}

/**
 * The unit choice of an SOP (alur:unitField), checked against its start form:
 * a select or radio field with fixed options. Problems are 422s naming the
 * process; undefined when the SOP has no unit choice.
 */
export function unitChoiceOf(ir: SopIR): UnitChoice | undefined {
  if (!ir.unitField) return undefined;
  const refuse = (message: string) => new HttpError(422, 'The unit choice of the BPMN diagram cannot be used', { errors: [{ elementId: ir.key, message }] });
  const schema = startFormSchema(ir);
  if (!schema) throw refuse(`alur:unitField names the start-form field "${ir.unitField}", but the start event has no form`);
  const component = findField(schema.components, ir.unitField);
  if (!component) throw refuse(`alur:unitField names "${ir.unitField}", which is not a field of the start form (outside groups with a path and lists)`);
  if (
    !['select', 'radio'].includes(component.type) ||
    component.valuesKey ||
    component.valuesExpression ||
    !Array.isArray(component.values) ||
    component.values.length === 0
  ) {
    throw refuse(
      `alur:unitField names "${ir.unitField}", a ${component.type} field; the unit choice must be a select or radio field with fixed options whose values are unit codes`,
    );
  }
  const codes = component.values.map((o) => o.value);
  const notText = codes.filter((c) => typeof c !== 'string' || c.trim() === '');
  if (notText.length) throw refuse(`the options of "${ir.unitField}" must be unit codes (text); found ${notText.map((c) => JSON.stringify(c)).join(', ')}`);
  return { field: ir.unitField, codes: codes as string[], required: component.validate?.required === true };
}

/** A top-level field of the form by key: groups without a path are looked into, lists and groups with a path are not. */
function findField(components: FormComponent[], key: string): FormComponent | undefined {
  for (const c of components) {
    if (c.type === 'group' || c.type === 'dynamiclist') {
      if (c.type === 'group' && !c.path) {
        const inner = findField(c.components ?? [], key);
        if (inner) return inner;
      }
      continue;
    }
    if ((c.path ?? c.key) === key) return c;
  }
  return undefined;
}

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
 * The citizen's (or the start's) choice of unit from the start-form field, as
 * a unit: only a value among the field's options and naming an existing unit
 * (never a free id), else a 422 naming the field. Undefined when the SOP has no
 * unit choice or the field was left empty.
 */
export async function chosenUnit(prisma: PrismaClient, ir: SopIR, variables: Record<string, unknown>): Promise<Unit | undefined> {
  const choice = unitChoiceOf(ir);
  if (!choice) return undefined;
  const value = variables[choice.field];
  if (value === undefined || value === null || value === '') return undefined;
  const field = `variables.${choice.field}`;
  if (typeof value !== 'string' || !choice.codes.includes(value)) {
    throw new HttpError(422, `${choice.field} must be one of the units the form offers`, {
      errors: [{ field, message: `${choice.field} must be one of the options` }],
    });
  }
  const unit = await prisma.unit.findUnique({ where: { code: value } });
  if (!unit) throw new HttpError(422, `${choice.field}: "${value}" is no longer a unit`, { errors: [{ field, message: `${choice.field}: no such unit` }] });
  return unit;
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
