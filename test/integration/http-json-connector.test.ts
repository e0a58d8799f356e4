// Camunda's REST connector (io.camunda:http-json:1), built in beside webhook
// (issue 15): a task as Camunda's element template writes it (input mappings
// url, method, headers, queryParameters, body, authentication; task headers
// resultVariable, resultExpression, errorExpression; retries) calls a real
// local HTTP server through the outbound call policy.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';
import { caseSteps, incidentOf, outcomes } from '../support/cases';
import { recordHistory } from '../support/histories';
import { startWebhookReceiver, type ReceivedCall } from '../support/webhook-receiver';

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"';
const flow = (id: string, from: string, to: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`;
const esc = (s: string) => s.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const input = (target: string, source: string) => `<zeebe:input source="${esc(source)}" target="${target}"/>`;
const header = (key: string, value: string) => `<zeebe:header key="${key}" value="${esc(value)}"/>`;

/** Start -> Cek (the connector) -> Selesai; its error boundary "NIK_TIDAK_ADA" -> Ditolak. */
const sop = (key: string, inputs: string, headers: string, retries = 1) =>
  `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${NS} id="D" targetNamespace="https://alur.go.id/test">` +
  '<bpmn:error id="ErrNik" errorCode="NIK_TIDAK_ADA"/>' +
  `<bpmn:process id="${key}" isExecutable="true"><bpmn:startEvent id="Mulai"/>${flow('f1', 'Mulai', 'Cek')}` +
  `<bpmn:serviceTask id="Cek" name="Cek penduduk"><bpmn:extensionElements><zeebe:taskDefinition type="io.camunda:http-json:1" retries="${retries}"/>` +
  `<zeebe:ioMapping>${inputs}</zeebe:ioMapping><zeebe:taskHeaders>${headers}</zeebe:taskHeaders></bpmn:extensionElements></bpmn:serviceTask>` +
  `${flow('f2', 'Cek', 'Selesai')}<bpmn:endEvent id="Selesai"/>` +
  `<bpmn:boundaryEvent id="TidakAda" attachedToRef="Cek"><bpmn:errorEventDefinition errorRef="ErrNik"/></bpmn:boundaryEvent>${flow('f3', 'TidakAda', 'Ditolak')}<bpmn:endEvent id="Ditolak"/>` +
  '</bpmn:process></bpmn:definitions>';

function answer(call: ReceivedCall) {
  if (call.url.startsWith('/penduduk/404')) return { status: 404, body: { pesan: 'tidak ada' } };
  if (call.url.startsWith('/penduduk/')) return { status: 200, body: { nama: 'Siti Aminah', nik: call.url.split('/')[2]!.split('?')[0] } };
  if (call.url.startsWith('/laporan')) return { status: 201, body: { nomor: 'L-7' } };
  return { status: 500, body: {} };
}

let alur: TestAlur;
let admin: string;
let steps: ReturnType<typeof caseSteps>;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let base: string;

beforeAll(async () => {
  receiver = await startWebhookReceiver(answer);
  base = receiver.url.replace(/\/notify$/, '');
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  steps = caseSteps(alur, admin);
  const get = sop(
    'cek-penduduk',
    input('url', `="${base}/penduduk/" + nik`) +
      input('method', 'GET') +
      input('headers', '={"X-Instansi": "dukcapil"}') +
      input('queryParameters', '={versi: "2"}') +
      input('authentication.type', 'bearer') +
      input('authentication.token', '=tokenDukcapil'),
    header('resultVariable', 'hasil') +
      header('resultExpression', '={namaPenduduk: response.body.nama}') +
      header('errorExpression', '=if error != null and error.code = "404" then bpmnError("NIK_TIDAK_ADA", "NIK " + nik + " tidak ada") else null'),
  );
  const post = sop(
    'lapor-penduduk',
    input('url', `${base}/laporan`) +
      input('method', 'POST') +
      input('body', '={nik: nik, catatan: "pindah datang"}') +
      input('authentication.type', 'basic') +
      input('authentication.username', 'alur') +
      input('authentication.password', '=sandi'),
    header('resultVariable', 'laporan'),
  );
  const internal = sop('cek-internal', input('url', '="http://10.255.255.1/penduduk/" + nik') + input('method', 'GET'), '', 2);
  for (const xml of [get, post, internal]) {
    const res = await alur.call('POST', '/api/sops', { token: admin, xml });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
});
afterAll(async () => {
  await alur?.close();
  await receiver?.close();
});

it('GET with FEEL url, headers, query parameters and a bearer token; resultVariable and resultExpression', async () => {
  const id = await steps.start('cek-penduduk', { nik: '3273', tokenDukcapil: 'rahasia-1' });
  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  const call = receiver.calls.find((x) => x.url.startsWith('/penduduk/3273'))!;
  expect(call.method).toBe('GET');
  expect(call.url).toBe('/penduduk/3273?versi=2');
  expect(call.headers['x-instansi']).toBe('dukcapil');
  expect(call.headers.authorization).toBe('Bearer rahasia-1');
  expect(c.variables.namaPenduduk).toBe('Siti Aminah');
  expect(c.variables.hasil).toMatchObject({ status: 200, body: { nama: 'Siti Aminah', nik: '3273' } });
  await recordHistory(alur.temporal, alur.temporalAddress, id, 'http-json-connector');
});

it('a 404 the errorExpression maps to a BPMN error goes to the boundary event', async () => {
  const id = await steps.start('cek-penduduk', { nik: '404', tokenDukcapil: 't' });
  const c = await steps.ended(id);
  expect(outcomes(c.history)).toEqual(['Mulai:completed', 'Cek:cancelled', 'TidakAda:completed', 'Ditolak:completed']);
  expect(c.variables.namaPenduduk).toBeUndefined();
});

it('POST with a JSON body and basic authentication', async () => {
  const id = await steps.start('lapor-penduduk', { nik: '3274', sandi: 'kata-sandi' });
  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  const call = receiver.calls.find((x) => x.url === '/laporan')!;
  expect(call.method).toBe('POST');
  expect(call.body).toEqual({ nik: '3274', catatan: 'pindah datang' });
  expect(call.headers['content-type']).toContain('application/json');
  expect(call.headers.authorization).toBe(`Basic ${Buffer.from('alur:kata-sandi').toString('base64')}`);
  expect(c.variables.laporan).toMatchObject({ status: 201, body: { nomor: 'L-7' } });
});

it('an address the outbound policy refuses (internal, not in ALUR_OUTBOUND_ALLOW) stops the case at an incident', async () => {
  const id = await steps.start('cek-internal', { nik: '1' });
  const incident = await incidentOf(alur, admin, id);
  expect(incident.elementId).toBe('Cek');
  expect(incident.message).toMatch(/^Service task "Cek penduduk" \(REST connector\) failed after 2 attempt\(s\): .*10\.255\.255\.1/);
});
