// Timer boundary events on tasks: a deadline that interrupts the task, or a
// reminder that leaves the task running.
import type { IrBoundaryEvent } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import type { ProcessGraph } from '../graph';
import { describe, elementProp, eventDefinitions, idOf, type BpmnElement } from '../model';
import { baseNode } from './base';
import { compileTimer } from './timer';
import { rejectUnsupported } from './unsupported';

/** Tasks that wait (for a person or a call), so a timer on them can fire. */
const HOSTS = new Set(['bpmn:UserTask', 'bpmn:ServiceTask']);
/** Tasks Alur runs that complete as soon as they are reached. */
const INSTANT_TASKS = new Set(['bpmn:ManualTask', 'bpmn:ScriptTask']);

/**
 * A timer boundary event on a user or service task, interrupting (the
 * default) or not (`cancelActivity="false"`). (Its flows are checked with the
 * process structure.)
 */
export function compileBoundaryEvent(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrBoundaryEvent | undefined {
  const id = idOf(el);
  const definitions = eventDefinitions(el);
  const definition = definitions.length === 1 && definitions[0]!.$type === 'bpmn:TimerEventDefinition' ? definitions[0] : undefined;
  if (!definition) return rejectUnsupported(el, diag, 'only timer boundary events are supported');

  const before = diag.errors.length;
  const host = elementProp(el, 'attachedToRef');
  const hostId = host && idOf(host);
  if (!host || !hostId) {
    // An unresolved attachedToRef was reported while parsing.
    if (!diag.hasErrorFor(id)) diag.error(id, `${describe(el)} is not attached to a task`);
  } else if (graph.nodeById.get(hostId) !== host) {
    diag.error(id, `${describe(el)} is attached to "${hostId}", which is not a step of this process`);
  } else if (INSTANT_TASKS.has(host.$type)) {
    diag.error(id, `${describe(el)} is attached to ${describe(host)}, which completes as soon as it is reached, so the timer could never fire; attach it to a user or service task`);
  } else if (!HOSTS.has(host.$type)) {
    diag.error(id, `${describe(el)} is attached to ${describe(host)}; timer boundary events can only be attached to user and service tasks`);
  }
  const timer = compileTimer(el, definition, diag);

  if (diag.errors.length > before || !hostId || !timer) return undefined;
  return { type: 'boundaryEvent', ...baseNode(el, graph), attachedTo: hostId, cancelActivity: el.cancelActivity !== false, timer };
}
