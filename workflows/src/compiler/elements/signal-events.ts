// Signal events: signal start (a case started by a broadcast signal), signal
// intermediate catch and boundary events (wait for it), signal intermediate
// throw and end events (broadcast it). The signal is bpmn:signal `name`,
// fixed at deploy.
import { triggerOfDefinition } from '../../ir/elements';
import type { IrEndEvent, IrIntermediateCatchEvent, IrIntermediateThrowEvent, IrNode, IrSignal, IrStartEvent } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import type { ProcessGraph } from '../graph';
import { describe, elementProp, eventDefinitions, idOf, stringProp, type BpmnElement } from '../model';
import { baseNode } from './base';
import type { BoundaryTrigger } from './boundary-event';
import { rejectUnsupported } from './unsupported';

type NodeCompiler = (el: BpmnElement, graph: ProcessGraph, diag: Diagnostics) => IrNode | undefined;

export function signalDefinition(el: BpmnElement): BpmnElement | undefined {
  const definitions = eventDefinitions(el);
  return definitions.length === 1 && triggerOfDefinition(definitions[0]!) === 'signal' ? definitions[0] : undefined;
}

/** Routes an event with a single signal definition to `signal`, anything else to `otherwise`. */
export function withSignalTrigger(signal: NodeCompiler, otherwise: NodeCompiler): NodeCompiler {
  return (el, graph, diag) => (signalDefinition(el) ? signal : otherwise)(el, graph, diag);
}

/** The signal of `definition` (a bpmn:signalEventDefinition): its signalRef's name, required and fixed. */
export function compileSignal(el: BpmnElement, definition: BpmnElement, diag: Diagnostics): IrSignal | undefined {
  const id = idOf(el);
  const signal = elementProp(definition, 'signalRef');
  if (!signal) {
    // An unresolved signalRef was reported while parsing.
    if (!diag.hasErrorFor(id)) diag.error(id, `${describe(el)} has no signal; choose or create one (bpmn:signal with a name) in its properties`);
    return undefined;
  }
  const name = stringProp(signal, 'name')?.trim();
  if (!name) {
    diag.error(id, `${describe(el)} uses signal "${idOf(signal) ?? ''}", which has no name; the name is what a broadcast signal carries`);
    return undefined;
  }
  if (name.startsWith('=') || /[$#]\{/.test(name)) {
    diag.error(id, `${describe(el)} computes its signal name ("${name}"); only a fixed signal name is supported`);
    return undefined;
  }
  return { name };
}

/** At process level: a signal start event. In an event sub-process its trigger starts that sub-process (read there). */
export function compileSignalStartEvent(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrStartEvent | undefined {
  const scope = graph.parents.get(idOf(el) ?? '');
  if (scope?.triggeredByEvent === true) return { type: 'startEvent', ...baseNode(el, graph) };
  if (scope) return rejectUnsupported(el, diag, 'the start event of an embedded sub-process has no trigger');
  const signal = compileSignal(el, signalDefinition(el)!, diag);
  return signal && { type: 'startEvent', ...baseNode(el, graph), signal };
}

export function compileSignalCatchEvent(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrIntermediateCatchEvent | undefined {
  const signal = compileSignal(el, signalDefinition(el)!, diag);
  return signal && { type: 'intermediateCatchEvent', ...baseNode(el, graph), signal };
}

export function compileSignalThrowEvent(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrIntermediateThrowEvent | undefined {
  const signal = compileSignal(el, signalDefinition(el)!, diag);
  return signal && { type: 'intermediateThrowEvent', ...baseNode(el, graph), signal };
}

export function compileSignalEndEvent(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrEndEvent | undefined {
  const signal = compileSignal(el, signalDefinition(el)!, diag);
  return signal && { type: 'endEvent', ...baseNode(el, graph), terminate: false, signal };
}

/** Signal boundary events: interrupting, or (non-interrupting) a new path at every broadcast while the task goes on. */
export const SIGNAL_BOUNDARY_TRIGGER: BoundaryTrigger = {
  kind: 'signal',
  hostsText: 'user, service, send and receive tasks and sub-processes',
  compile: (el, definition, diag) => {
    const signal = compileSignal(el, definition, diag);
    return signal && { signal };
  },
};
