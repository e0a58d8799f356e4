// Input/output mappings, user task forms (embedded and deployed) checked in the
// completeTask Update, and FEEL due dates, on the real Temporal server and
// PostgreSQL, with a Camunda Modeler diagram (test/fixtures/permohonan-izin.bpmn).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';
import { incidentOf } from '../support/cases';
import { recordHistory } from '../support/histories';
import { startWebhookReceiver } from '../support/webhook-receiver';

const xml = readFileSync(new URL('../fixtures/permohonan-izin.bpmn', import.meta.url), 'utf8');
const verificationForm = JSON.parse(readFileSync(new URL('../fixtures/formulir-verifikasi.form', import.meta.url), 'utf8'));

let alur: TestAlur;
let admin: string;
let petugas: string;
let verifikator: string;

interface InboxTask {
  id: string;
  elementId: string;
  dueDate: string | null;
  followUpDate: string | null;
  formKey: string | null;
}

async function openTask(token: string, instanceId: string, elementId: string): Promise<InboxTask> {
  return eventually(
    async () => {
      const res = await alur.call('GET', `/api/tasks?instanceId=${instanceId}`, { token });
      return (res.body as InboxTask[]).find((t) => t.elementId === elementId);
    },
    15_000,
    `task ${elementId}`,
  );
}

const complete = (token: string, taskId: string, variables: Record<string, unknown>) =>
  alur.call('POST', `/api/tasks/${taskId}/complete`, { token, json: { variables } });

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  petugas = await alur.createUser(admin, 'petugas-izin', ['petugas']);
  verifikator = await alur.createUser(admin, 'verifikator-izin', ['verifikator']);
});
afterAll(() => alur?.close());

it('refuses an SOP whose deployed form is missing, naming the task and the form', async () => {
  const res = await alur.call('POST', '/api/sops', { token: admin, xml });
  expect(res.status).toBe(422);
  expect(res.body.errors).toEqual([
    {
      elementId: 'Verifikasi',
      message: 'User task "Verifikasi permohonan" uses the form "formulir-verifikasi", which is not deployed; deploy it first (POST /api/forms)',
    },
  ]);
});

it('deploys forms as versions: a bad one is refused with each problem, the same one twice is one version', async () => {
  const bad = await alur.call('POST', '/api/forms', { token: admin, json: { components: [{ type: 'number', key: 'x', validate: { min: 'nol' } }] } });
  expect(bad.status).toBe(422);
  expect(bad.body.errors).toEqual([
    { message: 'the form has no "id"; SOPs refer to it by that id (zeebe:formDefinition formId)' },
    { message: 'field "x" has min "nol", not a number' },
  ]);
  expect((await alur.call('POST', '/api/forms', { token: petugas, json: verificationForm })).status).toBe(403);
  const first = await alur.call('POST', '/api/forms', { token: admin, json: verificationForm });
  expect(first).toMatchObject({ status: 201, body: { formId: 'formulir-verifikasi', version: 1 } });
  expect(await alur.call('POST', '/api/forms', { token: admin, json: verificationForm })).toMatchObject({ status: 200, body: { version: 1 } });
  const got = await alur.call('GET', '/api/forms/formulir-verifikasi', { token: petugas });
  expect(got.body).toMatchObject({ formId: 'formulir-verifikasi', version: 1, schema: { components: [{ key: 'keputusan' }, { key: 'alasan' }] } });
});

