// SLA clocks and deviations on the real Temporal dev server, with SLAs short
// enough to wait for (calendar time): at-risk and breach fire once each at
// their instants, supervisor skip and jump each leave exactly one deviation
// (a jump back also a path the SOP does not allow), a step waiting for the
// citizen stops its clock, an idle case is noticed, a per-version SLA
// override replaces the diagram's. Working-day SLAs across weekends and
// holidays: sla-time-skipping.test.ts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '@alur/api';
import { DEFAULT_GOVERNANCE_SETTINGS } from '@alur/cases';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';
import { recordHistory } from '../support/histories';

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:alur="https://alur.go.id/schema/bpmn/1.0" id="D" targetNamespace="http://alur.test">
  <bpmn:process id="uji-sla" name="Uji SLA" isExecutable="true" alur:sla="PT1H">
    <bpmn:startEvent id="Mulai"/>
    <bpmn:sequenceFlow id="f1" sourceRef="Mulai" targetRef="A"/>
    <bpmn:userTask id="A" name="Verifikasi berkas" alur:sla="PT2S">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="staf"/></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="A" targetRef="B"/>
    <bpmn:userTask id="B" name="Periksa lapangan" alur:sla="=slaB">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="staf"/></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f3" sourceRef="B" targetRef="C"/>
    <bpmn:userTask id="C" name="Lengkapi dokumen" alur:sla="PT3S" alur:slaPaused="true">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="staf"/></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f4" sourceRef="C" targetRef="Selesai"/>
    <bpmn:endEvent id="Selesai"/>
  </bpmn:process>
