import type { IrEndEvent, IrIntermediateThrowEvent } from '../../ir';
import { BpmnErrorThrow } from '../bpmn-throws';
import type { Scope } from '../scope';

/**
 * What an end or intermediate throw event throws, after its step is recorded:
 * an error leaves the token's scope as a BpmnErrorThrow; an escalation is
 * offered to the enclosing scopes. Returns true when an escalation catcher
 * interrupted the thrower's scope.
 */
export function throwResult(scope: Scope, node: IrEndEvent | IrIntermediateThrowEvent): boolean {
  if ('error' in node && node.error) throw new BpmnErrorThrow(node.error.code, node);
  return node.escalation ? scope.escalate(node.escalation.code) : false;
}
