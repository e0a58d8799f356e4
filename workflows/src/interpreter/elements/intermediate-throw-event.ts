import type { IrIntermediateThrowEvent } from '../../ir';
import type { CaseRuntime } from '../case-runtime';
import type { Scope } from '../scope';
import { throwResult } from './throw-result';
import { passEvent } from '../event-mappings';

/**
 * Records the event and escalates, if it is an escalation event. The token
 * goes on unless the escalation was caught by an interrupting catcher, which
 * cancels the scope the token is in.
 */
export function intermediateThrowEvent(rt: CaseRuntime, node: IrIntermediateThrowEvent, scope: Scope): string[] {
  passEvent(rt, node);
  return throwResult(scope, node) ? [] : node.outgoing;
}
