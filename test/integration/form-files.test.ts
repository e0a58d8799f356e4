// Files sent through form-js file pickers (issue 13, item 3): on a citizen's
// request, on a case started by staff and on a task form, each file becomes a
// case document (the same checks as an upload), linked to its field; the
// field's variable names the documents, never form-js's `files::...` key.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';

const startForm = JSON.stringify({
  id: 'formulir-ktp',
  components: [
    { type: 'textfield', key: 'nama', label: 'Nama', validate: { required: true } },
    { type: 'filepicker', key: 'ktp', label: 'Scan KTP', validate: { required: true } },
  ],
});
const taskForm = JSON.stringify({
  id: 'formulir-bukti',
  components: [
    { type: 'filepicker', key: 'bukti', label: 'Bukti pemeriksaan', multiple: true },
    { type: 'textfield', key: 'catatan', label: 'Catatan' },
  ],
});
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://alur.test">
  <bpmn:process id="izin-ktp" name="Izin dengan KTP" isExecutable="true">
    <bpmn:extensionElements>
      <zeebe:userTaskForm id="FormKtp">${esc(startForm)}</zeebe:userTaskForm>
      <zeebe:userTaskForm id="FormBukti">${esc(taskForm)}</zeebe:userTaskForm>
    </bpmn:extensionElements>
    <bpmn:startEvent id="Ajukan"><bpmn:extensionElements><zeebe:formDefinition formKey="camunda-forms:bpmn:FormKtp"/></bpmn:extensionElements></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="Ajukan" targetRef="Periksa"/>
    <bpmn:userTask id="Periksa" name="Periksa berkas">
      <bpmn:extensionElements>
        <zeebe:assignmentDefinition candidateGroups="petugas"/>
        <zeebe:formDefinition formKey="camunda-forms:bpmn:FormBukti"/>
      </bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="Periksa" targetRef="Selesai"/>
    <bpmn:endEvent id="Selesai"/>
  </bpmn:process>
</bpmn:definitions>`;

const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF scan of a KTP')]);
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('berita acara pemeriksaan'), Buffer.from('\n%%EOF\n')]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

interface Part {
  name: string;
  value?: string;
  file?: { fileName: string; type: string; content: Buffer };
}

/** A multipart/form-data body as a browser's FormData sends it. */
function multipart(parts: Part[]): { payload: Buffer; contentType: string } {
  const boundary = `----alur${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    const disposition = `form-data; name="${p.name}"${p.file ? `; filename="${p.file.fileName}"` : ''}`;
    const head = `--${boundary}\r\nContent-Disposition: ${disposition}\r\n${p.file ? `Content-Type: ${p.file.type}\r\n` : ''}\r\n`;
    chunks.push(Buffer.from(head), p.file ? p.file.content : Buffer.from(p.value ?? ''), Buffer.from('\r\n'));
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function send(url: string, parts: Part[], token?: string) {
  const { payload, contentType } = multipart(parts);
  const res = await alur.app.inject({
    method: 'POST',
    url,
    payload,
    headers: { 'content-type': contentType, ...(token ? { authorization: `Bearer ${token}` } : {}) },
  });
  return { status: res.statusCode, body: res.json() };
}

let alur: TestAlur;
let admin: string;
let petugas: string;

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  petugas = await alur.createUser(admin, 'petugas-berkas', ['petugas']);
  expect((await alur.call('POST', '/api/sops', { token: admin, xml })).status).toBe(201);
});
afterAll(() => alur?.close());

const caseOf = (trackingCode: string) => alur.prisma.case.findFirstOrThrow({ where: { trackingCode } });

