import type { IrUserTask } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import type { ProcessGraph } from '../graph';
import { stringProp, type BpmnElement } from '../model';
import { checkActivityMarkers } from './activity';
import { baseNode } from './base';
import { candidateRoles } from './candidate-roles';
import { compileTaskSchedule } from './task-schedule';
import { compileTaskForm } from './user-task-form';

/** A user task: a step done by someone holding one of its candidate roles. */
export function compileUserTask(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrUserTask | undefined {
  const base = baseNode(el, graph);
  const markersOk = checkActivityMarkers(el, diag);
  const candidateRolesOf = candidateRoles(el, base.lane, diag);
  const form = compileTaskForm(el, diag);
  const schedule = compileTaskSchedule(el, diag);
  if (!markersOk || !candidateRolesOf || !form.ok || !schedule.ok) return undefined;
  const unit = stringProp(el, 'unit')?.trim();
  return {
    type: 'userTask',
    ...base,
    candidateRoles: candidateRolesOf,
    ...(unit ? { unit } : {}),
    ...(form.form ? { form: form.form } : {}),
    ...(schedule.schedule ? { schedule: schedule.schedule } : {}),
  };
}
