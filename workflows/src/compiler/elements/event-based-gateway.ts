// Event-based gateways: the case waits for the first of several events.
import { BPMN_ELEMENTS, isBpmnType, triggerOfDefinition } from '../../ir/elements';
import type { IrEventBasedGateway } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import { endpoint, incomingOf, outgoingOf, type ProcessGraph } from '../graph';
import { describe, displayName, elementProp, eventDefinitions, idOf, stringProp, type BpmnElement } from '../model';
import { baseNode } from './base';

/**
 * Each outgoing flow leads to a message or timer intermediate catch event with
 * no other incoming flow (as Camunda 8 requires); at least two of them, and no
 * message twice. (The events themselves compile on their own.)
 */
export function compileEventBasedGateway(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrEventBasedGateway | undefined {
  const id = idOf(el);
  const before = diag.errors.length;
  if (el.instantiate === true || el.eventGatewayType === 'Parallel') {
    diag.error(
      id,
      `${describe(el)} starts cases (instantiate) or waits for all events (Parallel); only an exclusive event-based gateway inside a process is supported`,
    );
  }
  const outgoing = outgoingOf(graph, el);
  if (outgoing.length < 2) {
    diag.error(
      id,
      `${describe(el)} has ${outgoing.length} outgoing sequence flow(s); it needs at least two, each to a message, signal or timer intermediate catch event`,
    );
  }
  const messages = new Map<string, BpmnElement>();
  for (const flow of outgoing) {
    const target = graph.nodeById.get(endpoint(flow, 'targetRef', graph) ?? '');
    if (!target) continue; // reported with the flow
    const definitions = eventDefinitions(target);
    const definition =
      isBpmnType(target, 'intermediateCatchEvent') &&
      definitions.length === 1 &&
      BPMN_ELEMENTS.eventBasedGateway.triggers.includes(triggerOfDefinition(definitions[0]!) ?? 'terminate')
        ? definitions[0]
        : undefined;
    if (!definition) {
      diag.error(
        idOf(flow),
        `Sequence flow "${displayName(flow)}" leads from event-based gateway "${displayName(el)}" to ${describe(target)}; each flow of an event-based gateway must lead to a message, signal or timer intermediate catch event`,
      );
      continue;
    }
    if (incomingOf(graph, target).length > 1) {
      diag.error(idOf(target), `${describe(target)} follows event-based gateway "${displayName(el)}" and must have no other incoming sequence flow`);
    }
    const message = elementProp(definition, 'messageRef');
    const name = message && stringProp(message, 'name')?.trim();
    if (name) {
      const other = messages.get(name);
      if (other)
        diag.error(
          idOf(target),
          `${describe(target)} and ${describe(other)} after event-based gateway "${displayName(el)}" wait for the same message "${name}"; each must wait for a different one`,
        );
      else messages.set(name, target);
    }
  }
  if (diag.errors.length > before) return undefined;
  return { type: 'eventBasedGateway', ...baseNode(el, graph) };
}
