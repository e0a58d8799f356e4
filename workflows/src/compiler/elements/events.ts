// Start and end events.
import { triggerOfDefinition } from '../../ir/elements';
import type { IrEndEvent, IrStartEvent } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import type { ProcessGraph } from '../graph';
import { eventDefinitions, idOf, type BpmnElement } from '../model';
import { baseNode } from './base';
import { throwKindOf, throwCode } from './throw-codes';
import { rejectUnsupported } from './unsupported';

/**
 * A none start event (no trigger). Timer, message, signal, ... start events are
 * rejected, except in an event sub-process, whose compiler reads the trigger.
 */
export function compileStartEvent(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrStartEvent | undefined {
  const scope = graph.parents.get(idOf(el) ?? '');
  if (scope?.triggeredByEvent === true) return { type: 'startEvent', ...baseNode(el, graph) };
  if (eventDefinitions(el).length > 0) {
    return rejectUnsupported(
      el,
      diag,
      scope ? 'the start event of an embedded sub-process has no trigger' : 'use a none, timer, message or signal start event',
    );
  }
  return { type: 'startEvent', ...baseNode(el, graph) };
}

/** A none, terminate, error or escalation end event. Message, signal, ... end events are rejected. */
export function compileEndEvent(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrEndEvent | undefined {
  const definitions = eventDefinitions(el);
  const terminate = definitions.length === 1 && triggerOfDefinition(definitions[0]!) === 'terminate';
  const throwKind = definitions.length === 1 ? throwKindOf(definitions[0]!) : undefined;
  if (definitions.length > 0 && !terminate && !throwKind)
    return rejectUnsupported(el, diag, 'use a none, terminate, error, escalation, message or signal end event');
  if (throwKind) {
    const code = throwCode(el, definitions[0]!, throwKind, diag);
    return code && { type: 'endEvent', ...baseNode(el, graph), terminate, [throwKind]: code };
  }
  return { type: 'endEvent', ...baseNode(el, graph), terminate };
}
