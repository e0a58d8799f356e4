// Timer start events end to end on real Temporal and PostgreSQL: each timer
// start event of the version in force is a Temporal Schedule that starts cases
// of that version at the event; GET /api/sops/:key lists it with its next run;
// a new version in force replaces the schedule, retiring removes it; a
// repeating interval with a count stops after it, a date fires once; a firing
// while the worker is down starts its case when the worker is back; and bad
// timers are refused at deploy naming the element.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ScheduleNotFoundError } from '@temporalio/client';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';
import { recordHistory } from '../support/histories';

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"';
/** An SOP whose cases start on `timer` (at the timer start event "Terjadwal"), beside a none start event; each case waits on a user task. */
const doc = (key: string, timer: string, taskName = 'Periksa stok') =>
  `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${NS} id="D-${key}" targetNamespace="https://alur.go.id/test"><bpmn:process id="${key}" name="Pemeriksaan berkala" isExecutable="true">` +
  '<bpmn:startEvent id="Manual"/><bpmn:sequenceFlow id="f0" sourceRef="Manual" targetRef="Periksa"/>' +
  `<bpmn:startEvent id="Terjadwal" name="Setiap periode"><bpmn:timerEventDefinition>${timer}</bpmn:timerEventDefinition></bpmn:startEvent>` +
  '<bpmn:sequenceFlow id="f1" sourceRef="Terjadwal" targetRef="Periksa"/>' +
  `<bpmn:userTask id="Periksa" name="${taskName}"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="petugas"/></bpmn:extensionElements></bpmn:userTask>` +
  '<bpmn:sequenceFlow id="f2" sourceRef="Periksa" targetRef="Selesai"/><bpmn:endEvent id="Selesai"/></bpmn:process></bpmn:definitions>';
const cycle = (c: string) => `<bpmn:timeCycle>${c}</bpmn:timeCycle>`;