it("stores a citizen's KTP scan from the start form's file picker as a case document linked to the field", async () => {
  const res = await send('/api/public/sops/izin-ktp/requests', [
    // form-js puts its own key into the data; the file part is named by the field.
    { name: 'variables', value: JSON.stringify({ nama: 'Siti Aminah', ktp: 'files::3f2a' }) },
    { name: 'ktp', file: { fileName: 'ktp siti.jpg', type: 'image/jpeg', content: jpeg } },
  ]);
  expect(res.status).toBe(201);
  const c = await caseOf(res.body.trackingCode);
  const docs = (await alur.call('GET', `/api/instances/${c.id}/documents`, { token: admin })).body.items;
  expect(docs).toEqual([
    expect.objectContaining({
      fileName: 'ktp siti.jpg',
      mediaType: 'image/jpeg',
      sizeBytes: jpeg.length,
      sha256: sha256(jpeg),
      field: 'ktp',
      uploadedBy: '(pemohon)',
      stepId: null,
    }),
  ]);
  // The variable names the document, not form-js's key.
  const variables = c.variables as Record<string, unknown>;
  expect(variables).toEqual({
    nama: 'Siti Aminah',
    ktp: [{ documentId: docs[0].id, fileName: 'ktp siti.jpg', mediaType: 'image/jpeg', sizeBytes: jpeg.length }],
  });
  const download = await alur.app.inject({
    method: 'GET',
    url: `/api/instances/${c.id}/documents/${docs[0].id}`,
    headers: { authorization: `Bearer ${admin}` },
  });
  expect(download.rawPayload.equals(jpeg)).toBe(true);
  // In the case's audit trail, like an upload.
  const audit = await alur.prisma.auditEntry.findFirst({ where: { target: `case:${c.id}`, action: 'case.document_uploaded' } });
  expect(audit?.actor).toBe('(pemohon)');
});

it('refuses a request whose file fails the document checks, or comes without its file, and starts no case', async () => {
  const before = await alur.prisma.case.count();
  const html = await send('/api/public/sops/izin-ktp/requests', [
    { name: 'variables', value: JSON.stringify({ nama: 'Budi' }) },
    { name: 'ktp', file: { fileName: 'ktp.jpg', type: 'image/jpeg', content: Buffer.from('<html><script>alert(1)</script>') } },
  ]);
  expect(html.status).toBe(422);
  expect(html.body).toMatchObject({ code: 'document.content_mismatch', errors: [{ field: 'files.ktp', message: 'is not a JPEG file' }] });
  const wrongType = await send('/api/public/sops/izin-ktp/requests', [
    { name: 'variables', value: JSON.stringify({ nama: 'Budi' }) },
    { name: 'ktp', file: { fileName: 'ktp.exe', type: 'application/octet-stream', content: jpeg } },
  ]);
  expect(wrongType.status).toBe(415);
  expect(wrongType.body.errors).toEqual([{ field: 'files.ktp', message: 'must be one of application/pdf, image/jpeg, image/png' }]);
  const badName = await send('/api/public/sops/izin-ktp/requests', [
    { name: 'variables', value: JSON.stringify({ nama: 'Budi' }) },
    { name: 'ktp', file: { fileName: 'a:b.jpg', type: 'image/jpeg', content: jpeg } },
  ]);
  expect(badName.status).toBe(422);
  expect(badName.body.code).toBe('document.bad_file_name');
  const notAPicker = await send('/api/public/sops/izin-ktp/requests', [
    { name: 'variables', value: JSON.stringify({ nama: 'Budi' }) },
    { name: 'nama', file: { fileName: 'ktp.jpg', type: 'image/jpeg', content: jpeg } },
  ]);
  expect(notAPicker.status).toBe(422);
  expect(notAPicker.body).toMatchObject({ code: 'form.not_a_file_field', errors: [{ field: 'files.nama' }] });
  // A reference typed into the variables is no file: the required picker is empty.
  const forged = await alur.call('POST', '/api/public/sops/izin-ktp/requests', {
    json: { variables: { nama: 'Budi', ktp: [{ documentId: 'someone-elses', fileName: 'x.jpg', mediaType: 'image/jpeg', sizeBytes: 1 }] } },
  });
  expect(forged.status).toBe(422);
  expect(forged.body).toMatchObject({ code: 'form.file_required', errors: [{ field: 'files.ktp', message: 'ktp is required' }] });
  const tooMany = await send('/api/public/sops/izin-ktp/requests', [
    { name: 'variables', value: JSON.stringify({ nama: 'Budi' }) },
    ...Array.from({ length: 6 }, (_, i) => ({ name: 'ktp', file: { fileName: `ktp${i}.jpg`, type: 'image/jpeg', content: jpeg } })),
  ]);
  expect(tooMany.status).toBe(413);
  expect(tooMany.body.code).toBe('form.too_many_files');
  expect(await alur.prisma.case.count()).toBe(before);
  expect(await alur.prisma.caseDocument.count({ where: { fileName: { in: ['ktp.jpg', 'ktp.exe', 'a:b.jpg'] } } })).toBe(0);
});

