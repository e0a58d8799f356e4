// Public compliance (issue 17) against hand-computed figures for seeded cases:
// cases, share within the SLA, median time in hari kerja (on each unit's
// business calendar: civil-service hours, a unit's cuti bersama counts
// nothing), deviations per 100 cases, per handling unit; test cases and
// warnings left out; no figure from fewer than 5 cases.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nationalHolidayEntries } from '@alur/workflows/calendar/national-holidays';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';

const xml = readFileSync(new URL('../fixtures/surat-keterangan.bpmn', import.meta.url), 'utf8');
const HOUR = 3600_000;
let alur: TestAlur;

/**
 * Monday 10:00 WIB (03:00 UTC) of a week at least two weeks before now (inside
 * the last 30 days, the week fully past) whose Monday to next Monday has no
 * national holiday, so the hand-computed hari kerja below hold in any year.
 */
function mondayTenWib(): number {
  const year = new Date().getUTCFullYear();
  const holidays = new Set(nationalHolidayEntries([year - 1, year]).map((h) => h.date));
  for (let back = 14; ; back += 7) {
    const d = new Date(Date.now() - back * 24 * HOUR);
    const monday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    const week = Array.from({ length: 8 }, (_, i) => new Date(monday + i * 24 * HOUR).toISOString().slice(0, 10));
    if (!week.some((day) => holidays.has(day))) return monday + 3 * HOUR;
  }
}

beforeAll(async () => {
  alur = await startAlur({ worker: false });
  const admin = await alur.login('admin', ADMIN_PASSWORD);
  expect((await alur.call('POST', '/api/sops', { token: admin, xml })).status).toBe(201);
  await alur.mustCall('POST', '/api/units', { token: admin, json: { code: 'kel-a', name: 'Kelurahan A', kind: 'kelurahan' } });
  await alur.mustCall('POST', '/api/units', { token: admin, json: { code: 'kel-b', name: 'Kelurahan B', kind: 'kelurahan' } });
  const version = await alur.prisma.sopVersion.findFirstOrThrow({ where: { key: 'surat-keterangan' } });
  const unit = async (code: string) => (await alur.prisma.unit.findUniqueOrThrow({ where: { code } })).id;
  const [a, b] = [await unit('kel-a'), await unit('kel-b')];
  const mon = mondayTenWib();
  const due = mon + 48 * HOUR; // Wednesday 10:00 WIB
  // Kelurahan A takes the Tuesday of that week off (cuti bersama of its own); Kelurahan B works it.
  const tuesday = new Date(mon + 24 * HOUR).toISOString().slice(0, 10);
  await alur.mustCall('PUT', `/api/calendars/kel-a/leave-days/${tuesday.slice(0, 4)}`, {
    token: admin,
    json: { days: [{ date: tuesday, name: 'Cuti bersama kelurahan', kind: 'cuti-bersama' }] },
  });
  const seed = async (unitId: string, endAfterHours: number | null, opts: { deviations?: string[]; test?: boolean; startedAt?: number } = {}) => {
    const id = randomUUID();
    const startedAt = opts.startedAt ?? mon;
    await alur.prisma.case.create({
      data: {
        id,
        trackingCode: `T${id.slice(0, 8)}`,
        sopVersionId: version.id,
        sopKey: 'surat-keterangan',
        sopVersionNo: 1,
        status: endAfterHours === null ? 'running' : 'completed',
        unitId,
        variables: {},
        startedAt: new Date(startedAt),
        endedAt: endAfterHours === null ? null : new Date(startedAt + endAfterHours * HOUR),
        dueAt: new Date(startedAt === mon ? due : startedAt + 48 * HOUR),
        test: opts.test ?? false,
      },
    });
    for (const kind of opts.deviations ?? []) {
      await alur.prisma.deviation.create({
        data: { id: randomUUID(), caseId: id, sopKey: 'surat-keterangan', sopVersion: 1, unitId, kind, at: new Date(startedAt + HOUR), details: {} },
      });
    }
  };
  // Kelurahan A, started Monday 10:00 WIB, due Wednesday 10:00; a working day is
  // 7.5 h (07:30-12:00, 13:00-16:00; Friday 07:30-11:30, 13:00-16:30), Monday
  // from 10:00 is 5/7.5 of one, the Tuesday (cuti bersama) nothing:
  await seed(a, 6); // Monday 16:00: 5/7.5 = 0.6667 hari kerja, within
  await seed(a, 24); // Tuesday 10:00: 0.6667 + 0, within
  await seed(a, 53, { deviations: ['sla.breached'] }); // Wednesday 15:00: 0.6667 + 0 + 6.5/7.5 = 1.5333, late
  await seed(a, 168, { deviations: ['sla.breached', 'sla.at_risk'] }); // next Monday 10:00: 0.6667 + 0 + 3 + 2.5/7.5 = 4, late (the warning is no deviation)
  await seed(a, null); // still running
  await seed(a, 72, { deviations: ['override.skip'] }); // Thursday 10:00: 0.6667 + 0 + 1 + 0.3333 = 2, late
  // Kelurahan B: three cases, each Tuesday 10:00 (5/7.5 + 2.5/7.5 = 1 hari kerja: it works the Tuesday), within.
  for (let i = 0; i < 3; i++) await seed(b, 24);
  // Left out: a test case (with a deviation), and one outside 90 days (inside 365).
  await seed(a, 500, { test: true, deviations: ['sla.breached'] });
  await seed(a, 24, { startedAt: mon - 200 * 24 * HOUR });
});
afterAll(() => alur?.close());

