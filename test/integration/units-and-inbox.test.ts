// Government structure and task binding: a Dinas with two UPTs; a task of role
// petugas goes to the petugas of the UPT handling the case, a task with
// alur:unit to the fixed unit; inbox, claim, release and reassign go through
// the case's workflow and are recorded as case events.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '@alur/api';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';
import { recordHistory } from '../support/histories';

const izinXml = (signingUnit = 'dinkes') => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                  xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
                  xmlns:alur="https://alur.go.id/schema/bpmn/1.0"
                  id="Definitions_izin" targetNamespace="http://alur.go.id/sop">
  <bpmn:process id="izin-praktik" name="Izin Praktik Tenaga Kesehatan" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="f1" sourceRef="Start" targetRef="Verifikasi" />
    <bpmn:userTask id="Verifikasi" name="Verifikasi berkas">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="petugas" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="Verifikasi" targetRef="TandaTangan" />
    <bpmn:userTask id="TandaTangan" name="Tanda tangan izin" alur:unit="${signingUnit}">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="kepala_dinas" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f3" sourceRef="TandaTangan" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;

let alur: TestAlur;
let admin: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  const post = (url: string, json: unknown) => alur.mustCall('POST', url, { token: admin, json });
  await post('/api/units', { code: 'dinkes', name: 'Dinas Kesehatan', kind: 'opd' });
  await post('/api/units', { code: 'upt-a', name: 'UPT Puskesmas A', kind: 'upt', parent: 'dinkes' });
  await post('/api/units', { code: 'upt-b', name: 'UPT Puskesmas B', kind: 'upt', parent: 'dinkes' });
  await post('/api/units/dinkes/roles', { role: 'kepala_dinas', name: 'Kepala Dinas', supervisor: true });
  for (const upt of ['upt-a', 'upt-b']) {
    await post(`/api/units/${upt}/roles`, { role: 'petugas', name: 'Petugas' });
    await post(`/api/units/${upt}/roles`, { role: 'kepala_upt', name: 'Kepala UPT', supervisor: true });
  }
  const staff: [string, string, string][] = [
    ['ani', 'upt-a', 'petugas'],
    ['budi', 'upt-a', 'petugas'],
    ['citra', 'upt-b', 'petugas'],
    ['kaupta', 'upt-a', 'kepala_upt'],
    ['kauptb', 'upt-b', 'kepala_upt'],
    ['kadis', 'dinkes', 'kepala_dinas'],
  ];
  for (const [username, unit, role] of staff) {
    tokens[username] = await alur.createUser(admin, username, []);
    await post(`/api/units/${unit}/staff`, { username, role });
  }
  // A petugas by global role only (the pre-unit way): sees tasks bound to no unit, not a UPT's.
  tokens.lama = await alur.createUser(admin, 'lama', ['petugas']);
  expect((await alur.call('POST', '/api/sops', { token: admin, xml: izinXml() })).status).toBe(201);
});
afterAll(() => alur?.close());