it("stores the files of a case started by staff and of a task form, linked to the field and the task's step", async () => {
  const started = await send(
    '/api/sops/izin-ktp/instances',
    [
      { name: 'variables', value: JSON.stringify({ nama: 'Rudi', ktp: 'files::1' }) },
      { name: 'ktp', file: { fileName: 'ktp-rudi.png', type: 'image/png', content: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]) } },
    ],
    petugas,
  );
  expect(started.status).toBe(201);
  const caseId = started.body.id as string;
  const task = await eventually(async () => {
    const res = await alur.call('GET', `/api/tasks?instanceId=${caseId}`, { token: petugas });
    return (res.body as { id: string; elementId: string }[]).find((t) => t.elementId === 'Periksa');
  });
  const done = await send(
    `/api/tasks/${task.id}/complete`,
    [
      { name: 'variables', value: JSON.stringify({ catatan: 'lengkap', bukti: 'files::9' }) },
      { name: 'bukti', file: { fileName: 'berita acara.pdf', type: 'application/pdf', content: pdf } },
      { name: 'bukti', file: { fileName: 'foto.jpg', type: 'image/jpeg', content: jpeg } },
    ],
    petugas,
  );
  expect(done.status).toBe(200);
  const docs = (await alur.call('GET', `/api/instances/${caseId}/documents`, { token: petugas })).body.items as Record<string, unknown>[];
  expect(docs.map((d) => [d.fileName, d.field, d.stepId, d.uploadedBy])).toEqual([
    ['ktp-rudi.png', 'ktp', null, 'petugas-berkas'],
    ['berita acara.pdf', 'bukti', 'Periksa', 'petugas-berkas'],
    ['foto.jpg', 'bukti', 'Periksa', 'petugas-berkas'],
  ]);
  const c = await eventually(async () => {
    const row = await alur.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    return row.status === 'completed' ? row : undefined;
  });
  const variables = c.variables as Record<string, { documentId: string }[] | string>;
  expect((variables.bukti as { documentId: string }[]).map((r) => r.documentId)).toEqual([docs[1]!.id, docs[2]!.id]);
  expect((variables.ktp as { documentId: string }[])[0]!.documentId).toBe(docs[0]!.id);
  expect(variables.catatan).toBe('lengkap');
});

it('keeps no document of a task completion that is refused', async () => {
  const started = await send(
    '/api/sops/izin-ktp/instances',
    [
      { name: 'variables', value: JSON.stringify({ nama: 'Dewi' }) },
      { name: 'ktp', file: { fileName: 'ktp-dewi.jpg', type: 'image/jpeg', content: jpeg } },
    ],
    petugas,
  );
  const caseId = started.body.id as string;
  const task = await eventually(async () => {
    const res = await alur.call('GET', `/api/tasks?instanceId=${caseId}`, { token: petugas });
    return (res.body as { id: string; elementId: string }[]).find((t) => t.elementId === 'Periksa');
  });
  const other = await alur.createUser(admin, 'petugas-lain', ['petugas']);
  expect((await alur.call('POST', `/api/tasks/${task.id}/claim`, { token: other })).status).toBe(200);
  const refused = await send(
    `/api/tasks/${task.id}/complete`,
    [
      { name: 'variables', value: JSON.stringify({}) },
      { name: 'bukti', file: { fileName: 'bukti-dewi.pdf', type: 'application/pdf', content: pdf } },
    ],
    petugas,
  );
  expect(refused.status).toBe(409);
  expect(await alur.prisma.caseDocument.count({ where: { caseId } })).toBe(1);
});
