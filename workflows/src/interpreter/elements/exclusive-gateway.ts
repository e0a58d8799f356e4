import { evaluateCondition } from '../../feel';
import type { IrExclusiveGateway } from '../../ir';
import type { CaseRuntime } from '../case-runtime';
import { CaseIncident } from '../errors';

/** Takes the first outgoing flow (document order) whose condition holds, else the default flow. */
export function exclusiveGateway(rt: CaseRuntime, node: IrExclusiveGateway): string[] {
  const chosen = chooseFlow(rt, node);
  rt.passThrough(node);
  return [chosen];
}

function chooseFlow(rt: CaseRuntime, node: IrExclusiveGateway): string {
  for (const flowId of node.outgoing) {
    if (flowId === node.defaultFlow) continue;
    const condition = rt.ir.flows[flowId]?.condition;
    if (condition === undefined) return flowId;
    let holds: boolean;
    try {
      holds = evaluateCondition(condition, rt.variables);
    } catch (err) {
      throw new CaseIncident(flowId, `Condition of flow "${flowId}" failed: ${(err as Error).message}`);
    }
    if (holds) return flowId;
  }
  if (node.defaultFlow) return node.defaultFlow;
  throw new CaseIncident(node.id, `No condition of gateway "${node.name}" holds and it has no default flow`);
}