async function startCase(unit: string): Promise<string> {
  const res = await alur.call('POST', '/api/sops/izin-praktik/instances', { token: admin, json: { unit, variables: { pemohon: 'dr. Sari' } } });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function inbox(user: string, query = '') {
  return alur.call('GET', `/api/tasks${query}`, { token: tokens[user] });
}

async function openTask(caseId: string, elementId: string) {
  return alur.prisma.task.findFirstOrThrow({ where: { caseId, elementId, status: 'open' } });
}

describe('unit tree admin API', () => {
  it('shows the tree with roles and staff', async () => {
    const dinkes = await alur.call('GET', '/api/units/dinkes', { token: admin });
    expect(dinkes.body).toMatchObject({ code: 'dinkes', kind: 'opd', parent: null, children: ['upt-a', 'upt-b'] });
    expect(dinkes.body.roles).toEqual([{ role: 'kepala_dinas', name: 'Kepala Dinas', supervisor: true, staff: ['kadis'] }]);
    const uptA = await alur.call('GET', '/api/units/upt-a', { token: admin });
    expect(uptA.body.parent).toBe('dinkes');
    expect(uptA.body.roles.find((r: { role: string }) => r.role === 'petugas').staff).toEqual(['ani', 'budi']);
  });

  it('lists users with their unit roles; admins set global roles', async () => {
    const users = (await alur.call('GET', '/api/users', { token: admin })).body;
    expect(users.find((u: { username: string }) => u.username === 'kaupta')).toMatchObject({ roles: [], unitRoles: [{ unit: 'upt-a', role: 'kepala_upt' }] });
    await alur.createUser(admin, 'dewi', ['petugas']);
    const patched = await alur.call('PATCH', '/api/users/dewi', { token: admin, json: { roles: ['designer'] } });
    expect(patched).toMatchObject({ status: 200, body: { username: 'dewi', roles: ['designer'], unitRoles: [] } });
    expect((await alur.call('PATCH', '/api/users/nobody', { token: admin, json: { roles: [] } })).status).toBe(404);
    expect((await alur.call('PATCH', '/api/users/dewi', { token: tokens.kadis!, json: { roles: ['admin'] } })).status).toBe(403);
    expect((await alur.call('GET', '/api/users', { token: tokens.ani! })).status).toBe(403);
  });

  it('takes roles away, renames and moves units', async () => {
    const call = (method: string, url: string, json?: unknown) => alur.call(method, url, { token: admin, json });
    expect((await call('POST', '/api/units', { code: 'seksi-x', name: 'Seksi X', kind: 'seksi', parent: 'upt-a' })).status).toBe(201);
    expect((await call('POST', '/api/units/seksi-x/roles', { role: 'staf' })).body.roles).toEqual([
      { role: 'staf', name: 'staf', supervisor: false, staff: [] },
    ]);
    expect((await call('POST', '/api/units/seksi-x/staff', { username: 'ani', role: 'staf' })).body.roles[0].staff).toEqual(['ani']);
    expect((await call('DELETE', '/api/units/seksi-x/staff/ani/staf')).status).toBe(204);
    expect((await call('DELETE', '/api/units/seksi-x/staff/ani/staf')).status).toBe(404);
    expect((await call('PATCH', '/api/units/seksi-x', { name: 'Seksi Pelayanan', parent: 'upt-b' })).body).toMatchObject({
      name: 'Seksi Pelayanan',
      parent: 'upt-b',
    });
    expect((await call('PATCH', '/api/units/seksi-x', { parent: null })).body.parent).toBeNull();
    expect((await call('DELETE', '/api/units/seksi-x/roles/staf')).status).toBe(204);
    expect((await call('DELETE', '/api/units/seksi-x/roles/staf')).status).toBe(404);
  });

  it('refuses bad structure with clear errors', async () => {
    expect((await alur.call('POST', '/api/units', { token: admin, json: { code: 'upt-a', name: 'x', kind: 'upt' } })).status).toBe(409);
    const noParent = await alur.call('POST', '/api/units', { token: admin, json: { code: 'upt-c', name: 'x', kind: 'upt', parent: 'nope' } });
    expect(noParent).toMatchObject({ status: 422, body: { errors: [{ field: 'body.parent' }] } });
    const cycle = await alur.call('PATCH', '/api/units/dinkes', { token: admin, json: { parent: 'upt-a' } });
    expect(cycle).toMatchObject({ status: 422, body: { errors: [{ field: 'body.parent' }] } });
    const noRole = await alur.call('POST', '/api/units/upt-a/staff', { token: admin, json: { username: 'ani', role: 'kepala_dinas' } });
    expect(noRole).toMatchObject({ status: 422, body: { errors: [{ field: 'body.role' }] } });
    expect((await alur.call('POST', '/api/units', { token: tokens.kadis!, json: { code: 'x1', name: 'x', kind: 'upt' } })).status).toBe(403);
  });

  it('refuses at deploy a diagram naming a unit that does not exist, naming the element', async () => {
    const res = await alur.call('POST', '/api/sops', { token: admin, xml: izinXml('dinas-tidak-ada') });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ elementId: 'TandaTangan', message: expect.stringContaining('"dinas-tidak-ada"') }]);
  });

  it('starts a case without a unit in ALUR_DEFAULT_UNIT when set, else in none', async () => {
    const app = await buildApp({
      prisma: alur.prisma,
      temporal: alur.temporal,
      taskQueue: alur.taskQueue,
      adminPassword: ADMIN_PASSWORD,
      defaultUnit: 'upt-b',
    });
    try {
      const res = await app.inject({ method: 'POST', url: '/api/sops/izin-praktik/instances', headers: { authorization: `Bearer ${admin}` }, payload: {} });
      expect(res.statusCode).toBe(201);
      expect((await alur.call('GET', `/api/instances/${res.json().id}`, { token: admin })).body.unit).toBe('upt-b');
    } finally {
      await app.close();
    }
    const { id } = (await alur.call('POST', '/api/sops/izin-praktik/instances', { token: admin, json: {} })).body;
    expect((await alur.call('GET', `/api/instances/${id}`, { token: admin })).body.unit).toBeNull();
    // Its petugas task is for holders of the global role.
    expect((await inbox('lama', `?instanceId=${id}`)).body).toEqual([expect.objectContaining({ elementId: 'Verifikasi', unit: null })]);
    expect((await inbox('ani', `?instanceId=${id}`)).body).toEqual([]);
  });

  it('refuses a case start naming an unknown handling unit', async () => {
    const res = await alur.call('POST', '/api/sops/izin-praktik/instances', { token: admin, json: { unit: 'upt-z' } });
    expect(res).toMatchObject({ status: 422, body: { errors: [{ field: 'body.unit' }] } });
  });
});

