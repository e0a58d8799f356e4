// The embedded form the designer's form editor writes stays on the user task,
// with or without zeebe:userTask (which the Camunda behaviours add to every new
// user task), in the shape the compiler reads (zeebe:formDefinition formKey
// "camunda-forms:bpmn:<id>" + zeebe:userTaskForm on the process; publishing it
// is test/e2e/designer-forms.test.ts): a bpmn-js modeler with the designer's
// modelling behaviours.
import { afterEach, describe, expect, it } from 'vitest';
import BpmnModeler from 'bpmn-js/lib/Modeler';
import { emptyDiagram, moddleExtensions, modellingBehaviors } from '../src/designer/diagram-model';
import { readForm, removeForm, writeForm, type FormServices } from '../src/designer/embedded-form';

const schema = { type: 'default', components: [{ type: 'textfield', key: 'nama', label: 'Nama pemohon', validate: { required: true } }] };

// happy-dom draws no SVG: the few geometry calls bpmn-js makes while modelling answer plainly.
function stubSvgGeometry(): void {
  const matrix = () => ({ a: 1, b: 0, c: 0, d: 1, e: 0, f: 0, multiply: matrix, inverse: matrix, translate: matrix, scale: matrix });
  const proto = window.SVGElement.prototype as unknown as Record<string, unknown>;
  proto.getBBox ??= () => ({ x: 0, y: 0, width: 100, height: 80 });
  proto.getScreenCTM ??= matrix;
  proto.getCTM ??= matrix;
  const svg = window.SVGSVGElement.prototype as unknown as Record<string, unknown>;
  svg.createSVGMatrix = matrix;
  svg.createSVGTransformFromMatrix = (m: unknown) => ({ matrix: m, setMatrix() {} });
  svg.createSVGTransform = () => ({ matrix: matrix(), setMatrix() {}, setTranslate() {}, setScale() {} });
  const list = { consolidate: () => null, appendItem: (t: unknown) => t, clear() {}, initialize: (t: unknown) => t, numberOfItems: 0 };
  const w = window as unknown as Record<string, { prototype: object } | undefined>;
  for (const name of ['SVGElement', 'SVGGraphicsElement', 'SVGGElement', 'SVGSVGElement']) {
    if (w[name]) Object.defineProperty(w[name].prototype, 'transform', { configurable: true, get: () => ({ baseVal: list }) });
  }
}
stubSvgGeometry();

let modeler: BpmnModeler | undefined;
afterEach(() => {
  modeler?.destroy();
  modeler = undefined;
});

type Shape = Parameters<typeof readForm>[0];
interface Services {
  elementFactory: { createShape(attrs: { type: string }): Shape };
  modeling: FormServices['modeling'] & {
    createShape(shape: Shape, position: { x: number; y: number }, parent: unknown): Shape;
    connect(source: Shape, target: Shape): void;
    updateProperties(element: Shape, props: Record<string, unknown>): void;
  };
  bpmnReplace: { replaceElement(element: Shape, target: { type: string }): Shape };
  elementRegistry: { get(id: string): Shape };
  canvas: { getRootElement(): unknown };
  bpmnFactory: FormServices['bpmnFactory'];
  commandStack: { undo(): void; redo(): void };
}

async function designer(): Promise<{ get<K extends keyof Services>(name: K): Services[K]; xml(): Promise<string> }> {
  const canvas = document.createElement('div');
  document.body.append(canvas);
  modeler = new BpmnModeler({ container: canvas, additionalModules: modellingBehaviors, moddleExtensions });
  await modeler.importXML(emptyDiagram('izin', 'Izin'));
  const m = modeler;
  return {
    get: (name) => m.get(name),
    xml: async () => (await m.saveXML({ format: true })).xml ?? '',
  };
}

