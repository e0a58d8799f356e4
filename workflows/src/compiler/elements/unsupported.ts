import { triggerOfDefinition, type EventTrigger } from '../../ir/elements';
import type { Diagnostics } from '../diagnostics';
import { describe, eventDefinitions, idOf, type BpmnElement } from '../model';

const HINTS: Record<string, string> = {
  'bpmn:ComplexGateway': 'use an exclusive, parallel or inclusive gateway',
};

/** Hints by event definition, whatever the event: they say more than the list of supported events. */
const DEFINITION_HINTS: Partial<Record<EventTrigger, string>> = {
  compensation: 'model the undoing as steps on an error or escalation path instead',
};

/** Reports an element Alur cannot execute (yet), once: its flows and the steps it cuts off are not reported again. */
export function rejectUnsupported(el: BpmnElement, diag: Diagnostics, hint = HINTS[el.$type]): undefined {
  const why =
    eventDefinitions(el)
      .map((d) => DEFINITION_HINTS[triggerOfDefinition(d) ?? 'terminate'])
      .find(Boolean) ?? hint;
  diag.refuse(idOf(el), `${describe(el)} is not supported yet${why ? `; ${why}` : ''}`);
  return undefined;
}
