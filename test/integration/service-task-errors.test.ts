// A service task ending in a BPMN error, as a Camunda 8 job worker throws one:
// the webhook answers {"bpmnError": {"code", "message", "variables"}}. The code
// goes to the task's error boundary event (with any status), to an error event
// sub-process, or, caught by nothing, fails the case naming the task and code.
// A task's errorExpression header (Camunda 8 connectors) maps other answers,
// a 404 for instance, to a BPMN error.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';
import { caseSteps, outcomes, incidentOf } from '../support/cases';
import { recordHistory } from '../support/histories';
import { startWebhookReceiver, type ReceivedCall } from '../support/webhook-receiver';

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"';
const flow = (id: string, from: string, to: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`;
const task = (id: string) =>
  `<bpmn:userTask id="${id}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="petugas"/></bpmn:extensionElements></bpmn:userTask>`;
const webhook = (id: string, url: string, extraHeaders = '') =>
  `<bpmn:serviceTask id="${id}" name="Cek NIK"><bpmn:extensionElements><zeebe:taskDefinition type="webhook" retries="1"/>` +
  `<zeebe:taskHeaders><zeebe:header key="url" value="${url}"/><zeebe:header key="resultVariable" value="cek"/>${extraHeaders}</zeebe:taskHeaders></bpmn:extensionElements></bpmn:serviceTask>`;
const ERROR_EXPRESSION =
  '<zeebe:header key="errorExpression" value="=if response.status = 404 then bpmnError(&quot;NIK_TIDAK_VALID&quot;, &quot;NIK &quot; + nik + &quot; tidak ada&quot;) else null"/>';

/** Cek (service task) → Terbitkan; its error boundary "NIK_TIDAK_VALID" → Perbaiki; an error event sub-process catches "LAYANAN_TUTUP". */
const sop = (url: string, key = 'cek-kependudukan', extraHeaders = '') =>
  `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${NS} id="D" targetNamespace="https://alur.go.id/test">` +
  '<bpmn:error id="ErrNik" errorCode="NIK_TIDAK_VALID"/><bpmn:error id="ErrTutup" errorCode="LAYANAN_TUTUP"/>' +
  `<bpmn:process id="${key}" isExecutable="true">` +
  `<bpmn:startEvent id="Mulai"/>${flow('f1', 'Mulai', 'Cek')}${webhook('Cek', url, extraHeaders)}${flow('f2', 'Cek', 'Terbitkan')}${task('Terbitkan')}${flow('f3', 'Terbitkan', 'Selesai')}<bpmn:endEvent id="Selesai"/>` +
  `<bpmn:boundaryEvent id="NikSalah" attachedToRef="Cek"><bpmn:errorEventDefinition errorRef="ErrNik"/></bpmn:boundaryEvent>${flow('f4', 'NikSalah', 'Perbaiki')}${task('Perbaiki')}${flow('f5', 'Perbaiki', 'Ditolak')}<bpmn:endEvent id="Ditolak"/>` +
  '<bpmn:subProcess id="Tutup" triggeredByEvent="true"><bpmn:startEvent id="TutupMulai"><bpmn:errorEventDefinition errorRef="ErrTutup"/></bpmn:startEvent>' +
  `${flow('t1', 'TutupMulai', 'Jadwalkan')}${task('Jadwalkan')}${flow('t2', 'Jadwalkan', 'TutupSelesai')}<bpmn:endEvent id="TutupSelesai"/></bpmn:subProcess>` +
  '</bpmn:process></bpmn:definitions>';

/** The register's answers, by the NIK in the case's variables. */
function answer(call: ReceivedCall) {
  const nik = (call.body as { variables: { nik: string } }).variables.nik;
  switch (nik) {
    case 'salah':
      return {
        status: 422,
        body: { bpmnError: { code: 'NIK_TIDAK_VALID', message: 'NIK tidak terdaftar', variables: { alasanTolak: 'NIK tidak terdaftar' } } },
      };
    case 'tutup':
      return { status: 200, body: { bpmnError: { code: 'LAYANAN_TUTUP' } } };
    case 'aneh':
      return { status: 200, body: { bpmnError: { code: 'TIDAK_DIKENAL', message: 'format berubah' } } };
    case 'hilang':
      return { status: 404, body: { pesan: 'tidak ditemukan' } };
    case 'bentrok':
      return { status: 409, body: { pesan: 'sedang diproses' } };
    default:
      return { status: 200, body: { valid: true } };
  }
}

let alur: TestAlur;
let steps: ReturnType<typeof caseSteps>;
let petugas: string;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;

beforeAll(async () => {
  receiver = await startWebhookReceiver(answer);
  alur = await startAlur();
  const admin = await alur.login('admin', ADMIN_PASSWORD);
  petugas = await alur.createUser(admin, 'siti', ['petugas']);
  steps = caseSteps(alur, admin);
  for (const xml of [sop(receiver.url), sop(receiver.url, 'cek-kependudukan-peta', ERROR_EXPRESSION)]) {
    const res = await alur.call('POST', '/api/sops', { token: admin, xml });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
});
afterAll(async () => {
  await alur?.close();
  await receiver?.close();
});

it("a bpmnError answer (even a 4xx) goes to the task's error boundary event, with its variables", async () => {
  const id = await steps.start('cek-kependudukan', { nik: 'salah' });
  await steps.complete(id, 'Perbaiki', {}, petugas);
  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(outcomes(c.history)).toEqual(['Mulai:completed', 'Cek:cancelled', 'NikSalah:completed', 'Perbaiki:completed', 'Ditolak:completed']);
  expect(c.variables.alasanTolak).toBe('NIK tidak terdaftar');
  expect(c.variables.cek).toBeUndefined();
  await recordHistory(alur.temporal, alur.temporalAddress, id, 'service-task-bpmn-error-boundary');
});

it('a code the boundary event does not catch goes to the error event sub-process', async () => {
  const id = await steps.start('cek-kependudukan', { nik: 'tutup' });
  await steps.complete(id, 'Jadwalkan', {}, petugas);
  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(outcomes(c.history)).toEqual([
    'Mulai:completed',
    'Cek:cancelled',
    'TutupMulai:completed',
    'Jadwalkan:completed',
    'TutupSelesai:completed',
    'Tutup:completed',
  ]);
});

it('an error nothing catches stops the case at an incident on the task, naming the code and the message', async () => {
  const id = await steps.start('cek-kependudukan', { nik: 'aneh' });
  const admin = await alur.login('admin', ADMIN_PASSWORD);
  const incident = await incidentOf(alur, admin, id);
  expect(incident.elementId).toBe('Cek');
  expect(incident.message).toBe(
    'Error "TIDAK_DIKENAL" thrown by service task "Cek NIK" (Cek) ("format berubah") was not caught by any error boundary event or event sub-process',
  );
});

it('a plain answer completes the task as before', async () => {
  const id = await steps.start('cek-kependudukan', { nik: '3273' });
  await steps.complete(id, 'Terbitkan', {}, petugas);
  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(c.variables.cek).toEqual({ valid: true });
});

it('an errorExpression maps a 404 to the error boundary event; an answer it maps to nothing is an incident on the task', async () => {
  const id = await steps.start('cek-kependudukan-peta', { nik: 'hilang' });
  await steps.complete(id, 'Perbaiki', {}, petugas);
  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(outcomes(c.history)).toEqual(['Mulai:completed', 'Cek:cancelled', 'NikSalah:completed', 'Perbaiki:completed', 'Ditolak:completed']);
  await recordHistory(alur.temporal, alur.temporalAddress, id, 'service-task-error-expression');

  const unmapped = await steps.start('cek-kependudukan-peta', { nik: 'bentrok' });
  const admin = await alur.login('admin', ADMIN_PASSWORD);
  const incident = await incidentOf(alur, admin, unmapped);
  expect(incident.elementId).toBe('Cek');
  expect(incident.message).toMatch(
    /^Service task "Cek NIK" failed: POST http:\/\/127\.0\.0\.1:\d+\/notify answered 409, which its errorExpression maps to no BPMN error$/,
  );
});

it('refuses an errorExpression that is not FEEL at deploy, naming the task', async () => {
  const admin = await alur.login('admin', ADMIN_PASSWORD);
  const res = await alur.call('POST', '/api/sops', {
    token: admin,
    xml: sop(receiver.url, 'cek-salah', '<zeebe:header key="errorExpression" value="kalau 404"/>'),
  });
  expect(res.status).toBe(422);
  expect(res.body.errors).toEqual([
    { elementId: 'Cek', message: 'Service task "Cek NIK" (webhook) has "errorExpression" header "kalau 404": it must be a FEEL expression starting with =' },
  ]);
});
