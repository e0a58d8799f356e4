// Incidents: a step that fails for a reason a person must fix stops there
// (Camunda Operate's model) instead of failing the case or crashing the
// worker; admins and supervisors retry it (after fixing variables), skip it
// or cancel the case, each with a reason, in the case's history and audit trail.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';
import { caseSteps, outcomes } from '../support/cases';
import { recordHistory } from '../support/histories';

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
    inner = `<bpmn:subProcess id="P${d}"><bpmn:startEvent id="SS${d}" /><bpmn:sequenceFlow id="a${d}" sourceRef="SS${d}" targetRef="P${d}i" />`
      + `<bpmn:subProcess id="P${d}i">${inner}</bpmn:subProcess><bpmn:sequenceFlow id="b${d}" sourceRef="P${d}i" targetRef="EE${d}" /><bpmn:endEvent id="EE${d}" /></bpmn:subProcess>`;
    inner = `<bpmn:startEvent id="T${d}" /><bpmn:sequenceFlow id="t${d}" sourceRef="T${d}" targetRef="P${d}" />${inner}<bpmn:sequenceFlow id="u${d}" sourceRef="P${d}" targetRef="U${d}" /><bpmn:endEvent id="U${d}" />`;
  }
  return definitions(`<bpmn:process id="bersarang" isExecutable="true">${inner}</bpmn:process>`);
};

let alur: TestAlur;
let admin: string;
let steps: ReturnType<typeof caseSteps>;

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  steps = caseSteps(alur, admin);
  for (const xml of [PUTAR, PUTAR_SUB, PILIH, GALAT, chain(1500), MANY, nested(15)]) {
    const d = await alur.call('POST', '/api/sops', { token: admin, xml });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
  }
});
afterAll(() => alur?.close());

type Incident = { id: string; elementId: string; name: string; message: string; state: string; flows: { id: string }[]; resolution: { action: string; by: string; reason: string } | null };

async function openIncident(caseId: string): Promise<Incident> {
  return eventually(async () => {
    const res = await alur.call('GET', `/api/incidents?caseId=${caseId}`, { token: admin });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body as Incident[])[0];
  }, 30_000, `an incident in case ${caseId}`);
}

it('a loop with no wait state stops at an incident naming its gateways, the worker lives on, and a retry with the fixed variable finishes the case', async () => {
  const id = await steps.start('putar', { selesai: false });
  const incident = await openIncident(id);
  expect(['G1', 'G2']).toContain(incident.elementId);
  expect(incident.message).toMatch(/G1 -> G2 -> G1|G2 -> G1 -> G2/);
  const c = (await alur.call('GET', `/api/instances/${id}`, { token: admin })).body;
  expect(c.status).toBe('incident');
  expect(c.incidents.map((i: Incident) => i.id)).toEqual([incident.id]);

  // Other cases keep running on the same worker.
  const other = await steps.start('rantai');
  expect((await steps.ended(other)).status).toBe('completed');

  const retried = await alur.call('POST', `/api/incidents/${incident.id}/retry`, { token: admin, json: { reason: 'selesai diisi', variables: { selesai: true } } });
  expect(retried.status, JSON.stringify(retried.body)).toBe(200);
  expect(retried.body).toMatchObject({ state: 'resolved', resolution: { action: 'retry', by: 'admin', reason: 'selesai diisi' } });
  const ended = await steps.ended(id);
  expect(ended.status).toBe('completed');
  expect(ended.variables.selesai).toBe(true);
  await recordHistory(alur.temporal, alur.temporalAddress, id, 'incident-runaway-retry');
});

it('a loop through a sub-process with no wait state stops at an incident too (the step budget yielding inside it does not count as a wait)', async () => {
  const id = await steps.start('putar-sub');
  const incident = await openIncident(id);
  expect(['G1', 'Sub', 'G2']).toContain(incident.elementId);
  const retried = await alur.call('POST', `/api/incidents/${incident.id}/retry`, { token: admin, json: { reason: 'selesai diisi', variables: { selesai: true } } });
  expect(retried.status, JSON.stringify(retried.body)).toBe(200);
  expect((await steps.ended(id)).status).toBe('completed');
});

it('a gateway no flow of which holds stops at an incident; skip needs the flow when there are several, then goes on by it', async () => {
  const id = await steps.start('pilih', { luas: 10, tarif: 5 });
  const incident = await openIncident(id);
  expect(incident).toMatchObject({ elementId: 'G', name: 'Jenis izin?', state: 'open' });
  expect(incident.message).toMatch(/No condition of gateway "Jenis izin\?" holds/);
  expect(incident.flows.map((f) => f.id)).toEqual(['kecil', 'besar']);

  const noFlow = await alur.call('POST', `/api/incidents/${incident.id}/skip`, { token: admin, json: { reason: 'lanjut saja' } });
  expect(noFlow.status).toBe(422);
  expect(noFlow.body.message).toMatch(/kecil, besar/);
  const badFlow = await alur.call('POST', `/api/incidents/${incident.id}/skip`, { token: admin, json: { reason: 'lanjut saja', flowId: 'f1' } });
  expect(badFlow.status).toBe(422);
  const noReason = await alur.call('POST', `/api/incidents/${incident.id}/skip`, { token: admin, json: { flowId: 'besar' } });
  expect(noReason.status).toBe(400);

  const skipped = await alur.call('POST', `/api/incidents/${incident.id}/skip`, { token: admin, json: { reason: 'izin besar menurut berkas', flowId: 'besar' } });
  expect(skipped.status, JSON.stringify(skipped.body)).toBe(200);
  const ended = await steps.ended(id);
  expect(ended.status).toBe('completed');
  expect(outcomes(ended.history)).toEqual(['S:completed', 'Hitung:completed', 'G:completed', 'EBesar:completed']);
  expect(ended.history.find((s) => s.elementId === 'G')).toMatchObject({ by: 'admin' });
  const again = await alur.call('POST', `/api/incidents/${incident.id}/retry`, { token: admin, json: { reason: 'sekali lagi' } });
  expect(again.status).toBe(409);

  const audit = await alur.prisma.auditEntry.findMany({ where: { action: 'incident.resolved', target: `case:${id}` } });
  expect(audit).toHaveLength(1);
  await recordHistory(alur.temporal, alur.temporalAddress, id, 'incident-gateway-skip');
});

