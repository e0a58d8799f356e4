import { DecisionError, evaluateDecision, evaluateDecisionCamunda7 } from '../dmn-evaluate';
import type { IrBusinessRuleTask } from '../../ir';
import type { CaseRuntime } from '../case-runtime';
import { CaseIncident } from '../errors';
import { activityData } from '../io-mapping';

/** Evaluates the decision table bound at deploy and stores its result in the result variable. */
export function businessRuleTask(rt: CaseRuntime, node: IrBusinessRuleTask): string[] {
  const step = rt.startStep(node);
  const data = activityData(rt, node);
  const { table, decisionId, resultVariable, camunda7Result } = node.decision;
  if (!table)
    throw new CaseIncident(
      node.id,
      `Business rule task "${node.name}" has no decision table for "${decisionId}" bound; deploy the SOP again after deploying the decision`,
    );
  let result: unknown;
  try {
    result = camunda7Result ? evaluateDecisionCamunda7(table, data.variables, camunda7Result) : evaluateDecision(table, data.variables);
  } catch (err) {
    const why = err instanceof DecisionError ? err.message : String(err);
    throw new CaseIncident(node.id, `Business rule task "${node.name}": decision "${decisionId}" failed: ${why}`);
  }
  data.complete(`decision:${node.id}`, { [resultVariable]: result });
  rt.endStep(step, 'completed');
  return node.outgoing;
}
