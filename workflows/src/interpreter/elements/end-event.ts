import type { IrEndEvent } from '../../ir';
import type { CaseRuntime } from '../case-runtime';

/** Returns no flows: the token ends. A terminate end event ends the whole case. */
export function endEvent(rt: CaseRuntime, node: IrEndEvent, terminate: (byElementId: string) => void): string[] {
  rt.passThrough(node);
  if (node.terminate) terminate(node.id);
  return [];
}
