// Who may work on a user task: its candidate roles.
import { evaluateFeel } from '../../feel';
import { UNIT_STAFF_FALLBACK_ROLE } from '../../contract/task-candidates';
import type { Diagnostics } from '../diagnostics';
import { describe, extensions, idOf, stringProp, type BpmnElement } from '../model';

/**
 * The task's candidate roles, from the first source that names any:
 * zeebe:assignmentDefinition candidateGroups, camunda:candidateGroups, the
 * innermost lane's name. None of them (Camunda allows it): no roles, and the
 * task goes to the staff of its unit (any role there), or with no unit to
 * holders of the global `petugas` role (see contract/task-candidates.ts). Undefined
 * (and reported) when a source cannot be read.
 */
export function candidateRoles(el: BpmnElement, lane: string | undefined, diag: Diagnostics): string[] | undefined {
  const id = idOf(el);
  const assignments = extensions(el, 'zeebe:AssignmentDefinition');
  if (assignments.length > 1) {
    diag.error(id, `${describe(el)} has more than one zeebe:assignmentDefinition`);
    return undefined;
  }
  const assignment = assignments[0];
  if (assignment) {
    for (const ignored of ['assignee', 'candidateUsers']) {
      const value = stringProp(assignment, ignored)?.trim();
      if (value) diag.warn(id, ignoredUserMessage(el, `zeebe:assignmentDefinition ${ignored}`, value));
    }
    const zeebeGroups = stringProp(assignment, 'candidateGroups')?.trim();
    if (zeebeGroups) {
      const roles = zeebeGroups.startsWith('=') ? feelRoles(el, zeebeGroups, diag) : splitRoles(zeebeGroups);
      if (roles === undefined || roles.length > 0) return roles;
    }
  }

  for (const ignored of ['assignee', 'candidateUsers']) {
    const value = stringProp(el, ignored)?.trim();
    if (value) diag.warn(id, ignoredUserMessage(el, `camunda:${ignored}`, value));
  }
  const camundaGroups = stringProp(el, 'candidateGroups')?.trim();
  if (camundaGroups) {
    if (/[$#]\{/.test(camundaGroups)) {
      diag.error(
        id,
        `${describe(el)} computes its candidate groups with a Camunda 7 expression ("${camundaGroups}"); list the roles instead, e.g. verifikator, inspektur`,
      );
      return undefined;
    }
    const roles = splitRoles(camundaGroups);
    if (roles.length > 0) return roles;
  }

  if (lane) return [lane];
  diag.warn(
    id,
    `${describe(el)} has no candidate role (no candidate groups, no named lane): it goes to the staff of the case's handling unit (any role there), or, for a case with no unit, to holders of the global role ${UNIT_STAFF_FALLBACK_ROLE}`,
  );
  return [];
}

/** Users named on a task are not applied (yet): said out loud, with where the task goes instead. */
function ignoredUserMessage(el: BpmnElement, what: string, value: string): string {
  return `${describe(el)} names users (${what} "${value}"), which Alur does not apply yet: the task goes to roles, its candidate groups or lane, or with none to the staff of the case's unit`;
}

/** `verifikator, inspektur` → ['verifikator', 'inspektur'] (trimmed, no blanks or repeats). */
function splitRoles(list: string): string[] {
  return unique(
    list
      .split(',')
      .map((r) => r.trim())
      .filter(Boolean),
  );
}

/** A FEEL list (or single text) literal such as `=["verifikator", "inspektur"]`. */
function feelRoles(el: BpmnElement, expression: string, diag: Diagnostics): string[] | undefined {
  let value: unknown;
  try {
    value = evaluateFeel(expression, {});
  } catch (err) {
    diag.error(idOf(el), `${describe(el)} has candidate groups that are not valid FEEL: ${(err as Error).message}`);
    return undefined;
  }
  const items = typeof value === 'string' ? [value] : value;
  if (Array.isArray(items) && items.every((r): r is string => typeof r === 'string')) {
    const roles = unique(items.map((r) => r.trim()).filter(Boolean));
    if (roles.length > 0) return roles;
  }
  diag.error(
    idOf(el),
    `${describe(el)} computes its candidate groups with a FEEL expression ("${expression}"); only fixed roles are supported yet, e.g. verifikator, inspektur or =["verifikator", "inspektur"]`,
  );
  return undefined;
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
