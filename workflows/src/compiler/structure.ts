// The shape of the process: one start event, every step connected, every
// step reachable.
import { elementOfBpmnType, isBpmnType } from '../ir/elements';
import type { Diagnostics } from './diagnostics';
import { endpoint, incomingOf, isSubProcess, outgoingOf, type ProcessGraph } from './graph';
import { messageStartEvents } from './message-starts';
import { signalDefinition } from './elements/signal-events';
import { timerDefinition } from './elements/timer-start';
import { describe, displayName, eventDefinitions, idOf, label, type BpmnElement } from './model';

/**
 * Checks the start event count and each node's flows; returns the id of the
 * none start event (at most one), else of the first message start event.
 */
export function checkStructure(graph: ProcessGraph, diag: Diagnostics): string | undefined {
  const topLevel = graph.nodes.filter((n) => !graph.parents.has(idOf(n) ?? ''));
  const startEvents = topLevel.filter((n) => isBpmnType(n, 'startEvent'));
  const noneStarts = startEvents.filter((n) => eventDefinitions(n).length === 0);
  const messageStarts = messageStartEvents(startEvents, diag);
  const signalStarts = startEvents.filter((n) => signalDefinition(n));
  const timerStarts = startEvents.filter((n) => timerDefinition(n));
  if (startEvents.length === 0) {
    diag.error(idOf(graph.process), `${describe(graph.process)} has no start event`);
  } else if (noneStarts.length > 1) {
    const names = noneStarts.map((n) => `"${displayName(n)}"`).join(', ');
    for (const start of noneStarts) {
      diag.error(idOf(start), `${describe(start)} is one of ${noneStarts.length} start events (${names}); a process must have exactly one`);
    }
  }
  for (const node of graph.nodes) checkFlowsOf(node, graph, diag);
  for (const flow of graph.flows) checkFlowStaysInScope(flow, graph, diag);

  // Without a none start event, cases start only by a message, signal or timer (the IR's start event is then the first of those).
  const start = noneStarts.length === 1 ? noneStarts[0]! : noneStarts.length === 0 ? (messageStarts[0] ?? signalStarts[0] ?? timerStarts[0]) : undefined;
  // Steps after a refused element were cut off by it: its error says why, they need none of their own.
  const refused = (scope: BpmnElement[]) => scope.filter((n) => diag.isRefused(idOf(n)));
  if (start) checkReachable([...noneStarts, ...messageStarts, ...signalStarts, ...timerStarts, ...refused(topLevel)], topLevel, graph, diag);
  // Each sub-process's own start event was checked when it compiled; its steps must be reachable from it.
  for (const sub of graph.nodes.filter(isSubProcess)) {
    const inside = graph.nodes.filter((n) => graph.parents.get(idOf(n) ?? '') === sub);
    const starts = inside.filter((n) => isBpmnType(n, 'startEvent'));
    if (starts.length === 1) checkReachable([...starts, ...refused(inside)], inside, graph, diag);
  }
  return start && idOf(start);
}

/** A sequence flow connects two steps of the same scope: it cannot enter or leave a sub-process. */
function checkFlowStaysInScope(flow: BpmnElement, graph: ProcessGraph, diag: Diagnostics): void {
  const source = graph.nodeById.get(endpoint(flow, 'sourceRef', graph) ?? '');
  const target = graph.nodeById.get(endpoint(flow, 'targetRef', graph) ?? '');
  if (!source || !target) return;
  const scopeOf = (n: BpmnElement) => graph.parents.get(idOf(n) ?? '');
  if (scopeOf(source) === scopeOf(target)) return;
  const where = (n: BpmnElement) => {
    const scope = scopeOf(n);
    return scope ? `inside ${label(scope).toLowerCase()} "${displayName(scope)}"` : 'at process level';
  };
  diag.error(
    idOf(flow),
    `${describe(flow)} connects ${describe(source)} ${where(source)} with ${describe(target)} ${where(target)}; a sequence flow cannot cross the border of a sub-process`,
  );
}

function checkFlowsOf(node: BpmnElement, graph: ProcessGraph, diag: Diagnostics): void {
  const id = idOf(node);
  if (node.triggeredByEvent === true && isBpmnType(node, 'subProcess')) {
    if (incomingOf(graph, node).length + outgoingOf(graph, node).length > 0) {
      diag.error(id, `${describe(node)} must not have sequence flows; its start event's trigger starts it`);
    }
    return;
  }
  // Compensation handlers have no flows by design; they are rejected on their own, as is every refused element.
  if (node.triggeredByEvent === true || node.isForCompensation === true || diag.isRefused(id)) return;
  const incoming = incomingOf(graph, node).length;
  const outgoing = outgoingOf(graph, node).length;
  switch (elementOfBpmnType(node.$type)?.type) {
    case 'startEvent':
      if (incoming > 0) diag.error(id, `${describe(node)} must not have incoming sequence flows`);
      if (outgoing === 0) diag.error(id, `${describe(node)} has no outgoing sequence flow; connect it to the first step`);
      return;
    case 'boundaryEvent':
      if (incoming > 0) diag.error(id, `${describe(node)} must not have incoming sequence flows`);
      if (outgoing !== 1) diag.error(id, `${describe(node)} needs exactly one outgoing sequence flow; it has ${outgoing}`);
      return;
    case 'endEvent':
      if (incoming === 0) diag.error(id, `${describe(node)} has no incoming sequence flow, so it can never be reached`);
      if (outgoing > 0) diag.error(id, `${describe(node)} must not have outgoing sequence flows; an end event ends its path`);
      return;
    default:
      if (incoming === 0) diag.error(id, `${describe(node)} has no incoming sequence flow, so it can never be reached`);
      if (outgoing === 0) {
        diag.error(
          id,
          `${describe(node)} has no outgoing sequence flow and is not an end event, so a case that reaches it could not go on; connect it to the next step or to an end event`,
        );
      }
  }
}

/** Reports nodes that have incoming flows but no path from a start event (e.g. a loop detached from the rest). */
function checkReachable(starts: BpmnElement[], scopeNodes: BpmnElement[], graph: ProcessGraph, diag: Diagnostics): void {
  const reached = new Set<BpmnElement>();
  const queue = [...starts];
  for (let node = queue.pop(); node; node = queue.pop()) {
    if (reached.has(node)) continue;
    reached.add(node);
    const targets = outgoingOf(graph, node).map((flow) => graph.nodeById.get(endpoint(flow, 'targetRef', graph) ?? ''));
    for (const n of [...targets, ...(graph.boundaryEvents.get(idOf(node) ?? '') ?? [])]) {
      if (n && !reached.has(n)) queue.push(n);
    }
  }
  for (const node of scopeNodes) {
    // Nodes without incoming flows were reported already; a boundary event is as reachable as its task.
    if (reached.has(node) || isBpmnType(node, 'boundaryEvent') || incomingOf(graph, node).length === 0) continue;
    diag.error(idOf(node), `${describe(node)} cannot be reached from the start event`);
  }
}
