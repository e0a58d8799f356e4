// The process as a graph: its flow nodes and sequence flows in document
// order, and who connects to whom.
import { isBpmnType } from '../ir/elements';
import type { Diagnostics } from './diagnostics';
import { laneNames } from './lanes';
import { displayName, elementProp, elementsProp, idOf, label, type BpmnElement } from './model';

export interface ProcessGraph {
  process: BpmnElement;
  /** Flow nodes (events, tasks, gateways, sub-processes, ...) in document order. */
  nodes: BpmnElement[];
  /** Sequence flows in document order. */
  flows: BpmnElement[];
  nodeById: Map<string, BpmnElement>;
  /** Node id → sequence flows ending / starting there, in document order. */
  incoming: Map<string, BpmnElement[]>;
  outgoing: Map<string, BpmnElement[]>;
  /** Task id → boundary events attached to it, in document order. */
  boundaryEvents: Map<string, BpmnElement[]>;
  /** Node id → innermost lane name. */
  lanes: Map<string, string>;
  /** Node id → the sub-process (embedded or event) directly holding it; absent at process level. */
  parents: Map<string, BpmnElement>;
}

/** Sub-processes whose flow elements are scopes of their own (ad-hoc and transaction ones are rejected whole). */
export function isSubProcess(el: BpmnElement): boolean {
  return isBpmnType(el, 'subProcess');
}

/** Flow elements that describe data, not steps: nothing to execute. */
const DATA_ELEMENTS = new Set(['bpmn:DataObject', 'bpmn:DataObjectReference', 'bpmn:DataStoreReference']);

export function buildGraph(process: BpmnElement, diag: Diagnostics): ProcessGraph {
  const graph: ProcessGraph = {
    process,
    nodes: [],
    flows: [],
    nodeById: new Map(),
    incoming: new Map(),
    outgoing: new Map(),
    boundaryEvents: new Map(),
    lanes: laneNames(process),
    parents: new Map(),
  };
  const collect = (container: BpmnElement, parent: BpmnElement | undefined) => {
    for (const el of elementsProp(container, 'flowElements')) {
      if (DATA_ELEMENTS.has(el.$type)) continue;
      const id = idOf(el);
      if (!id) {
        if (el.$type === 'bpmn:SequenceFlow') {
          // Still connects its steps (so they are not reported as unconnected too); the flow's own error is the one.
          unnamedFlows.push(el);
          diag.error(undefined, `${flowWithoutIdText(el)} has no id; give it one (the modeler does when you redraw it)`);
        } else {
          diag.error(undefined, `A ${label(el).toLowerCase()} in the process has no id`);
        }
        continue;
      }
      if (el.$type === 'bpmn:SequenceFlow') {
        graph.flows.push(el);
      } else {
        graph.nodes.push(el);
        graph.nodeById.set(id, el);
      }
      if (parent) graph.parents.set(id, parent);
      if (isSubProcess(el)) collect(el, el);
    }
  };
  const unnamedFlows: BpmnElement[] = [];
  collect(process, undefined);
  // A step inside a sub-process that no lane lists belongs to the sub-process's lane.
  for (const node of graph.nodes) {
    const id = idOf(node)!;
    for (let p = graph.parents.get(id); p && !graph.lanes.has(id); p = graph.parents.get(idOf(p)!)) {
      const lane = graph.lanes.get(idOf(p)!);
      if (lane !== undefined) graph.lanes.set(id, lane);
    }
  }
  for (const flow of [...graph.flows, ...unnamedFlows]) {
    const source = endpoint(flow, 'sourceRef', graph);
    const target = endpoint(flow, 'targetRef', graph);
    if (source) push(graph.outgoing, source, flow);
    if (target) push(graph.incoming, target, flow);
  }
  for (const node of graph.nodes) {
    if (!isBpmnType(node, 'boundaryEvent')) continue;
    const host = elementProp(node, 'attachedToRef');
    const hostId = host && idOf(host);
    if (hostId && graph.nodeById.get(hostId) === host) push(graph.boundaryEvents, hostId, node);
  }
  return graph;
}

/** `The sequence flow from "Terima berkas" to "Periksa"`, for a flow that has no id to name it by. */
function flowWithoutIdText(flow: BpmnElement): string {
  const end = (property: string) => {
    const node = elementProp(flow, property);
    return node ? `"${displayName(node)}"` : '(nothing)';
  };
  return `The sequence flow from ${end('sourceRef')} to ${end('targetRef')}`;
}

/** The id of a flow's source or target when it is a node of this process. */
export function endpoint(flow: BpmnElement, property: 'sourceRef' | 'targetRef', graph: ProcessGraph): string | undefined {
  const node = elementProp(flow, property);
  const id = node && idOf(node);
  return id && graph.nodeById.get(id) === node ? id : undefined;
}

/** The id of the sub-process directly holding `node`, if any. */
export function parentOf(graph: ProcessGraph, node: BpmnElement): string | undefined {
  const parent = graph.parents.get(idOf(node) ?? '');
  return parent && idOf(parent);
}

export function incomingOf(graph: ProcessGraph, node: BpmnElement): BpmnElement[] {
  return graph.incoming.get(idOf(node) ?? '') ?? [];
}

export function outgoingOf(graph: ProcessGraph, node: BpmnElement): BpmnElement[] {
  return graph.outgoing.get(idOf(node) ?? '') ?? [];
}

function push(map: Map<string, BpmnElement[]>, key: string, value: BpmnElement): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
