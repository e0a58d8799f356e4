// Which of Alur's own BPMN attributes (workflows/resources/alur.json) an
// element carries, and how the properties panel edits each.

export interface BusinessObject {
  $instanceOf(type: string): boolean;
  get(name: string): unknown;
  processRef?: BusinessObject;
}
export interface DiagramElement {
  businessObject: BusinessObject;
}

export type Kind = 'text' | 'textarea' | 'checkbox' | 'select';

/** The choices of a select attribute (besides none). */
export const SELECT_OPTIONS: Record<string, string[]> = {
  outcome: ['selesai', 'ditolak', 'dibatalkan'],
};

/** Attribute name (alur:<name>) and how it is edited. */
export const ACTIVITY_ATTRIBUTES: [string, Kind][] = [
  ['pelaksana', 'text'],
  ['unit', 'text'],
  ['kelengkapan', 'textarea'],
  ['waktu', 'text'],
  ['output', 'textarea'],
  ['sla', 'text'],
  ['slaPaused', 'checkbox'],
];
export const PROCESS_ATTRIBUTES: [string, Kind][] = [
  ['sla', 'text'],
  ['unit', 'text'],
  ['unitField', 'text'],
];
/** A citizen-facing outcome on end events: what the tracking page says the case came to. */
export const END_EVENT_ATTRIBUTES: [string, Kind][] = [
  ['outcome', 'select'],
  ['outcomeMessage', 'textarea'],
];

/** The business object holding Alur's attributes for this element (a pool's is its process), if it can hold any. */
export function alurTarget(element: DiagramElement): { bo: BusinessObject; attributes: [string, Kind][] } | null {
  const bo = element.businessObject;
  if (bo.$instanceOf('bpmn:Activity')) return { bo, attributes: ACTIVITY_ATTRIBUTES };
  if (bo.$instanceOf('bpmn:EndEvent')) return { bo, attributes: END_EVENT_ATTRIBUTES };
  if (bo.$instanceOf('bpmn:Process')) return { bo, attributes: PROCESS_ATTRIBUTES };
  if (bo.$instanceOf('bpmn:Participant') && bo.processRef) return { bo: bo.processRef, attributes: PROCESS_ATTRIBUTES };
  return null;
}
