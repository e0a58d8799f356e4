// Incidents at the interpreter: a step that fails for a reason a person must
// fix stops there (Camunda Operate's model) instead of failing the case or
// crashing the worker; a retry (after fixing variables) or a skip by a flow
// goes on, a cancel ends the case; long chains, big multi-instances and deep
// nesting run in slices of activations. What the incident routes answer (roles,
// 4xx statuses, the audit trail, the incident list) is in
// test/integration/incidents.test.ts.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { INCIDENT_FLOW_REQUIRED } from '@alur/workflows';
import { ADMIN, InterpreterHarness } from './support/harness';

const definitions = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">${body}</bpmn:definitions>`;

/** The diagram from the issue: a loop of two gateways with no wait state on it. */
const PUTAR = definitions(`
<bpmn:process id="putar" isExecutable="true">
  <bpmn:startEvent id="S" /><bpmn:sequenceFlow id="c1" sourceRef="S" targetRef="G1" />
  <bpmn:exclusiveGateway id="G1" default="c2" /><bpmn:sequenceFlow id="c2" sourceRef="G1" targetRef="G2" />
  <bpmn:exclusiveGateway id="G2" default="c3" /><bpmn:sequenceFlow id="c3" sourceRef="G2" targetRef="G1" />
  <bpmn:sequenceFlow id="c4" sourceRef="G2" targetRef="E"><bpmn:conditionExpression>=selesai = true</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:endEvent id="E" />
</bpmn:process>`);

/** The loop goes through a sub-process whose script steps make the step budget yield inside it (found by the random-diagram test). */
const PUTAR_SUB = definitions(`
<bpmn:process id="putar-sub" isExecutable="true">
  <bpmn:startEvent id="S" /><bpmn:sequenceFlow id="c1" sourceRef="S" targetRef="G1" />
  <bpmn:exclusiveGateway id="G1" /><bpmn:sequenceFlow id="c2" sourceRef="G1" targetRef="Sub" />
  <bpmn:subProcess id="Sub" name="Hitung ulang">
    <bpmn:startEvent id="SS" /><bpmn:sequenceFlow id="s1" sourceRef="SS" targetRef="T" />
    <bpmn:scriptTask id="T" name="Tambah"><bpmn:extensionElements><zeebe:script expression="=1" resultVariable="x" /></bpmn:extensionElements></bpmn:scriptTask>
    <bpmn:sequenceFlow id="s2" sourceRef="T" targetRef="SE" /><bpmn:endEvent id="SE" />
  </bpmn:subProcess>
  <bpmn:sequenceFlow id="c3" sourceRef="Sub" targetRef="G2" />
  <bpmn:exclusiveGateway id="G2" default="c5" />
  <bpmn:sequenceFlow id="c4" sourceRef="G2" targetRef="G1"><bpmn:conditionExpression>=selesai != true</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:sequenceFlow id="c5" sourceRef="G2" targetRef="E" /><bpmn:endEvent id="E" />
</bpmn:process>`);

/** A gateway with no default: no flow holds unless `jenis` is set. */
const PILIH = definitions(`
<bpmn:process id="pilih" isExecutable="true">
  <bpmn:startEvent id="S" /><bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="Hitung" />
  <bpmn:scriptTask id="Hitung" name="Hitung biaya"><bpmn:extensionElements><zeebe:script expression="=count(for i in 1..luas return i) * tarif" resultVariable="biaya" /></bpmn:extensionElements></bpmn:scriptTask>
  <bpmn:sequenceFlow id="f2" sourceRef="Hitung" targetRef="G" />
  <bpmn:exclusiveGateway id="G" name="Jenis izin?" />
  <bpmn:sequenceFlow id="kecil" name="kecil" sourceRef="G" targetRef="EKecil"><bpmn:conditionExpression>=jenis = "kecil"</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:sequenceFlow id="besar" name="besar" sourceRef="G" targetRef="EBesar"><bpmn:conditionExpression>=jenis = "besar"</bpmn:conditionExpression></bpmn:sequenceFlow>
  <bpmn:endEvent id="EKecil" /><bpmn:endEvent id="EBesar" />
</bpmn:process>`);

