// Every step needs a way to finish: a path, over sequence flows and boundary
// events, to an end event of its scope. A loop with no way out would keep a
// case running until the interpreter's per-case step limit stops it; better
// refused at deploy, naming the steps.
import { isBpmnType } from '../ir/elements';
import type { Diagnostics } from './diagnostics';
import { endpoint, incomingOf, outgoingOf, type ProcessGraph } from './graph';
import { describe, elementProp, idOf, type BpmnElement } from './model';

export function checkEveryStepCanFinish(graph: ProcessGraph, diag: Diagnostics): void {
  const canFinish = leadsTo(
    graph,
    graph.nodes.filter((n) => isBpmnType(n, 'endEvent')),
  );
  // A dead end (a step without outgoing flows that is not an end event) and a refused element are
  // reported on their own; the steps that lead only to them are not told they are in a loop.
  const explained = leadsTo(
    graph,
    graph.nodes.filter((n) => diag.isRefused(idOf(n)) || (!isBpmnType(n, 'endEvent') && outgoingOf(graph, n).length === 0)),
  );
  for (const node of graph.nodes) {
    // A step reported already (unreachable, unconnected...) needs no second message.
    if (canFinish.has(node) || explained.has(node) || !needsAWayOut(graph, node) || diag.hasErrorFor(idOf(node))) continue;
    diag.error(
      idOf(node),
      `${describe(node)} has no path to an end event: every way on from it leads back into a loop, so a case that reaches it could never finish; add a flow out of the loop to an end event`,
    );
  }
}

/** The nodes from which one of `targets` can be reached, over sequence flows and boundary events (the targets included). */
function leadsTo(graph: ProcessGraph, targets: BpmnElement[]): Set<BpmnElement> {
  const found = new Set<BpmnElement>();
  const queue = [...targets];
  for (let node = queue.pop(); node; node = queue.pop()) {
    if (found.has(node)) continue;
    found.add(node);
    const before = incomingOf(graph, node).map((flow) => graph.nodeById.get(endpoint(flow, 'sourceRef', graph) ?? ''));
    // A task can finish through one of its boundary events.
    const host = isBpmnType(node, 'boundaryEvent') ? elementProp(node, 'attachedToRef') : undefined;
    for (const n of [...before, host]) if (n && !found.has(n)) queue.push(n);
  }
  return found;
}

/** Steps without outgoing flows, event sub-processes and compensation handlers are reported (or allowed) by other checks. */
function needsAWayOut(graph: ProcessGraph, node: BpmnElement): boolean {
  if (node.triggeredByEvent === true || node.isForCompensation === true) return false;
  return outgoingOf(graph, node).length > 0;
}
