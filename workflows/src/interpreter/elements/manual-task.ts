import type { IrManualTask } from '../../ir';
import type { CaseRuntime } from '../case-runtime';

/** Work outside the system: recorded in the case's history, nothing to wait for (as in Camunda). */
export function manualTask(rt: CaseRuntime, node: IrManualTask): string[] {
  rt.passThrough(node);
  return node.outgoing;
}