/** An error end event nothing catches. */
const GALAT = definitions(`
<bpmn:error id="Err" errorCode="DITOLAK" />
<bpmn:process id="galat-lepas" isExecutable="true">
  <bpmn:startEvent id="S" /><bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="E" />
  <bpmn:endEvent id="E" name="Tolak"><bpmn:errorEventDefinition errorRef="Err" /></bpmn:endEvent>
</bpmn:process>`);

const chain = (n: number) => {
  const parts = ['<bpmn:startEvent id="S" />', '<bpmn:sequenceFlow id="f0" sourceRef="S" targetRef="G1" />'];
  for (let i = 1; i <= n; i++) {
    parts.push(`<bpmn:exclusiveGateway id="G${i}" />`, `<bpmn:sequenceFlow id="f${i}" sourceRef="G${i}" targetRef="${i === n ? 'E' : `G${i + 1}`}" />`);
  }
  parts.push('<bpmn:endEvent id="E" />');
  return definitions(`<bpmn:process id="rantai" isExecutable="true">${parts.join('')}</bpmn:process>`);
};

const MANY = definitions(`
<bpmn:process id="banyak" isExecutable="true">
  <bpmn:startEvent id="S" /><bpmn:sequenceFlow id="f1" sourceRef="S" targetRef="T" />
  <bpmn:scriptTask id="T" name="Tandai">
    <bpmn:extensionElements><zeebe:script expression="=loopCounter" resultVariable="nomor" /></bpmn:extensionElements>
    <bpmn:multiInstanceLoopCharacteristics><bpmn:loopCardinality>=jumlah</bpmn:loopCardinality></bpmn:multiInstanceLoopCharacteristics>
  </bpmn:scriptTask>
  <bpmn:sequenceFlow id="f2" sourceRef="T" targetRef="E" /><bpmn:endEvent id="E" />
</bpmn:process>`);

const nested = (depth: number) => {
  let inner = '<bpmn:startEvent id="S0" /><bpmn:sequenceFlow id="x0" sourceRef="S0" targetRef="E0" /><bpmn:endEvent id="E0" />';
  for (let d = 1; d <= depth; d++) {
    inner =
      `<bpmn:subProcess id="P${d}"><bpmn:startEvent id="SS${d}" /><bpmn:sequenceFlow id="a${d}" sourceRef="SS${d}" targetRef="P${d}i" />` +
      `<bpmn:subProcess id="P${d}i">${inner}</bpmn:subProcess><bpmn:sequenceFlow id="b${d}" sourceRef="P${d}i" targetRef="EE${d}" /><bpmn:endEvent id="EE${d}" /></bpmn:subProcess>`;
    inner = `<bpmn:startEvent id="T${d}" /><bpmn:sequenceFlow id="t${d}" sourceRef="T${d}" targetRef="P${d}" />${inner}<bpmn:sequenceFlow id="u${d}" sourceRef="P${d}" targetRef="U${d}" /><bpmn:endEvent id="U${d}" />`;
  }
  return definitions(`<bpmn:process id="bersarang" isExecutable="true">${inner}</bpmn:process>`);
};

let h: InterpreterHarness;

beforeAll(async () => {
  h = await InterpreterHarness.start();
  for (const xml of [PUTAR, PUTAR_SUB, PILIH, GALAT, chain(1500), MANY, nested(15)]) await h.deploy(xml);
});
afterAll(() => h?.close());

it('a loop with no wait state stops at an incident naming its gateways, the worker lives on, and a retry with the fixed variable finishes the case', async () => {
  const c = await h.start('putar', { variables: { selesai: false } });
  const incident = await c.incident();
  expect(['G1', 'G2']).toContain(incident.elementId);
  expect(incident.message).toMatch(/G1 -> G2 -> G1|G2 -> G1 -> G2/);
  const snapshot = await c.snapshot();
  expect(snapshot.status).toBe('running');
  expect(snapshot.incidents!.map((i) => i.id)).toEqual([incident.incidentId]);

  // Other cases keep running on the same worker.
  const other = await h.start('rantai');
  expect((await other.ended()).status).toBe('completed');

  await c.resolveIncident({ incidentId: incident.incidentId, action: 'retry', reason: 'selesai diisi', variables: { selesai: true } });
  expect(c.eventsOfKind('incident.resolved')).toMatchObject([{ incidentId: incident.incidentId, action: 'retry', by: 'admin', reason: 'selesai diisi' }]);
  const ended = await c.ended();
  expect(ended.status).toBe('completed');
  expect(ended.variables.selesai).toBe(true);
  await c.recordHistory('incident-runaway-retry');
});

