// The embedded form of a user task or of the process's start event, as the
// compiler reads it (workflows/src/compiler/elements/user-task-form.ts): a
// zeebe:formDefinition formKey "camunda-forms:bpmn:<id>" on the element, and a
// zeebe:userTaskForm with that id holding the form-js JSON on the process.
// Changes go through bpmn-js modeling commands, so they can be undone.
import type { BusinessObject, DiagramElement } from './alur-attributes';

export const EMBEDDED_FORM_PREFIX = 'camunda-forms:bpmn:';

interface Moddle extends BusinessObject {
  $type: string;
  $parent?: Moddle;
  id?: string;
  get(name: string): any; // eslint-disable-line @typescript-eslint/no-explicit-any
  $instanceOf(type: string): boolean;
}
interface Element extends DiagramElement {
  id: string;
  businessObject: Moddle;
}
export interface FormServices {
  modeling: { updateModdleProperties(element: DiagramElement, target: Moddle, props: Record<string, unknown>): void };
  bpmnFactory: { create(type: string, props?: Record<string, unknown>): Moddle };
}

/** What the element's form is now. */
export type FormState =
  | { kind: 'none' }
  | { kind: 'embedded'; formId: string; schema: object }
  /** A deployed form (formId), an external reference or an app's own key: not edited here. */
  | { kind: 'other'; key: string };

/** User tasks, and none start events directly in a process (forms are not supported on others). */
export function takesForm(element: Element): boolean {
  const bo = element.businessObject;
  if (bo.$instanceOf('bpmn:UserTask')) return true;
  if (!bo.$instanceOf('bpmn:StartEvent')) return false;
  const definitions = bo.get('eventDefinitions') as unknown[] | undefined;
  return !definitions?.length && !!bo.$parent?.$instanceOf('bpmn:Process');
}

export function readForm(element: Element): FormState {
  const definition = formDefinition(element.businessObject);
  if (!definition) return { kind: 'none' };
  const formKey = definition.get('formKey') as string | undefined;
  if (!formKey?.startsWith(EMBEDDED_FORM_PREFIX)) {
    const key = formKey ?? (definition.get('formId') as string | undefined) ?? (definition.get('externalReference') as string | undefined);
    return key ? { kind: 'other', key } : { kind: 'none' };
  }
  const formId = formKey.slice(EMBEDDED_FORM_PREFIX.length);
  const stored = userTaskForm(element.businessObject, formId);
  if (!stored) return { kind: 'none' };
  return { kind: 'embedded', formId, schema: JSON.parse((stored.get('body') as string | undefined) || '{"components":[]}') as object };
}

/** Writes `schema` as the element's embedded form, creating the form and its reference when missing. */
export function writeForm(element: Element, schema: object, { modeling, bpmnFactory }: FormServices): string {
  const bo = element.businessObject;
  const process = processOf(bo);
  if (!process) throw new Error(`${element.id} is not inside a process`);
  const body = JSON.stringify(schema);
  const current = readForm(element);
  if (current.kind === 'embedded') {
    modeling.updateModdleProperties(element, userTaskForm(bo, current.formId)!, { body });
    return current.formId;
  }
  const formId = uniqueFormId(process, `UserTaskForm_${element.id}`);
  const processExtensions = extensionElements(element, process, { modeling, bpmnFactory });
  const form = bpmnFactory.create('zeebe:UserTaskForm', { id: formId, body });
  form.$parent = processExtensions;
  modeling.updateModdleProperties(element, processExtensions, { values: [...(processExtensions.get('values') ?? []), form] });
  const formKey = `${EMBEDDED_FORM_PREFIX}${formId}`;
  const definition = formDefinition(bo);
  if (definition) {
    modeling.updateModdleProperties(element, definition, { formKey });
  } else {
    const own = extensionElements(element, bo, { modeling, bpmnFactory });
    const created = bpmnFactory.create('zeebe:FormDefinition', { formKey });
    created.$parent = own;
    modeling.updateModdleProperties(element, own, { values: [...(own.get('values') ?? []), created] });
  }
  return formId;
}

/** Takes the embedded form off the element, and off the process. */
export function removeForm(element: Element, { modeling }: Pick<FormServices, 'modeling'>): void {
  const bo = element.businessObject;
  const current = readForm(element);
  const definition = formDefinition(bo);
  if (definition) {
    const own = bo.get('extensionElements') as Moddle;
    modeling.updateModdleProperties(element, own, { values: (own.get('values') as Moddle[]).filter((v) => v !== definition) });
  }
  if (current.kind !== 'embedded') return;
  const stored = userTaskForm(bo, current.formId);
  const processExtensions = processOf(bo)?.get('extensionElements') as Moddle | undefined;
  if (stored && processExtensions) {
    modeling.updateModdleProperties(element, processExtensions, { values: (processExtensions.get('values') as Moddle[]).filter((v) => v !== stored) });
  }
}

function processOf(bo: Moddle): Moddle | undefined {
  let at: Moddle | undefined = bo;
  while (at && !at.$instanceOf('bpmn:Process')) at = at.$parent;
  return at;
}

function extensionValues(bo: Moddle | undefined, type: string): Moddle[] {
  const ext = bo?.get('extensionElements') as Moddle | undefined;
  return ((ext?.get('values') as Moddle[] | undefined) ?? []).filter((v) => v.$instanceOf(type));
}

function formDefinition(bo: Moddle): Moddle | undefined {
  return extensionValues(bo, 'zeebe:FormDefinition')[0];
}

function userTaskForm(bo: Moddle, formId: string): Moddle | undefined {
  return extensionValues(processOf(bo), 'zeebe:UserTaskForm').find((f) => f.get('id') === formId);
}

function uniqueFormId(process: Moddle, base: string): string {
  const taken = new Set(extensionValues(process, 'zeebe:UserTaskForm').map((f) => f.get('id') as string));
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}_${n}`;
  return id;
}

function extensionElements(element: Element, bo: Moddle, { modeling, bpmnFactory }: FormServices): Moddle {
  const existing = bo.get('extensionElements') as Moddle | undefined;
  if (existing) return existing;
  const created = bpmnFactory.create('bpmn:ExtensionElements', { values: [] });
  created.$parent = bo;
  modeling.updateModdleProperties(element, bo, { extensionElements: created });
  return created;
}
