// Intermediate throw events: a none event (a milestone recorded in the case
// history) or an escalation event. Others (message, signal, ...) are rejected.
import { triggerOfDefinition } from '../../ir/elements';
import type { IrIntermediateThrowEvent } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import type { ProcessGraph } from '../graph';
import { eventDefinitions, type BpmnElement } from '../model';
import { baseNode } from './base';
import { throwCode } from './throw-codes';
import { rejectUnsupported, supportedEventsHint } from './unsupported';

export function compileIntermediateThrowEvent(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrIntermediateThrowEvent | undefined {
  const definitions = eventDefinitions(el);
  if (definitions.length === 0) return { type: 'intermediateThrowEvent', ...baseNode(el, graph) };
  const definition = definitions.length === 1 && triggerOfDefinition(definitions[0]!) === 'escalation' ? definitions[0] : undefined;
  if (!definition) return rejectUnsupported(el, diag, supportedEventsHint('intermediateThrowEvent', 'intermediate throw events', true));
  const escalation = throwCode(el, definition, 'escalation', diag);
  return escalation && { type: 'intermediateThrowEvent', ...baseNode(el, graph), escalation };
}
