// The difference between two versions of an SOP (issue 17): elements added,
// removed and changed (by BPMN id, for the diagram overlay), changed SLAs and
// forms; unknown versions are a 404 naming the query field.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';

const v1 = readFileSync(new URL('../fixtures/surat-keterangan.bpmn', import.meta.url), 'utf8');
const v2 = readFileSync(new URL('../fixtures/surat-keterangan-v2.bpmn', import.meta.url), 'utf8');
let alur: TestAlur;
let admin: string;

beforeAll(async () => {
  alur = await startAlur({ worker: false });
  admin = await alur.login('admin', ADMIN_PASSWORD);
  for (const xml of [v1, v2]) expect((await alur.call('POST', '/api/sops', { token: admin, xml })).status).toBe(201);
});
afterAll(() => alur?.close());

describe('GET /api/sops/:key/diff', () => {
  it('lists what the revision added, removed and changed, its SLAs and its forms', async () => {
    const res = await alur.call('GET', '/api/sops/surat-keterangan/diff?from=1&to=2', { token: admin });
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.from).toMatchObject({ version: 1, name: 'Surat Keterangan Domisili' });
    expect(d.to).toMatchObject({ version: 2 });
    expect(d.added).toEqual([
      { id: 'Kembalikan', type: 'userTask', name: 'Kembalikan berkas', lane: null },
      { id: 'Dikembalikan', type: 'endEvent', name: 'Berkas dikembalikan', lane: null },
      { id: 'fKembali', type: 'sequenceFlow', name: 'fKembali', lane: null },
    ]);
    expect(d.removed).toEqual([{ id: 'Ditolak', type: 'endEvent', name: 'Permohonan ditolak', lane: null }]);
    expect(d.changed.map((c: { id: string; fields: string[] }) => [c.id, c.fields.sort()])).toEqual([
      ['Periksa', ['form', 'sla']],
      ['fTolak', ['target']],
    ]);
    expect(d.slas).toEqual([
      { id: null, name: 'Surat Keterangan Domisili', from: 'P3D', to: '5 hari kerja' },
      { id: 'Periksa', name: 'Periksa berkas', from: null, to: '1 hari kerja' },
    ]);
    expect(d.forms).toEqual([
      {
        id: 'Periksa',
        name: 'Periksa berkas',
        from: null,
        to: { formId: null, formVersion: null, formKey: 'camunda-forms:bpmn:FormPeriksa', fields: ['lengkap', 'catatan'] },
        fieldsAdded: ['lengkap', 'catatan'],
        fieldsRemoved: [],
      },
    ]);
  });

  it('reads the other way round too, and a version against itself is empty', async () => {
    const back = await alur.mustCall('GET', '/api/sops/surat-keterangan/diff?from=2&to=1', { token: admin });
    expect(back.added.map((e: { id: string }) => e.id)).toEqual(['Ditolak']);
    expect(back.removed.map((e: { id: string }) => e.id)).toEqual(['Kembalikan', 'Dikembalikan', 'fKembali']);
    expect(back.forms[0]).toMatchObject({ fieldsAdded: [], fieldsRemoved: ['lengkap', 'catatan'] });
    const same = await alur.mustCall('GET', '/api/sops/surat-keterangan/diff?from=2&to=2', { token: admin });
    expect(same).toMatchObject({ added: [], removed: [], changed: [], slas: [], forms: [] });
  });

  it('refuses an unknown version or a malformed query by field, and callers without a login', async () => {
    const missing = await alur.call('GET', '/api/sops/surat-keterangan/diff?from=1&to=9', { token: admin });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('sop.version_not_found');
    expect(missing.body.errors).toEqual([expect.objectContaining({ field: 'querystring.to' })]);
    const bad = await alur.call('GET', '/api/sops/surat-keterangan/diff?from=x&to=2', { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('querystring.from');
    expect((await alur.call('GET', '/api/sops/surat-keterangan/diff?from=1&to=2')).status).toBe(401);
  });
});
