import { evaluateFeel } from '../../feel';
import type { IrCaseOutcome, IrEndEvent } from '../../ir';
import type { CaseRuntime } from '../case-runtime';
import type { Scope } from '../scope';
import { throwResult } from './throw-result';
import { passEvent } from '../event-mappings';

/** Longest outcome message kept, in characters (a FEEL result may be any size). */
const MAX_OUTCOME_MESSAGE = 2000;

/**
 * Returns no flows: the token ends. A terminate end event ends its scope (the
 * whole case at process level); an error or escalation end event throws. An
 * end event with a citizen-facing outcome records it (case.outcome) first: an
 * event in the existing buffer, no Temporal command of its own, and only for
 * SOPs whose IR has an outcome, so earlier histories replay unchanged.
 */
export function endEvent(rt: CaseRuntime, node: IrEndEvent, terminate: (byElementId: string) => void, scope: Scope): string[] {
  passEvent(rt, node);
  if (node.outcome) recordOutcome(rt, node.id, node.outcome);
  if (node.terminate) terminate(node.id);
  throwResult(scope, node);
  return [];
}

/** The message is evaluated now, over the case's variables; a FEEL failure keeps the outcome and says why there is no message. */
function recordOutcome(rt: CaseRuntime, elementId: string, outcome: IrCaseOutcome): void {
  let message = outcome.message;
  let messageError: string | undefined;
  if (outcome.messageExpression) {
    try {
      const value = evaluateFeel(outcome.messageExpression, rt.variables);
      message = value === null || value === undefined ? undefined : typeof value === 'string' ? value : JSON.stringify(value);
    } catch (err) {
      messageError = (err as Error).message;
    }
  }
  if (message !== undefined) message = message.trim().slice(0, MAX_OUTCOME_MESSAGE) || undefined;
  rt.emit({ kind: 'case.outcome', elementId, outcome: outcome.kind, ...(message ? { message } : {}), ...(messageError ? { messageError } : {}) });
}
