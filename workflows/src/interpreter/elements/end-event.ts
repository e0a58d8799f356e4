import type { IrEndEvent } from '../../ir';
import type { CaseRuntime } from '../case-runtime';
import type { Scope } from '../scope';
import { throwResult } from './throw-result';

/**
 * Returns no flows: the token ends. A terminate end event ends its scope (the
 * whole case at process level); an error or escalation end event throws.
 */
export function endEvent(rt: CaseRuntime, node: IrEndEvent, terminate: (byElementId: string) => void, scope: Scope): string[] {
  rt.passThrough(node);
  if (node.terminate) terminate(node.id);
  throwResult(scope, node);
  return [];
}
