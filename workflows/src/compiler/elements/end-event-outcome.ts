// What a case came to, as the citizen reads it on the tracking page: an end
// event's alur:outcome (selesai | ditolak | dibatalkan) and alur:outcomeMessage
// (text, or `=FEEL` over the case's variables, e.g. `=alasanPenolakan`).
import { CASE_OUTCOMES, type CaseOutcome, type IrCaseOutcome, type IrNode } from '../../ir';
import { feelSyntaxError, stripFeelPrefix } from '../../feel';
import type { Diagnostics } from '../diagnostics';
import type { ProcessGraph } from '../graph';
import { describe, idOf, stringProp, type BpmnElement } from '../model';

/** Longest fixed outcome message, in characters. */
const MAX_MESSAGE_LENGTH = 2000;

type NodeCompiler = (el: BpmnElement, graph: ProcessGraph, diag: Diagnostics) => IrNode | undefined;

/**
 * Adds the outcome to a none or terminate end event of the process. Elsewhere
 * (an error, escalation, message or signal end event, or one inside a
 * sub-process, which does not end the case) it is ignored, with a warning.
 */
export function withOutcome(compile: NodeCompiler): NodeCompiler {
  return (el, graph, diag) => {
    const node = compile(el, graph, diag);
    const kind = stringProp(el, 'outcome')?.trim();
    const message = stringProp(el, 'outcomeMessage')?.trim();
    if (node?.type !== 'endEvent' || (!kind && !message)) return node;
    const outcome = compileOutcome(el, kind, message, diag);
    if (!outcome) return node;
    const ignoredBecause = node.error
      ? 'it throws an error'
      : node.escalation
        ? 'it escalates'
        : node.send
          ? 'it sends a message'
          : node.signal
            ? 'it broadcasts a signal'
            : node.parent
              ? 'it ends a sub-process, not the case'
              : undefined;
    if (ignoredBecause) {
      diag.warn(
        idOf(el),
        `${describe(el)} has a citizen-facing outcome (alur:outcome), but ${ignoredBecause}; the outcome is only read on a none or terminate end event of the process, so it is ignored`,
      );
      return node;
    }
    return { ...node, outcome };
  };
}

function compileOutcome(el: BpmnElement, kind: string | undefined, message: string | undefined, diag: Diagnostics): IrCaseOutcome | undefined {
  if (!kind) {
    diag.error(idOf(el), `${describe(el)} has an outcome message (alur:outcomeMessage) but no outcome; set alur:outcome to ${CASE_OUTCOMES.join(', ')}`);
    return undefined;
  }
  if (!(CASE_OUTCOMES as readonly string[]).includes(kind)) {
    diag.error(idOf(el), `${describe(el)} has the outcome (alur:outcome) "${kind}"; use one of ${CASE_OUTCOMES.join(', ')}`);
    return undefined;
  }
  const outcome: IrCaseOutcome = { kind: kind as CaseOutcome };
  if (!message) return outcome;
  if (message.startsWith('=')) {
    const syntax = feelSyntaxError(message);
    if (syntax) {
      diag.error(idOf(el), `${describe(el)} has an outcome message (alur:outcomeMessage) that is not valid FEEL: ${syntax}`);
      return undefined;
    }
    return { ...outcome, messageExpression: stripFeelPrefix(message) };
  }
  if (message.length > MAX_MESSAGE_LENGTH) {
    diag.error(idOf(el), `${describe(el)} has an outcome message (alur:outcomeMessage) of ${message.length} characters; at most ${MAX_MESSAGE_LENGTH}`);
    return undefined;
  }
  return { ...outcome, message };
}
