// Documents attached to a case: PDF, JPEG and PNG files in PostgreSQL, checked
// by their first bytes, readable by staff who can see the case (and auditors),
// written by them except auditors, each upload in the audit trail.
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
                  id="Definitions_dok" targetNamespace="http://alur.go.id/sop">
  <bpmn:process id="izin-dokumen" name="Izin dengan berkas" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Verifikasi" />
    <bpmn:userTask id="Verifikasi" name="Verifikasi berkas">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="petugas" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="Verifikasi" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 31) % 256)), Buffer.from('\n%%EOF\n')]);
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR-and-the-rest')]);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.from('JFIF-and-the-rest')]);
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let alur: TestAlur;
let admin: string;
let caseId: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  const post = (url: string, json: unknown) => alur.mustCall('POST', url, { token: admin, json });
  await post('/api/units', { code: 'dinkes', name: 'Dinas Kesehatan', kind: 'opd' });
  await post('/api/units/dinkes/roles', { role: 'kepala_dinas', name: 'Kepala Dinas', supervisor: true });
  for (const upt of ['upt-a', 'upt-b']) {
    await post('/api/units', { code: upt, name: `UPT ${upt}`, kind: 'upt', parent: 'dinkes' });
    await post(`/api/units/${upt}/roles`, { role: 'petugas', name: 'Petugas' });
    await post(`/api/units/${upt}/roles`, { role: 'kepala_upt', name: 'Kepala UPT', supervisor: true });
  }
  for (const [username, unit, role] of [
    ['ani', 'upt-a', 'petugas'],
    ['citra', 'upt-b', 'petugas'],
    ['kauptb', 'upt-b', 'kepala_upt'],
    ['kadis', 'dinkes', 'kepala_dinas'],
  ] as const) {
    tokens[username] = await alur.createUser(admin, username, []);
    await post(`/api/units/${unit}/staff`, { username, role });
  }
  tokens.auditor = await alur.createUser(admin, 'inspektorat', ['auditor']);
  expect((await alur.call('POST', '/api/sops', { token: admin, xml })).status).toBe(201);
  caseId = (await post('/api/sops/izin-dokumen/instances', { variables: {}, unit: 'upt-a' })).id;
});
afterAll(() => alur?.close());

