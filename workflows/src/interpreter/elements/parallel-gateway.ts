import type { IrParallelGateway } from '../../ir';
import type { CaseRuntime } from '../case-runtime';

/**
 * Split: a token on every outgoing flow. Join: the token that completes the set
 * of incoming flows continues; earlier ones end here.
 */
export function parallelGateway(rt: CaseRuntime, node: IrParallelGateway, joinArrivals: Map<string, number>): string[] {
  if (node.incoming.length > 1) {
    const arrived = (joinArrivals.get(node.id) ?? 0) + 1;
    if (arrived < node.incoming.length) {
      joinArrivals.set(node.id, arrived);
      return [];
    }
    joinArrivals.delete(node.id);
  }
  rt.passThrough(node);
  return node.outgoing;
}