</bpmn:definitions>`;

let alur: TestAlur;
let admin: string;
let supervisor: string;
let staf: string;
let outsider: string;

interface Deviation {
  id: string;
  kind: string;
  elementId: string | null;
  stepId: string | null;
  at: string;
  by: string | null;
  details: Record<string, unknown>;
}

const deviationsOf = async (caseId: string): Promise<Deviation[]> =>
  (await alur.prisma.deviation.findMany({ where: { caseId }, orderBy: { at: 'asc' } })).map((d) => ({
    ...d,
    at: d.at.toISOString(),
    details: d.details as Record<string, unknown>,
  }));
const ofKind = (list: Deviation[], kind: string, elementId?: string) =>
  list.filter((d) => d.kind === kind && (elementId === undefined || d.elementId === elementId));

async function openTask(caseId: string, elementId: string) {
  return eventually(
    async () => {
      const res = await alur.call('GET', `/api/tasks?instanceId=${caseId}`, { token: staf });
      return (res.body as { id: string; elementId: string; dueAt: string | null }[]).find((t) => t.elementId === elementId);
    },
    15_000,
    `task ${elementId}`,
  );
}

async function start(variables: Record<string, unknown> = { slaB: '2 jam kerja' }): Promise<string> {
  const res = await alur.call('POST', '/api/sops/uji-sla/instances', { token: staf, json: { variables } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id;
}

const override = (caseId: string, body: Record<string, unknown>, token = supervisor) =>
  alur.call('POST', `/api/instances/${caseId}/override`, { token, json: body });

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  supervisor = await alur.createUser(admin, 'kasi', ['supervisor']);
  staf = await alur.createUser(admin, 'staf1', ['staf']);
  outsider = await alur.createUser(admin, 'lain', ['arsip']);
  const deployed = await alur.call('POST', '/api/sops', { token: admin, xml });
  expect(deployed.status, JSON.stringify(deployed.body)).toBe(201);
});
afterAll(() => alur?.close());

describe('a step SLA, a skip, a jump and a wait for the citizen', () => {
  it('warns once at 80%, breaches once at the due instant, and records each override once', async () => {
    const id = await start();
    const a = await openTask(id, 'A');
    const stepA = await alur.prisma.step.findFirstOrThrow({ where: { caseId: id, elementId: 'A' } });
    expect(stepA.dueAt!.getTime() - stepA.startedAt.getTime()).toBe(2000);
    expect(stepA.atRiskAt!.getTime() - stepA.startedAt.getTime()).toBe(1600);
    expect(a.dueAt).toBe(stepA.dueAt!.toISOString());

    const c = (await alur.call('GET', `/api/instances/${id}`, { token: admin })).body;
    expect(Date.parse(c.dueAt) - Date.parse(c.startedAt)).toBe(3_600_000);
    expect(c.activeSteps).toEqual([{ elementId: 'A', name: 'Verifikasi berkas', dueAt: stepA.dueAt!.toISOString() }]);
    const tracked = (await alur.call('GET', `/api/track/${c.trackingCode}`)).body;
    expect(tracked.expectedCompletion).toBe(c.dueAt);

    await eventually(async () => (ofKind(await deviationsOf(id), 'sla.breached', 'A').length ? true : undefined), 15_000, 'breach of A');
    await new Promise((r) => setTimeout(r, 1500));
    let list = await deviationsOf(id);
    const [atRisk, ...moreAtRisk] = ofKind(list, 'sla.at_risk', 'A');
    const [breach, ...moreBreaches] = ofKind(list, 'sla.breached', 'A');
    expect(moreAtRisk).toEqual([]);
    expect(moreBreaches).toEqual([]);
    // Durable timers fire at the instant itself, plus the worker's reaction time (slow on a busy machine);
    // sla-time-skipping.test.ts checks the exact instants.
    expect(Date.parse(atRisk!.at) - stepA.atRiskAt!.getTime()).toBeGreaterThanOrEqual(0);
    expect(Date.parse(atRisk!.at)).toBeLessThan(Date.parse(breach!.at));
    expect(Date.parse(breach!.at) - stepA.dueAt!.getTime()).toBeGreaterThanOrEqual(0);
    expect(Date.parse(breach!.at) - stepA.dueAt!.getTime()).toBeLessThan(5000);
    expect(breach).toMatchObject({ stepId: stepA.id, details: { scope: 'step', sla: 'PT2S', dueAt: stepA.dueAt!.toISOString() } });

    // Only supervisors override; the engine refuses a step that is not active, and that refusal is logged.
    expect((await override(id, { action: 'skip', stepId: 'A', reason: 'tidak boleh' }, staf)).status).toBe(403);
    const wrongStep = await override(id, { action: 'skip', stepId: 'B', reason: 'belum aktif' });
    expect(wrongStep.status).toBe(409);
    expect(wrongStep.body.message).toMatch(/"B" is not active/);
    expect((await alur.call('POST', `/api/tasks/${a.id}/complete`, { token: outsider, json: {} })).status).toBe(403);
    expect(await alur.prisma.rejectedAction.findMany({ where: { caseId: id }, orderBy: { at: 'asc' } })).toEqual([
      expect.objectContaining({ action: 'POST /api/instances/:id/override', by: 'staf1', reason: expect.stringMatching(/roles/) }),
      expect.objectContaining({
        action: 'POST /api/instances/:id/override',
        by: 'kasi',
        reason: expect.stringMatching(/not active/),
        request: { action: 'skip', stepId: 'B', reason: 'belum aktif' },
      }),
      expect.objectContaining({ action: 'POST /api/tasks/:id/complete', by: 'lain', taskId: a.id }),
    ]);
    expect((await alur.call('GET', '/api/rejected-actions', { token: admin })).body).toHaveLength(3);
    expect((await override(id, { action: 'jump', stepId: 'Tidak-ada', reason: 'salah ketik' })).status).toBe(400);

    const skipped = await override(id, { action: 'skip', stepId: 'A', reason: 'Berkas sudah diverifikasi di loket' });
    expect(skipped.status, JSON.stringify(skipped.body)).toBe(200);
    const b = await openTask(id, 'B');
    expect((await alur.prisma.task.findUniqueOrThrow({ where: { id: a.id } })).status).toBe('cancelled');
    const stepB = await alur.prisma.step.findFirstOrThrow({ where: { caseId: id, elementId: 'B' } });
    expect(stepB.dueAt).not.toBeNull(); // "=slaB" gave "2 jam kerja" on the default calendar

    // A jump back to A: one override.jump, and the path is one the SOP does not allow.
    const jumped = await override(id, { action: 'jump', stepId: 'A', reason: 'Periksa ulang berkas' });
    expect(jumped.status, JSON.stringify(jumped.body)).toBe(200);
    const a2 = await openTask(id, 'A');
    expect((await alur.prisma.task.findUniqueOrThrow({ where: { id: b.id } })).status).toBe('cancelled');

    list = await deviationsOf(id);
    expect(ofKind(list, 'override.skip')).toEqual([
      expect.objectContaining({ elementId: 'A', stepId: stepA.id, by: 'kasi', details: { reason: 'Berkas sudah diverifikasi di loket' } }),
    ]);
    expect(ofKind(list, 'override.jump')).toEqual([
      expect.objectContaining({ elementId: 'A', by: 'kasi', details: { reason: 'Periksa ulang berkas', from: ['B'], to: 'A' } }),
    ]);
    expect(ofKind(list, 'path.not_allowed')).toEqual([expect.objectContaining({ elementId: 'A', details: expect.objectContaining({ from: ['B'], to: 'A' }) })]);

    // Through A and B again, to C, whose clock stops while it waits for the citizen.
    expect((await alur.call('POST', `/api/tasks/${a2.id}/complete`, { token: staf, json: {} })).status).toBe(200);
    const b2 = await openTask(id, 'B');
    const notPausable = await alur.call('POST', `/api/tasks/${b2.id}/waiting`, { token: staf, json: { waiting: true } });
    expect(notPausable.status).toBe(400);
    expect(notPausable.body.message).toMatch(/alur:slaPaused/);
    expect((await alur.call('POST', `/api/tasks/${b2.id}/complete`, { token: staf, json: {} })).status).toBe(200);
    const cTask = await openTask(id, 'C');
    const stepC = await alur.prisma.step.findFirstOrThrow({ where: { caseId: id, elementId: 'C' } });
    const wait = await alur.call('POST', `/api/tasks/${cTask.id}/waiting`, { token: staf, json: { waiting: true, reason: 'KTP belum dilampirkan' } });
    expect(wait.status, JSON.stringify(wait.body)).toBe(200);
    const pausedAt = Date.now();
    expect((await alur.prisma.task.findUniqueOrThrow({ where: { id: cTask.id } })).waitingSince).not.toBeNull();
    await new Promise((r) => setTimeout(r, 3500)); // past C's original due instant
    expect(ofKind(await deviationsOf(id), 'sla.breached', 'C')).toEqual([]);
    expect((await alur.call('POST', `/api/tasks/${cTask.id}/waiting`, { token: staf, json: { waiting: false } })).status).toBe(200);
    const resumedAt = Date.now();
    const stepC2 = await alur.prisma.step.findUniqueOrThrow({ where: { id: stepC.id } });
    const moved = stepC2.dueAt!.getTime() - stepC.dueAt!.getTime();
    expect(moved).toBeGreaterThan(resumedAt - pausedAt - 1000);
    expect(moved).toBeLessThan(resumedAt - pausedAt + 1000);
    expect((await alur.prisma.task.findUniqueOrThrow({ where: { id: cTask.id } })).waitingSince).toBeNull();
    expect((await alur.call('POST', `/api/tasks/${cTask.id}/complete`, { token: staf, json: {} })).status).toBe(200);

    const done = await eventually(
      async () => {
        const x = (await alur.call('GET', `/api/instances/${id}`, { token: admin })).body;
        return x.status === 'completed' ? x : undefined;
      },
      15_000,
      'case completed',
    );
    expect(done.history.map((h: { elementId: string; outcome: string }) => `${h.elementId}:${h.outcome}`)).toEqual([
      'Mulai:completed',
      'A:cancelled',
      'B:cancelled',
      'A:completed',
      'B:completed',
      'C:completed',
      'Selesai:completed',
    ]);
    list = await deviationsOf(id);
    expect(list.map((d) => d.kind).sort()).toEqual(['override.jump', 'override.skip', 'path.not_allowed', 'sla.at_risk', 'sla.breached']);

    // The reports see the same rows.
    const page = (await alur.call('GET', '/api/deviations?sop=uji-sla&kind=override.skip', { token: supervisor })).body;
    expect(page.items.map((d: Deviation) => d.id)).toContain(ofKind(list, 'override.skip')[0]!.id);
    // Named as the SOP names the step (the auditor's "Tahap" column), not by its id.
    expect(page.items.find((d: Deviation) => d.id === ofKind(list, 'override.skip')[0]!.id)).toMatchObject({
      elementId: 'A',
      elementName: 'Verifikasi berkas',
    });
    expect((await alur.call('GET', '/api/deviations', { token: staf })).status).toBe(403);
    const csv = await alur.app.inject({ method: 'GET', url: '/api/deviations/export.csv?sop=uji-sla', headers: { authorization: `Bearer ${admin}` } });
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.body.split('\r\n')[0]).toBe('id,at,kind,caseId,sopKey,sopVersion,unitId,elementId,stepId,by,details');
    expect(csv.body).toContain(`${breach!.id},${breach!.at},sla.breached,${id},uji-sla,1`);
    const summary = (await alur.call('GET', '/api/deviations/summary?by=sop', { token: admin })).body;
    expect(summary).toEqual([expect.objectContaining({ key: 'uji-sla', breaches: 1, atRisk: 1, stepsWithSla: 5 })]);
    const row = summary[0];
    expect(row.slaCompliancePct).toBeGreaterThanOrEqual(0);
    expect(row.p90StepMs).toBeGreaterThanOrEqual(row.meanStepMs * 0.5);
    const byStaff = (await alur.call('GET', '/api/deviations/summary?by=staff', { token: admin })).body;
    expect(byStaff).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'staf1', steps: 3, stepsWithSla: 3 })]));
    expect((await alur.call('GET', '/api/deviations/summary?by=team', { token: admin })).status).toBe(400);

    await recordHistory(alur.temporal, alur.temporalAddress, id, 'governance-sla-skip-jump-wait');
  }, 90_000);
});

it('records a case left without activity, once per quiet spell', async () => {
  // ALUR_IDLE_AFTER is read when the API boots: an API with it set to 2 s, on the same database and task queue, starts the case.
  const idleApi = await buildApp({
    prisma: alur.prisma,
    temporal: alur.temporal,
    taskQueue: alur.taskQueue,
    governance: { ...DEFAULT_GOVERNANCE_SETTINGS, idleAfter: 'PT2S' },
  });
  let id: string;
  try {
    const res = await idleApi.inject({
      method: 'POST',
      url: '/api/sops/uji-sla/instances',
      headers: { authorization: `Bearer ${staf}` },
      payload: { variables: { slaB: '2 jam kerja' } },
    });
    expect(res.statusCode, res.body).toBe(201);
    id = res.json<{ id: string }>().id;
  } finally {
    await idleApi.close();
  }
  await eventually(async () => (ofKind(await deviationsOf(id), 'case.idle').length ? true : undefined), 15_000, 'idle');
  await new Promise((r) => setTimeout(r, 2500));
  const idle = ofKind(await deviationsOf(id), 'case.idle');
  expect(idle).toHaveLength(1);
  expect(idle[0]!.details).toMatchObject({ idleAfter: 'PT2S' });
  // The SLA deviations of step A that fired meanwhile are not activity.
  expect(ofKind(await deviationsOf(id), 'sla.breached', 'A')).toHaveLength(1);
  await alur.call('POST', `/api/instances/${id}/cancel`, { token: supervisor, json: { reason: 'Uji selesai' } });
  expect(ofKind(await deviationsOf(id), 'override.cancel')).toEqual([expect.objectContaining({ by: 'kasi', details: { reason: 'Uji selesai' } })]);
});

it("applies the SOP version's SLA overrides: the case is due in 2 s, step A in an hour", async () => {
  const bad = await alur.call('PUT', '/api/sops/uji-sla/versions/1/slas', { token: admin, json: { overrides: { A: '3 hari kerj', Nope: '1 hari kerja' } } });
  expect(bad.status).toBe(422);
  expect(bad.body.errors.map((e: { elementId: string }) => e.elementId).sort()).toEqual(['A', 'Nope']);
  expect((await alur.call('PUT', '/api/sops/uji-sla/versions/1/slas', { token: staf, json: { overrides: {} } })).status).toBe(403);
  const set = await alur.call('PUT', '/api/sops/uji-sla/versions/1/slas', { token: admin, json: { overrides: { 'uji-sla': 'PT2S', A: 'PT1H' } } });
  expect(set.status, JSON.stringify(set.body)).toBe(200);
  expect(set.body).toEqual({ 'uji-sla': 'PT2S', A: 'PT1H' });

  const id = await start();
  const c = (await alur.call('GET', `/api/instances/${id}`, { token: admin })).body;
  expect(Date.parse(c.dueAt) - Date.parse(c.startedAt)).toBe(2000);
  const stepA = await alur.prisma.step.findFirstOrThrow({ where: { caseId: id, elementId: 'A' } });
  expect(stepA.dueAt!.getTime() - stepA.startedAt.getTime()).toBe(3_600_000);
  await eventually(async () => (ofKind(await deviationsOf(id), 'sla.breached').length ? true : undefined), 15_000, 'case breach');
  const breaches = ofKind(await deviationsOf(id), 'sla.breached');
  expect(breaches).toEqual([expect.objectContaining({ stepId: null, elementId: 'uji-sla', details: expect.objectContaining({ scope: 'case', sla: 'PT2S' }) })]);
  await alur.call('PUT', '/api/sops/uji-sla/versions/1/slas', { token: admin, json: { overrides: { 'uji-sla': null, A: null } } });
  await alur.call('POST', `/api/instances/${id}/cancel`, { token: supervisor, json: { reason: 'Uji selesai' } });
});

it('lets an admin allow a task to be done outside its role, and records the completion as a deviation', async () => {
  const id = await start();
  const a = await openTask(id, 'A');
  expect((await alur.call('POST', `/api/tasks/${a.id}/complete`, { token: outsider, json: {} })).status).toBe(403);
  const notAdmin = await alur.call('POST', `/api/tasks/${a.id}/allow-outside-role`, { token: supervisor, json: { username: 'lain', reason: 'Petugas cuti' } });
  expect(notAdmin.status).toBe(403);
  const noUser = await alur.call('POST', `/api/tasks/${a.id}/allow-outside-role`, { token: admin, json: { username: 'siapa', reason: 'Petugas cuti' } });
  expect(noUser.status).toBe(422);
  const allowed = await alur.call('POST', `/api/tasks/${a.id}/allow-outside-role`, { token: admin, json: { username: 'lain', reason: 'Petugas cuti' } });
  expect(allowed.status, JSON.stringify(allowed.body)).toBe(200);
  expect(ofKind(await deviationsOf(id), 'task.outside_role')).toEqual([]);
  expect((await alur.call('POST', `/api/tasks/${a.id}/complete`, { token: outsider, json: {} })).status).toBe(200);
  await openTask(id, 'B');
  const stepA = await alur.prisma.step.findFirstOrThrow({ where: { caseId: id, elementId: 'A' } });
  expect(stepA.by).toBe('lain');
  expect(ofKind(await deviationsOf(id), 'task.outside_role')).toEqual([
    expect.objectContaining({ elementId: 'A', stepId: stepA.id, by: 'lain', details: { taskId: a.id, candidateRoles: ['staf'] } }),
  ]);
  await alur.call('POST', `/api/instances/${id}/cancel`, { token: supervisor, json: { reason: 'Uji selesai' } });
});
