// Which nodes a token can still get to from where it is: along sequence flows
// and through the boundary events of the nodes it passes. Flows never leave a
// scope, so this stays inside the scope of the starting node. Computed from the
// IR only (deterministic), once per node and IR.
import type { SopIR } from '../ir';

const cache = new WeakMap<SopIR, Map<string, ReadonlySet<string>>>();

/** The ids of the nodes reachable from `from` (not counting `from` unless it lies on a loop). */
export function reachableFrom(ir: SopIR, from: string): ReadonlySet<string> {
  let byNode = cache.get(ir);
  if (!byNode) cache.set(ir, (byNode = new Map()));
  let reached = byNode.get(from);
  if (reached) return reached;
  const found = new Set<string>();
  const queue = successors(ir, from);
  for (let id = queue.pop(); id !== undefined; id = queue.pop()) {
    if (found.has(id)) continue;
    found.add(id);
    queue.push(...successors(ir, id));
  }
  reached = found;
  byNode.set(from, reached);
  return reached;
}

function successors(ir: SopIR, id: string): string[] {
  const node = ir.nodes[id];
  if (!node) return [];
  return [...node.outgoing.map((f) => ir.flows[f]?.target).filter((t): t is string => t !== undefined), ...node.boundaryEvents];
}
