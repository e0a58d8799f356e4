// A thin typed view of bpmn-moddle's elements, and how the compiler names
// them in messages.
import type { ModdleElement } from 'bpmn-moddle';
import { BPMN_ELEMENTS, BPMN_ELEMENT_LIST, EVENT_DEFINITION_TYPES, isBpmnType } from '../ir/elements';

export type BpmnElement = ModdleElement;

export function isElement(value: unknown): value is BpmnElement {
  return typeof value === 'object' && value !== null && typeof (value as { $type?: unknown }).$type === 'string';
}

export function stringProp(el: BpmnElement, property: string): string | undefined {
  const value = el[property];
  return typeof value === 'string' ? value : undefined;
}

export function elementProp(el: BpmnElement, property: string): BpmnElement | undefined {
  const value = el[property];
  return isElement(value) ? value : undefined;
}

export function elementsProp(el: BpmnElement, property: string): BpmnElement[] {
  const value = el[property];
  return Array.isArray(value) ? value.filter(isElement) : [];
}

export function idOf(el: BpmnElement): string | undefined {
  const id = stringProp(el, 'id');
  return id === '' ? undefined : id;
}

/** The element's extension elements of one type, e.g. `zeebe:TaskDefinition`. */
export function extensions(el: BpmnElement, type: string): BpmnElement[] {
  const container = elementProp(el, 'extensionElements');
  return container ? elementsProp(container, 'values').filter((v) => v.$type === type) : [];
}

/** The body text of an expression property (`conditionExpression`, `timeDuration`, ...), trimmed; undefined when blank. */
export function expressionBody(el: BpmnElement, property: string): string | undefined {
  const expr = elementProp(el, property);
  const body = expr && stringProp(expr, 'body')?.trim();
  return body || undefined;
}

/** Trimmed, with runs of whitespace (including line breaks) collapsed to one space. */
export function normalizeName(name: string | undefined): string {
  return (name ?? '').replace(/\s+/g, ' ').trim();
}

/** The element's name, or its id when it has none. */
export function displayName(el: BpmnElement): string {
  return normalizeName(stringProp(el, 'name')) || idOf(el) || '(unnamed)';
}

/** How messages refer to an element: `User task "Registrasi pengaduan"`. */
export function describe(el: BpmnElement): string {
  return `${label(el)} "${displayName(el)}"`;
}

const LABELS: Record<string, string> = {
  'bpmn:Process': 'Process',
  'bpmn:Participant': 'Pool',
  'bpmn:Lane': 'Lane',
  'bpmn:SequenceFlow': 'Sequence flow',
  'bpmn:MessageFlow': 'Message flow',
  // The flow nodes Alur runs, by their catalogue names (a bpmn:Task is said as written: "Task").
  ...Object.fromEntries(BPMN_ELEMENT_LIST.filter((e) => e.type !== 'eventSubProcess').map((e) => [e.bpmnTypes[0], e.name.en])),
  // Flow nodes Alur refuses, named in the refusal.
  'bpmn:AdHocSubProcess': 'Ad-hoc sub-process',
  'bpmn:Transaction': 'Transaction sub-process',
  'bpmn:ComplexGateway': 'Complex gateway',
  'bpmndi:BPMNShape': 'Diagram shape',
  'bpmndi:BPMNEdge': 'Diagram edge',
  'bpmndi:BPMNPlane': 'Diagram plane',
};

const EVENT_KINDS: Record<string, string> = {
  // The event definitions Alur runs (Timer, Message...), from the catalogue.
  ...Object.fromEntries(Object.entries(EVENT_DEFINITION_TYPES).map(([trigger, type]) => [type, trigger.charAt(0).toUpperCase() + trigger.slice(1)])),
  'bpmn:ConditionalEventDefinition': 'Conditional',
  'bpmn:CancelEventDefinition': 'Cancel',
};

/** An event's trigger/result definitions, inline or referenced. */
export function eventDefinitions(el: BpmnElement): BpmnElement[] {
  return [...elementsProp(el, 'eventDefinitions'), ...elementsProp(el, 'eventDefinitionRef')];
}

/** A human label for the element's type: `Timer boundary event`, `Inclusive gateway`, `Sub-process`. */
export function label(el: BpmnElement): string {
  if (isBpmnType(el, 'eventSubProcess') && el.triggeredByEvent === true) return BPMN_ELEMENTS.eventSubProcess.name.en;
  const base = LABELS[el.$type] ?? splitTypeName(el.$type);
  if (!el.$type.endsWith('Event')) return base;
  const definitions = eventDefinitions(el);
  if (definitions.length === 0) return base;
  const kind = definitions.length === 1 ? (EVENT_KINDS[definitions[0]!.$type] ?? splitTypeName(definitions[0]!.$type)) : 'Multiple-trigger';
  return `${kind} ${base.charAt(0).toLowerCase()}${base.slice(1)}`;
}

/** `bpmn:ImplicitThrowEvent` → `Implicit throw event`. */
function splitTypeName(type: string): string {
  const words = type
    .replace(/^.*:/, '')
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}
