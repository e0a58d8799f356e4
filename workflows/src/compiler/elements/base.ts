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
    incoming: incomingOf(graph, el).map((f) => idOf(f)!),
    outgoing: outgoingOf(graph, el).map((f) => idOf(f)!),
    ...(lane === undefined ? {} : { lane }),
    boundaryEvents: (graph.boundaryEvents.get(id) ?? []).map((b) => idOf(b)!),
    ...(parent === undefined ? {} : { parent }),
  };
}
