// The steps of an SOP diagram a supervisor can send a case to (jump, reopen):
// the tasks and sub-processes directly in the process, in document order.
import { BPMN_ELEMENT_LIST, xmlLocalNames } from '@alur/workflows/elements';

const STEP_TYPES = BPMN_ELEMENT_LIST.filter((e) => e.workStep).flatMap(xmlLocalNames);

export interface SopStep {
  id: string;
  name: string;
}

export function topLevelSteps(xml: string): SopStep[] {
  const doc = new DOMParser().parseFromString(xml, 'application/xml');
  // By local name: the BPMN prefix differs between modelling tools.
  const process = [...doc.getElementsByTagName('*')].find((el) => localName(el) === 'process');
  if (!process) return [];
  return [...process.children]
    .filter((el) => STEP_TYPES.includes(localName(el)) && el.getAttribute('triggeredByEvent') !== 'true')
    .map((el) => ({ id: el.getAttribute('id') ?? '', name: el.getAttribute('name') || el.getAttribute('id') || '' }))
    .filter((s) => s.id);
}

function localName(el: Element): string {
  return el.localName.includes(':') ? el.localName.split(':').pop()! : el.localName;
}