describe('timer start events', () => {
  let alur: TestAlur;
  let admin: string;

  beforeAll(async () => {
    alur = await startAlur();
    admin = await alur.login('admin', ADMIN_PASSWORD);
  }, 120_000);

  afterAll(async () => {
    // The schedules live in the shared Temporal server: retire what is left so nothing fires after the test's database is gone.
    for (const key of ['patroli', 'rapat', 'sekali', 'antre']) {
      for (const v of (await alur.call('GET', `/api/sops/${key}`, { token: admin })).body?.versions ?? []) {
        if (v.state === 'berlaku')
          await alur.call('POST', `/api/sops/${key}/versions/${v.version}/transitions`, { token: admin, json: { action: 'retire', note: 'test selesai' } });
      }
    }
    await alur?.close();
  });

  const casesOf = (key: string) =>
    alur.prisma.case.findMany({ where: { sopKey: key }, orderBy: { startedAt: 'asc' }, select: { id: true, sopVersion: { select: { version: true } } } });
  const scheduleExists = async (id: string) => {
    try {
      await alur.temporal.schedule.getHandle(id).describe();
      return true;
    } catch (err) {
      if (err instanceof ScheduleNotFoundError) return false;
      throw err;
    }
  };
  const scheduleId = (key: string, version: number) => `alur-timer-start:${alur.taskQueue}:${key}:v${version}:Terjadwal`;

  it('a repeating interval with a count (R2/PT2S) starts two cases of the version in force at the timer start event, listed with its next run, then stops', async () => {
    const deployedAt = Date.now();
    const deployed = await alur.mustCall('POST', '/api/sops', { token: admin, xml: doc('patroli', cycle('R2/PT2S')) });
    expect(deployed).toMatchObject({ key: 'patroli', version: 1 });

    const sop = await alur.mustCall('GET', '/api/sops/patroli', { token: admin });
    expect(sop.timerStarts).toEqual([
      {
        elementId: 'Terjadwal',
        name: 'Setiap periode',
        version: 1,
        timer: { cycle: 'R2/PT2S' },
        timeZone: 'UTC',
        nextRunAt: expect.any(String),
        remainingRuns: 2,
      },
    ]);
    // The first run is one interval after the version came into force, as in Camunda.
    const next = Date.parse(sop.timerStarts[0].nextRunAt);
    expect(next).toBeGreaterThan(deployedAt);
    expect(next).toBeLessThanOrEqual(Date.now() + 2_000);

    const cases = await eventually(
      async () => {
        const c = await casesOf('patroli');
        return c.length === 2 ? c : undefined;
      },
      20_000,
      'two cases started by the timer',
    );
    expect(cases.map((c) => c.sopVersion.version)).toEqual([1, 1]);
    // Each firing is a startCaseOnTimer workflow (the schedule's action) that started one of them; its history is replayed with the others.
    const firings = (await alur.temporal.schedule.getHandle(scheduleId('patroli', 1)).describe()).info.recentActions;
    expect(firings).toHaveLength(2);
    const firing = await alur.temporal.workflow.getHandle(firings[0]!.action.workflow.workflowId).result();
    expect(cases.map((c) => c.id)).toContain(firing.caseId);
    await recordHistory(alur.temporal, alur.temporalAddress, firings[0]!.action.workflow.workflowId, 'timer-start-firing');
    // Each case started at the timer start event (not the none start event) and waits at the task.
    for (const c of cases) {
      const steps = await alur.prisma.step.findMany({ where: { caseId: c.id }, orderBy: { startedAt: 'asc' }, select: { elementId: true } });
      expect(steps.map((s) => s.elementId)).toEqual(['Terjadwal', 'Periksa']);
    }
    const after = await eventually(
      async () => {
        const s = await alur.mustCall('GET', '/api/sops/patroli', { token: admin });
        return s.timerStarts[0]?.remainingRuns === 0 ? s : undefined;
      },
      10_000,
      'no runs left',
    );
    expect(after.timerStarts[0].nextRunAt).toBeNull();
    await new Promise((r) => setTimeout(r, 3_000));
    expect(await casesOf('patroli')).toHaveLength(2);
  }, 60_000);

  it('a new version in force replaces the schedule, and retiring removes it', async () => {
    await alur.mustCall('POST', '/api/sops', { token: admin, xml: doc('rapat', cycle('0 0 8 * * MON-FRI')) });
    expect(await scheduleExists(scheduleId('rapat', 1))).toBe(true);
    const v1 = (await alur.mustCall('GET', '/api/sops/rapat', { token: admin })).timerStarts;
    expect(v1).toEqual([expect.objectContaining({ version: 1, timer: { cron: '0 0 8 * * MON-FRI' }, timeZone: 'Asia/Jakarta', remainingRuns: null })]);
    // 08:00 WIB is 01:00 UTC, on a working day.
    const next = new Date(v1[0].nextRunAt);
    expect([next.getUTCHours(), next.getUTCMinutes(), next.getUTCSeconds()]).toEqual([1, 0, 0]);
    expect([0, 6]).not.toContain(new Date(next.getTime() + 7 * 3_600_000).getUTCDay());

    await alur.mustCall('POST', '/api/sops', { token: admin, xml: doc('rapat', cycle('R/PT1H'), 'Periksa stok (v2)') });
    expect(await scheduleExists(scheduleId('rapat', 1))).toBe(false);
    expect(await scheduleExists(scheduleId('rapat', 2))).toBe(true);
    expect((await alur.mustCall('GET', '/api/sops/rapat', { token: admin })).timerStarts).toEqual([
      expect.objectContaining({ version: 2, timer: { cycle: 'R/PT1H' }, remainingRuns: null, nextRunAt: expect.any(String) }),
    ]);

    // Retiring version 2 puts version 1 (still berlaku) back in force (sop-lifecycle/in-force.ts), and its schedule with it.
    const retire = (v: number) => alur.call('POST', `/api/sops/rapat/versions/${v}/transitions`, { token: admin, json: { action: 'retire', note: 'Diganti' } });
    expect((await retire(2)).status).toBe(200);
    expect(await scheduleExists(scheduleId('rapat', 2))).toBe(false);
    expect(await scheduleExists(scheduleId('rapat', 1))).toBe(true);
    expect((await alur.mustCall('GET', '/api/sops/rapat', { token: admin })).timerStarts).toEqual([expect.objectContaining({ version: 1 })]);
    // Nothing in force: nothing scheduled.
    expect((await retire(1)).status).toBe(200);
    expect(await scheduleExists(scheduleId('rapat', 1))).toBe(false);
    expect((await alur.mustCall('GET', '/api/sops/rapat', { token: admin })).timerStarts).toEqual([]);
  }, 30_000);

  it('a date fires once', async () => {
    const at = new Date(Math.ceil((Date.now() + 3_000) / 1000) * 1000);
    await alur.mustCall('POST', '/api/sops', { token: admin, xml: doc('sekali', `<bpmn:timeDate>${at.toISOString()}</bpmn:timeDate>`) });
    const listed = (await alur.mustCall('GET', '/api/sops/sekali', { token: admin })).timerStarts;
    expect(listed).toEqual([expect.objectContaining({ timer: { date: at.toISOString() }, nextRunAt: at.toISOString(), remainingRuns: 1 })]);
    await eventually(async () => ((await casesOf('sekali')).length === 1 ? true : undefined), 15_000, 'the dated case');
    const s = await eventually(
      async () => {
        const t = (await alur.mustCall('GET', '/api/sops/sekali', { token: admin })).timerStarts[0];
        return t.remainingRuns === 0 ? t : undefined;
      },
      10_000,
      'the date used',
    );
    expect(s.nextRunAt).toBeNull();
  }, 30_000);

  it('a firing while the worker is down starts its case once the worker is back', async () => {
    await alur.stopWorker();
    try {
      await alur.mustCall('POST', '/api/sops', { token: admin, xml: doc('antre', cycle('R1/PT1S')) });
      await eventually(async () => ((await alur.mustCall('GET', '/api/sops/antre', { token: admin })).timerStarts[0].remainingRuns === 0 ? true : undefined));
      expect(await casesOf('antre')).toHaveLength(0);
    } finally {
      await alur.startWorker();
    }
    await eventually(async () => ((await casesOf('antre')).length === 1 ? true : undefined), 20_000, 'the queued firing');
  }, 45_000);

  it('refuses timers a schedule cannot run, naming the element', async () => {
    for (const [timer, says] of [
      [cycle('0 0 25 * * *'), 'Invalid value for hour: 25'],
      [cycle('0 0 8 L * ?'), 'uses L, W or #'],
      [cycle('R/P1M'), 'months and years have no fixed length'],
      [cycle('=jadwal'), 'fires before any case exists'],
      ['<bpmn:timeDuration>PT1H</bpmn:timeDuration>', 'a repeating interval such as R/PT1H'],
      ['<bpmn:timeDate>2027-01-01T08:00:00</bpmn:timeDate>', 'no UTC offset'],
    ]) {
      const res = await alur.call('POST', '/api/sops', { token: admin, xml: doc('salah', timer!) });
      expect(res.status, timer).toBe(422);
      expect(res.body.code).toBe('unprocessable');
      expect(res.body.errors).toEqual([expect.objectContaining({ elementId: 'Terjadwal', message: expect.stringContaining(says!) })]);
    }
  });
});
