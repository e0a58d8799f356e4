// (A unit test: it compiles with the workflows package, which the web app's type check leaves out.)
// The designer's form editor writes embedded forms the compiler reads: the
// diagram, changed as bpmn-js modeling would change it, compiles with the form
// bound to the user task and the start event.
import { BpmnModdle } from 'bpmn-moddle';
import { describe, expect, it } from 'vitest';
import zeebeModdle from 'zeebe-bpmn-moddle/resources/zeebe.json';
import { compileBpmn } from '@alur/workflows/compiler';
import { readForm, removeForm, takesForm, writeForm, type FormServices } from '../../modeler/src/designer/embedded-form';

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://alur.test">
  <bpmn:process id="p" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Periksa" />
    <bpmn:userTask id="Periksa" name="Periksa">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="petugas" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="Periksa" targetRef="Surat" />
    <bpmn:userTask id="Surat"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="lurah" /><zeebe:formDefinition formId="surat-resmi" /></bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="f3" sourceRef="Surat" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Element = any;
interface Moddle {
  create(type: string, attrs?: Record<string, unknown>): Element;
  fromXML(xml: string): Promise<{ rootElement: Element }>;
  toXML(element: Element): Promise<{ xml: string }>;
}

const form = (key: string) => ({ type: 'default', id: `form-${key}`, components: [{ type: 'textfield', key, label: key, validate: { required: true } }] });

async function open() {
  const moddle = new BpmnModdle({ zeebe: zeebeModdle }) as unknown as Moddle;
  const { rootElement } = await moddle.fromXML(xml);
  const process = rootElement.rootElements[0];
  const element = (id: string) => {
    const bo = process.flowElements.find((e: { id: string }) => e.id === id);
    return { id, businessObject: bo };
  };
  // bpmn-js's modeling.updateModdleProperties sets the properties on the moddle element.
  const services: FormServices = {
    modeling: {
      updateModdleProperties: (_el, target, props) =>
        Object.entries(props).forEach(([k, v]) => (target as unknown as { set(k: string, v: unknown): void }).set(k, v)),
    },
    bpmnFactory: { create: (type, props) => moddle.create(type, props) },
  };
  const save = async () => (await moddle.toXML(rootElement)).xml;
  return { element, services, save, process };
}

describe('embedded forms in the designer', () => {
  it('offers a form on user tasks and the process start event only', async () => {
    const { element } = await open();
    expect(takesForm(element('Periksa'))).toBe(true);
    expect(takesForm(element('Start'))).toBe(true);
    expect(takesForm(element('End'))).toBe(false);
  });

  it('writes forms the compiler binds to the user task and the start event', async () => {
    const { element, services, save } = await open();
    expect(readForm(element('Periksa'))).toEqual({ kind: 'none' });
    expect(writeForm(element('Periksa'), form('lengkap'), services)).toBe('UserTaskForm_Periksa');
    writeForm(element('Start'), form('nama'), services);
    const result = await compileBpmn(await save());
    expect(result.ok ? [] : result.errors).toEqual([]);
    if (!result.ok) return;
    const periksa = result.ir.nodes.Periksa as { form?: { formKey?: string; schema?: { components: { key: string }[] } } };
    expect(periksa.form?.formKey).toBe('camunda-forms:bpmn:UserTaskForm_Periksa');
    expect(periksa.form?.schema?.components.map((c) => c.key)).toEqual(['lengkap']);
    const start = result.ir.nodes.Start as { form?: { schema?: { components: { key: string }[] } } };
    expect(start.form?.schema?.components.map((c) => c.key)).toEqual(['nama']);
  });

  it('edits the same embedded form again rather than adding another', async () => {
    const { element, services, process } = await open();
    writeForm(element('Periksa'), form('lengkap'), services);
    expect(writeForm(element('Periksa'), form('catatan'), services)).toBe('UserTaskForm_Periksa');
    expect(readForm(element('Periksa'))).toEqual({ kind: 'embedded', formId: 'UserTaskForm_Periksa', schema: form('catatan') });
    expect(process.extensionElements.values).toHaveLength(1);
  });

  it('leaves a deployed form alone and removes an embedded one from the task and the process', async () => {
    const { element, services, process } = await open();
    expect(readForm(element('Surat'))).toEqual({ kind: 'other', key: 'surat-resmi' });
    writeForm(element('Periksa'), form('lengkap'), services);
    removeForm(element('Periksa'), services);
    expect(readForm(element('Periksa'))).toEqual({ kind: 'none' });
    expect(process.extensionElements.values).toEqual([]);
    // Its candidate group stays.
    expect(element('Periksa').businessObject.extensionElements.values.map((v: { $type: string }) => v.$type)).toEqual(['zeebe:AssignmentDefinition']);
  });
});