/** `fileName` goes as X-File-Name, percent-encoded as the web app sends it; undefined: no header. */
async function upload(
  file: Buffer | string,
  contentType: string | undefined,
  fileName: string | undefined,
  token: string | undefined,
  opts: { query?: string; id?: string; rawName?: string } = {},
) {
  const name = opts.rawName ?? (fileName === undefined ? undefined : encodeURIComponent(fileName));
  const res = await alur.app.inject({
    method: 'POST',
    url: `/api/instances/${opts.id ?? caseId}/documents${opts.query ?? ''}`,
    headers: {
      ...(contentType ? { 'content-type': contentType } : {}),
      ...(name !== undefined ? { 'x-file-name': name } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    payload: file,
  });
  return { status: res.statusCode, body: res.json() };
}

async function download(documentId: string, token: string | undefined) {
  return alur.app.inject({
    method: 'GET',
    url: `/api/instances/${caseId}/documents/${documentId}`,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
}

describe('case documents', () => {
  it('stores an upload, lists it without its content and gives back the same bytes as an attachment', async () => {
    const res = await upload(pdf, 'application/pdf', 'KTP pemohon.pdf', tokens.ani, { query: '?stepId=Verifikasi' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      caseId,
      fileName: 'KTP pemohon.pdf',
      mediaType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: sha256(pdf),
      uploadedBy: 'ani',
      uploadedAt: expect.any(String),
      stepId: 'Verifikasi',
      field: null,
    });
    const list = await alur.call('GET', `/api/instances/${caseId}/documents`, { token: tokens.ani });
    expect(list.status).toBe(200);
    expect(list.body).toEqual({ maxBytes: 10 * 1024 * 1024, mediaTypes: ['application/pdf', 'image/jpeg', 'image/png'], items: [res.body] });
    expect(JSON.stringify(list.body)).not.toContain('content');

    const file = await download(res.body.id, tokens.ani);
    expect(file.statusCode).toBe(200);
    expect(file.rawPayload.equals(pdf)).toBe(true);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['content-disposition']).toBe(`attachment; filename="KTP pemohon.pdf"; filename*=UTF-8''KTP%20pemohon.pdf`);
    expect(file.headers['x-content-type-options']).toBe('nosniff');
  });

  it('takes JPEG and PNG too, in upload order, with a non-ASCII name kept for the download', async () => {
    const photo = await upload(jpeg, 'image/jpeg', 'Foto lokasi—Jalan Merdeka.jpg', tokens.ani);
    expect(photo.status, JSON.stringify(photo.body)).toBe(201);
    expect(photo.body.stepId).toBeNull();
    const scan = await upload(png, 'image/png; charset=binary', 'denah.png', admin);
    expect(scan.status, JSON.stringify(scan.body)).toBe(201);
    const list = await alur.call('GET', `/api/instances/${caseId}/documents`, { token: admin });
    expect(list.body.items.map((d: { fileName: string }) => d.fileName)).toEqual(['KTP pemohon.pdf', 'Foto lokasi—Jalan Merdeka.jpg', 'denah.png']);
    const file = await download(photo.body.id, admin);
    expect(file.rawPayload.equals(jpeg)).toBe(true);
    expect(file.headers['content-type']).toBe('image/jpeg');
    expect(file.headers['content-disposition']).toBe(
      `attachment; filename="Foto lokasi_Jalan Merdeka.jpg"; filename*=UTF-8''Foto%20lokasi%E2%80%94Jalan%20Merdeka.jpg`,
    );
  });

  it('refuses other types by header (415) and files whose bytes are not what the header says (422), naming the field', async () => {
    const html = await upload('<html><script>alert(1)</script></html>', 'text/html', 'a.html', tokens.ani);
    expect(html.status).toBe(415);
    expect(html.body.errors).toEqual([{ field: 'headers.content-type', message: expect.stringContaining('application/pdf') }]);
    const json = await upload('{"a":1}', 'application/json', 'a.json', tokens.ani);
    expect(json.status).toBe(415);
    const disguised = await upload('<html><script>alert(1)</script></html>', 'application/pdf', 'surat.pdf', tokens.ani);
    expect(disguised.status).toBe(422);
    expect(disguised.body.errors).toEqual([{ field: 'body', message: 'is not a PDF file' }]);
    const pngAsJpeg = await upload(png, 'image/jpeg', 'foto.jpg', tokens.ani);
    expect(pngAsJpeg.status).toBe(422);
    const empty = await upload('', 'application/pdf', 'kosong.pdf', tokens.ani);
    expect(empty.status).toBe(422);
    expect(empty.body.errors[0].field).toBe('body');
  });

  it('refuses a file over the limit (413), a missing or unsafe file name and a step the SOP does not have', async () => {
    const big = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(10 * 1024 * 1024)]);
    const tooBig = await upload(big, 'application/pdf', 'besar.pdf', tokens.ani);
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.errors).toEqual([{ field: 'body', message: `must be at most ${10 * 1024 * 1024} bytes` }]);
    const chunked = await alur.app.inject({
      method: 'POST',
      url: `/api/instances/${caseId}/documents`,
      headers: { 'content-type': 'application/pdf', 'x-file-name': 'besar.pdf', authorization: `Bearer ${tokens.ani}` },
      payload: Readable.from([big.subarray(0, 6 * 1024 * 1024), big.subarray(6 * 1024 * 1024)]),
    });
    expect(chunked.statusCode, chunked.body).toBe(413);
    expect(chunked.json().errors).toEqual(tooBig.body.errors);
    const noName = await upload(pdf, 'application/pdf', undefined, tokens.ani);
    expect(noName.status).toBe(400);
    expect(noName.body.errors[0].field).toBe('headers.x-file-name');
    const traversal = await upload(pdf, 'application/pdf', '../../etc/passwd', tokens.ani);
    expect(traversal.status).toBe(422);
    expect(traversal.body.errors).toEqual([{ field: 'headers.x-file-name', message: expect.stringContaining('path separator') }]);
    const badEncoding = await upload(pdf, 'application/pdf', undefined, tokens.ani, { rawName: '%E0%A4%A.pdf' });
    expect(badEncoding.status).toBe(422);
    expect(badEncoding.body.errors[0].field).toBe('headers.x-file-name');
    const badStep = await upload(pdf, 'application/pdf', 'a.pdf', tokens.ani, { query: '?stepId=TidakAda' });
    expect(badStep.status).toBe(422);
    expect(badStep.body.errors).toEqual([{ field: 'query.stepId', message: 'is not an element of the SOP' }]);
    expect((await upload(pdf, 'application/pdf', 'a.pdf', tokens.ani, { id: '00000000-0000-4000-8000-000000000000' })).status).toBe(404);
    expect((await download('00000000-0000-4000-8000-000000000000', tokens.ani)).statusCode).toBe(404);
    expect(await alur.prisma.caseDocument.count({ where: { caseId } })).toBe(3);
  });

  it("refuses another unit's staff and supervisor the case and its documents, lets the supervisor above the case's unit read", async () => {
    const [doc] = (await alur.call('GET', `/api/instances/${caseId}/documents`, { token: admin })).body.items;
    for (const who of ['citra', 'kauptb']) {
      // The case itself (its variables hold the citizen's data) follows the same rule as its documents.
      const read = await alur.call('GET', `/api/instances/${caseId}`, { token: tokens[who] });
      expect({ who, status: read.status, variables: read.body.variables }).toEqual({ who, status: 403, variables: undefined });
      expect((await upload(pdf, 'application/pdf', 'x.pdf', tokens[who])).status, who).toBe(403);
      expect((await alur.call('GET', `/api/instances/${caseId}/documents`, { token: tokens[who] })).status, who).toBe(403);
      expect((await download(doc.id, tokens[who])).statusCode, who).toBe(403);
    }
    expect((await alur.call('GET', `/api/instances/${caseId}/documents`, { token: tokens.kadis })).status).toBe(200);
    expect((await alur.call('GET', `/api/instances/${caseId}`, { token: tokens.kadis })).status).toBe(200);
    expect((await alur.call('GET', `/api/instances/${caseId}`, { token: tokens.ani })).status).toBe(200);
    expect((await download(doc.id, tokens.kadis)).statusCode).toBe(200);
  });

  it('lets auditors read but not upload, and anonymous callers do neither', async () => {
    const [doc] = (await alur.call('GET', `/api/instances/${caseId}/documents`, { token: admin })).body.items;
    expect((await upload(pdf, 'application/pdf', 'x.pdf', tokens.auditor)).status).toBe(403);
    expect((await alur.call('GET', `/api/instances/${caseId}/documents`, { token: tokens.auditor })).body.items).toHaveLength(3);
    expect((await download(doc.id, tokens.auditor)).rawPayload.equals(pdf)).toBe(true);
    expect((await upload(pdf, 'application/pdf', 'x.pdf', undefined)).status).toBe(401);
    expect((await alur.call('GET', `/api/instances/${caseId}/documents`)).status).toBe(401);
    expect((await download(doc.id, undefined)).statusCode).toBe(401);
    expect(await alur.prisma.caseDocument.count({ where: { caseId } })).toBe(3);
  });

  it('records each upload in the audit trail by its digest, never its bytes, and the chain still verifies', async () => {
    const entries = await alur.prisma.auditEntry.findMany({ where: { target: `case:${caseId}`, action: 'case.document_uploaded' }, orderBy: { seq: 'asc' } });
    expect(entries.map((e) => e.actor)).toEqual(['ani', 'ani', 'admin']);
    expect(entries[0]!.details).toMatchObject({
      fileName: 'KTP pemohon.pdf',
      mediaType: 'application/pdf',
      sizeBytes: pdf.length,
      sha256: sha256(pdf),
      stepId: 'Verifikasi',
    });
    const writes = await alur.prisma.auditEntry.findMany({ where: { action: 'api.POST /api/instances/:id/documents' }, orderBy: { seq: 'asc' } });
    expect(writes.length).toBeGreaterThanOrEqual(3);
    expect(writes[0]!.details).toMatchObject({ status: 201, body: { sha256: sha256(pdf), bytes: pdf.length } });
    expect(JSON.stringify(writes.map((w) => w.details)).length).toBeLessThan(20_000);
    expect((await alur.call('GET', '/api/audit/verify', { token: admin })).body).toMatchObject({ ok: true });
  });
});
