// What every IR node has: id, name, flows, lane, boundary events.
import type { IrStartEvent } from '../../ir';
import { incomingOf, outgoingOf, parentOf, type ProcessGraph } from '../graph';
import { displayName, idOf, type BpmnElement } from '../model';

export type IrNodeBase = Omit<IrStartEvent, 'type'>;

export function baseNode(el: BpmnElement, graph: ProcessGraph): IrNodeBase {
  const id = idOf(el)!;
  const lane = graph.lanes.get(id);
  const parent = parentOf(graph, el);
  return {
    id,
    name: displayName(el),
    // A flow without an id was reported (and fails the compilation); it has no place in the IR.
    incoming: incomingOf(graph, el).flatMap((f) => idOf(f) ?? []),
    outgoing: outgoingOf(graph, el).flatMap((f) => idOf(f) ?? []),
    ...(lane === undefined ? {} : { lane }),
    boundaryEvents: (graph.boundaryEvents.get(id) ?? []).map((b) => idOf(b)!),
    ...(parent === undefined ? {} : { parent }),
  };
}
