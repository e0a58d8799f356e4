// Link intermediate events at the interpreter: a link throw event goes on at
// the catch event of its name, as the sequence flow it stands for would; both
// are recorded in the case history. A loop through links that never waits is
// still a runaway (the link catch event waits for nothing).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { InterpreterHarness } from './support/harness';

const definitions = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">${body}</bpmn:definitions>`;

/** A retry loop drawn with links: Periksa until lengkap, back through the link "Ulangi". */
const ULANG = definitions(`
<bpmn:process id="ulang-link" isExecutable="true">
  <bpmn:startEvent id="S" /><bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="Periksa" />
  <bpmn:intermediateCatchEvent id="Dari" name="Ulangi"><bpmn:linkEventDefinition name="Ulangi" /></bpmn:intermediateCatchEvent>
  <bpmn:sequenceFlow id="f2" sourceRef="Dari" targetRef="Periksa" />
  <bpmn:userTask id="Periksa" name="Periksa berkas"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="petugas" /></bpmn:extensionElements></bpmn:userTask>
  <bpmn:sequenceFlow id="f3" sourceRef="Periksa" targetRef="G" />
  <bpmn:exclusiveGateway id="G" default="f5" />
  <bpmn:sequenceFlow id="f4" sourceRef="G" targetRef="Sub"><bpmn:conditionExpression>=lengkap = true</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:sequenceFlow id="f5" sourceRef="G" targetRef="Ke" />
  <bpmn:intermediateThrowEvent id="Ke" name="Ulangi"><bpmn:linkEventDefinition name="Ulangi" /></bpmn:intermediateThrowEvent>
  <bpmn:subProcess id="Sub" name="Terbitkan">
    <bpmn:startEvent id="SS" /><bpmn:sequenceFlow id="s1" sourceRef="SS" targetRef="SKe" />
    <bpmn:intermediateThrowEvent id="SKe"><bpmn:linkEventDefinition name="Cetak" /></bpmn:intermediateThrowEvent>
    <bpmn:intermediateCatchEvent id="SDari"><bpmn:linkEventDefinition name="Cetak" /></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="s2" sourceRef="SDari" targetRef="Cetak" />
    <bpmn:manualTask id="Cetak" name="Cetak izin" /><bpmn:sequenceFlow id="s3" sourceRef="Cetak" targetRef="SE" /><bpmn:endEvent id="SE" />
  </bpmn:subProcess>
  <bpmn:sequenceFlow id="f6" sourceRef="Sub" targetRef="E" /><bpmn:endEvent id="E" />
</bpmn:process>`);

/** A loop through a link with no wait state on it. */
const PUTAR = definitions(`
<bpmn:process id="putar-link" isExecutable="true">
  <bpmn:startEvent id="S" /><bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="G" />
  <bpmn:intermediateCatchEvent id="Dari"><bpmn:linkEventDefinition name="L" /></bpmn:intermediateCatchEvent>
  <bpmn:sequenceFlow id="f2" sourceRef="Dari" targetRef="G" />
  <bpmn:exclusiveGateway id="G" default="f3" />
  <bpmn:sequenceFlow id="f3" sourceRef="G" targetRef="Ke" />
  <bpmn:sequenceFlow id="f4" sourceRef="G" targetRef="E"><bpmn:conditionExpression>=selesai = true</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:intermediateThrowEvent id="Ke"><bpmn:linkEventDefinition name="L" /></bpmn:intermediateThrowEvent>
  <bpmn:endEvent id="E" />
</bpmn:process>`);

let h: InterpreterHarness;

beforeAll(async () => {
  h = await InterpreterHarness.start();
  await h.deploy(ULANG);
  await h.deploy(PUTAR);
});
afterAll(() => h?.close());

it('a link throw event goes on at its catch event: a retry loop, and a link inside a sub-process', async () => {
  const c = await h.start('ulang-link');
  await c.complete('Periksa', { lengkap: false });
  await c.complete('Periksa', { lengkap: true });

  expect((await c.ended()).status).toBe('completed');
  expect(c.outcomes).toEqual([
    'S:completed',
    'Periksa:completed',
    'G:completed',
    'Ke:completed',
    'Dari:completed',
    'Periksa:completed',
    'G:completed',
    'SS:completed',
    'SKe:completed',
    'SDari:completed',
    'Cetak:completed',
    'SE:completed',
    'Sub:completed',
    'E:completed',
  ]);
  expect(c.history.find((s) => s.elementId === 'Dari')!.type).toBe('intermediateCatchEvent');
  await c.recordHistory('link-events-retry-loop');
});

it('a loop through a link that never waits stops at an incident, as a loop of sequence flows does', async () => {
  const c = await h.start('putar-link', { variables: { selesai: false } });
  const incident = await c.incident();
  expect(incident.message).toMatch(/went round .*Dari/);
  await c.cancel('uji selesai');
});
