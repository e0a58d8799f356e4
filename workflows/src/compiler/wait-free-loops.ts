// Loops with no wait state on them. A case that takes such a loop runs it in
// one go, step after step, until the interpreter's step budget stops it; the
// diagram may be right (the loop ends when a condition changes), so this is a
// warning, not a refusal, naming the steps of each such loop.
import type { Diagnostics } from './diagnostics';
import { endpoint, isSubProcess, outgoingOf, type ProcessGraph } from './graph';
import { idOf, type BpmnElement } from './model';
import { elementOfBpmnType } from '../ir/elements';

/**
 * Steps where a case stops and waits for someone or something outside it; a
 * job of Alur's own worker (a service or send task) ends by itself, so a loop
 * through one still runs away.
 */
function waitsOutside(node: BpmnElement): boolean {
  const waitsFor = elementOfBpmnType(node.$type, node.triggeredByEvent === true)?.waitsFor;
  return waitsFor !== undefined && waitsFor !== 'job';
}

export function warnWaitFreeLoops(graph: ProcessGraph, diag: Diagnostics): void {
  const waits = (node: BpmnElement): boolean => waitsOutside(node) || (isSubProcess(node) && node.triggeredByEvent !== true && hasWaitStateInside(graph, node));
  // Every cycle left once the wait states are taken out has none on it: the
  // strongly connected components of what is left are those loops.
  const rest = graph.nodes.filter((n) => !waits(n));
  const inRest = new Set(rest);
  const next = (node: BpmnElement): BpmnElement[] => {
    const targets = outgoingOf(graph, node).map((f) => graph.nodeById.get(endpoint(f, 'targetRef', graph) ?? ''));
    // A boundary event leaves its task (e.g. an error boundary event on a service task).
    const boundary = graph.boundaryEvents.get(idOf(node) ?? '') ?? [];
    return [...targets, ...boundary].filter((n): n is BpmnElement => !!n && inRest.has(n));
  };
  for (const component of stronglyConnected(rest, next)) {
    const first = component[0]!;
    if (component.length === 1 && !next(first).includes(first)) continue;
    const cycle = shortestCycle(first, new Set(component), next);
    diag.warn(
      idOf(first),
      `Steps ${cycle.map((n) => idOf(n)).join(' -> ')} form a loop with no wait state (user task, receive task, timer, message or signal); a case that takes it may loop until its step budget stops it`,
    );
  }
}

/** Whether a case inside the sub-process (or a sub-process nested in it) can wait; event sub-processes don't count. */
function hasWaitStateInside(graph: ProcessGraph, sub: BpmnElement): boolean {
  return graph.nodes.some(
    (n) => graph.parents.get(idOf(n) ?? '') === sub && (waitsOutside(n) || (isSubProcess(n) && n.triggeredByEvent !== true && hasWaitStateInside(graph, n))),
  );
}

/** Tarjan's strongly connected components, each in document order, in the document order of their first node. */
function stronglyConnected(nodes: BpmnElement[], next: (n: BpmnElement) => BpmnElement[]): BpmnElement[][] {
  const index = new Map<BpmnElement, number>();
  const low = new Map<BpmnElement, number>();
  const onStack = new Set<BpmnElement>();
  const stack: BpmnElement[] = [];
  const components: BpmnElement[][] = [];
  const order = new Map(nodes.map((n, i) => [n, i]));
  let counter = 0;
  // Iterative, so a diagram with a long chain of steps cannot overflow the call stack.
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: BpmnElement; targets: BpmnElement[]; at: number }[] = [];
    const visit = (node: BpmnElement) => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, targets: next(node), at: 0 });
    };
    visit(root);
    while (work.length > 0) {
      const frame = work[work.length - 1]!;
      if (frame.at < frame.targets.length) {
        const target = frame.targets[frame.at++]!;
        if (!index.has(target)) visit(target);
        else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: BpmnElement[] = [];
      let member: BpmnElement;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      components.push(component.sort((a, b) => order.get(a)! - order.get(b)!));
    }
  }
  return components.sort((a, b) => order.get(a[0]!)! - order.get(b[0]!)!);
}

/** The shortest way from `start` back to itself inside `within`, both ends included: [G1, G2, G1]. */
function shortestCycle(start: BpmnElement, within: Set<BpmnElement>, next: (n: BpmnElement) => BpmnElement[]): BpmnElement[] {
  const cameFrom = new Map<BpmnElement, BpmnElement>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i]!;
    for (const target of next(node)) {
      if (!within.has(target)) continue;
      if (target === start) {
        const path = [start];
        for (let n: BpmnElement | undefined = node; n && n !== start; n = cameFrom.get(n)) path.push(n);
        return [start, ...path.slice(1).reverse(), start];
      }
      if (!cameFrom.has(target)) {
        cameFrom.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start, start];
}
