// Timer boundary events on tasks: a deadline that interrupts the task.
import { isoDurationError } from '../../duration';
import type { IrBoundaryEvent } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import type { ProcessGraph } from '../graph';
import { describe, elementProp, eventDefinitions, expressionBody, idOf, type BpmnElement } from '../model';
import { baseNode } from './base';
import { rejectUnsupported } from './unsupported';

const HOSTS = new Set(['bpmn:UserTask', 'bpmn:ServiceTask']);

/**
 * An interrupting timer boundary event with a fixed ISO-8601 duration, on a
 * user or service task. (Its flows are checked with the process structure.)
 */
export function compileBoundaryEvent(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrBoundaryEvent | undefined {
  const id = idOf(el);
  const definitions = eventDefinitions(el);
  const timer = definitions.length === 1 && definitions[0]!.$type === 'bpmn:TimerEventDefinition' ? definitions[0] : undefined;
  if (!timer) return rejectUnsupported(el, diag, 'only interrupting timer boundary events are supported');

  const before = diag.errors.length;
  if (el.cancelActivity === false) {
    diag.error(id, `${describe(el)} is non-interrupting; only interrupting timer boundary events are supported yet`);
  }

  const host = elementProp(el, 'attachedToRef');
  const hostId = host && idOf(host);
  if (!host || !hostId) {
    // An unresolved attachedToRef was reported while parsing.
    if (!diag.hasErrorFor(id)) diag.error(id, `${describe(el)} is not attached to a task`);
  } else if (graph.nodeById.get(hostId) !== host) {
    diag.error(id, `${describe(el)} is attached to "${hostId}", which is not a step of this process`);
  } else if (!HOSTS.has(host.$type)) {
    diag.error(id, `${describe(el)} is attached to ${describe(host)}; boundary events are only supported on user and service tasks`);
  }

  const duration = expressionBody(timer, 'timeDuration');
  if (expressionBody(timer, 'timeDate') || expressionBody(timer, 'timeCycle')) {
    const kind = expressionBody(timer, 'timeDate') ? 'a date (timeDate)' : 'a cycle (timeCycle)';
    diag.error(id, `${describe(el)} fires at ${kind}; only a duration (timeDuration) such as PT2H is supported yet`);
  } else if (duration === undefined) {
    diag.error(id, `${describe(el)} has no duration; set a timer duration such as PT2H or P3D`);
  } else if (duration.startsWith('=')) {
    diag.error(id, `${describe(el)} computes its duration with a FEEL expression ("${duration}"); only a fixed ISO-8601 duration such as PT2H or P3D is supported yet`);
  } else {
    const error = isoDurationError(duration);
    if (error) diag.error(id, `${describe(el)} has an invalid duration: ${error}`);
  }

  if (diag.errors.length > before || !hostId || duration === undefined) return undefined;
  return { type: 'boundaryEvent', ...baseNode(el, graph), attachedTo: hostId, cancelActivity: true, timer: { duration } };
}
