import { condition } from '@temporalio/workflow';
import { evaluateCondition } from '../../feel';
import type { IrInclusiveGateway } from '../../ir';
import type { CaseRuntime } from '../case-runtime';
import { CaseIncident } from '../errors';
import type { Scope } from '../scope';

/**
 * Join (more than one incoming flow): the first token to arrive waits until
 * no other token of the scope can still get here; tokens arriving meanwhile
 * merge into it. Split: a token on every outgoing flow whose condition holds,
 * else on the default flow.
 */
export async function inclusiveGateway(rt: CaseRuntime, node: IrInclusiveGateway, scope: Scope): Promise<string[]> {
  if (node.incoming.length > 1) {
    if (scope.inclusiveJoins.has(node.id)) return [];
    scope.inclusiveJoins.add(node.id);
    try {
      await condition(() => !scope.canStillReach(node.id));
    } finally {
      scope.inclusiveJoins.delete(node.id);
    }
  }
  const chosen = chooseFlows(rt, node);
  rt.passThrough(node);
  return chosen;
}

function chooseFlows(rt: CaseRuntime, node: IrInclusiveGateway): string[] {
  const chosen = node.outgoing.filter((flowId) => {
    if (flowId === node.defaultFlow) return false;
    const expression = rt.ir.flows[flowId]?.condition;
    if (expression === undefined) return true;
    try {
      return evaluateCondition(expression, rt.variables);
    } catch (err) {
      throw new CaseIncident(flowId, `Condition of flow "${flowId}" failed: ${(err as Error).message}`);
    }
  });
  if (chosen.length > 0) return chosen;
  if (node.defaultFlow) return [node.defaultFlow];
  throw new CaseIncident(node.id, `No condition of inclusive gateway "${node.name}" holds and it has no default flow`);
}
