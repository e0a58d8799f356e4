// The SPBE evaluation report (issue 17) against hand-computed figures: SOPs per
// OPD and unit by lifecycle state, berlaku SOPs with cases in the year, and the
// share of the year's completed cases within their SLA; test cases, sub-cases,
// cases outside the year (in WIB) and versions created after it left out.
import { randomUUID } from 'node:crypto';
import { extractText } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';

let alur: TestAlur;
let admin: string;
let auditor: string;
let supervisor: string;
const DAY = 24 * 3600_000;

beforeAll(async () => {
  alur = await startAlur({ worker: false });
  admin = await alur.login('admin', ADMIN_PASSWORD);
  auditor = await alur.createUser(admin, 'auditor-spbe', ['auditor']);
  supervisor = await alur.createUser(admin, 'supervisor-spbe', ['supervisor']);
  const p = alur.prisma;

  const unit = async (code: string, name: string, kind: string, parent?: string) =>
    (
      await p.unit.create({
        data: { code, name, kind, parentId: parent ? (await p.unit.findUniqueOrThrow({ where: { code: parent } })).id : null },
      })
    ).id;
  await unit('dinkes', 'Dinas Kesehatan', 'opd');
  await unit('pkm-a', 'Puskesmas A', 'upt', 'dinkes');
  await unit('pustu-a', 'Pustu A', 'upt', 'pkm-a');
  await unit('disdukcapil', 'Dinas Kependudukan dan Pencatatan Sipil', 'opd');

  const versionIds: Record<string, string> = {};
  const version = async (key: string, n: number, state: string, ownerUnit: string | null, createdAt = '2025-02-01T00:00:00Z') => {
    const v = await p.sopVersion.create({
      data: { key, version: n, name: key, xml: '<definitions/>', ir: {}, hash: `${key}-${n}`, state, ownerUnit, createdAt: new Date(createdAt) },
    });
    versionIds[key] = v.id;
  };
  await version('izin-praktik', 1, 'dicabut', 'dinkes');
  await version('izin-praktik', 2, 'berlaku', 'dinkes');
  await version('rujukan', 1, 'berlaku', 'pkm-a');
  await version('rujukan', 2, 'draft', 'pkm-a');
  await version('imunisasi', 1, 'disahkan', 'pkm-a');
  await version('posyandu', 1, 'diajukan', 'pustu-a');
  await version('lama', 1, 'dicabut', 'pustu-a');
  await version('lama', 2, 'dicabut', 'pustu-a');
  await version('kk', 1, 'berlaku', 'disdukcapil');
  await version('ktp-el', 1, 'berlaku', 'disdukcapil');
  await version('tanpa-pemilik', 1, 'berlaku', null);
  await version('baru', 1, 'draft', 'dinkes', '2026-02-01T00:00:00Z'); // after 2025: not in its report

  /** A case started at `start`, due `dueDays` later, ended `endDays` after its start (null: running). */
  const seed = async (
    key: string,
    start: string,
    endDays: number | null,
    opts: { dueDays?: number | null; test?: boolean; status?: string; parentCaseId?: string } = {},
  ) => {
    const id = randomUUID();
    const startedAt = new Date(start);
    const dueDays = opts.dueDays === undefined ? 3 : opts.dueDays;
    await p.case.create({
      data: {
        id,
        trackingCode: `S${id.slice(0, 8)}`,
        sopVersionId: versionIds[key]!,
        sopKey: key,
        sopVersionNo: 1,
        status: opts.status ?? (endDays === null ? 'running' : 'completed'),
        variables: {},
        startedAt,
        endedAt: endDays === null ? null : new Date(startedAt.getTime() + endDays * DAY),
        dueAt: dueDays === null ? null : new Date(startedAt.getTime() + dueDays * DAY),
        test: opts.test ?? false,
        parentCaseId: opts.parentCaseId ?? null,
      },
    });
    return id;
  };
  // izin-praktik (dinkes): 4 completed with an SLA in 2025, 3 within.
  const first = await seed('izin-praktik', '2025-03-03T03:00:00Z', 1);
  await seed('izin-praktik', '2025-04-07T03:00:00Z', 2);
  await seed('izin-praktik', '2025-05-05T03:00:00Z', 3); // ends exactly when due: within
  await seed('izin-praktik', '2025-06-02T03:00:00Z', 5); // late
  await seed('izin-praktik', '2025-07-07T03:00:00Z', null); // running
  await seed('izin-praktik', '2025-08-04T03:00:00Z', 9, { test: true }); // a test case: left out
  await seed('izin-praktik', '2025-08-04T03:00:00Z', 9, { parentCaseId: first }); // a sub-case: left out
  await seed('izin-praktik', '2025-09-01T03:00:00Z', 1, { status: 'cancelled' }); // not completed
  // Started 31 Dec 2025 10:00 WIB, ended 1 Jan 2026 00:30 WIB: ended in 2026, not in 2025's compliance.
  await seed('izin-praktik', '2025-12-31T03:00:00Z', 14.5 / 24);
  // rujukan (pkm-a): its only case ended in 2024.
  await seed('rujukan', '2024-06-03T03:00:00Z', 1);
  // kk (disdukcapil): 3 completed with an SLA in 2025, 2 within; one without an SLA.
  await seed('kk', '2024-12-30T03:00:00Z', 3); // started in 2024, ended (within) in 2025
  await seed('kk', '2025-03-03T03:00:00Z', 1);
  await seed('kk', '2025-03-10T03:00:00Z', 4); // late
  await seed('kk', '2025-03-17T03:00:00Z', 10, { dueDays: null }); // no SLA: in no share
  // ktp-el (disdukcapil): only a test case in 2025, and a case from 1 Jan 2026 00:30 WIB.
  await seed('ktp-el', '2025-05-05T03:00:00Z', 1, { test: true });
  await seed('ktp-el', '2025-12-31T17:30:00Z', 1);
  // tanpa-pemilik (no owning unit): 1 completed within.
  await seed('tanpa-pemilik', '2025-10-06T03:00:00Z', 2);
});
afterAll(() => alur?.close());

