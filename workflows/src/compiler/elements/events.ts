// Start and end events.
import type { IrEndEvent, IrStartEvent } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import type { ProcessGraph } from '../graph';
import { eventDefinitions, type BpmnElement } from '../model';
import { baseNode } from './base';
import { rejectUnsupported } from './unsupported';

/** A none start event (no trigger). Timer, message, signal, ... start events are rejected. */
export function compileStartEvent(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrStartEvent | undefined {
  if (eventDefinitions(el).length > 0) return rejectUnsupported(el, diag, 'use a start event without a trigger');
  return { type: 'startEvent', ...baseNode(el, graph) };
}

/** A none or terminate end event. Message, error, escalation, ... end events are rejected. */
export function compileEndEvent(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrEndEvent | undefined {
  const definitions = eventDefinitions(el);
  const terminate = definitions.length === 1 && definitions[0]!.$type === 'bpmn:TerminateEventDefinition';
  if (definitions.length > 0 && !terminate) return rejectUnsupported(el, diag, 'use a plain or a terminate end event');
  return { type: 'endEvent', ...baseNode(el, graph), terminate };
}
