// The lifecycle of an SOP version (issue 17): with ALUR_SOP_APPROVAL=required a
// deploy is a draft that runs only test cases; a designer submits it with its
// SOP-AP identity, the head of the owning unit's OPD (or a pengesah_sop of its
// unit tree, or an admin) approves and makes it berlaku from a date; only the
// version in force takes requests and is public. With approval off (the
// default) a deploy is berlaku at once, as before.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';

const xml = readFileSync(new URL('../fixtures/surat-keterangan.bpmn', import.meta.url), 'utf8');
const xmlV2 = xml.replace('name="Surat Keterangan Domisili"', 'name="Surat Keterangan Domisili (revisi)"');
const V1 = '/api/sops/surat-keterangan/versions/1';
const V2 = '/api/sops/surat-keterangan/versions/2';

const IDENTITY = {
  nomor: '800/12/SOP/KEL-A/2026',
  tanggalPembuatan: '2026-11-02',
  dasarHukum: ['Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik', 'Permendagri Nomor 108 Tahun 2019'],
  kualifikasiPelaksana: ['Memahami administrasi kependudukan'],
  keterkaitan: ['surat-keterangan', 'SOP Legalisir Dokumen'],
  peralatan: ['Komputer', 'Printer'],
  peringatan: 'Bila berkas tidak lengkap, permohonan dikembalikan',
  pencatatan: 'Buku register surat keterangan',
};
const KEPALA = { nama: 'Drs. Budi Santoso', nip: '19700101 199003 1 001', jabatan: 'Kepala Dinas Kependudukan' };

