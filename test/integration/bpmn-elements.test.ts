// The BPMN elements of issue 15, part A, through the API on the real Temporal
// server and PostgreSQL: deployed with POST /api/sops (a wrong diagram is a
// 422 naming the element), run as cases, read back from the projection.
// Their semantics in detail are in the interpreter tier (test/interpreter).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';
import { caseSteps, outcomes } from '../support/cases';

const definitions = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">${body}</bpmn:definitions>`;

const task = (id: string, name: string) =>
  `<bpmn:userTask id="${id}" name="${name}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="admin" /></bpmn:extensionElements></bpmn:userTask>`;

let alur: TestAlur;
let admin: string;
let steps: ReturnType<typeof caseSteps>;

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  steps = caseSteps(alur, admin);
});
afterAll(() => alur?.close());

async function deploy(xml: string) {
  return alur.call('POST', '/api/sops', { token: admin, xml });
}

describe('link events', () => {
  const linked = (catchName: string) =>
    definitions(`
<bpmn:process id="izin-link" name="Izin dengan link" isExecutable="true">
  <bpmn:startEvent id="S" /><bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="Periksa" />
  <bpmn:intermediateCatchEvent id="Dari" name="Ulangi"><bpmn:linkEventDefinition name="${catchName}" /></bpmn:intermediateCatchEvent>
  <bpmn:sequenceFlow id="f2" sourceRef="Dari" targetRef="Periksa" />
  ${task('Periksa', 'Periksa berkas')}
  <bpmn:sequenceFlow id="f3" sourceRef="Periksa" targetRef="G" />
  <bpmn:exclusiveGateway id="G" default="f5" />
  <bpmn:sequenceFlow id="f4" sourceRef="G" targetRef="E"><bpmn:conditionExpression>=lengkap = true</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:sequenceFlow id="f5" sourceRef="G" targetRef="Ke" />
  <bpmn:intermediateThrowEvent id="Ke" name="Ulangi"><bpmn:linkEventDefinition name="Ulangi" /></bpmn:intermediateThrowEvent>
  <bpmn:endEvent id="E" />
</bpmn:process>`);

  it('refuses a link throw event without its catch event (422 naming both events), then runs a retry loop drawn with links', async () => {
    const wrong = await deploy(linked('Lain'));
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([
      {
        elementId: 'Ke',
        message:
          'Link intermediate throw event "Ulangi" links to "Ulangi", but there is no link catch event named "Ulangi" at process level; add one, or name an existing link catch event',
      },
      {
        elementId: 'Dari',
        message:
          'Link intermediate catch event "Ulangi" catches the link "Lain", but no link throw event at process level has that name, so it can never be reached',
      },
    ]);

    expect((await deploy(linked('Ulangi'))).status).toBe(201);
    const id = await steps.start('izin-link');
    await steps.complete(id, 'Periksa', { lengkap: false });
    await steps.complete(id, 'Periksa', { lengkap: true });
    const done = await steps.ended(id);
    expect(done.status).toBe('completed');
    expect(outcomes(done.history)).toEqual([
      'S:completed',
      'Periksa:completed',
      'G:completed',
      'Ke:completed',
      'Dari:completed',
      'Periksa:completed',
      'G:completed',
      'E:completed',
    ]);
  });
});

describe('input/output mappings on events', () => {
  const out = (source: string, target: string) =>
    `<bpmn:extensionElements><zeebe:ioMapping><zeebe:output source="${source}" target="${target}" /></zeebe:ioMapping></bpmn:extensionElements>`;
  const mapped = (startMapping: string) =>
    definitions(`
<bpmn:process id="izin-peta" name="Izin dengan pemetaan" isExecutable="true">
  <bpmn:startEvent id="S">${startMapping}</bpmn:startEvent><bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="Terima" />
  <bpmn:intermediateThrowEvent id="Terima" name="Berkas diterima">${out('=&quot;diterima&quot;', 'status')}</bpmn:intermediateThrowEvent>
  <bpmn:sequenceFlow id="f2" sourceRef="Terima" targetRef="Periksa" />
  ${task('Periksa', 'Periksa berkas')}
  <bpmn:sequenceFlow id="f3" sourceRef="Periksa" targetRef="E" />
  <bpmn:endEvent id="E">${out('=&quot;selesai: &quot; + pemohon.nama', 'ringkasan')}</bpmn:endEvent>
</bpmn:process>`);

  it('refuses an input mapping on a start event (422 naming it), then runs outputs of start, throw and end events', async () => {
    const wrong = await deploy(
      mapped('<bpmn:extensionElements><zeebe:ioMapping><zeebe:input source="=1" target="x" /></zeebe:ioMapping></bpmn:extensionElements>'),
    );
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([{ elementId: 'S', message: expect.stringMatching(/^Start event "S" has input mappings \(to "x"\)/) }]);

    expect((await deploy(mapped(out('=upper case(pemohon.nama)', 'namaBesar')))).status).toBe(201);
    const id = await steps.start('izin-peta', { pemohon: { nama: 'Ani' } });
    await steps.complete(id, 'Periksa');
    const done = await steps.ended(id);
    expect(done.status).toBe('completed');
    expect(done.variables).toMatchObject({ namaBesar: 'ANI', status: 'diterima', ringkasan: 'selesai: Ani' });
  });
});

describe('standard loops', () => {
  const loopXml = (marker: string) =>
    definitions(`
<bpmn:process id="izin-ulang" name="Izin dengan perbaikan berulang" isExecutable="true">
  <bpmn:startEvent id="S" /><bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="Perbaiki" />
  <bpmn:userTask id="Perbaiki" name="Perbaiki berkas"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="admin" /></bpmn:extensionElements>${marker}</bpmn:userTask>
  <bpmn:sequenceFlow id="f2" sourceRef="Perbaiki" targetRef="E" /><bpmn:endEvent id="E" />
</bpmn:process>`);

  it('refuses a loop that could never end (422 naming the task), then loops a task until its condition stops holding', async () => {
    const wrong = await deploy(loopXml('<bpmn:standardLoopCharacteristics />'));
    expect(wrong.status).toBe(422);
    expect(wrong.body.errors).toEqual([
      { elementId: 'Perbaiki', message: expect.stringMatching(/^User task "Perbaiki berkas" has a loop marker with neither/) },
    ]);

    const marker =
      '<bpmn:standardLoopCharacteristics loopMaximum="5"><bpmn:loopCondition xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="bpmn:tFormalExpression">=lengkap != true</bpmn:loopCondition></bpmn:standardLoopCharacteristics>';
    expect((await deploy(loopXml(marker))).status).toBe(201);
    const id = await steps.start('izin-ulang');
    await steps.complete(id, 'Perbaiki', { lengkap: false });
    await steps.complete(id, 'Perbaiki', { lengkap: true });
    const done = await steps.ended(id);
    expect(done.status).toBe('completed');
    expect(outcomes(done.history)).toEqual(['S:completed', 'Perbaiki:completed', 'Perbaiki:completed', 'Perbaiki:completed', 'E:completed']);
  });
});