it('runs a case: due dates on the inbox task, input mappings for the form, 422 naming the fields, outputs into the case', async () => {
  expect((await alur.call('POST', '/api/sops', { token: admin, xml })).status).toBe(201);
  const started = await alur.call('POST', '/api/sops/permohonan-izin/instances', {
    token: petugas,
    json: { variables: { pemohon: { nama: 'Ani Suryani' }, tanggalPengajuan: '2026-12-01T09:00:00+07:00' } },
  });
  expect(started.status).toBe(201);
  const { id } = started.body;

  // The task opens with its FEEL due date (3 days after submission) and its fixed follow-up date.
  const isi = await openTask(petugas, id, 'IsiFormulir');
  expect(isi).toMatchObject({
    dueDate: '2026-12-04T02:00:00.000Z',
    followUpDate: '2026-12-02T02:00:00.000Z',
    formKey: 'camunda-forms:bpmn:UserTaskForm_permohonan',
  });
  const detail = (await alur.call('GET', `/api/tasks/${isi.id}`, { token: petugas })).body;
  expect(detail).toMatchObject({ elementId: 'IsiFormulir', dueDate: '2026-12-04T02:00:00.000Z', inputs: { namaPemohon: 'Ani Suryani' } });
  expect(detail.form.components.map((c: { key: string }) => c.key)).toEqual(['nama', 'jumlahBerkas', 'email', 'jenisIzin']);
  const row = await alur.prisma.task.findUniqueOrThrow({ where: { id: isi.id } });
  expect(row.dueDate?.toISOString()).toBe('2026-12-04T02:00:00.000Z');

  // A submission the form would not accept: 422, every field named, the task stays open.
  const bad = await complete(petugas, isi.id, { nama: 'A', jumlahBerkas: 2.5, email: 'ani@', jenisIzin: 'reklame' });
  expect(bad.status).toBe(422);
  expect(bad.body.errors).toEqual([
    { field: 'variables.nama', message: 'nama must be at least 3 characters long' },
    { field: 'variables.jumlahBerkas', message: 'jumlahBerkas must be a whole number' },
    { field: 'variables.email', message: 'email must be an email address' },
    { field: 'variables.jenisIzin', message: 'jenisIzin must be one of "usaha", "bangunan"' },
  ]);
  expect((await complete(petugas, isi.id, {})).body.errors.map((e: { field: string }) => e.field)).toEqual([
    'variables.nama',
    'variables.jumlahBerkas',
    'variables.jenisIzin',
  ]);
  expect((await alur.prisma.task.findUniqueOrThrow({ where: { id: isi.id } })).status).toBe('open');

  const ok = await complete(petugas, isi.id, { nama: 'Ani Suryani', jumlahBerkas: 3, email: 'ani@contoh.id', jenisIzin: 'usaha' });
  expect(ok.status, JSON.stringify(ok.body)).toBe(200);

  // The deployed form was bound at deploy and checks the second task; its hidden field is not required.
  const verifikasi = await openTask(verifikator, id, 'Verifikasi');
  expect(verifikasi.formKey).toBe('formulir-verifikasi');
  expect((await alur.call('GET', `/api/tasks/${verifikasi.id}`, { token: verifikator })).body.form.id).toBe('formulir-verifikasi');
  const refused = await complete(verifikator, verifikasi.id, { keputusan: 'tolak' });
  expect(refused.body.errors).toEqual([{ field: 'variables.alasan', message: 'alasan is required' }]);
  expect((await complete(verifikator, verifikasi.id, { keputusan: 'mungkin' })).body.errors).toEqual([
    { field: 'variables.keputusan', message: 'keputusan must be one of "setuju", "tolak"' },
  ]);
  expect((await complete(verifikator, verifikasi.id, { keputusan: 'setuju', catatan: 'lengkap' })).status).toBe(200);

  const c = await eventually(
    async () => {
      const x = (await alur.call('GET', `/api/instances/${id}`, { token: admin })).body;
      return x.status === 'completed' ? x : undefined;
    },
    20_000,
    'case completed',
  );
  // Outputs only: the form's own fields and the input mapping's local stay out of the case; without outputs, everything merges.
  expect(c.variables).toEqual({
    pemohon: { nama: 'Ani Suryani' },
    tanggalPengajuan: '2026-12-01T09:00:00+07:00',
    biaya: 15000,
    ringkasan: { nama: 'Ani Suryani', jenis: 'usaha', disetujui: true },
    keputusan: 'setuju',
    catatan: 'lengkap',
  });
  expect(c.history.map((h: { elementId: string }) => h.elementId)).toEqual(['Mulai', 'IsiFormulir', 'Verifikasi', 'Serahkan', 'Selesai']);

  const events = await alur.prisma.caseEvent.findMany({
    where: { caseId: id, kind: { in: ['task.created', 'task.completed', 'variables.changed'] } },
    orderBy: { seq: 'asc' },
  });
  const data = events.map((e) => ({ kind: e.kind, ...(e.data as Record<string, unknown>) }));
  expect(data[0]).toMatchObject({
    kind: 'task.created',
    elementId: 'IsiFormulir',
    dueDate: '2026-12-04T02:00:00.000Z',
    inputs: { namaPemohon: 'Ani Suryani' },
  });
  expect(data[1]).toMatchObject({ kind: 'task.completed', variables: { nama: 'Ani Suryani', jumlahBerkas: 3, email: 'ani@contoh.id', jenisIzin: 'usaha' } });
  expect(data[2]).toMatchObject({ kind: 'variables.changed', variables: { biaya: 15000, ringkasan: { nama: 'Ani Suryani', jenis: 'usaha' } } });
  expect(data.at(-1)).toMatchObject({ kind: 'variables.changed', source: 'manual:Serahkan', variables: { ringkasan: { disetujui: true } } });
  await recordHistory(alur.temporal, alur.temporalAddress, id, 'forms-io-mapping-due-dates');
});

it('stops the case with an incident naming the task when its due date expression gives no date', async () => {
  const { id } = (
    await alur.call('POST', '/api/sops/permohonan-izin/instances', {
      token: petugas,
      json: { variables: { pemohon: { nama: 'Budi' }, tanggalPengajuan: 'kemarin' } },
    })
  ).body;
  const incident = await incidentOf(alur, admin, id);
  expect(incident.elementId).toBe('IsiFormulir');
  expect(incident.message).toMatch(/IsiFormulir|Isi formulir permohonan/);
  expect(incident.message).toMatch(/due date|date and time\(tanggalPengajuan\)/);
  expect(await alur.prisma.task.count({ where: { caseId: id, status: 'open' } })).toBe(0);
});

