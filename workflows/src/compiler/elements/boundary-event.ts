// Boundary events: a deadline that interrupts a task, or a reminder that
// leaves it running (timer); an error or escalation from inside a sub-process
// or a called SOP.
// Each trigger kind says what it may be attached to and compiles its part.
import type { IrBoundaryEvent } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import type { ProcessGraph } from '../graph';
import { describe, elementProp, eventDefinitions, idOf, label, type BpmnElement } from '../model';
import { baseNode } from './base';
import { catchCode } from './throw-codes';
import { compileTimer } from './timer';
import { MESSAGE_BOUNDARY_TRIGGER } from './message-boundary';
import { SIGNAL_BOUNDARY_TRIGGER } from './signal-events';
import { rejectUnsupported } from './unsupported';

/** Activities that wait (for a person, a call, or the steps inside), so a timer on them can fire. */
const WAITING = new Set(['bpmn:UserTask', 'bpmn:ServiceTask', 'bpmn:SendTask', 'bpmn:ReceiveTask', 'bpmn:SubProcess', 'bpmn:CallActivity']);
/** Only the steps inside a sub-process, or a called SOP's steps, throw escalations in Alur. */
const ESCALATION_HOSTS = new Set(['bpmn:SubProcess', 'bpmn:CallActivity']);
/** A called SOP's uncaught error end event reaches its call activity. */
const ERROR_HOSTS = new Set([...ESCALATION_HOSTS, 'bpmn:ServiceTask']);

type TriggerPart = Pick<IrBoundaryEvent, 'timer' | 'error' | 'escalation' | 'message' | 'signal'>;

export interface BoundaryTrigger {
  /** Host element types, and how to say them in a message. */
  hosts: ReadonlySet<string>;
  hostsText: string;
  /** Only interrupting (error events, by the standard). */
  interruptingOnly?: boolean;
  compile(el: BpmnElement, definition: BpmnElement, diag: Diagnostics): TriggerPart | undefined;
}

/** The boundary event triggers Alur runs, by event definition type. */
export const BOUNDARY_TRIGGERS: Record<string, BoundaryTrigger> = {
  'bpmn:TimerEventDefinition': {
    hosts: WAITING,
    hostsText: 'user, service, send and receive tasks, sub-processes and call activities',
    compile: (el, definition, diag) => {
      const timer = compileTimer(el, definition, diag);
      return timer && { timer };
    },
  },
  'bpmn:ErrorEventDefinition': {
    hosts: ERROR_HOSTS,
    hostsText: 'sub-processes, call activities and service tasks (an error end event inside, or a service task whose job answers with a bpmnError, throws an error)',
    interruptingOnly: true,
    compile: (el, definition, diag) => {
      const error = catchCode(el, definition, 'error', diag);
      return error && { error };
    },
  },
  'bpmn:EscalationEventDefinition': {
    hosts: ESCALATION_HOSTS,
    hostsText: 'sub-processes and call activities (only an escalation event inside one, or in the called SOP, escalates)',
    compile: (el, definition, diag) => {
      const escalation = catchCode(el, definition, 'escalation', diag);
      return escalation && { escalation };
    },
  },
  'bpmn:MessageEventDefinition': MESSAGE_BOUNDARY_TRIGGER,
  'bpmn:SignalEventDefinition': SIGNAL_BOUNDARY_TRIGGER,
};
/** Tasks Alur runs that complete as soon as they are reached. */
const INSTANT_TASKS = new Set(['bpmn:ManualTask', 'bpmn:ScriptTask']);

/**
 * A boundary event with one trigger of BOUNDARY_TRIGGERS, interrupting (the
 * default) or not (`cancelActivity="false"`). (Its flows are checked with the
 * process structure.)
 */
export function compileBoundaryEvent(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrBoundaryEvent | undefined {
  const id = idOf(el);
  const definitions = eventDefinitions(el);
  const definition = definitions.length === 1 ? definitions[0] : undefined;
  const trigger = definition && BOUNDARY_TRIGGERS[definition.$type];
  if (!definition || !trigger) return rejectUnsupported(el, diag, 'only timer, message, signal, error and escalation boundary events are supported');

  const before = diag.errors.length;
  const host = elementProp(el, 'attachedToRef');
  const hostId = host && idOf(host);
  if (!host || !hostId) {
    // An unresolved attachedToRef was reported while parsing.
    if (!diag.hasErrorFor(id)) diag.error(id, `${describe(el)} is not attached to a task`);
  } else if (graph.nodeById.get(hostId) !== host) {
    diag.error(id, `${describe(el)} is attached to "${hostId}", which is not a step of this process`);
  } else if (INSTANT_TASKS.has(host.$type) && trigger.hosts.has('bpmn:UserTask')) {
    diag.error(id, `${describe(el)} is attached to ${describe(host)}, which completes as soon as it is reached, so the timer could never fire; attach it to a user or service task`);
  } else if (!trigger.hosts.has(host.$type) || host.triggeredByEvent === true) {
    diag.error(id, `${describe(el)} is attached to ${describe(host)}; ${label(el).toLowerCase()}s can only be attached to ${trigger.hostsText}`);
  }
  if (trigger.interruptingOnly && el.cancelActivity === false) {
    diag.error(id, `${describe(el)} is non-interrupting; ${label(el).toLowerCase()}s always interrupt (BPMN), so remove cancelActivity="false"`);
  }
  const part = trigger.compile(el, definition, diag);

  if (diag.errors.length > before || !hostId || !part) return undefined;
  return { type: 'boundaryEvent', ...baseNode(el, graph), attachedTo: hostId, cancelActivity: el.cancelActivity !== false, ...part };
}
