// Who may work on a task and who supervises it. Pure and deterministic: the
// interpreter's Update validators and the API apply the same rules.
import type { Actor } from './messages';

/** What the rules need to know about a task. */
export interface TaskBinding {
  candidateRoles: string[];
  /** Unit whose role holders do the task; none: holders of a global role. */
  unitId?: string | null;
}

/** The roles that count for this task: those held in its unit, or the global ones for a task bound to no unit. */
export function rolesForTask(actor: Actor, task: TaskBinding): string[] {
  return task.unitId ? (actor.unitRoles?.[task.unitId] ?? []) : actor.roles;
}

export function isCandidate(actor: Actor, task: TaskBinding): boolean {
  return rolesForTask(actor, task).some((role) => task.candidateRoles.includes(role));
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
  return `${actor.username} has none of the roles of task ${task.id} (${task.candidateRoles.join(', ')})${where} (holds: ${held.join(', ') || 'none'})`;
}
