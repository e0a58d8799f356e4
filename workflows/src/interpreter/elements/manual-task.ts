import type { IrManualTask } from '../../ir';
import type { CaseRuntime } from '../case-runtime';
import { activityData, type InstanceScope } from '../io-mapping';

/** Work outside the system: recorded in the case's history, nothing to wait for (as in Camunda). */
export function manualTask(rt: CaseRuntime, node: IrManualTask, instance?: InstanceScope): string[] {
  const step = rt.startStep(node);
  // Its result is only what its output mappings say.
  activityData(rt, node, instance).complete(`manual:${node.id}`, {});
  rt.endStep(step, 'completed');
  return node.outgoing;
}
