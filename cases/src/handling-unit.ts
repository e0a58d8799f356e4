// Where a new case's work goes. The handling unit of a case is, in this order:
// the unit a staff start names (`unit`/`unitId`), the unit the citizen chose
// in the start-form field the process names with alur:unitField (one of that
// field's options, each a unit code), the process's alur:unit, the default
// unit (ALUR_DEFAULT_UNIT); else the case has no unit and its tasks go to
// holders of the global role. The same for every start: API, citizen, message
// and signal starts (those last from the worker too).
import type { PrismaClient, UnitModel as Unit } from '@alur/db';
import type { FormComponent, FormSchema, SopIR } from '@alur/workflows';
import { CaseRefusal } from './refusals';

/** How a case start names its handling unit: by id or by code. */
export interface UnitRef {
  unitId?: string;
  unit?: string;
}

/** The start-form field that chooses the handling unit. */
export interface UnitChoice {
  field: string;
  /** The unit codes the field offers. */
  codes: string[];
  required: boolean;
}

/** The start form's schema, if the SOP's none start event has one. */
export function startFormSchema(ir: SopIR): FormSchema | undefined {
  const start = ir.nodes[ir.startEventId];
  return start?.type === 'startEvent' ? start.form?.schema : undefined;
}

/**
 * The unit choice of an SOP (alur:unitField), checked against its start form:
 * a select or radio field with fixed options. Problems are refusals
 * (unit.invalid) naming the process; undefined when the SOP has no unit choice.
 */
export function unitChoiceOf(ir: SopIR): UnitChoice | undefined {
  if (!ir.unitField) return undefined;
  const refuse = (message: string) =>
    new CaseRefusal('unit.invalid', 'The unit choice of the BPMN diagram cannot be used', { errors: [{ elementId: ir.key, message }] });
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

/**
 * The citizen's (or the start's) choice of unit from the start-form field, as
 * a unit: only a value among the field's options and naming an existing unit
 * (never a free id), else a refusal naming the field. Undefined when the SOP
 * has no unit choice or the field was left empty.
 */
export async function chosenUnit(prisma: PrismaClient, ir: SopIR, variables: Record<string, unknown>): Promise<Unit | undefined> {
  const choice = unitChoiceOf(ir);
  if (!choice) return undefined;
  const value = variables[choice.field];
  if (value === undefined || value === null || value === '') return undefined;
  const field = `variables.${choice.field}`;
  if (typeof value !== 'string' || !choice.codes.includes(value)) {
    throw new CaseRefusal('unit.invalid', `${choice.field} must be one of the units the form offers`, {
      errors: [{ field, message: `${choice.field} must be one of the options` }],
    });
  }
  const unit = await prisma.unit.findUnique({ where: { code: value } });
  if (!unit)
    throw new CaseRefusal('unit.invalid', `${choice.field}: "${value}" is no longer a unit`, { errors: [{ field, message: `${choice.field}: no such unit` }] });
  return unit;
}

/** The unit a start names (or the default unit); undefined when there is neither. */
export async function resolveHandlingUnit(prisma: PrismaClient, defaultUnit: string | undefined, ref: UnitRef): Promise<Unit | undefined> {
  if (ref.unitId && ref.unit) throw new CaseRefusal('unit.ambiguous', 'Give the handling unit once: unitId or unit (its code), not both');
  if (ref.unitId) {
    const unit = await prisma.unit.findUnique({ where: { id: ref.unitId } });
    if (!unit) throw new CaseRefusal('unit.invalid', `No unit with id "${ref.unitId}"`, { errors: [{ field: 'body.unitId', message: 'no such unit' }] });
    return unit;
  }
  if (ref.unit) return unitByCode(prisma, ref.unit, 'body.unit');
  if (defaultUnit) return unitByCode(prisma, defaultUnit, 'ALUR_DEFAULT_UNIT');
  return undefined;
}

async function unitByCode(prisma: PrismaClient, code: string, field: string): Promise<Unit> {
  const unit = await prisma.unit.findUnique({ where: { code } });
  if (unit) return unit;
  throw new CaseRefusal('unit.invalid', `No unit with code "${code}"`, { errors: [{ field, message: 'no such unit' }] });
}

/**
 * The handling unit of a new case of this SOP: the unit the start names, else
 * the one chosen in the start form's unit field, else the process's
 * alur:unit, else the default unit, else none.
 */
export async function handlingUnitFor(
  prisma: PrismaClient,
  defaultUnit: string | undefined,
  ir: SopIR,
  variables: Record<string, unknown>,
  ref: UnitRef,
): Promise<Unit | undefined> {
  if (ref.unit || ref.unitId) return resolveHandlingUnit(prisma, defaultUnit, ref);
  const chosen = await chosenUnit(prisma, ir, variables);
  if (chosen) return chosen;
  if (ir.unit) {
    const unit = await prisma.unit.findUnique({ where: { code: ir.unit } });
    if (!unit) throw new CaseRefusal('unit.missing', `SOP "${ir.key}" is handled by unit "${ir.unit}" (alur:unit), which no longer exists`);
    return unit;
  }
  return resolveHandlingUnit(prisma, defaultUnit, ref);
}

/** Ids of the fixed units an IR names (alur:unit on tasks and on the process), by code; unknown codes are reported with their elements. */
export async function fixedUnitIds(prisma: PrismaClient, ir: SopIR): Promise<{ ids: Record<string, string>; missing: { elementId: string; code: string }[] }> {
  const uses = Object.values(ir.nodes).flatMap((n) => ('unit' in n && typeof n.unit === 'string' ? [{ elementId: n.id, code: n.unit }] : []));
  if (ir.unit) uses.push({ elementId: ir.key, code: ir.unit });
  const codes = [...new Set(uses.map((u) => u.code))];
  const units = codes.length ? await prisma.unit.findMany({ where: { code: { in: codes } }, select: { id: true, code: true } }) : [];
  const ids = Object.fromEntries(units.map((u) => [u.code, u.id]));
  return { ids, missing: uses.filter((u) => !ids[u.code]) };
}

/** The unit and the units above it, nearest first (a loop in the tree ends the walk). */
export async function unitLineage(prisma: PrismaClient, unitId: string): Promise<Unit[]> {
  const chain: Unit[] = [];
  for (let id: string | null = unitId; id;) {
    const unit: Unit | null = await prisma.unit.findUnique({ where: { id } });
    if (!unit || chain.some((u) => u.id === unit.id)) break;
    chain.push(unit);
    id = unit.parentId;
  }
  return chain;
}