describe('public compliance', () => {
  it('gives the hand-computed figures for the SOP and per unit, withholding a unit with fewer than 5 cases', async () => {
    const res = await alur.call('GET', '/api/public/sops/surat-keterangan/compliance?days=90');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      key: 'surat-keterangan',
      days: 90,
      minimumCases: 5,
      sla: 'P3D',
      slaHariKerja: 3,
      // 9 cases; 8 finished: [0.6667, 0.6667, 1, 1, 1, 1.5333, 2, 4] -> median 1; within SLA 5 of 8; 3 deviations on 9 cases.
      cases: 9,
      withinSlaPct: 62.5,
      medianHariKerja: 1,
      deviationsPer100: 33.3,
      withheld: false,
    });
    expect(res.body.units).toEqual([
      // 6 cases, 5 finished [0.6667, 0.6667, 1.5333, 2, 4]: median 1.53, within 2 of 5, 3 deviations per 6 cases.
      { code: 'kel-a', name: 'Kelurahan A', cases: 6, withinSlaPct: 40, medianHariKerja: 1.53, deviationsPer100: 50, withheld: false },
      { code: 'kel-b', name: 'Kelurahan B', cases: null, withinSlaPct: null, medianHariKerja: null, deviationsPer100: null, withheld: true },
    ]);
  });

  it('counts the older case in 365 days, and refuses a malformed period', async () => {
    expect((await alur.call('GET', '/api/public/sops/surat-keterangan/compliance?days=365')).body.cases).toBe(10);
    const bad = await alur.call('GET', '/api/public/sops/surat-keterangan/compliance?days=0');
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('querystring.days');
    expect((await alur.call('GET', '/api/public/sops/nope/compliance')).status).toBe(404);
  });

  it('publishes the same figures as open data CSV, empty cells where withheld', async () => {
    const res = await alur.app.inject({ method: 'GET', url: '/api/public/compliance.csv?days=90' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.body.trim().split('\r\n')).toEqual([
      'sop_key,sop_name,unit_code,unit_name,days,cases,within_sla_pct,median_hari_kerja,sla_hari_kerja,deviations_per_100',
      'surat-keterangan,Surat Keterangan Domisili,,,90,9,62.5,1,3,33.3',
      'surat-keterangan,Surat Keterangan Domisili,kel-a,Kelurahan A,90,6,40,1.53,3,50',
      'surat-keterangan,Surat Keterangan Domisili,kel-b,Kelurahan B,90,,,,3,',
    ]);
  });
});