describe('ALUR_SOP_APPROVAL=required', () => {
  let alur: TestAlur;
  let admin: string;
  let designer: string;
  let kadis: string;
  let kepalaUpt: string;
  let pengesah: string;

  beforeAll(async () => {
    alur = await startAlur({ sopApproval: 'required' });
    admin = await alur.login('admin', ADMIN_PASSWORD);
    designer = await alur.createUser(admin, 'desainer', ['designer']);
    await alur.mustCall('POST', '/api/units', { token: admin, json: { code: 'disduk', name: 'Dinas Kependudukan', kind: 'opd' } });
    await alur.mustCall('POST', '/api/units', { token: admin, json: { code: 'upt-a', name: 'UPT Pelayanan A', kind: 'upt', parent: 'disduk' } });
    await alur.mustCall('POST', '/api/units/disduk/roles', { token: admin, json: { role: 'kepala_dinas', supervisor: true } });
    await alur.mustCall('POST', '/api/units/upt-a/roles', { token: admin, json: { role: 'kepala_upt', supervisor: true } });
    await alur.mustCall('POST', '/api/units/upt-a/roles', { token: admin, json: { role: 'pengesah_sop' } });
    kadis = await alur.createUser(admin, 'kadis', []);
    kepalaUpt = await alur.createUser(admin, 'kaupt', []);
    pengesah = await alur.createUser(admin, 'pengesah', []);
    await alur.mustCall('POST', '/api/units/disduk/staff', { token: admin, json: { username: 'kadis', role: 'kepala_dinas' } });
    await alur.mustCall('POST', '/api/units/upt-a/staff', { token: admin, json: { username: 'kaupt', role: 'kepala_upt' } });
    await alur.mustCall('POST', '/api/units/upt-a/staff', { token: admin, json: { username: 'pengesah', role: 'pengesah_sop' } });
    expect((await alur.call('POST', '/api/sops', { token: designer, xml })).status).toBe(201);
  });
  afterAll(() => alur?.close());

  it('deploys a draft that takes no requests and is not public', async () => {
    const sop = await alur.mustCall('GET', '/api/sops/surat-keterangan', { token: designer });
    expect(sop.versions[0]).toMatchObject({ version: 1, state: 'draft', effectiveFrom: null });
    const start = await alur.call('POST', '/api/sops/surat-keterangan/instances', { token: admin, json: { variables: { nama: 'Ani' } } });
    expect(start.status).toBe(409);
    expect(start.body.code).toBe('sop.not_in_force');
    expect((await alur.call('GET', '/api/public/sops')).body).toEqual([]);
    expect((await alur.call('GET', '/api/public/sops/surat-keterangan')).status).toBe(404);
    const lifecycle = await alur.mustCall('GET', `${V1}/lifecycle`, { token: designer });
    expect(lifecycle).toMatchObject({ state: 'draft', inForce: false, approval: 'required', actions: ['submit'] });
    expect(lifecycle.transitions).toEqual([expect.objectContaining({ from: null, to: 'draft', by: 'desainer', role: 'designer' })]);
  });

  it('runs a test case of the draft, marked as a test', async () => {
    const res = await alur.call('POST', `${V1}/test-cases`, { token: designer, json: { variables: { nama: 'Uji' } } });
    expect(res.status).toBe(201);
    expect(res.body.test).toBe(true);
    const row = await eventually(() => alur.prisma.case.findUnique({ where: { id: res.body.id } }).then((c) => c ?? undefined));
    expect(row).toMatchObject({ test: true, sopVersionNo: 1 });
    expect(await alur.prisma.sopTestCase.count({ where: { caseId: res.body.id } })).toBe(1);
    // Only designers start test cases.
    expect((await alur.call('POST', `${V1}/test-cases`, { token: kadis, json: {} })).status).toBe(403);
  });

  it('refuses a submission without the SOP-AP identity, naming the missing fields', async () => {
    const res = await alur.call('POST', `${V1}/transitions`, { token: designer, json: { action: 'submit', unit: 'upt-a' } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('sop.identity_incomplete');
    expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'identity.nomor',
      'identity.tanggalPembuatan',
      'identity.dasarHukum',
      'identity.kualifikasiPelaksana',
      'identity.peralatan',
      'identity.peringatan',
      'identity.pencatatan',
    ]);
  });

  it('lets only designers submit, naming an owning unit that exists', async () => {
    await alur.mustCall('PUT', `${V1}/identity`, { token: designer, json: IDENTITY });
    expect((await alur.call('POST', `${V1}/transitions`, { token: kadis, json: { action: 'submit' } })).status).toBe(403);
    const unknown = await alur.call('POST', `${V1}/transitions`, { token: designer, json: { action: 'submit', unit: 'nope' } });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors).toEqual([expect.objectContaining({ field: 'body.unit' })]);
    const res = await alur.call('POST', `${V1}/transitions`, { token: designer, json: { action: 'submit', unit: 'upt-a', note: 'Mohon pengesahan' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'diajukan', ownerUnit: 'upt-a', actions: [] });
    // Submitted: the identity is fixed while it is reviewed.
    const put = await alur.call('PUT', `${V1}/identity`, { token: designer, json: IDENTITY });
    expect(put.status).toBe(409);
    expect(put.body.code).toBe('sop.identity_fixed');
  });

  it("lets the OPD's head approve, not the designer nor the UPT's own head", async () => {
    expect((await alur.mustCall('GET', `${V1}/lifecycle`, { token: kadis })).actions).toEqual(['approve', 'return']);
    for (const token of [designer, kepalaUpt]) {
      const res = await alur.call('POST', `${V1}/transitions`, { token, json: { action: 'approve' } });
      expect(res.status).toBe(403);
      expect(res.body.code).toBe('sop.not_approver');
    }
    const unnamed = await alur.call('POST', `${V1}/transitions`, { token: kadis, json: { action: 'approve' } });
    expect(unnamed.status).toBe(422);
    expect(unnamed.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'identity.disahkanOleh.nama',
      'identity.disahkanOleh.nip',
      'identity.disahkanOleh.jabatan',
    ]);
    const badNip = await alur.call('POST', `${V1}/transitions`, { token: kadis, json: { action: 'approve', disahkanOleh: { ...KEPALA, nip: '123' } } });
    expect(badNip.status).toBe(422);
    expect(badNip.body.errors).toEqual([expect.objectContaining({ field: 'body.disahkanOleh.nip' })]);
    const res = await alur.call('POST', `${V1}/transitions`, { token: kadis, json: { action: 'approve', note: 'Disetujui', disahkanOleh: KEPALA } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'disahkan', actions: ['make-effective', 'retire'] });
    const identity = await alur.mustCall('GET', `${V1}/identity`, { token: designer });
    expect(identity.identity.disahkanOleh).toEqual({ ...KEPALA, nip: '197001011990031001' });
    // Still not in force: no requests yet.
    expect((await alur.call('POST', '/api/sops/surat-keterangan/instances', { token: admin, json: { variables: { nama: 'Ani' } } })).status).toBe(409);
  });

  it('makes it berlaku from a date; then it takes requests and is public, and takes no more test cases', async () => {
    const bad = await alur.call('POST', `${V1}/transitions`, { token: kadis, json: { action: 'make-effective', effectiveFrom: '2026-02-30' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors).toEqual([expect.objectContaining({ field: 'body.effectiveFrom' })]);
    const res = await alur.call('POST', `${V1}/transitions`, { token: kadis, json: { action: 'make-effective', effectiveFrom: '2026-12-01' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ state: 'berlaku', inForce: true, effectiveFrom: '2026-11-30T17:00:00.000Z' });
    expect((await alur.mustCall('GET', `${V1}/identity`, { token: designer })).identity.tanggalEfektif).toBe('2026-12-01');
    const start = await alur.call('POST', '/api/sops/surat-keterangan/instances', { token: admin, json: { variables: { nama: 'Ani' } } });
    expect(start.status).toBe(201);
    const row = await eventually(() => alur.prisma.case.findUnique({ where: { id: start.body.id } }).then((c) => c ?? undefined));
    expect(row.test).toBe(false);
    expect((await alur.call('GET', '/api/public/sops')).body).toEqual([expect.objectContaining({ key: 'surat-keterangan', version: 1 })]);
    expect((await alur.call('POST', `${V1}/test-cases`, { token: designer, json: {} })).status).toBe(409);
    // A transition from the wrong state is a conflict.
    const again = await alur.call('POST', `${V1}/transitions`, { token: kadis, json: { action: 'approve' } });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('sop.transition_not_allowed');
  });

  it("a revision: returned with a note, resubmitted, approved by the unit tree's pengesah_sop, in force only from its date", async () => {
    expect((await alur.call('POST', '/api/sops', { token: designer, xml: xmlV2 })).status).toBe(201);
    await alur.mustCall('PUT', `${V2}/identity`, { token: designer, json: { ...IDENTITY, tanggalRevisi: '2026-12-05' } });
    await alur.mustCall('POST', `${V2}/transitions`, { token: designer, json: { action: 'submit', unit: 'upt-a' } });
    const noNote = await alur.call('POST', `${V2}/transitions`, { token: pengesah, json: { action: 'return' } });
    expect(noNote.status).toBe(422);
    expect(noNote.body.errors).toEqual([expect.objectContaining({ field: 'body.note' })]);
    expect((await alur.call('POST', `${V2}/transitions`, { token: pengesah, json: { action: 'return', note: 'Lengkapi dasar hukum' } })).body.state).toBe(
      'draft',
    );
    await alur.mustCall('POST', `${V2}/transitions`, { token: designer, json: { action: 'submit', unit: 'upt-a' } });
    const approved = await alur.call('POST', `${V2}/transitions`, { token: pengesah, json: { action: 'approve', disahkanOleh: KEPALA } });
    expect(approved.status).toBe(200);
    expect(approved.body.transitions.at(-1)).toMatchObject({ from: 'diajukan', to: 'disahkan', by: 'pengesah', role: 'pengesah_sop@upt-a' });
    const future = await alur.mustCall('POST', `${V2}/transitions`, { token: pengesah, json: { action: 'make-effective', effectiveFrom: '2099-01-01' } });
    expect(future).toMatchObject({ state: 'berlaku', inForce: false });
    // Version 1 stays in force (and public) until version 2's date.
    expect((await alur.call('GET', '/api/public/sops/surat-keterangan')).body.version).toBe(1);
    expect((await alur.mustCall('GET', `${V1}/lifecycle`, { token: designer })).inForce).toBe(true);
  });

  it('retires a version with a note; the whole history is kept and audited', async () => {
    const noNote = await alur.call('POST', `${V1}/transitions`, { token: kadis, json: { action: 'retire' } });
    expect(noNote.status).toBe(422);
    const res = await alur.call('POST', `${V1}/transitions`, { token: kadis, json: { action: 'retire', note: 'Diganti revisi' } });
    expect(res.status).toBe(200);
    expect(res.body.state).toBe('dicabut');
    expect(res.body.transitions.map((t: { from: string | null; to: string }) => `${t.from}>${t.to}`)).toEqual([
      'null>draft',
      'draft>diajukan',
      'diajukan>disahkan',
      'disahkan>berlaku',
      'berlaku>dicabut',
    ]);
    expect(res.body.transitions.map((t: { role: string }) => t.role)).toEqual([
      'designer',
      'designer',
      'kepala_dinas@disduk',
      'kepala_dinas@disduk',
      'kepala_dinas@disduk',
    ]);
    expect(res.body.transitions.map((t: { note: string | null }) => t.note)).toEqual([null, 'Mohon pengesahan', 'Disetujui', null, 'Diganti revisi']);
    // Nothing in force now (version 2 starts in 2099).
    expect((await alur.call('POST', '/api/sops/surat-keterangan/instances', { token: admin, json: { variables: { nama: 'Ani' } } })).status).toBe(409);
    expect((await alur.call('GET', '/api/public/sops')).body).toEqual([]);
    const audit = await alur.mustCall('GET', '/api/audit?action=sop.*&limit=50', { token: admin });
    const entries = (audit.items as { action: string; target: string; details: { note: string | null } }[]).filter(
      (e) => e.target === 'sops:surat-keterangan@1',
    );
    expect(entries.map((e) => e.action).reverse()).toEqual(['sop.submit', 'sop.approve', 'sop.make-effective', 'sop.retire']);
    expect(entries[0]!.details.note).toBe('Diganti revisi');
  });

  it('one person holding both roles cannot submit and approve the same version; another approver can', async () => {
    // A designer who is also the head of the OPD.
    const both = await alur.createUser(admin, 'dua-peran', ['designer']);
    await alur.mustCall('POST', '/api/units/disduk/staff', { token: admin, json: { username: 'dua-peran', role: 'kepala_dinas' } });
    const V3 = '/api/sops/surat-keterangan/versions/3';
    expect((await alur.call('POST', '/api/sops', { token: both, xml: xmlV2.replace('(revisi)', '(revisi 2)') })).status).toBe(201);
    await alur.mustCall('PUT', `${V3}/identity`, { token: both, json: IDENTITY });
    await alur.mustCall('POST', `${V3}/transitions`, { token: both, json: { action: 'submit', unit: 'upt-a' } });
    const own = await alur.mustCall('GET', `${V3}/lifecycle`, { token: both });
    expect(own.actions).toEqual(['return']);
    expect(own.withheld).toEqual([{ action: 'approve', code: 'sop.self_approval' }]);
    const res = await alur.call('POST', `${V3}/transitions`, { token: both, json: { action: 'approve', disahkanOleh: KEPALA } });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('sop.self_approval');
    expect(res.body.message).toContain('dua-peran submitted version 3');
    expect((await alur.mustCall('GET', `${V3}/lifecycle`, { token: both })).state).toBe('diajukan');
    // The same person may approve what someone else submitted; an admin who submitted is held to the same rule.
    const byOther = await alur.mustCall('GET', `${V3}/lifecycle`, { token: kadis });
    expect(byOther).toMatchObject({ actions: ['approve', 'return'], withheld: [] });
    expect((await alur.call('POST', `${V3}/transitions`, { token: kadis, json: { action: 'approve', disahkanOleh: KEPALA } })).status).toBe(200);
    await alur.mustCall('POST', '/api/sops', { token: admin, xml: xmlV2.replace('(revisi)', '(revisi 3)') });
    const V4 = '/api/sops/surat-keterangan/versions/4';
    await alur.mustCall('PUT', `${V4}/identity`, { token: admin, json: IDENTITY });
    await alur.mustCall('POST', `${V4}/transitions`, { token: admin, json: { action: 'submit', unit: 'upt-a' } });
    const adminSelf = await alur.call('POST', `${V4}/transitions`, { token: admin, json: { action: 'approve', disahkanOleh: KEPALA } });
    expect(adminSelf.status).toBe(403);
    expect(adminSelf.body.code).toBe('sop.self_approval');
    expect((await alur.call('POST', `${V4}/transitions`, { token: both, json: { action: 'approve', disahkanOleh: KEPALA } })).status).toBe(200);
  });
});

describe('ALUR_SOP_APPROVAL=off (the default)', () => {
  let alur: TestAlur;
  let admin: string;

  beforeAll(async () => {
    alur = await startAlur();
    admin = await alur.login('admin', ADMIN_PASSWORD);
    expect((await alur.call('POST', '/api/sops', { token: admin, xml })).status).toBe(201);
  });
  afterAll(() => alur?.close());

  it('makes a deploy berlaku at once: it takes requests and is public', async () => {
    const lifecycle = await alur.mustCall('GET', `${V1}/lifecycle`, { token: admin });
    expect(lifecycle).toMatchObject({ state: 'berlaku', inForce: true, approval: 'off', actions: ['retire'] });
    expect(lifecycle.transitions).toEqual([expect.objectContaining({ from: null, to: 'berlaku', by: 'admin' })]);
    expect((await alur.call('POST', '/api/sops/surat-keterangan/instances', { token: admin, json: { variables: { nama: 'Ani' } } })).status).toBe(201);
    expect((await alur.call('GET', '/api/public/sops/surat-keterangan')).status).toBe(200);
  });

  it('edits the identity of a berlaku version, refusing malformed dates by field', async () => {
    const bad = await alur.call('PUT', `${V1}/identity`, { token: admin, json: { tanggalPembuatan: '2026-13-01', tanggalRevisi: 'kemarin' } });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['body.tanggalPembuatan', 'body.tanggalRevisi']);
    const ok = await alur.call('PUT', `${V1}/identity`, { token: admin, json: IDENTITY });
    expect(ok.status).toBe(200);
    expect(ok.body.missing).toEqual(['disahkanOleh.nama', 'disahkanOleh.nip', 'disahkanOleh.jabatan']);
    expect(ok.body.linkedSops).toEqual([{ key: 'surat-keterangan', name: 'Surat Keterangan Domisili' }]);
  });

  it('takes no test cases on the version in force; an admin retires it and then nothing takes requests', async () => {
    const test = await alur.call('POST', `${V1}/test-cases`, { token: admin, json: {} });
    expect(test.status).toBe(409);
    expect(test.body.code).toBe('sop.test_not_allowed');
    expect((await alur.call('POST', `${V1}/transitions`, { token: admin, json: { action: 'retire', note: 'Layanan dihentikan' } })).body.state).toBe('dicabut');
    expect((await alur.call('POST', '/api/sops/surat-keterangan/instances', { token: admin, json: { variables: { nama: 'Ani' } } })).status).toBe(409);
  });
});