describe('tasks bound to the handling unit', () => {
  it('goes to the petugas of the handling UPT only, then to the fixed unit', async () => {
    const caseId = await startCase('upt-a');
    const uptA = await alur.prisma.unit.findUniqueOrThrow({ where: { code: 'upt-a' } });
    expect((await alur.prisma.case.findUniqueOrThrow({ where: { id: caseId } })).unitId).toBe(uptA.id);
    expect((await alur.call('GET', `/api/instances/${caseId}`, { token: admin })).body.unit).toBe('upt-a');
    const task = await openTask(caseId, 'Verifikasi');
    expect(task.unitId).toBe(uptA.id);

    // Each task says which case it is: tracking code, SOP and since when (issue 13).
    const theCase = await alur.prisma.case.findUniqueOrThrow({ where: { id: caseId } });
    for (const user of ['ani', 'budi']) {
      expect((await inbox(user, `?instanceId=${caseId}`)).body).toEqual([
        expect.objectContaining({
          id: task.id,
          unit: 'upt-a',
          claimedBy: null,
          trackingCode: theCase.trackingCode,
          sopKey: 'izin-praktik',
          sopName: 'Izin Praktik Tenaga Kesehatan',
          caseStartedAt: theCase.startedAt.toISOString(),
        }),
      ]);
    }
    for (const user of ['citra', 'lama', 'kadis']) expect((await inbox(user, `?instanceId=${caseId}`)).body).toEqual([]);

    const wrongUpt = await alur.call('POST', `/api/tasks/${task.id}/complete`, { token: tokens.citra, json: {} });
    expect(wrongUpt.status).toBe(403);
    expect(wrongUpt.body.message).toMatch(/petugas.*upt-a/);
    expect((await alur.call('POST', `/api/tasks/${task.id}/complete`, { token: tokens.lama, json: {} })).status).toBe(403);

    expect((await alur.call('POST', `/api/tasks/${task.id}/complete`, { token: tokens.ani, json: { variables: { lengkap: true } } })).status).toBe(200);
    const signing = await openTask(caseId, 'TandaTangan');
    expect(signing.unitId).toBe((await alur.prisma.unit.findUniqueOrThrow({ where: { code: 'dinkes' } })).id);
    expect((await inbox('kadis', `?instanceId=${caseId}`)).body.map((t: { id: string }) => t.id)).toEqual([signing.id]);
    expect((await inbox('kaupta', `?instanceId=${caseId}`)).body).toEqual([]);
    expect((await alur.call('POST', `/api/tasks/${signing.id}/complete`, { token: tokens.kaupta, json: {} })).status).toBe(403);
    expect((await alur.call('POST', `/api/tasks/${signing.id}/complete`, { token: tokens.kadis, json: {} })).status).toBe(200);

    const result = await alur.temporal.workflow.getHandle(caseId).result();
    expect(result.status).toBe('completed');
    const steps = await alur.prisma.step.findMany({ where: { caseId, type: 'userTask' }, orderBy: { endSeq: 'asc' } });
    expect(steps.map((s) => [s.elementId, s.by])).toEqual([
      ['Verifikasi', 'ani'],
      ['TandaTangan', 'kadis'],
    ]);
  });

  it('the workflow itself refuses a completion by someone without the role in the task unit', async () => {
    const caseId = await startCase('upt-b');
    const task = await openTask(caseId, 'Verifikasi');
    const { completeTaskUpdate } = await import('@alur/workflows');
    const uptA = await alur.prisma.unit.findUniqueOrThrow({ where: { code: 'upt-a' } });
    // Petugas in upt-a, not in upt-b: the validator, not only the API, says no.
    await expect(
      alur.temporal.workflow.getHandle(caseId).executeUpdate(completeTaskUpdate, {
        args: [{ taskId: task.id, actor: { username: 'ani', roles: ['petugas'], unitRoles: { [uptA.id]: ['petugas'] } }, variables: {} }],
      }),
    ).rejects.toMatchObject({ cause: { type: 'NotCandidate' } });
    expect((await openTask(caseId, 'Verifikasi')).status).toBe('open');
  });
});