it('a loop through a sub-process with no wait state stops at an incident too (the step budget yielding inside it does not count as a wait)', async () => {
  const c = await h.start('putar-sub');
  const incident = await c.incident();
  expect(['G1', 'Sub', 'G2']).toContain(incident.elementId);
  await c.resolveIncident({ incidentId: incident.incidentId, action: 'retry', reason: 'selesai diisi', variables: { selesai: true } });
  expect((await c.ended()).status).toBe('completed');
});

it('a gateway no flow of which holds stops at an incident; skip needs the flow when there are several, then goes on by it', async () => {
  const c = await h.start('pilih', { variables: { luas: 10, tarif: 5 } });
  const incident = await c.incident();
  expect(incident).toMatchObject({ elementId: 'G', name: 'Jenis izin?' });
  expect(incident.message).toMatch(/No condition of gateway "Jenis izin\?" holds/);
  expect((await c.snapshot()).incidents![0]!.flows).toEqual(['kecil', 'besar']);

  await expect(c.resolveIncident({ incidentId: incident.incidentId, action: 'skip', reason: 'lanjut saja' })).rejects.toMatchObject({
    cause: { type: INCIDENT_FLOW_REQUIRED, message: expect.stringMatching(/kecil, besar/) },
  });
  await expect(c.resolveIncident({ incidentId: incident.incidentId, action: 'skip', reason: 'lanjut saja', flowId: 'f1' })).rejects.toMatchObject({
    cause: { type: INCIDENT_FLOW_REQUIRED },
  });

  await c.resolveIncident({ incidentId: incident.incidentId, action: 'skip', reason: 'izin besar menurut berkas', flowId: 'besar' });
  expect((await c.ended()).status).toBe('completed');
  expect(c.outcomes).toEqual(['S:completed', 'Hitung:completed', 'G:completed', 'EBesar:completed']);
  expect(c.eventsOfKind('step.ended').find((e) => c.history.find((s) => s.stepId === e.stepId)?.elementId === 'G')).toMatchObject({ by: 'admin' });
  expect(c.eventsOfKind('incident.resolved')).toMatchObject([{ action: 'skip', by: 'admin', reason: 'izin besar menurut berkas', flowId: 'besar' }]);
});

it('a script task over its FEEL budget stops there, the worker lives on; cancel ends the case with the reason', async () => {
  const c = await h.start('pilih', { variables: { luas: 2_000_000, tarif: 5 } });
  const incident = await c.incident();
  expect(incident.elementId).toBe('Hitung');
  await c.cancel('permohonan ditarik', ADMIN);
  expect((await c.ended()).status).toBe('terminated');
  expect(c.eventsOfKind('incident.resolved')).toMatchObject([{ incidentId: incident.incidentId, action: 'cancel', by: 'admin', reason: 'permohonan ditarik' }]);
});

it('an error nothing catches is an incident at the element that threw it', async () => {
  const c = await h.start('galat-lepas');
  const incident = await c.incident();
  expect(incident).toMatchObject({ elementId: 'E', name: 'Tolak' });
  expect(incident.message).toMatch(/DITOLAK.*not caught/);
});

it('a long chain runs in slices of activations: 1,500 gateways in a row', async () => {
  const chained = await h.start('rantai');
  expect((await chained.ended()).status).toBe('completed');
});

// 2,500 instances took ~15 s in one activation before (the worker thread died at 5 s); 10,000 run the same way, only the projection takes longer.
it('a 2,500-instance multi-instance runs in slices of activations instead of crashing the worker', async () => {
  const many = await h.start('banyak', { variables: { jumlah: 2_500 } });
  expect((await many.ended()).status).toBe('completed');
  expect(many.history.filter((s) => s.elementId === 'T')).toHaveLength(2_501);
}, 120_000);

it('30 nested sub-processes run to the end', async () => {
  const deep = await h.start('bersarang');
  expect((await deep.ended()).status).toBe('completed');
});
