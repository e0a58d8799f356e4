import { condition, uuid4 } from '@temporalio/workflow';
import type { IrUserTask } from '../../ir';
import type { ActiveStep, CaseRuntime, OpenTask } from '../case-runtime';

/**
 * Opens a task for the candidate roles and waits until the completeTask Update
 * hands it a completion. Cancellation (a boundary timer, a terminate end event)
 * closes the task instead.
 */
export async function userTask(rt: CaseRuntime, node: IrUserTask, step: ActiveStep): Promise<string | undefined> {
  const task: OpenTask = {
    id: uuid4(),
    stepId: step.id,
    elementId: node.id,
    candidateRoles: node.candidateRoles,
    state: 'open',
  };
  rt.openTasks.set(task.id, task);
  rt.emit({ kind: 'task.created', taskId: task.id, stepId: step.id, elementId: node.id, name: node.name, candidateRoles: node.candidateRoles });
  try {
    await condition(() => task.state === 'completing');
  } catch (err) {
    task.state = 'cancelled';
    rt.openTasks.delete(task.id);
    rt.emit({ kind: 'task.cancelled', taskId: task.id, reason: 'The step was interrupted' });
    throw err;
  }
  const { actor, variables } = task.completion!;
  rt.openTasks.delete(task.id);
  rt.emit({ kind: 'task.completed', taskId: task.id, by: actor.username, variables });
  rt.mergeVariables(`task:${task.id}`, variables);
  task.completedAt = new Date().toISOString();
  task.state = 'completed';
  return actor.username;
}
