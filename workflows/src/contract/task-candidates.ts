// Who may work on a task and who supervises it. Pure and deterministic: the
// interpreter's Update validators and the API apply the same rules.
import type { Actor } from './updates';

/** What the rules need to know about a task. */
export interface TaskBinding {
  /** Empty: a task with no candidate role (Camunda allows it), for the staff of its unit. */
  candidateRoles: string[];
  /** Unit whose role holders do the task; none: holders of a global role. */
  unitId?: string | null;
}

/** The global role that takes tasks with no candidate role in cases with no unit. */
export const UNIT_STAFF_FALLBACK_ROLE = 'petugas';

/** The roles that count for this task: those held in its unit, or the global ones for a task bound to no unit. */
export function rolesForTask(actor: Actor, task: TaskBinding): string[] {
  return task.unitId ? (actor.unitRoles?.[task.unitId] ?? []) : actor.roles;
}

/**
 * Holding one of the task's candidate roles (in its unit, or globally for a
 * task bound to no unit). A task with no candidate role goes to the staff of
 * its unit (any role held there), or with no unit to holders of the global
 * `petugas` role.
 */
export function isCandidate(actor: Actor, task: TaskBinding): boolean {
  const held = rolesForTask(actor, task);
  if (task.candidateRoles.length === 0) return task.unitId ? held.length > 0 : held.includes(UNIT_STAFF_FALLBACK_ROLE);
  return held.some((role) => task.candidateRoles.includes(role));
}

/** "verifikator, inspektur", or who takes a task with no candidate role: "any role in its unit" / "petugas". */
export function candidatesText(task: TaskBinding): string {
  if (task.candidateRoles.length > 0) return task.candidateRoles.join(', ');
  return task.unitId ? 'no candidate role: any role in its unit' : `no candidate role: ${UNIT_STAFF_FALLBACK_ROLE}`;
}

/** Global admins and supervisors supervise every task; others the tasks of the units they supervise. */
export function supervisesTask(actor: Actor, task: TaskBinding): boolean {
  if (actor.roles.includes('admin') || actor.roles.includes('supervisor')) return true;
  return !!task.unitId && (actor.supervises ?? []).includes(task.unitId);
}

/** "budi has none of the roles of task T (petugas) in unit U (holds: verifikator)" */
export function notCandidateMessage(actor: Actor, task: TaskBinding & { id: string }, unitLabel = task.unitId): string {
  const where = task.unitId ? ` in unit ${unitLabel}` : '';
  const held = rolesForTask(actor, task);
  return `${actor.username} has none of the roles of task ${task.id} (${candidatesText(task)})${where} (holds: ${held.join(', ') || 'none'})`;
}
