// Exclusive (XOR), inclusive (OR) and parallel (AND) gateways.
import type { IrExclusiveGateway, IrInclusiveGateway, IrParallelGateway } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import { outgoingOf, type ProcessGraph } from '../graph';
import { describe, displayName, elementProp, expressionBody, idOf, label, type BpmnElement } from '../model';
import { baseNode } from './base';

/**
 * An exclusive gateway takes the first outgoing flow whose condition holds,
 * else its default flow. With more than one outgoing flow, every flow but the
 * default needs a condition; the default flow must leave the gateway and have
 * no condition. (The conditions themselves are checked with the flows.)
 */
export function compileExclusiveGateway(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrExclusiveGateway | undefined {
  const defaultId = checkConditionalFlows(el, graph, diag);
  if (defaultId === null) return undefined;
  return { type: 'exclusiveGateway', ...baseNode(el, graph), ...(defaultId ? { defaultFlow: defaultId } : {}) };
}

/**
 * An inclusive gateway takes every outgoing flow whose condition holds, else
 * its default flow; as a join it waits only for the tokens that can still
 * arrive. Its flows are checked as an exclusive gateway's.
 */
export function compileInclusiveGateway(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrInclusiveGateway | undefined {
  const defaultId = checkConditionalFlows(el, graph, diag);
  if (defaultId === null) return undefined;
  return { type: 'inclusiveGateway', ...baseNode(el, graph), ...(defaultId ? { defaultFlow: defaultId } : {}) };
}

/** Checks a choosing gateway's default flow and conditions; returns the default flow id, or null when there are errors. */
function checkConditionalFlows(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): string | undefined | null {
  const before = diag.errors.length;
  const kind = label(el).toLowerCase();
  const outgoing = outgoingOf(graph, el);
  const defaultFlow = elementProp(el, 'default');
  const defaultId = defaultFlow && idOf(defaultFlow);

  if (defaultFlow && !outgoing.includes(defaultFlow)) {
    diag.error(idOf(el), `${describe(el)} has default flow "${defaultId ?? displayName(defaultFlow)}", which does not leave this gateway`);
  } else if (defaultFlow && expressionBody(defaultFlow, 'conditionExpression')) {
    diag.error(defaultId, `Sequence flow "${displayName(defaultFlow)}" is the default flow of ${kind} "${displayName(el)}" and must not have a condition`);
  }
  if (outgoing.length > 1) {
    for (const flow of outgoing) {
      if (flow === defaultFlow || expressionBody(flow, 'conditionExpression')) continue;
      diag.error(
        idOf(flow),
        `Sequence flow "${displayName(flow)}" leaves ${kind} "${displayName(el)}" without a condition; give it a condition or make it the gateway's default flow`,
      );
    }
  }

  return diag.errors.length > before ? null : defaultId;
}

/** A parallel gateway splits into all outgoing flows and joins all incoming ones. Its flows carry no conditions (checked with the flows). */
export function compileParallelGateway(el: BpmnElement, graph: ProcessGraph): IrParallelGateway {
  return { type: 'parallelGateway', ...baseNode(el, graph) };
}
