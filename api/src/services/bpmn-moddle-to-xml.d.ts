// The part of bpmn-moddle's writer the public diagram uses (the compiler only reads).
declare module 'bpmn-moddle' {
  interface BpmnModdle {
    toXML(element: ModdleElement, options?: { format?: boolean }): Promise<{ xml: string }>;
  }
}
