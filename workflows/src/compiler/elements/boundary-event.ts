// Boundary events: a deadline that interrupts a task, or a reminder that
// leaves it running (timer); an error or escalation from inside a sub-process
// or a called SOP.
// Each trigger kind says what it may be attached to and compiles its part.
import type { IrBoundaryEvent } from '../../ir';
import { BPMN_ELEMENTS, elementOfBpmnType, triggerOfDefinition, type EventTrigger } from '../../ir/elements';
import type { Diagnostics } from '../diagnostics';
import type { ProcessGraph } from '../graph';
import { describe, elementProp, eventDefinitions, idOf, label, type BpmnElement } from '../model';
import { baseNode } from './base';
import { catchCode } from './throw-codes';
import { compileTimer } from './timer';
import { MESSAGE_BOUNDARY_TRIGGER } from './message-boundary';
import { SIGNAL_BOUNDARY_TRIGGER } from './signal-events';
import { rejectUnsupported, supportedEventsHint } from './unsupported';

type TriggerPart = Pick<IrBoundaryEvent, 'timer' | 'error' | 'escalation' | 'message' | 'signal'>;

export interface BoundaryTrigger {
  /** The trigger; the hosts are the elements whose catalogue entry lists it in boundaryTriggers. */
  kind: EventTrigger;
  /** The hosts, as said in a message. */
  hostsText: string;
  /** Only interrupting (error events, by the standard). */
  interruptingOnly?: boolean;
  compile(el: BpmnElement, definition: BpmnElement, diag: Diagnostics): TriggerPart | undefined;
}

/** The boundary event triggers Alur runs, by trigger (each event definition's own part in its module). */
export const BOUNDARY_TRIGGERS: Partial<Record<EventTrigger, BoundaryTrigger>> = {
  timer: {
    kind: 'timer',
    hostsText: 'user, service, send and receive tasks, sub-processes and call activities',
    compile: (el, definition, diag) => {
      const timer = compileTimer(el, definition, diag);
      return timer && { timer };
    },
  },
  error: {
    kind: 'error',
    hostsText:
      'sub-processes, call activities and service tasks (an error end event inside, or a service task whose job answers with a bpmnError, throws an error)',
    interruptingOnly: true,
    compile: (el, definition, diag) => {
      const error = catchCode(el, definition, 'error', diag);
      return error && { error };
    },
  },
  escalation: {
    kind: 'escalation',
    hostsText: 'sub-processes and call activities (only an escalation event inside one, or in the called SOP, escalates)',
    compile: (el, definition, diag) => {
      const escalation = catchCode(el, definition, 'escalation', diag);
      return escalation && { escalation };
    },
  },
  message: MESSAGE_BOUNDARY_TRIGGER,
  signal: SIGNAL_BOUNDARY_TRIGGER,
};
/**
 * A boundary event with one trigger of BOUNDARY_TRIGGERS, interrupting (the
 * default) or not (`cancelActivity="false"`). (Its flows are checked with the
 * process structure.)
 */
export function compileBoundaryEvent(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrBoundaryEvent | undefined {
  const id = idOf(el);
  const definitions = eventDefinitions(el);
  const definition = definitions.length === 1 ? definitions[0] : undefined;
  const trigger = definition && BOUNDARY_TRIGGERS[triggerOfDefinition(definition) ?? 'terminate'];
  if (!definition || !trigger) return rejectUnsupported(el, diag, supportedEventsHint('boundaryEvent', 'boundary events'));

  const before = diag.errors.length;
  const host = elementProp(el, 'attachedToRef');
  const hostId = host && idOf(host);
  if (!host || !hostId) {
    // An unresolved attachedToRef was reported while parsing.
    if (!diag.hasErrorFor(id)) diag.error(id, `${describe(el)} is not attached to a task`);
  } else if (graph.nodeById.get(hostId) !== host) {
    diag.error(id, `${describe(el)} is attached to "${hostId}", which is not a step of this process`);
  } else if (completesAtOnce(host) && BPMN_ELEMENTS.userTask.boundaryTriggers.includes(trigger.kind)) {
    diag.error(
      id,
      `${describe(el)} is attached to ${describe(host)}, which completes as soon as it is reached, so the timer could never fire; attach it to a user or service task`,
    );
  } else if (!elementOfBpmnType(host.$type, host.triggeredByEvent === true)?.boundaryTriggers.includes(trigger.kind)) {
    diag.error(id, `${describe(el)} is attached to ${describe(host)}; ${label(el).toLowerCase()}s can only be attached to ${trigger.hostsText}`);
  }
  if (trigger.interruptingOnly && el.cancelActivity === false) {
    diag.error(id, `${describe(el)} is non-interrupting; ${label(el).toLowerCase()}s always interrupt (BPMN), so remove cancelActivity="false"`);
  }
  const part = trigger.compile(el, definition, diag);

  if (diag.errors.length > before || !hostId || !part) return undefined;
  return { type: 'boundaryEvent', ...baseNode(el, graph), attachedTo: hostId, cancelActivity: el.cancelActivity !== false, ...part };
}

function completesAtOnce(host: BpmnElement): boolean {
  const element = elementOfBpmnType(host.$type, host.triggeredByEvent === true);
  return element?.kind === 'task' && element.instant;
}
