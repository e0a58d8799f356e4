import type { IrStartEvent } from '../../ir';
import type { CaseRuntime } from '../case-runtime';

export function startEvent(rt: CaseRuntime, node: IrStartEvent): string[] {
  rt.passThrough(node);
  return node.outgoing;
}
