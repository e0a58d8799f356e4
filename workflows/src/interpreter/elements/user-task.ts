import { condition, uuid4 } from '@temporalio/workflow';
import type { IrUserTask } from '../../ir';
import type { ActiveStep, CaseRuntime, OpenTask } from '../case-runtime';
import { activityData, type InstanceScope } from '../io-mapping';
import { taskFormKey } from '../task-form';
import { taskDates } from '../task-schedule';
import { CaseIncident } from '../errors';

/**
 * Opens a task for the candidate roles and waits until the completeTask Update
 * hands it a completion. Cancellation (a boundary timer, a terminate end event)
 * closes the task instead.
 */
export async function userTask(rt: CaseRuntime, node: IrUserTask, step: ActiveStep, instance?: InstanceScope): Promise<string | undefined> {
  const data = activityData(rt, node, instance);
  const dates = taskDates(node, data.variables);
  const formKey = taskFormKey(node);
  const task: OpenTask = {
    id: uuid4(),
    stepId: step.id,
    elementId: node.id,
    candidateRoles: node.candidateRoles,
    unitId: taskUnitId(rt, node),
    state: 'open',
  };
  rt.openTasks.set(task.id, task);
  rt.emit({
    kind: 'task.created',
    taskId: task.id,
    stepId: step.id,
    elementId: node.id,
    name: node.name,
    candidateRoles: node.candidateRoles,
    ...(task.unitId ? { unitId: task.unitId } : {}),
    ...dates,
    ...(formKey === undefined ? {} : { formKey }),
    ...(Object.keys(data.locals).length > 0 ? { inputs: data.locals } : {}),
  });
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
  data.complete(`task:${task.id}`, variables);
  task.completedAt = new Date().toISOString();
  task.state = 'completed';
  return actor.username;
}

/** The task's fixed unit (alur:unit), else the case's handling unit, else none (global roles). */
function taskUnitId(rt: CaseRuntime, node: IrUserTask): string | undefined {
  if (!node.unit) return rt.input.unitId;
  const id = rt.input.unitIds?.[node.unit];
  if (!id) throw new CaseIncident(node.id, `User task "${node.name}" is bound to unit "${node.unit}", which was not resolved when the case started`);
  return id;
}
