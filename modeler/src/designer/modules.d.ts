// Type declarations for the bpmn-io modules Alur uses that ship none.
declare module 'bpmn-js-properties-panel' {
  type ModuleDeclaration = Record<string, unknown>;
  export const BpmnPropertiesPanelModule: ModuleDeclaration;
  export const BpmnPropertiesProviderModule: ModuleDeclaration;
  export const ZeebePropertiesProviderModule: ModuleDeclaration;
  export function useService<T = unknown>(name: string): T;
}

declare module 'camunda-bpmn-js-behaviors/lib/camunda-cloud' {
  const module: Record<string, unknown>;
  export default module;
}

declare module 'camunda-bpmn-js-behaviors/lib/camunda-cloud/FormsBehavior' {
  /** A diagram-js CommandInterceptor; the parts Alur's override uses. */
  export default class FormsBehavior {
    constructor(...services: unknown[]);
    static $inject: string[];
    protected _modeling: { updateModdleProperties(element: unknown, target: unknown, props: Record<string, unknown>): void };
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    postExecute(events: string | string[], handler: (context: any) => void, unwrap?: boolean): void;
    _registerZeebeUserTaskSupport(): void;
  }
}

declare module 'zeebe-bpmn-moddle/resources/zeebe.json' {
  const descriptor: object;
  export default descriptor;
}

declare module '@bpmn-io/properties-panel' {
  export interface EntryProps {
    id: string;
    element: unknown;
    label: string;
    description?: string;
    getValue: (element: unknown) => unknown;
    setValue: (value: unknown) => void;
    debounce?: (fn: (...args: unknown[]) => void) => (...args: unknown[]) => void;
  }
  export function TextFieldEntry(props: EntryProps): unknown;
  export function TextAreaEntry(props: EntryProps & { rows?: number }): unknown;
  export function CheckboxEntry(props: EntryProps): unknown;
  export function SelectEntry(props: EntryProps & { getOptions: (element: unknown) => { value: string; label: string }[] }): unknown;
  export function isTextFieldEntryEdited(node: unknown): boolean;
  export function isTextAreaEntryEdited(node: unknown): boolean;
  export function isCheckboxEntryEdited(node: unknown): boolean;
  export function isSelectEntryEdited(node: unknown): boolean;
}

declare module '@bpmn-io/properties-panel/preact' {
  export function h(type: unknown, props: Record<string, unknown> | null, ...children: unknown[]): unknown;
}

declare module '@bpmn-io/properties-panel/assets/properties-panel.css';
declare module 'bpmn-js-properties-panel/dist/assets/properties-panel.css';

// bpmn-moddle (bpmn-js's model layer), as the tests use it directly.
declare module 'bpmn-moddle' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  type Element = any;
  export class BpmnModdle {
    constructor(packages?: Record<string, object>);
    create(type: string, attrs?: Record<string, unknown>): Element;
    toXML(element: Element): Promise<{ xml: string }>;
    fromXML(xml: string): Promise<{ rootElement: Element; warnings: unknown[] }>;
  }
}
