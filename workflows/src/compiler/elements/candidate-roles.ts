// Who may work on a user task: its candidate roles.
import { evaluateFeel } from '../../feel';
import type { Diagnostics } from '../diagnostics';
import { describe, extensions, idOf, stringProp, type BpmnElement } from '../model';

/**
 * The task's candidate roles, from the first source that names any:
 * zeebe:assignmentDefinition candidateGroups, camunda:candidateGroups, the
 * innermost lane's name. Undefined (and reported) when there are none or a
 * source cannot be read.
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
      if (stringProp(assignment, ignored)?.trim()) {
        diag.warn(id, `${describe(el)} sets ${ignored}, which Alur ignores: tasks go to roles (candidate groups)`);
      }
    }
    const zeebeGroups = stringProp(assignment, 'candidateGroups')?.trim();
    if (zeebeGroups) {
      const roles = zeebeGroups.startsWith('=') ? feelRoles(el, zeebeGroups, diag) : splitRoles(zeebeGroups);
      if (roles === undefined || roles.length > 0) return roles;
    }
  }

  for (const ignored of ['assignee', 'candidateUsers']) {
    if (stringProp(el, ignored)?.trim()) {
      diag.warn(id, `${describe(el)} sets camunda:${ignored}, which Alur ignores: tasks go to roles (candidate groups)`);
    }
  }
  const camundaGroups = stringProp(el, 'candidateGroups')?.trim();
  if (camundaGroups) {
    if (/[$#]\{/.test(camundaGroups)) {
      diag.error(id, `${describe(el)} computes its candidate groups with a Camunda 7 expression ("${camundaGroups}"); list the roles instead, e.g. verifikator, inspektur`);
      return undefined;
    }
    const roles = splitRoles(camundaGroups);
    if (roles.length > 0) return roles;
  }

  if (lane) return [lane];
  diag.error(id, `${describe(el)} has no candidate role; put it in a named lane or set its candidate groups`);
  return undefined;
}

/** `verifikator, inspektur` → ['verifikator', 'inspektur'] (trimmed, no blanks or repeats). */
function splitRoles(list: string): string[] {
  return unique(list.split(',').map((r) => r.trim()).filter(Boolean));
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