/** Start -> task (drawn as a plain task, then changed to a user task, as the designer does it) -> end. */
async function drawUserTask(d: Awaited<ReturnType<typeof designer>>): Promise<Shape> {
  const modeling = d.get('modeling');
  const factory = d.get('elementFactory');
  const root = d.get('canvas').getRootElement();
  const start = d.get('elementRegistry').get('StartEvent_1');
  const task = modeling.createShape(factory.createShape({ type: 'bpmn:Task' }), { x: 350, y: 178 }, root);
  const end = modeling.createShape(factory.createShape({ type: 'bpmn:EndEvent' }), { x: 550, y: 178 }, root);
  modeling.connect(start, task);
  const userTask = d.get('bpmnReplace').replaceElement(task, { type: 'bpmn:UserTask' });
  modeling.connect(userTask, end);
  modeling.updateProperties(userTask, { name: 'Verifikasi berkas' });
  return userTask;
}

const services = (d: Awaited<ReturnType<typeof designer>>): FormServices => ({ modeling: d.get('modeling'), bpmnFactory: d.get('bpmnFactory') });

describe('embedded form on a user task drawn in the designer', () => {
  it('stays on a task the designer made a Camunda user task (zeebe:userTask), with its schema', async () => {
    const d = await designer();
    const task = await drawUserTask(d);
    expect(await d.xml()).toContain('<zeebe:userTask />');

    const formId = writeForm(task, schema, services(d));
    expect(readForm(task)).toEqual({ kind: 'embedded', formId, schema });
    const xml = await d.xml();
    expect(xml).toContain(`<zeebe:formDefinition formKey="camunda-forms:bpmn:${formId}" />`);
    expect(xml).toMatch(new RegExp(`<zeebe:userTaskForm id="${formId}">`));
    expect(xml).toContain('<zeebe:userTask />');

    // Another change to the task keeps it too.
    d.get('modeling').updateProperties(task, { name: 'Verifikasi berkas pemohon' });
    expect(readForm(task).kind).toBe('embedded');
    expect(JSON.parse(/<zeebe:userTaskForm id="[^"]+">([^<]*)</.exec(await d.xml())![1]!.replace(/&#34;|&quot;/g, '"'))).toEqual(schema);
  });

  it('stays on a job-worker user task, is edited in place, undone and removed', async () => {
    const d = await designer();
    const task = await drawUserTask(d);
    const bo = task.businessObject as unknown as { extensionElements: { values: { $type: string }[] } };
    const zeebeUserTask = bo.extensionElements.values.find((v) => v.$type === 'zeebe:UserTask')!;
    d.get('modeling').updateModdleProperties(task, bo.extensionElements as never, { values: bo.extensionElements.values.filter((v) => v !== zeebeUserTask) });
    expect(await d.xml()).not.toContain('zeebe:userTask');

    const formId = writeForm(task, schema, services(d));
    const changed = { ...schema, components: [...schema.components, { type: 'number', key: 'jumlah', label: 'Jumlah' }] };
    expect(writeForm(task, changed, services(d))).toBe(formId);
    expect(readForm(task)).toEqual({ kind: 'embedded', formId, schema: changed });
    d.get('commandStack').undo();
    expect(readForm(task)).toEqual({ kind: 'embedded', formId, schema });

    removeForm(task, services(d));
    expect(readForm(task)).toEqual({ kind: 'none' });
    const xml = await d.xml();
    expect(xml).not.toContain('formDefinition');
    expect(xml).not.toContain('userTaskForm');
  });

  it('stays when the implementation is switched to a Camunda user task after the form was made', async () => {
    const d = await designer();
    const task = await drawUserTask(d);
    const bo = task.businessObject as unknown as { extensionElements: { values: { $type: string }[] } };
    const ext = bo.extensionElements;
    d.get('modeling').updateModdleProperties(task, ext as never, { values: ext.values.filter((v) => v.$type !== 'zeebe:UserTask') });
    const formId = writeForm(task, schema, services(d));
    d.get('modeling').updateModdleProperties(task, ext as never, { values: [...ext.values, d.get('bpmnFactory').create('zeebe:UserTask')] });
    expect(readForm(task)).toEqual({ kind: 'embedded', formId, schema });
  });
});
