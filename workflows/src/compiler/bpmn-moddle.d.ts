// bpmn-moddle 10 ships types for its meta-model (`bpmn-moddle/types`) but none
// for the package entry point; this declares the part the compiler uses.
declare module 'bpmn-moddle' {
  export interface ModdleElement {
    $type: string;
    /** Attributes moddle did not map to a property, keyed by their qualified name. */
    $attrs?: Record<string, string>;
    [property: string]: unknown;
  }

  export interface ModdleWarning {
    message: string;
    error?: Error;
    /** For unknown attributes and unresolved references. */
    element?: ModdleElement;
    property?: string;
    value?: unknown;
  }

  export interface FromXmlResult {
    rootElement: ModdleElement;
    elementsById: Record<string, ModdleElement>;
    references: unknown[];
    warnings: ModdleWarning[];
  }

  /** Thrown by fromXML; carries the warnings collected until then. */
  export interface FromXmlError extends Error {
    warnings?: ModdleWarning[];
  }

  export class BpmnModdle {
    constructor(packages?: Record<string, object>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string, options?: Record<string, unknown>): Promise<FromXmlResult>;
  }
}