describe('claim, release, reassign', () => {
  it("claim makes the task the claimant's; release gives it back", async () => {
    const caseId = await startCase('upt-a');
    const task = await openTask(caseId, 'Verifikasi');
    const claim = (user: string) => alur.call('POST', `/api/tasks/${task.id}/claim`, { token: tokens[user] });
    const release = (user: string) => alur.call('POST', `/api/tasks/${task.id}/release`, { token: tokens[user], json: {} });

    expect((await claim('citra')).status).toBe(403);
    expect(await claim('ani')).toMatchObject({ status: 200, body: { id: task.id, claimedBy: 'ani' } });
    expect((await inbox('budi', `?instanceId=${caseId}`)).body).toEqual([]);
    expect((await inbox('ani', `?instanceId=${caseId}`)).body).toEqual([expect.objectContaining({ id: task.id, claimedBy: 'ani' })]);
    expect((await claim('budi')).status).toBe(409);
    const budiCompletes = await alur.call('POST', `/api/tasks/${task.id}/complete`, { token: tokens.budi, json: {} });
    expect(budiCompletes).toMatchObject({ status: 409, body: { message: expect.stringContaining('claimed by ani') } });

    expect((await release('budi')).status).toBe(403); // neither claimant nor supervisor
    expect((await release('kauptb')).status).toBe(403); // supervises the other UPT
    expect(await release('ani')).toMatchObject({ status: 200, body: { claimedBy: null } });
    expect((await release('ani')).status).toBe(409); // nothing to release
    expect((await claim('budi')).status).toBe(200);
    expect(await release('kaupta')).toMatchObject({ status: 200, body: { claimedBy: null } }); // supervisor of upt-a
    expect((await claim('ani')).status).toBe(200);
    expect(await release('kadis')).toMatchObject({ status: 200, body: { claimedBy: null } }); // supervises dinkes and below

    const events = await alur.prisma.caseEvent.findMany({ where: { caseId, kind: { startsWith: 'task.' } }, orderBy: { seq: 'asc' } });
    expect(events.map((e) => [e.kind, (e.data as { by?: string }).by])).toEqual([
      ['task.created', undefined],
      ['task.claimed', 'ani'],
      ['task.released', 'ani'],
      ['task.claimed', 'budi'],
      ['task.released', 'kaupta'],
      ['task.claimed', 'ani'],
      ['task.released', 'kadis'],
    ]);
    expect(events[4]!.data).toMatchObject({ from: 'budi' });
    expect((await alur.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).claimedBy).toBeNull();
  });

  it('two simultaneous claims: the workflow gives the task to exactly one', async () => {
    const caseId = await startCase('upt-a');
    const task = await openTask(caseId, 'Verifikasi');
    const results = await Promise.all(['ani', 'budi'].map((u) => alur.call('POST', `/api/tasks/${task.id}/claim`, { token: tokens[u] })));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = results.find((r) => r.status === 200)!.body.claimedBy;
    expect((await alur.prisma.task.findUniqueOrThrow({ where: { id: task.id } })).claimedBy).toBe(winner);
    expect(await alur.prisma.caseEvent.count({ where: { caseId, kind: 'task.claimed' } })).toBe(1);
  });

  it('a supervisor of the unit reassigns with a reason; others and reasonless requests are refused', async () => {
    const caseId = await startCase('upt-a');
    const task = await openTask(caseId, 'Verifikasi');
    const reassign = (user: string, json: unknown) => alur.call('POST', `/api/tasks/${task.id}/reassign`, { token: tokens[user], json });
    expect((await alur.call('POST', `/api/tasks/${task.id}/claim`, { token: tokens.ani })).status).toBe(200);

    const noReason = await reassign('kaupta', { to: 'budi' });
    expect(noReason).toMatchObject({ status: 400, body: { errors: [{ field: 'body.reason' }] } });
    expect((await reassign('kaupta', { to: 'budi', reason: '   ' })).status).toBe(400);
    const byPetugas = await reassign('budi', { to: 'budi', reason: 'Ani cuti' });
    expect(byPetugas).toMatchObject({ status: 403, body: { message: expect.stringContaining('supervisor of unit upt-a') } });
    expect((await reassign('kauptb', { to: 'budi', reason: 'Ani cuti' })).status).toBe(403);
    const notCandidate = await reassign('kaupta', { to: 'citra', reason: 'Ani cuti' });
    expect(notCandidate).toMatchObject({ status: 422, body: { message: expect.stringContaining('citra holds none of the roles') } });

    expect(await reassign('kaupta', { to: 'budi', reason: 'Ani cuti sakit' })).toMatchObject({ status: 200, body: { claimedBy: 'budi' } });
    expect((await inbox('ani', `?instanceId=${caseId}`)).body).toEqual([]);
    expect((await alur.call('POST', `/api/tasks/${task.id}/complete`, { token: tokens.ani, json: {} })).status).toBe(409);
    // The assignee may give it back and take it again like any claim.
    expect((await alur.call('POST', `/api/tasks/${task.id}/release`, { token: tokens.budi, json: { reason: 'salah kirim' } })).status).toBe(200);
    expect((await alur.call('POST', `/api/tasks/${task.id}/claim`, { token: tokens.budi })).status).toBe(200);
    expect((await alur.call('POST', `/api/tasks/${task.id}/complete`, { token: tokens.budi, json: {} })).status).toBe(200);

    const reassigned = await alur.prisma.caseEvent.findMany({ where: { caseId, kind: 'task.reassigned' } });
    expect(reassigned.map((e) => e.data)).toEqual([{ taskId: task.id, by: 'kaupta', from: 'ani', to: 'budi', reason: 'Ani cuti sakit' }]);
    const deviations = await eventually(
      async () => {
        const rows = await alur.prisma.deviation.findMany({ where: { caseId, kind: 'override.reassign' } });
        return rows.length ? rows : undefined;
      },
      15_000,
      'the reassign deviation',
    );
    expect(deviations).toHaveLength(1);
    expect(deviations[0]).toMatchObject({ by: 'kaupta', details: expect.objectContaining({ reason: 'Ani cuti sakit' }) });
    expect((await alur.prisma.step.findFirstOrThrow({ where: { caseId, elementId: 'Verifikasi' } })).by).toBe('budi');

    const signing = await openTask(caseId, 'TandaTangan');
    expect((await alur.call('POST', `/api/tasks/${signing.id}/complete`, { token: tokens.kadis, json: {} })).status).toBe(200);
    expect((await alur.temporal.workflow.getHandle(caseId).result()).status).toBe('completed');
    await recordHistory(alur.temporal, alur.temporalAddress, caseId, 'izin-unit-claim-reassign');
  });
});

