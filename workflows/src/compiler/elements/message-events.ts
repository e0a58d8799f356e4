// Message events: message start (a case started by a published message),
// message intermediate catch, and the throwing ones (intermediate throw and
// end event) that send through a service.
import { triggerOfDefinition } from '../../ir/elements';
import type { IrEndEvent, IrIntermediateCatchEvent, IrIntermediateThrowEvent, IrNode, IrStartEvent } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import type { ProcessGraph } from '../graph';
import { eventDefinitions, idOf, type BpmnElement } from '../model';
import { baseNode } from './base';
import { compileMessageSubscription, compileMessageThrow } from './message';
import { rejectUnsupported } from './unsupported';

type NodeCompiler = (el: BpmnElement, graph: ProcessGraph, diag: Diagnostics) => IrNode | undefined;

/** Routes an event with a single message definition to `message`, anything else to `otherwise`. */
export function withMessageTrigger(message: NodeCompiler, otherwise: NodeCompiler): NodeCompiler {
  return (el, graph, diag) => (messageDefinition(el) ? message : otherwise)(el, graph, diag);
}

function messageDefinition(el: BpmnElement): BpmnElement | undefined {
  const definitions = eventDefinitions(el);
  return definitions.length === 1 && triggerOfDefinition(definitions[0]!) === 'message' ? definitions[0] : undefined;
}

/** At process level only: in an event sub-process its trigger starts that sub-process (read there); an embedded sub-process's start has none. */
export function compileMessageStartEvent(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrStartEvent | undefined {
  const scope = graph.parents.get(idOf(el) ?? '');
  if (scope?.triggeredByEvent === true) return { type: 'startEvent', ...baseNode(el, graph) };
  if (scope) return rejectUnsupported(el, diag, 'the start event of an embedded sub-process has no trigger');
  const message = compileMessageSubscription(el, messageDefinition(el)!, diag, { start: true });
  return message && { type: 'startEvent', ...baseNode(el, graph), message };
}

export function compileMessageCatchEvent(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrIntermediateCatchEvent | undefined {
  const message = compileMessageSubscription(el, messageDefinition(el)!, diag);
  return message && { type: 'intermediateCatchEvent', ...baseNode(el, graph), message };
}

export function compileMessageThrowEvent(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrIntermediateThrowEvent | undefined {
  const send = compileMessageThrow(el, messageDefinition(el)!, graph, diag);
  return send && { type: 'intermediateThrowEvent', ...baseNode(el, graph), send };
}

export function compileMessageEndEvent(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrEndEvent | undefined {
  const send = compileMessageThrow(el, messageDefinition(el)!, graph, diag);
  return send && { type: 'endEvent', ...baseNode(el, graph), terminate: false, send };
}
