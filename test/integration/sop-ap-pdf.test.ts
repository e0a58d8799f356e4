// The SOP-AP document (issue 17): the PDF read back. The identity page, then
// the flowchart table with one row per kegiatan in case order and a column
// per pelaksana (alur:pelaksana or the lane); a long SOP runs over pages with
// off-page connectors; public for berlaku versions only.
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { extractText, extractTextItems, type StructuredTextItem } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';

const xml = readFileSync(new URL('../fixtures/surat-keterangan.bpmn', import.meta.url), 'utf8');
const LANES = ['Petugas Pelayanan', 'Kepala Seksi', 'Kepala Dinas'];
const LONG_STEPS = 16;

/** A straight SOP of LONG_STEPS user tasks over three lanes (no alur:pelaksana: the lanes are the pelaksana). */
function longSop(): string {
  const tasks = Array.from({ length: LONG_STEPS }, (_, i) => `T${i + 1}`);
  const laneOf = (i: number) => LANES[Math.floor(i / 2) % LANES.length]!;
  const lanes = LANES.map(
    (name, l) =>
      `<bpmn:lane id="L${l}" name="${name}">${l === 0 ? '<bpmn:flowNodeRef>S</bpmn:flowNodeRef><bpmn:flowNodeRef>E</bpmn:flowNodeRef>' : ''}${tasks
        .filter((_, i) => laneOf(i) === name)
        .map((t) => `<bpmn:flowNodeRef>${t}</bpmn:flowNodeRef>`)
        .join('')}</bpmn:lane>`,
  ).join('');
  const chain = ['S', ...tasks, 'E'];
  const flows = chain
    .slice(1)
    .map((t, i) => `<bpmn:sequenceFlow id="F${i}" sourceRef="${chain[i]}" targetRef="${t}" />`)
    .join('');
  const body = tasks
    .map((t, i) => `<bpmn:userTask id="${t}" name="Langkah ${i + 1} pemeriksaan" alur:waktu="${i + 1} jam" alur:output="Hasil ${i + 1}" />`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:alur="https://alur.go.id/schema/bpmn/1.0" id="D" targetNamespace="http://alur.go.id/sop">
  <bpmn:process id="izin-panjang" name="Izin Usaha Panjang" isExecutable="true">
    <bpmn:laneSet id="LS">${lanes}</bpmn:laneSet>
    <bpmn:startEvent id="S" name="Mulai" />${body}<bpmn:endEvent id="E" name="Selesai" />${flows}
  </bpmn:process>
</bpmn:definitions>`;
}

let alur: TestAlur;
let admin: string;

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  await alur.mustCall('POST', '/api/units', { token: admin, json: { code: 'kel-a', name: 'Kelurahan Sukamaju', kind: 'kelurahan' } });
  expect((await alur.call('POST', '/api/sops', { token: admin, xml })).status).toBe(201);
  const long = await alur.call('POST', '/api/sops', { token: admin, xml: longSop() });
  expect(long.status, JSON.stringify(long.body)).toBe(201);
  await alur.mustCall('PUT', '/api/sops/surat-keterangan/versions/1/identity', {
    token: admin,
    json: {
      nomor: '470/15/SOP/KEL-SKM/2026',
      tanggalPembuatan: '2026-11-02',
      tanggalEfektif: '2026-12-01',
      disahkanOleh: { nama: 'Siti Aminah, S.IP', nip: '198001012005012002', jabatan: 'Lurah Sukamaju' },
      dasarHukum: ['Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik'],
      kualifikasiPelaksana: ['Memahami administrasi kependudukan'],
      keterkaitan: ['izin-panjang'],
      peralatan: ['Komputer'],
      peringatan: 'Berkas tidak lengkap dikembalikan',
      pencatatan: 'Buku register surat',
    },
  });
});
afterAll(() => alur?.close());

async function pdfOf(url: string, token?: string): Promise<Uint8Array> {
  const res = await alur.app.inject({ method: 'GET', url, headers: token ? { authorization: `Bearer ${token}` } : {} });
  expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
  expect(res.headers['content-type']).toBe('application/pdf');
  // Kept for a person to look at (e.g. rendered to PNG).
  writeFileSync(join(tmpdir(), `alur-${url.split('/')[3]}-sop-ap.pdf`), res.rawPayload);
  return new Uint8Array(res.rawPayload);
}

const find = (items: StructuredTextItem[], str: string) => items.filter((i) => i.str.trim() === str);

describe('SOP-AP PDF', () => {
  it('has the identity page and one table page, read back as text, without a login for a berlaku version', async () => {
    const data = await pdfOf('/api/sops/surat-keterangan/versions/1/sop-ap.pdf');
    const { totalPages, text } = await extractText(data.slice());
    expect(totalPages).toBe(2);
    for (const s of [
      'Nomor SOP',
      '470/15/SOP/KEL-SKM/2026',
      '2 November 2026',
      '1 Desember 2026',
      'Lurah Sukamaju',
      'Siti Aminah, S.IP',
      'NIP. 198001012005012002',
      'Nama SOP',
      'Surat Keterangan Domisili',
      'Dasar Hukum',
      '1. Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik',
      'Kualifikasi Pelaksana',
      'Izin Usaha Panjang (SOP izin-panjang)',
      'Peralatan/Perlengkapan',
      'Pencatatan dan Pendataan',
    ]) {
      expect(text[0]).toContain(s);
    }
    for (const s of [
      'Kegiatan',
      'Pelaksana',
      'Mutu Baku',
      'Kelengkapan',
      'Waktu',
      'Output',
      'Keterangan',
      'KTP; Kartu Keluarga',
      '2 hari kerja',
      'ya: ke kegiatan 3',
    ]) {
      expect(text[1]).toContain(s);
    }
  });

  it('puts one row per kegiatan in case order and a column per pelaksana between Kegiatan and Mutu Baku', async () => {
    const { items } = await extractTextItems((await pdfOf('/api/sops/surat-keterangan/versions/1/sop-ap.pdf')).slice());
    const table = items[1]!;
    const rows = ['Periksa berkas', 'Berkas lengkap?', 'Tandatangani surat'].map((k) => find(table, k));
    expect(rows.map((r) => r.length)).toEqual([1, 1, 1]);
    // Top to bottom (PDF y grows upwards).
    expect(rows[0]![0]!.y).toBeGreaterThan(rows[1]![0]!.y);
    expect(rows[1]![0]!.y).toBeGreaterThan(rows[2]![0]!.y);
    const kegiatan = find(table, 'Kegiatan')[0]!;
    const kelengkapan = find(table, 'Kelengkapan')[0]!;
    const columns = ['Petugas loket', 'Lurah'].map((p) => find(table, p));
    expect(columns.map((c) => c.length)).toEqual([1, 1]);
    expect(columns[0]![0]!.x).toBeGreaterThan(kegiatan.x);
    expect(columns[1]![0]!.x).toBeGreaterThan(columns[0]![0]!.x);
    expect(kelengkapan.x).toBeGreaterThan(columns[1]![0]!.x);
    // The row numbers 1..3 in the No column.
    for (const n of ['1', '2', '3']) expect(find(table, n).some((i) => i.x < kegiatan.x)).toBe(true);
  });

  it('runs a long SOP over pages with the header again and off-page connectors; lanes are the pelaksana columns', async () => {
    const { items, totalPages } = await extractTextItems((await pdfOf('/api/sops/izin-panjang/versions/1/sop-ap.pdf')).slice());
    expect(totalPages).toBeGreaterThanOrEqual(3);
    const tablePages = items.slice(1);
    for (const page of tablePages) {
      expect(find(page, 'Kegiatan')).toHaveLength(1);
      for (const lane of LANES) expect(find(page, lane)).toHaveLength(1);
    }
    const all = tablePages.flat();
    for (let i = 1; i <= LONG_STEPS; i++) expect(find(all, `Langkah ${i} pemeriksaan`)).toHaveLength(1);
    // Each break: the same letter at the foot of one page and the head of the next.
    for (let p = 0; p < tablePages.length - 1; p++) {
      const letter = String.fromCharCode(65 + p);
      expect(find(tablePages[p]!, letter).length, `connector ${letter} leaving page ${p + 2}`).toBeGreaterThanOrEqual(1);
      expect(find(tablePages[p + 1]!, letter).length, `connector ${letter} entering page ${p + 3}`).toBeGreaterThanOrEqual(1);
    }
    const text = (await extractText((await pdfOf('/api/sops/izin-panjang/versions/1/sop-ap.pdf')).slice())).text;
    expect(text.at(-1)).toContain(`Halaman ${totalPages} dari ${totalPages}`);
  });

  it('is not public once the version is no longer berlaku; staff still read it', async () => {
    await alur.mustCall('POST', '/api/sops/izin-panjang/versions/1/transitions', { token: admin, json: { action: 'retire', note: 'Diganti' } });
    expect((await alur.call('GET', '/api/sops/izin-panjang/versions/1/sop-ap.pdf')).status).toBe(404);
    const { text } = await extractText((await pdfOf('/api/sops/izin-panjang/versions/1/sop-ap.pdf', admin)).slice());
    expect(text[0]).toContain('Status: DICABUT');
    expect((await alur.call('GET', '/api/sops/nope/versions/1/sop-ap.pdf', { token: admin })).status).toBe(404);
  });
});