describe('inbox', () => {
  it('pages the open tasks, oldest first, with the total in X-Total-Count', async () => {
    const before = await alur.app.inject({ method: 'GET', url: '/api/tasks', headers: { authorization: `Bearer ${tokens.citra}` } });
    const already = Number(before.headers['x-total-count']);
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await startCase('upt-b'));
    const page1 = await alur.app.inject({
      method: 'GET',
      url: `/api/tasks?limit=2&offset=${already}&sort=createdAt`,
      headers: { authorization: `Bearer ${tokens.citra}` },
    });
    expect(page1.statusCode).toBe(200);
    expect(page1.headers['x-total-count']).toBe(String(already + 3));
    const page2 = await inbox('citra', `?limit=2&offset=${already + 2}&sort=createdAt`);
    const seen = [...page1.json(), ...page2.body].map((t: { instanceId: string }) => t.instanceId);
    expect(seen).toEqual(ids);
    const newestFirst = await inbox('citra', `?limit=1&sort=createdAt&order=desc`);
    expect(newestFirst.body.map((t: { instanceId: string }) => t.instanceId)).toEqual([ids[2]]);
    expect((await inbox('citra', '?limit=0')).status).toBe(400);
  });

  it('sorts by due date (the SLA), tasks without one last', async () => {
    const task = (id: string, sla?: string) => `
    <bpmn:userTask id="${id}" name="Tugas ${id}"${sla ? ` alur:sla="${sla}"` : ''}>
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="petugas" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="in${id}" sourceRef="Fork" targetRef="${id}" />
    <bpmn:sequenceFlow id="out${id}" sourceRef="${id}" targetRef="Join" />`;
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
                  xmlns:alur="https://alur.go.id/schema/bpmn/1.0" id="D" targetNamespace="http://alur.go.id/sop">
  <bpmn:process id="tiga-tugas" isExecutable="true">
    <bpmn:startEvent id="Start" />
    <bpmn:sequenceFlow id="f0" sourceRef="Start" targetRef="Fork" />
    <bpmn:parallelGateway id="Fork" />
    ${task('Lama', 'P3D')}${task('Segera', 'P1D')}${task('Bebas')}
    <bpmn:parallelGateway id="Join" />
    <bpmn:sequenceFlow id="f9" sourceRef="Join" targetRef="End" />
    <bpmn:endEvent id="End" />
  </bpmn:process>
</bpmn:definitions>`;
    expect((await alur.call('POST', '/api/sops', { token: admin, xml })).status).toBe(201);
    const { id } = (await alur.call('POST', '/api/sops/tiga-tugas/instances', { token: admin, json: { unit: 'upt-b' } })).body;
    const order = async (query: string) => (await inbox('citra', `?instanceId=${id}${query}`)).body.map((t: { elementId: string }) => t.elementId);
    expect(await order('')).toEqual(['Segera', 'Lama', 'Bebas']);
    expect(await order('&order=desc')).toEqual(['Lama', 'Segera', 'Bebas']);
    const [first] = (await inbox('citra', `?instanceId=${id}`)).body;
    expect(first.dueAt).toBe((await alur.prisma.task.findUniqueOrThrow({ where: { id: first.id } })).dueAt!.toISOString());
  });
});

describe('staff whose roles are all in one unit start walk-in cases', () => {
  it("start for their unit when the start names none; another unit's start is refused", async () => {
    const res = await alur.call('POST', '/api/sops/izin-praktik/instances', { token: tokens.ani!, json: { variables: { pemohon: 'Warga datang langsung' } } });
    expect(res.status).toBe(201);
    await expect
      .poll(() => alur.prisma.case.findUnique({ where: { id: res.body.id } }).then((c) => c?.unitId), { timeout: 10_000 })
      .toBe((await alur.prisma.unit.findUniqueOrThrow({ where: { code: 'upt-a' } })).id);
    // Budi, her colleague, sees its first task in his inbox.
    await expect
      .poll(async () => ((await inbox('budi')).body as { instanceId: string }[]).some((t) => t.instanceId === res.body.id), { timeout: 10_000 })
      .toBe(true);
    // The citizen's tracking page: the unnamed start event is not a step called "Start".
    const tracked = await alur.call('GET', `/api/track/${res.body.trackingCode}`);
    expect(tracked.status).toBe(200);
    expect(tracked.body.currentSteps.map((s: { name: string }) => s.name)).toEqual(['Verifikasi berkas']);
    expect(tracked.body.history.map((s: { name: string }) => s.name)).not.toContain('Start');
    const elsewhere = await alur.call('POST', '/api/sops/izin-praktik/instances', { token: tokens.ani!, json: { unit: 'upt-b', variables: {} } });
    expect(elsewhere.status).toBe(403);
    expect(elsewhere.body.message).toContain('not upt-b');
  });
});
