import { evaluateFeel } from '../../feel';
import type { IrScriptTask } from '../../ir';
import type { CaseRuntime } from '../case-runtime';
import { CaseIncident } from '../errors';
import { activityData, type InstanceScope } from '../io-mapping';

/** Evaluates its FEEL expression and stores the value in its result variable. */
export function scriptTask(rt: CaseRuntime, node: IrScriptTask, instance?: InstanceScope): string[] {
  const step = rt.startStep(node);
  const data = activityData(rt, node, instance);
  let value: unknown;
  try {
    value = evaluateFeel(node.expression, data.variables);
  } catch (err) {
    throw new CaseIncident(node.id, `Script task "${node.name}" failed: ${(err as Error).message}`);
  }
  data.complete(`script:${node.id}`, { [node.resultVariable]: value });
  rt.endStep(step, 'completed');
  return node.outgoing;
}
