// dmn-moddle ships no types; this declares the part compiler/dmn.ts uses.
declare module 'dmn-moddle' {
  export class DmnModdle {
    constructor(packages?: Record<string, object>, options?: Record<string, unknown>);
    fromXML(xml: string, typeName?: string, options?: Record<string, unknown>): Promise<unknown>;
  }
}