const figures = (
  [draft, diajukan, disahkan, berlaku, dicabut]: number[],
  berlakuWithCases: number,
  completedCases: number,
  withinSla: number,
  withinSlaPct: number | null,
) => ({
  sops: { draft, diajukan, disahkan, berlaku, dicabut, total: draft! + diajukan! + disahkan! + berlaku! + dicabut! },
  berlakuWithCases,
  compliance: { completedCases, withinSla, withinSlaPct },
});

describe('SPBE report', () => {
  it('gives the hand-computed figures per OPD and unit for 2025', async () => {
    const res = await alur.call('GET', '/api/reports/spbe?year=2025', { token: auditor });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      year: 2025,
      from: '2024-12-31T17:00:00.000Z',
      to: '2025-12-31T17:00:00.000Z',
      opds: [
        // kk and ktp-el berlaku; only kk had (non-test) cases in 2025; kk: 2 of 3 within.
        { code: 'disdukcapil', name: 'Dinas Kependudukan dan Pencatatan Sipil', kind: 'opd', ...figures([0, 0, 0, 2, 0], 1, 3, 2, 66.7), units: [] },
        {
          code: 'dinkes',
          name: 'Dinas Kesehatan',
          kind: 'opd',
          // izin-praktik (berlaku, its v1 retired), rujukan (berlaku, its v2 a draft), imunisasi, posyandu, lama; 'baru' is from 2026.
          ...figures([0, 1, 1, 2, 1], 1, 4, 3, 75),
          units: [
            { code: 'pkm-a', name: 'Puskesmas A', kind: 'upt', parentCode: 'dinkes', depth: 1, ...figures([0, 0, 1, 1, 0], 0, 0, 0, null) },
            { code: 'pustu-a', name: 'Pustu A', kind: 'upt', parentCode: 'pkm-a', depth: 2, ...figures([0, 1, 0, 0, 1], 0, 0, 0, null) },
          ],
        },
      ],
      unassigned: figures([0, 0, 0, 1, 0], 1, 1, 1, 100),
      // 8 completed within the SLA 6 times: 75%.
      total: figures([0, 1, 1, 5, 1], 3, 8, 6, 75),
    });
  });

  it('counts the 2026 draft in 2026 and nothing from 2025 cases', async () => {
    const res = await alur.call('GET', '/api/reports/spbe?year=2026', { token: admin });
    expect(res.status).toBe(200);
    // ktp-el's case of 1 Jan 2026 00:30 WIB; izin-praktik's case that ended then (its start was 2025: no "with cases" for 2026 from it).
    expect(res.body.total).toEqual(figures([1, 1, 1, 5, 1], 1, 2, 2, 100));
    expect((await alur.call('GET', '/api/reports/spbe?year=2024', { token: admin })).body.total).toEqual(figures([0, 0, 0, 0, 0], 0, 0, 0, null));
  });

  it('gives the same figures as CSV, by format=csv or Accept: text/csv', async () => {
    const expected = [
      'year,opd_code,opd_name,unit_code,unit_name,draft,diajukan,disahkan,berlaku,dicabut,sops_total,berlaku_with_cases,completed_cases,within_sla,within_sla_pct',
      '2025,disdukcapil,Dinas Kependudukan dan Pencatatan Sipil,,,0,0,0,2,0,2,1,3,2,66.7',
      '2025,dinkes,Dinas Kesehatan,,,0,1,1,2,1,5,1,4,3,75',
      '2025,dinkes,Dinas Kesehatan,pkm-a,Puskesmas A,0,0,1,1,0,2,0,0,0,',
      '2025,dinkes,Dinas Kesehatan,pustu-a,Pustu A,0,1,0,0,1,2,0,0,0,',
      '2025,,(tanpa unit),,,0,0,0,1,0,1,1,1,1,100',
    ];
    const byFormat = await alur.app.inject({ method: 'GET', url: '/api/reports/spbe?year=2025&format=csv', headers: { authorization: `Bearer ${auditor}` } });
    expect(byFormat.statusCode).toBe(200);
    expect(byFormat.headers['content-type']).toContain('text/csv');
    expect(byFormat.headers['content-disposition']).toContain('laporan-spbe-2025.csv');
    expect(byFormat.body.trim().split('\r\n')).toEqual(expected);
    const byAccept = await alur.app.inject({
      method: 'GET',
      url: '/api/reports/spbe?year=2025',
      headers: { authorization: `Bearer ${admin}`, accept: 'text/csv' },
    });
    expect(byAccept.headers['content-type']).toContain('text/csv');
    expect(byAccept.body.trim().split('\r\n')).toEqual(expected);
  });

  it('gives the same figures as an A4 PDF, by format=pdf or Accept: application/pdf, read back with unpdf', async () => {
    const res = await alur.app.inject({ method: 'GET', url: '/api/reports/spbe?year=2025&format=pdf', headers: { authorization: `Bearer ${auditor}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toContain('laporan-spbe-2025.pdf');
    const { totalPages, text } = await extractText(new Uint8Array(res.rawPayload), { mergePages: true });
    expect(totalPages).toBe(1);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Laporan Evaluasi SPBE Tahun 2025');
    // Each OPD and unit with its figures in order: draf, diajukan, disahkan, berlaku, dicabut, jumlah, dijalankan, selesai, dalam SLA, %.
    expect(flat).toContain('Dinas Kependudukan dan Pencatatan Sipil (disdukcapil) 0 0 0 2 0 2 1 3 2 66,7%');
    expect(flat).toContain('Dinas Kesehatan (dinkes) 0 1 1 2 1 5 1 4 3 75%');
    expect(flat).toContain('Puskesmas A (pkm-a) 0 0 1 1 0 2 0 0 0 -');
    expect(flat).toContain('Pustu A (pustu-a) 0 1 0 0 1 2 0 0 0 -');
    expect(flat).toContain('Tanpa unit 0 0 0 1 0 1 1 1 1 100%');
    const byAccept = await alur.app.inject({
      method: 'GET',
      url: '/api/reports/spbe?year=2025',
      headers: { authorization: `Bearer ${admin}`, accept: 'application/pdf' },
    });
    expect(byAccept.headers['content-type']).toBe('application/pdf');
    const bad = await alur.call('GET', '/api/reports/spbe?year=2025&format=docx', { token: admin });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('querystring.format');
  });

  it('is for admins and auditors only, and refuses a year that is not YYYY naming the field', async () => {
    expect((await alur.call('GET', '/api/reports/spbe?year=2025', { token: supervisor })).status).toBe(403);
    expect((await alur.call('GET', '/api/reports/spbe?year=2025')).status).toBe(401);
    for (const year of ['25', '20255', 'abcd', '']) {
      const bad = await alur.call('GET', `/api/reports/spbe?year=${year}`, { token: admin });
      expect(bad.status, year).toBe(400);
      expect(bad.body.errors[0].field).toBe('querystring.year');
    }
    const missing = await alur.call('GET', '/api/reports/spbe', { token: admin });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body)).toContain('year');
  });
});