it('a script task over its FEEL budget stops there, the worker lives on; cancel ends the case with the reason', async () => {
  const id = await steps.start('pilih', { luas: 2_000_000, tarif: 5 });
  const incident = await openIncident(id);
  expect(incident.elementId).toBe('Hitung');
  const cancelled = await alur.call('POST', `/api/incidents/${incident.id}/cancel`, { token: admin, json: { reason: 'permohonan ditarik' } });
  expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
  const ended = await steps.ended(id);
  expect(ended.status).toBe('terminated');
  const after = (await alur.call('GET', `/api/incidents?caseId=${id}&state=all`, { token: admin })).body as Incident[];
  expect(after[0]).toMatchObject({ state: 'resolved', resolution: { action: 'cancel', by: 'admin', reason: 'permohonan ditarik' } });
});

it('an error nothing catches is an incident at the element that threw it', async () => {
  const id = await steps.start('galat-lepas');
  const incident = await openIncident(id);
  expect(incident).toMatchObject({ elementId: 'E', name: 'Tolak' });
  expect(incident.message).toMatch(/DITOLAK.*not caught/);
});

it('only admins and supervisors see and resolve incidents', async () => {
  const staf = await alur.createUser(admin, 'petugas-insiden', ['petugas']);
  expect((await alur.call('GET', '/api/incidents', { token: staf })).status).toBe(403);
  const supervisor = await alur.createUser(admin, 'pengawas-insiden', ['supervisor']);
  const id = await steps.start('pilih', { luas: 1, tarif: 1 });
  const incident = await openIncident(id);
  expect((await alur.call('POST', `/api/incidents/${incident.id}/retry`, { token: staf, json: { reason: 'coba lagi' } })).status).toBe(403);
  const list = await alur.call('GET', '/api/incidents?sopKey=pilih&elementId=G', { token: supervisor });
  expect(list.status).toBe(200);
  expect((list.body as Incident[]).map((i) => i.id)).toContain(incident.id);
  const retried = await alur.call('POST', `/api/incidents/${incident.id}/retry`, { token: supervisor, json: { reason: 'jenis diisi', variables: { jenis: 'kecil' } } });
  expect(retried.status).toBe(200);
  expect((await steps.ended(id)).history.map((s) => s.elementId)).toContain('EKecil');
});

it('a long chain runs in slices of activations: 1,500 gateways in a row', async () => {
  const chained = await steps.start('rantai');
  expect((await steps.ended(chained)).status).toBe('completed');
});

// 2,500 instances took ~15 s in one activation before (the worker thread died at 5 s); 10,000 run the same way, only the projection takes longer.
it('a 2,500-instance multi-instance runs in slices of activations instead of crashing the worker', async () => {
  const many = await steps.start('banyak', { jumlah: 2_500 });
  const c = await steps.ended(many, 150_000);
  expect(c.status).toBe('completed');
  expect(c.history.filter((s) => s.elementId === 'T')).toHaveLength(2_501);
}, 180_000);

it('30 nested sub-processes run to the end', async () => {
  const deep = await steps.start('bersarang');
  expect((await steps.ended(deep)).status).toBe('completed');
});

it('an admin cancels a case Temporal runs but the projection never saw; others get 404', async () => {
  // A workflow no worker can pick up (another task queue) never records its start.
  const handle = await alur.temporal.workflow.start('runSop', { taskQueue: `${alur.taskQueue}-niemand`, workflowId: `tak-terlihat-${Date.now()}`, args: [{}] });
  const supervisor = await alur.createUser(admin, 'pengawas-hantu', ['supervisor']);
  expect((await alur.call('POST', `/api/instances/${handle.workflowId}/cancel`, { token: supervisor, json: { reason: 'kasus hantu' } })).status).toBe(404);
  const res = await alur.call('POST', `/api/instances/${handle.workflowId}/cancel`, { token: admin, json: { reason: 'kasus hantu' } });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  expect(res.body).toMatchObject({ id: handle.workflowId, status: 'terminated', cancellation: { by: 'admin', reason: 'kasus hantu' } });
  expect((await handle.describe()).status.name).toBe('TERMINATED');
  expect((await alur.call('POST', `/api/instances/${handle.workflowId}/cancel`, { token: admin, json: { reason: 'kasus hantu' } })).status).toBe(409);
});
