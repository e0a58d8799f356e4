// Embedded sub-processes and event sub-processes: scopes with their own start
// event. Their inner steps compile as any other step (naming the sub-process
// as `parent`); here the scope itself and its start event are checked.
import { isBpmnType, triggerOfDefinition, type EventTrigger } from '../../ir/elements';
import type { IrEventSubProcess, IrEventSubProcessTrigger, IrSubProcess } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import type { ProcessGraph } from '../graph';
import { describe, displayName, eventDefinitions, idOf, label, type BpmnElement } from '../model';
import { checkActivityMarkers } from './activity';
import { baseNode } from './base';
import { catchCode } from './throw-codes';
import { compileTimer } from './timer';
import { compileMessageSubscription } from './message';
import { compileSignal } from './signal-events';
import { rejectUnsupported } from './unsupported';

type TriggerCompiler = (start: BpmnElement, definition: BpmnElement, diag: Diagnostics) => IrEventSubProcessTrigger | undefined;

/**
 * What may start an event sub-process, by the event definition of its start
 * event. (A message start's subscription opens with the enclosing scope:
 * interpreter/event-sub-process-messages.ts.)
 */
export const EVENT_SUB_PROCESS_TRIGGERS: Partial<Record<EventTrigger, TriggerCompiler>> = {
  timer: (start, definition, diag) => {
    const timer = compileTimer(start, definition, diag);
    return timer && { timer };
  },
  error: (start, definition, diag) => {
    if (start.isInterrupting === false) {
      diag.error(idOf(start), `${describe(start)} is non-interrupting; an error start event always interrupts (BPMN), so remove isInterrupting="false"`);
      return undefined;
    }
    const error = catchCode(start, definition, 'error', diag);
    return error && { error };
  },
  escalation: (start, definition, diag) => {
    const escalation = catchCode(start, definition, 'escalation', diag);
    return escalation && { escalation };
  },
  message: (start, definition, diag) => {
    const message = compileMessageSubscription(start, definition, diag);
    return message && { message };
  },
  signal: (start, definition, diag) => {
    const signal = compileSignal(start, definition, diag);
    return signal && { signal };
  },
};

export function compileSubProcess(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrSubProcess | IrEventSubProcess | undefined {
  const before = diag.errors.length;
  checkActivityMarkers(el, diag);
  const starts = graph.nodes.filter((n) => isBpmnType(n, 'startEvent') && graph.parents.get(idOf(n) ?? '') === el);
  const what = label(el).toLowerCase();
  if (starts.length === 0) {
    diag.error(idOf(el), `${describe(el)} has no start event; draw one inside it where its steps begin`);
    return undefined;
  }
  if (starts.length > 1) {
    const names = starts.map((s) => `"${displayName(s)}"`).join(', ');
    diag.error(idOf(el), `${describe(el)} has ${starts.length} start events (${names}); a ${what} must have exactly one`);
    return undefined;
  }
  const start = starts[0]!;
  const startEventId = idOf(start)!;
  if (el.triggeredByEvent !== true) {
    // A start event with a trigger inside an embedded sub-process is rejected when it compiles.
    return diag.errors.length > before ? undefined : { type: 'subProcess', ...baseNode(el, graph), startEventId };
  }

  const definitions = eventDefinitions(start);
  if (definitions.length !== 1) {
    diag.error(
      startEventId,
      definitions.length === 0
        ? `${describe(start)} of ${what} "${displayName(el)}" has no trigger; give it a timer, error, escalation, message or signal trigger`
        : `${describe(start)} of ${what} "${displayName(el)}" has ${definitions.length} triggers; give it exactly one`,
    );
    return undefined;
  }
  const compileTrigger = EVENT_SUB_PROCESS_TRIGGERS[triggerOfDefinition(definitions[0]!) ?? 'terminate'];
  if (!compileTrigger) return rejectUnsupported(start, diag, 'an event sub-process can start with a timer, error, escalation, message or signal start event');
  const trigger = compileTrigger(start, definitions[0]!, diag);
  if (diag.errors.length > before || !trigger) return undefined;
  return { type: 'eventSubProcess', ...baseNode(el, graph), startEventId, interrupting: start.isInterrupting !== false, ...trigger };
}
