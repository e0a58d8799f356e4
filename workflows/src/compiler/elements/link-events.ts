// Link intermediate events, as Camunda 8 runs them: a link throw event goes on
// at the link catch event of the same name in the same scope (the process or
// one sub-process), as if a sequence flow joined them. The pairing is made
// once for the whole process (../links.ts), which gives each pair a sequence
// flow of its own in the IR; the events themselves only record that they
// were passed.
import { triggerOfDefinition } from '../../ir/elements';
import type { IrIntermediateCatchEvent, IrIntermediateThrowEvent, IrNode } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import type { ProcessGraph } from '../graph';
import { eventDefinitions, normalizeName, stringProp, type BpmnElement } from '../model';
import { baseNode } from './base';

type NodeCompiler = (el: BpmnElement, graph: ProcessGraph, diag: Diagnostics) => IrNode | undefined;

/** The element's link event definition, when it is its only one. */
export function linkDefinition(el: BpmnElement): BpmnElement | undefined {
  const definitions = eventDefinitions(el);
  return definitions.length === 1 && triggerOfDefinition(definitions[0]!) === 'link' ? definitions[0] : undefined;
}

/** The link's name (its link event definition's name); undefined when it has none. */
export function linkName(el: BpmnElement): string | undefined {
  const definition = linkDefinition(el);
  return (definition && normalizeName(stringProp(definition, 'name'))) || undefined;
}

/** Routes an event with a single link definition to `link`, anything else to `otherwise`. */
export function withLinkTrigger(link: NodeCompiler, otherwise: NodeCompiler): NodeCompiler {
  return (el, graph, diag) => (linkDefinition(el) ? link : otherwise)(el, graph, diag);
}

/** A link without a name was reported with the pairing (../links.ts). */
export function compileLinkThrowEvent(el: BpmnElement, graph: ProcessGraph): IrIntermediateThrowEvent | undefined {
  const link = linkName(el);
  return link === undefined ? undefined : { type: 'intermediateThrowEvent', ...baseNode(el, graph), link };
}

export function compileLinkCatchEvent(el: BpmnElement, graph: ProcessGraph): IrIntermediateCatchEvent | undefined {
  const link = linkName(el);
  return link === undefined ? undefined : { type: 'intermediateCatchEvent', ...baseNode(el, graph), link };
}