it('maps data in and out of a webhook service task (Camunda 8) and a script task (Camunda 7 camunda:inputOutput)', async () => {
  const receiver = await startWebhookReceiver(() => ({ status: 200, body: { terkirim: true, kanal: 'sms' } }));
  try {
    const sop = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="http://alur.test">
  <bpmn:process id="notifikasi-data" isExecutable="true">
    <bpmn:startEvent id="s"/>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="Hitung"/>
    <bpmn:scriptTask id="Hitung" scriptFormat="feel" camunda:resultVariable="hasil">
      <bpmn:extensionElements>
        <camunda:inputOutput>
          <camunda:inputParameter name="ganda">=jumlah * 2</camunda:inputParameter>
          <camunda:outputParameter name="total">=hasil</camunda:outputParameter>
        </camunda:inputOutput>
      </bpmn:extensionElements>
      <bpmn:script>ganda + 1</bpmn:script>
    </bpmn:scriptTask>
    <bpmn:sequenceFlow id="f2" sourceRef="Hitung" targetRef="Kirim"/>
    <bpmn:serviceTask id="Kirim" name="Kirim SMS">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="webhook"/>
        <zeebe:taskHeaders><zeebe:header key="url" value="${receiver.url}"/><zeebe:header key="resultVariable" value="respons"/></zeebe:taskHeaders>
        <zeebe:ioMapping>
          <zeebe:input source="=pemohon.nama" target="nama"/>
          <zeebe:input source="SMS" target="kanal"/>
          <zeebe:output source="=respons.terkirim" target="notifikasi.terkirim"/>
          <zeebe:output source="=kanal" target="notifikasi.lewat"/>
        </zeebe:ioMapping>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f3" sourceRef="Kirim" targetRef="e"/>
    <bpmn:endEvent id="e"/>
  </bpmn:process>
</bpmn:definitions>`;
    expect((await alur.call('POST', '/api/sops', { token: admin, xml: sop })).status).toBe(201);
    const { id } = (
      await alur.call('POST', '/api/sops/notifikasi-data/instances', {
        token: admin,
        json: { variables: { pemohon: { nama: 'Ani' }, jumlah: 4, notifikasi: { nomor: '0812' } } },
      })
    ).body;
    const c = await eventually(
      async () => {
        const x = (await alur.call('GET', `/api/instances/${id}`, { token: admin })).body;
        return x.status === 'completed' ? x : undefined;
      },
      20_000,
      'case completed',
    );
    // The webhook saw the case's variables and the task's inputs; the case keeps only what the outputs map.
    expect(receiver.calls).toHaveLength(1);
    expect((receiver.calls[0]!.body as { variables: unknown }).variables).toEqual({
      pemohon: { nama: 'Ani' },
      jumlah: 4,
      notifikasi: { nomor: '0812' },
      total: 9,
      nama: 'Ani',
      kanal: 'SMS',
    });
    expect(c.variables).toEqual({ pemohon: { nama: 'Ani' }, jumlah: 4, total: 9, notifikasi: { nomor: '0812', terkirim: true, lewat: 'SMS' } });
  } finally {
    await receiver.close();
  }
});

it('starts a case only with variables its start form accepts', async () => {
  const form = JSON.stringify({
    id: 'formulir-pengajuan',
    components: [
      { type: 'group', path: 'pemohon', components: [{ type: 'textfield', key: 'nama', validate: { required: true, minLength: 3 } }] },
      { type: 'textfield', key: 'telepon', validate: { validationType: 'phone' } },
    ],
  });
  const sop = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://alur.test">
  <bpmn:process id="pengajuan-dengan-formulir" isExecutable="true">
    <bpmn:extensionElements><zeebe:userTaskForm id="FormPengajuan">${form.replace(/</g, '&lt;')}</zeebe:userTaskForm></bpmn:extensionElements>
    <bpmn:startEvent id="Ajukan"><bpmn:extensionElements><zeebe:formDefinition formKey="camunda-forms:bpmn:FormPengajuan"/></bpmn:extensionElements></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="Ajukan" targetRef="e"/>
    <bpmn:endEvent id="e"/>
  </bpmn:process>
</bpmn:definitions>`;
  expect((await alur.call('POST', '/api/sops', { token: admin, xml: sop })).status).toBe(201);
  const refused = await alur.call('POST', '/api/sops/pengajuan-dengan-formulir/instances', {
    token: petugas,
    json: { variables: { pemohon: { nama: 'A' }, telepon: 'tidak ada' } },
  });
  expect(refused.status).toBe(422);
  expect(refused.body.errors).toEqual([
    { field: 'variables.pemohon.nama', message: 'pemohon.nama must be at least 3 characters long' },
    { field: 'variables.telepon', message: 'telepon must be a phone number' },
  ]);
  expect(await alur.prisma.case.count({ where: { sopKey: 'pengajuan-dengan-formulir' } })).toBe(0);
  const started = await alur.call('POST', '/api/sops/pengajuan-dengan-formulir/instances', {
    token: petugas,
    json: { variables: { pemohon: { nama: 'Ani' }, telepon: '0812 3456 7890' } },
  });
  expect(started.status).toBe(201);
});
