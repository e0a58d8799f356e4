// The auditor's reports on real cases: one case of UPT A breaches a 2-second
// step SLA, one of UPT B (started after the SLA was raised for the version)
// keeps it. The per-step heatmap of the SOP version, compliance per week and
// month, and the per-unit and per-staff summary of one SOP see the same facts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:alur="https://alur.go.id/schema/bpmn/1.0" id="D" targetNamespace="http://alur.test">
  <bpmn:process id="uji-audit" name="Uji Audit" isExecutable="true">
    <bpmn:startEvent id="Mulai"/>
    <bpmn:sequenceFlow id="f1" sourceRef="Mulai" targetRef="A"/>
    <bpmn:userTask id="A" name="Verifikasi berkas" alur:sla="PT2S">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="petugas"/></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="A" targetRef="B"/>
    <bpmn:userTask id="B" name="Terbitkan surat" alur:sla="PT1H">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="petugas"/></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f3" sourceRef="B" targetRef="Selesai"/>
    <bpmn:endEvent id="Selesai"/>
  </bpmn:process>
</bpmn:definitions>`;

let alur: TestAlur;
let admin: string;
let auditor: string;
const staff: Record<string, string> = {};
const unitIds: Record<string, string> = {};

const post = (url: string, json: unknown, token = admin) => alur.mustCall('POST', url, { token, json });

async function complete(caseId: string, elementId: string, by: string): Promise<void> {
  const task = await eventually(
    () => alur.prisma.task.findFirst({ where: { caseId, elementId, status: 'open' } }).then((t) => t ?? undefined),
    15_000,
    `task ${elementId}`,
  );
  await post(`/api/tasks/${task.id}/complete`, {}, staff[by]);
}

async function runCase(unit: string, by: string, waitForBreach: boolean): Promise<string> {
  const { id } = await post('/api/sops/uji-audit/instances', { unit, variables: {} });
  if (waitForBreach) {
    await eventually(
      async () => ((await alur.prisma.deviation.count({ where: { caseId: id, kind: 'sla.breached' } })) ? true : undefined),
      15_000,
      'breach of A',
    );
  }
  await complete(id, 'A', by);
  await complete(id, 'B', by);
  await eventually(
    async () => ((await alur.prisma.case.findUniqueOrThrow({ where: { id } })).status === 'completed' ? true : undefined),
    15_000,
    'case completed',
  );
  return id;
}

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  auditor = await alur.createUser(admin, 'inspektur', ['auditor']);
  for (const [code, username] of [
    ['upt-a', 'ani'],
    ['upt-b', 'citra'],
  ] as const) {
    unitIds[code] = (await post('/api/units', { code, name: code.toUpperCase(), kind: 'upt' })).id;
    await post(`/api/units/${code}/roles`, { role: 'petugas', name: 'Petugas' });
    staff[username] = await alur.createUser(admin, username, []);
    await post(`/api/units/${code}/staff`, { username, role: 'petugas' });
  }
  expect((await alur.call('POST', '/api/sops', { token: admin, xml })).status).toBe(201);
  await runCase('upt-a', 'ani', true);
  // Cases started from now on get an hour for A: UPT B's case keeps every SLA.
  expect((await alur.call('PUT', '/api/sops/uji-audit/versions/1/slas', { token: admin, json: { overrides: { A: 'PT1H' } } })).status).toBe(200);
  await runCase('upt-b', 'citra', false);
}, 90_000);
afterAll(() => alur?.close());

describe('per-step heatmap of an SOP version', () => {
  it('gives each step its durations, SLA compliance, breaches and warnings', async () => {
    const res = await alur.call('GET', '/api/reports/sops/uji-audit/versions/1/steps', { token: auditor });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ sopKey: 'uji-audit', version: 1, name: 'Uji Audit', processId: 'uji-audit' });
    const byId = Object.fromEntries(res.body.elements.map((e: { elementId: string }) => [e.elementId, e]));
    expect(Object.keys(byId).sort()).toEqual(['A', 'B']); // start and end events take no time
    expect(byId.A).toMatchObject({ name: 'Verifikasi berkas', ended: 2, withSla: 2, slaCompliancePct: 50, breaches: 1, atRisk: 1 });
    expect(byId.B).toMatchObject({ name: 'Terbitkan surat', ended: 2, withSla: 2, slaCompliancePct: 100, breaches: 0, atRisk: 0 });
    // The breached step lasted over its 2 s; p90 of two durations lies close to the longer one.
    expect(byId.A.p90Ms).toBeGreaterThanOrEqual(1800);
    expect(byId.A.p90Ms).toBeGreaterThanOrEqual(byId.A.meanMs);
    expect(byId.A.meanMs).toBeGreaterThanOrEqual(1000);
  });

  it('counts only what happened in the period asked for', async () => {
    const future = new Date(Date.now() + 86_400_000).toISOString();
    const res = await alur.call('GET', `/api/reports/sops/uji-audit/versions/1/steps?from=${encodeURIComponent(future)}`, { token: auditor });
    expect(res.body.elements).toEqual([]);
  });

  it('answers 404 for a version that does not exist, 400 for a backwards period, 403 for staff', async () => {
    const missing = await alur.call('GET', '/api/reports/sops/uji-audit/versions/9/steps', { token: auditor });
    expect(missing.status).toBe(404);
    expect(missing.body.message).toMatch(/no version 9/);
    const backwards = await alur.call('GET', '/api/reports/sops/uji-audit/versions/1/steps?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z', {
      token: auditor,
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.errors).toEqual([{ field: 'querystring.from', message: 'after "to"' }]);
    expect((await alur.call('GET', '/api/reports/sops/uji-audit/versions/1/steps', { token: staff.ani })).status).toBe(403);
  });
});

describe('SLA compliance over time', () => {
  it('per week (from Monday, WIB) and per month, for one SOP or one unit', async () => {
    const weekly = await alur.call('GET', '/api/reports/compliance?interval=week&sop=uji-audit', { token: auditor });
    expect(weekly.status, JSON.stringify(weekly.body)).toBe(200);
    expect(weekly.body).toEqual([{ period: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), stepsWithSla: 4, onTime: 3, slaCompliancePct: 75, breaches: 1 }]);
    const monday = new Date(`${weekly.body[0].period}T00:00:00+07:00`);
    expect(new Date(monday.getTime() + 7 * 3_600_000).getUTCDay()).toBe(1);
    expect(Date.now() - monday.getTime()).toBeLessThan(7 * 86_400_000);

    const monthly = (await alur.call('GET', '/api/reports/compliance?interval=month&sop=uji-audit', { token: auditor })).body;
    expect(monthly).toEqual([expect.objectContaining({ period: expect.stringMatching(/^\d{4}-\d{2}-01$/), stepsWithSla: 4, onTime: 3 })]);

    const unitB = (await alur.call('GET', `/api/reports/compliance?sop=uji-audit&unit=${unitIds['upt-b']}`, { token: auditor })).body;
    expect(unitB).toEqual([expect.objectContaining({ stepsWithSla: 2, onTime: 2, slaCompliancePct: 100, breaches: 0 })]);
    expect((await alur.call('GET', '/api/reports/compliance?sop=lain', { token: auditor })).body).toEqual([]);
  });

  it('refuses a time zone it does not know, naming the field', async () => {
    const res = await alur.call('GET', '/api/reports/compliance?timeZone=Asia/Atlantis', { token: auditor });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'querystring.timeZone', message: 'not an IANA time zone' }]);
    expect((await alur.call('GET', '/api/reports/compliance?interval=day', { token: auditor })).status).toBe(400);
  });
});

describe('per-unit and per-staff comparison of one SOP', () => {
  it('splits steps and breaches by handling unit and by who ended the step', async () => {
    const byUnit = (await alur.call('GET', '/api/deviations/summary?by=unit&sop=uji-audit', { token: auditor })).body;
    expect(byUnit).toHaveLength(2);
    expect(byUnit).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: unitIds['upt-a'], steps: 2, stepsWithSla: 2, slaCompliancePct: 50, breaches: 1, atRisk: 1 }),
        expect.objectContaining({ key: unitIds['upt-b'], steps: 2, stepsWithSla: 2, slaCompliancePct: 100, breaches: 0 }),
      ]),
    );
    const byStaff = (await alur.call('GET', '/api/deviations/summary?by=staff&sop=uji-audit', { token: auditor })).body;
    expect(byStaff).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'ani', steps: 2, breaches: 1 }),
        expect.objectContaining({ key: 'citra', steps: 2, breaches: 0 }),
      ]),
    );
    expect((await alur.call('GET', '/api/deviations/summary?by=unit&sop=lain', { token: auditor })).body).toEqual([]);
  });
});

describe('periods near a boundary', () => {
  it('puts a step in the week and month of its end in WIB, not 7 hours off', async () => {
    // Steps are stored in UTC (timestamp without time zone). Two real steps of
    // a third case (run last, so the tests above count two), moved to end
    // either side of a week boundary in WIB, in weeks no other step is in:
    // Monday 4 Jan 2027 00:30 WIB (Sunday 17:30 UTC) belongs to the week of
    // 4 Jan; Sunday 3 Jan 23:30 WIB (16:30 UTC) to the week of 28 Dec.
    const id = await runCase('upt-a', 'ani', false);
    const endAt = async (elementId: string, iso: string) => {
      const endedAt = new Date(iso);
      await alur.prisma.step.updateMany({
        where: { caseId: id, elementId },
        data: { startedAt: new Date(endedAt.getTime() - 60_000), endedAt, dueAt: new Date(endedAt.getTime() + 3_600_000) },
      });
    };
    const range = `from=${encodeURIComponent('2026-12-20T00:00:00Z')}&to=${encodeURIComponent('2027-03-01T00:00:00Z')}`;
    const periods = async (query: string) => {
      const res = await alur.call('GET', `/api/reports/compliance?sop=uji-audit&${range}&${query}`, { token: auditor });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.filter((p: { stepsWithSla: number }) => p.stepsWithSla).map((p: { period: string; stepsWithSla: number }) => [p.period, p.stepsWithSla]);
    };
    await endAt('A', '2027-01-03T16:30:00Z');
    await endAt('B', '2027-01-03T17:30:00Z');
    expect(await periods('interval=week')).toEqual([
      ['2026-12-28', 1],
      ['2027-01-04', 1],
    ]);
    // The same instants in London are both Sunday 3 Jan: the week of 28 Dec.
    expect(await periods('interval=week&timeZone=Europe/London')).toEqual([['2026-12-28', 2]]);
    // A month boundary: Sunday 31 Jan 23:30 WIB is January, Monday 1 Feb 00:30 WIB February.
    await endAt('A', '2027-01-31T16:30:00Z');
    await endAt('B', '2027-01-31T17:30:00Z');
    expect(await periods('interval=month')).toEqual([
      ['2027-01-01', 1],
      ['2027-02-01', 1],
    ]);
  });
});

describe('one SOP version at a time (issue 13, item 4)', () => {
  it('gives the trend and the unit and staff tables of the version asked for only', async () => {
    const q = (url: string) => alur.call('GET', url, { token: auditor }).then((r) => r.body as { breaches?: number }[]);
    const allTrend = await q('/api/reports/compliance?sop=uji-audit&interval=month');
    const allUnits = await q('/api/deviations/summary?by=unit&sop=uji-audit');
    expect(allTrend.length).toBeGreaterThan(0);
    // Version 2: no case ran on it yet.
    expect((await alur.call('POST', '/api/sops', { token: admin, xml: xml.replace('name="Uji Audit"', 'name="Uji Audit (revisi)"') })).status).toBe(201);
    expect(await q('/api/reports/compliance?sop=uji-audit&interval=month&sopVersion=2')).toEqual([]);
    expect(await q('/api/deviations/summary?by=unit&sop=uji-audit&sopVersion=2')).toEqual([]);
    expect(await q('/api/deviations/summary?by=staff&sop=uji-audit&sopVersion=2')).toEqual([]);
    // Version 1 holds every case so far: the same figures as across versions.
    expect(await q('/api/reports/compliance?sop=uji-audit&interval=month&sopVersion=1')).toEqual(allTrend);
    expect(await q('/api/deviations/summary?by=unit&sop=uji-audit&sopVersion=1')).toEqual(allUnits);
  });
});
