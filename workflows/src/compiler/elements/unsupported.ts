import { BPMN_ELEMENTS, triggerOfDefinition, type EventTrigger } from '../../ir/elements';
import type { Diagnostics } from '../diagnostics';
import { describe, eventDefinitions, idOf, type BpmnElement } from '../model';

const HINTS: Record<string, string> = {
  'bpmn:ComplexGateway': 'use an exclusive, parallel or inclusive gateway',
};

/** Hints by event definition, whatever the event: they say more than the list of supported events. */
const DEFINITION_HINTS: Partial<Record<EventTrigger, string>> = {
  compensation: 'model the undoing as steps on an error or escalation path instead',
};

/**
 * The hint for an event whose trigger its element does not take, from the
 * element catalogue, so it names every kind that runs (it lagged behind when
 * written out: link events ran while the hint still said "only timer, message
 * and signal"). `none`: the element also runs without an event definition.
 */
export function supportedEventsHint(element: 'intermediateCatchEvent' | 'intermediateThrowEvent' | 'boundaryEvent', noun: string, none = false): string {
  const kinds = [...(none ? ['none'] : []), ...BPMN_ELEMENTS[element].triggers];
  const list = kinds.length > 1 ? `${kinds.slice(0, -1).join(', ')} and ${kinds.at(-1)}` : (kinds[0] ?? '');
  return `only ${list} ${noun} are supported`;
}

/** Reports an element Alur cannot execute (yet), once: its flows and the steps it cuts off are not reported again. */
export function rejectUnsupported(el: BpmnElement, diag: Diagnostics, hint = HINTS[el.$type]): undefined {
  const why =
    eventDefinitions(el)
      .map((d) => DEFINITION_HINTS[triggerOfDefinition(d) ?? 'terminate'])
      .find(Boolean) ?? hint;
  diag.refuse(idOf(el), `${describe(el)} is not supported yet${why ? `; ${why}` : ''}`);
  return undefined;
}
