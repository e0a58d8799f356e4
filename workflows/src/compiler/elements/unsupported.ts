import type { Diagnostics } from '../diagnostics';
import { describe, idOf, type BpmnElement } from '../model';

const HINTS: Record<string, string> = {
  'bpmn:Task': 'give it a type: user, service, manual or script task',
};

/** Reports an element Alur cannot execute (yet). */
export function rejectUnsupported(el: BpmnElement, diag: Diagnostics, hint = HINTS[el.$type]): undefined {
  diag.error(idOf(el), `${describe(el)} is not supported yet${hint ? `; ${hint}` : ''}`);
  return undefined;
}
