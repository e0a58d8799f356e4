// The shape of the process: one start event, every step connected, every
// step reachable.
import type { Diagnostics } from './diagnostics';
import { endpoint, incomingOf, outgoingOf, type ProcessGraph } from './graph';
import { describe, displayName, eventDefinitions, idOf, type BpmnElement } from './model';

/**
 * Checks the start event count and each node's flows; returns the id of the
 * start event when there is exactly one none start event.
 */
export function checkStructure(graph: ProcessGraph, diag: Diagnostics): string | undefined {
  const startEvents = graph.nodes.filter((n) => n.$type === 'bpmn:StartEvent');
  const noneStarts = startEvents.filter((n) => eventDefinitions(n).length === 0);
  if (startEvents.length === 0) {
    diag.error(idOf(graph.process), `${describe(graph.process)} has no start event`);
  } else if (noneStarts.length > 1) {
    const names = noneStarts.map((n) => `"${displayName(n)}"`).join(', ');
    for (const start of noneStarts) {
      diag.error(idOf(start), `${describe(start)} is one of ${noneStarts.length} start events (${names}); a process must have exactly one`);
    }
  }
  for (const node of graph.nodes) checkFlowsOf(node, graph, diag);

  const start = noneStarts.length === 1 ? noneStarts[0]! : undefined;
  if (start) checkReachable(start, graph, diag);
  return start && idOf(start);
}

function checkFlowsOf(node: BpmnElement, graph: ProcessGraph, diag: Diagnostics): void {
  // Event sub-processes and compensation handlers have no flows by design; they are rejected on their own.
  if (node.triggeredByEvent === true || node.isForCompensation === true) return;
  const id = idOf(node);
  const incoming = incomingOf(graph, node).length;
  const outgoing = outgoingOf(graph, node).length;
  switch (node.$type) {
    case 'bpmn:StartEvent':
      if (incoming > 0) diag.error(id, `${describe(node)} must not have incoming sequence flows`);
      if (outgoing === 0) diag.error(id, `${describe(node)} has no outgoing sequence flow; connect it to the first step`);
      return;
    case 'bpmn:BoundaryEvent':
      if (incoming > 0) diag.error(id, `${describe(node)} must not have incoming sequence flows`);
      if (outgoing !== 1) diag.error(id, `${describe(node)} needs exactly one outgoing sequence flow; it has ${outgoing}`);
      return;
    case 'bpmn:EndEvent':
      if (incoming === 0) diag.error(id, `${describe(node)} has no incoming sequence flow, so it can never be reached`);
      if (outgoing > 0) diag.error(id, `${describe(node)} must not have outgoing sequence flows; an end event ends its path`);
      return;
    default:
      if (incoming === 0) diag.error(id, `${describe(node)} has no incoming sequence flow, so it can never be reached`);
      if (outgoing === 0) diag.error(id, `${describe(node)} has no outgoing sequence flow; connect it to the next step or to an end event`);
  }
}

/** Reports nodes that have incoming flows but no path from the start event (e.g. a loop detached from the rest). */
function checkReachable(start: BpmnElement, graph: ProcessGraph, diag: Diagnostics): void {
  const reached = new Set<BpmnElement>();
  const queue = [start];
  for (let node = queue.pop(); node; node = queue.pop()) {
    if (reached.has(node)) continue;
    reached.add(node);
    const targets = outgoingOf(graph, node).map((flow) => graph.nodeById.get(endpoint(flow, 'targetRef', graph) ?? ''));
    for (const n of [...targets, ...(graph.boundaryEvents.get(idOf(node) ?? '') ?? [])]) {
      if (n && !reached.has(n)) queue.push(n);
    }
  }
  for (const node of graph.nodes) {
    // Nodes without incoming flows were reported already; a boundary event is as reachable as its task.
    if (reached.has(node) || node.$type === 'bpmn:BoundaryEvent' || incomingOf(graph, node).length === 0) continue;
    diag.error(idOf(node), `${describe(node)} cannot be reached from the start event`);
  }
}
