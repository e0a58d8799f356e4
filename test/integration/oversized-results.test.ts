// A result that would make a case too big to carry through Temporal (its
// payloads stop at 2 MB) stops at an incident at the element that produced it,
// naming the variable, instead of a workflow task that fails on every retry
// and a case nobody can see or fix (issue 14). A retry with smaller variables
// goes on.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';
import { caseSteps, incidentOf } from '../support/cases';
import { startWebhookReceiver } from '../support/webhook-receiver';

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"';
const flow = (id: string, from: string, to: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`;
const fetchInto = (id: string, url: string, variable: string) =>
  `<bpmn:serviceTask id="${id}" name="Ambil ${variable}"><bpmn:extensionElements><zeebe:taskDefinition type="webhook" retries="1"/>` +
  `<zeebe:taskHeaders><zeebe:header key="url" value="${url}"/><zeebe:header key="resultVariable" value="${variable}"/></zeebe:taskHeaders></bpmn:extensionElements></bpmn:serviceTask>`;
const sop = (url: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${NS} id="D" targetNamespace="https://alur.go.id/test"><bpmn:process id="arsip-besar" isExecutable="true">` +
  `<bpmn:startEvent id="Mulai"/>${flow('f1', 'Mulai', 'A')}${fetchInto('A', url, 'arsipLama')}${flow('f2', 'A', 'B')}${fetchInto('B', url, 'arsipBaru')}${flow('f3', 'B', 'Periksa')}` +
  '<bpmn:userTask id="Periksa" name="Periksa arsip"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="petugas"/></bpmn:extensionElements></bpmn:userTask>' +
  `${flow('f4', 'Periksa', 'Selesai')}<bpmn:endEvent id="Selesai"/></bpmn:process></bpmn:definitions>`;

let alur: TestAlur;
let admin: string;
let petugas: string;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  // Each answer is 700 KB: one fits in a case, two do not.
  receiver = await startWebhookReceiver(() => ({ status: 200, body: { isi: 'x'.repeat(700 * 1024) } }));
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  petugas = await alur.createUser(admin, 'siti', ['petugas']);
  const res = await alur.call('POST', '/api/sops', { token: admin, xml: sop(receiver.url) });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
});
afterAll(async () => {
  await alur?.close();
  await receiver?.close();
});

it('a service task result that would make the case too big stops at an incident naming it; a retry with smaller variables goes on', async () => {
  const steps = caseSteps(alur, admin);
  const id = await steps.start('arsip-besar');
  const incident = await incidentOf(alur, admin, id, 40_000);
  expect(incident.elementId).toBe('B');
  expect(incident.message).toMatch(/would make the case's variables 1\.4 MB, over the 768 KB a case can carry \(largest: "arsipBaru", 700 KB\)/);
  // The worker lives on and the case is readable, with the first result in it.
  const c = (await alur.call('GET', `/api/instances/${id}`, { token: admin })).body;
  expect(c.status).toBe('incident');
  expect((c.variables.arsipLama as { isi: string }).isi).toHaveLength(700 * 1024);

  const retry = await alur.call('POST', `/api/incidents/${incident.id}/retry`, {
    token: admin,
    json: { reason: 'arsip lama dilepas', variables: { arsipLama: null } },
  });
  expect(retry.status, JSON.stringify(retry.body)).toBe(200);
  await steps.complete(id, 'Periksa', {}, petugas);
  const ended = await steps.ended(id);
  expect(ended.status).toBe('completed');
  expect(ended.variables.arsipLama).toBeNull();
  expect((ended.variables.arsipBaru as { isi: string }).isi).toHaveLength(700 * 1024);
});
