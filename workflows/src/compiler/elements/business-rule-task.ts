// Business rule tasks: a DMN decision deployed with POST /api/decisions and
// bound into the IR at SOP deploy (bind-resources.ts). Camunda 8 writes
// zeebe:calledDecision decisionId/resultVariable; Camunda 7 writes
// camunda:decisionRef, camunda:resultVariable and camunda:mapDecisionResult.
// Job workers, Java implementations and version-pinned bindings are refused.
import type { Camunda7ResultMapping, IrBusinessRuleTask, IrCalledDecision } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import type { ProcessGraph } from '../graph';
import { describe, extensions, idOf, stringProp, type BpmnElement } from '../model';
import { checkActivityMarkers } from './activity';
import { baseNode } from './base';
import { isVariableName, VARIABLE_NAME_RULE } from './variable-name';

const DEPLOY_TIME_BINDINGS = ['latest', 'deployment'];
const CAMUNDA_7_MAPPINGS: Camunda7ResultMapping[] = ['singleEntry', 'singleResult', 'collectEntries', 'resultList'];
const CAMUNDA_7_IMPLEMENTATIONS = ['class', 'expression', 'delegateExpression', 'topic'];

export function compileBusinessRuleTask(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrBusinessRuleTask | undefined {
  const id = idOf(el);
  const before = diag.errors.length;
  checkActivityMarkers(el, diag);
  if (extensions(el, 'zeebe:TaskDefinition').length > 0) {
    diag.error(id, `${describe(el)} is implemented by a job worker (zeebe:taskDefinition); only DMN decisions (zeebe:calledDecision) are supported`);
  }
  if (CAMUNDA_7_IMPLEMENTATIONS.some((p) => stringProp(el, p)?.trim())) {
    diag.error(id, `${describe(el)} is implemented in Java or by an external task (Camunda 7); only DMN decisions are supported`);
  }
  const called = extensions(el, 'zeebe:CalledDecision');
  const decisionRef = stringProp(el, 'decisionRef')?.trim();
  if (called.length > 1) diag.error(id, `${describe(el)} has more than one zeebe:calledDecision`);
  if (called.length > 0 && decisionRef) diag.error(id, `${describe(el)} has both zeebe:calledDecision and camunda:decisionRef; keep one`);
  if (called.length === 0 && !decisionRef && diag.errors.length === before) {
    diag.error(id, `${describe(el)} calls no decision; set zeebe:calledDecision with the decision id and a result variable`);
  }
  if (diag.errors.length > before) return undefined;
  const decision = called[0] ? calledDecision(el, called[0], diag) : camunda7Decision(el, diag);
  if (!decision || diag.errors.length > before) return undefined;
  return { type: 'businessRuleTask', ...baseNode(el, graph), decision };
}

function calledDecision(el: BpmnElement, definition: BpmnElement, diag: Diagnostics): IrCalledDecision | undefined {
  const decisionId = stringProp(definition, 'decisionId')?.trim() ?? '';
  const resultVariable = stringProp(definition, 'resultVariable')?.trim() ?? '';
  checkDecision(el, decisionId, resultVariable, stringProp(definition, 'bindingType')?.trim() || 'latest', 'bindingType', diag);
  return { decisionId, resultVariable };
}

function camunda7Decision(el: BpmnElement, diag: Diagnostics): IrCalledDecision | undefined {
  const decisionId = stringProp(el, 'decisionRef')?.trim() ?? '';
  const resultVariable = stringProp(el, 'resultVariable')?.trim() ?? '';
  checkDecision(el, decisionId, resultVariable, stringProp(el, 'decisionRefBinding')?.trim() || 'latest', 'decisionRefBinding', diag);
  const mapping = (stringProp(el, 'mapDecisionResult')?.trim() || 'resultList') as Camunda7ResultMapping;
  if (!CAMUNDA_7_MAPPINGS.includes(mapping)) {
    diag.error(idOf(el), `${describe(el)} maps the decision result with "${mapping}"; Camunda 7 knows ${CAMUNDA_7_MAPPINGS.join(', ')}`);
    return undefined;
  }
  return { decisionId, resultVariable, camunda7Result: mapping };
}

function checkDecision(el: BpmnElement, decisionId: string, resultVariable: string, binding: string, bindingAttribute: string, diag: Diagnostics): void {
  const id = idOf(el);
  if (!decisionId) diag.error(id, `${describe(el)} has no decision id`);
  else if (decisionId.startsWith('=') || /[$#]\{/.test(decisionId))
    diag.error(id, `${describe(el)} computes its decision id with an expression ("${decisionId}"); name the decision itself`);
  if (!resultVariable) diag.error(id, `${describe(el)} has no result variable; name the case variable that receives the decision's result`);
  else if (!isVariableName(resultVariable)) diag.error(id, `${describe(el)} has result variable "${resultVariable}"; it must be ${VARIABLE_NAME_RULE}`);
  if (!DEPLOY_TIME_BINDINGS.includes(binding)) {
    diag.error(
      id,
      `${describe(el)} binds its decision by ${binding}; Alur binds the latest deployed decision when the SOP is deployed (${bindingAttribute} latest or deployment)`,
    );
  }
}
