// Incidents through the API: a step that fails for a reason a person must fix
// stops there (Camunda Operate's model); admins and supervisors retry it
// (after fixing variables), skip it or cancel the case, each with a reason, in
// the case's history and audit trail; others may not. How the interpreter
// raises and resolves incidents (runaway loops, gateways, uncaught errors, the
// FEEL budget, step budgets): test/interpreter/incidents.test.ts.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';
import { caseSteps, outcomes } from '../support/cases';
import { recordHistory } from '../support/histories';

const definitions = (body: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="t">${body}</bpmn:definitions>`;

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

let alur: TestAlur;
let admin: string;
let steps: ReturnType<typeof caseSteps>;

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  steps = caseSteps(alur, admin);
  for (const xml of [PILIH]) {
    const d = await alur.call('POST', '/api/sops', { token: admin, xml });
    expect(d.status, JSON.stringify(d.body)).toBe(201);
  }
});
afterAll(() => alur?.close());

type Incident = {
  id: string;
  elementId: string;
  name: string;
  message: string;
  state: string;
  flows: { id: string }[];
  resolution: { action: string; by: string; reason: string } | null;
};

async function openIncident(caseId: string): Promise<Incident> {
  return eventually(
    async () => {
      const res = await alur.call('GET', `/api/incidents?caseId=${caseId}`, { token: admin });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return (res.body as Incident[])[0];
    },
    30_000,
    `an incident in case ${caseId}`,
  );
}

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

  const skipped = await alur.call('POST', `/api/incidents/${incident.id}/skip`, {
    token: admin,
    json: { reason: 'izin besar menurut berkas', flowId: 'besar' },
  });
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
  const retried = await alur.call('POST', `/api/incidents/${incident.id}/retry`, {
    token: supervisor,
    json: { reason: 'jenis diisi', variables: { jenis: 'kecil' } },
  });
  expect(retried.status).toBe(200);
  expect((await steps.ended(id)).history.map((s) => s.elementId)).toContain('EKecil');
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
