// Scaled out as docker-compose runs it: two API processes and two worker
// processes against one Temporal and one database. Cases started through one
// API are completed through the other; every case completes, every task is
// completed exactly once, and both workers take part.
import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';
import { twoStepSopXml } from '../support/fixtures';
import { httpCall, startAlurProcess, type AlurProcess } from '../support/processes';

const CASES = 24;
const SOP = twoStepSopXml({
  key: 'surat_domisili',
  name: 'Surat keterangan domisili',
  start: 'Mulai',
  end: 'Selesai',
  steps: [
    ['Terima', 'Terima berkas'],
    ['Terbitkan', 'Terbitkan surat'],
  ],
});

let alur: TestAlur;
const processes: AlurProcess[] = [];
let apis: string[];
let workers: ChildProcess[];

beforeAll(async () => {
  alur = await startAlur({ worker: false });
  const started = await Promise.all([
    startAlurProcess(alur, 'api', { ALUR_ADMIN_PASSWORD: ADMIN_PASSWORD }),
    startAlurProcess(alur, 'api', { ALUR_ADMIN_PASSWORD: ADMIN_PASSWORD }),
    startAlurProcess(alur, 'worker'),
    startAlurProcess(alur, 'worker'),
  ]);
  processes.push(...started);
  apis = started.slice(0, 2).map((p) => p.url!);
  workers = started.slice(2).map((p) => p.child);
}, 120_000);

afterAll(async () => {
  for (const p of processes) p.child.kill('SIGTERM');
  await alur?.close();
});

it('runs cases across two API and two worker processes without losing or doubling work', async () => {
  const login = async (api: string, username: string, password: string) =>
    (await httpCall<{ token: string }>(api, 'POST', '/api/auth/login', { json: { username, password } })).body.token;
  const admin = await login(apis[0]!, 'admin', ADMIN_PASSWORD);
  expect(
    (await httpCall(apis[1]!, 'POST', '/api/users', { token: admin, json: { username: 'petugas', password: 'petugas-password', roles: ['petugas'] } })).status,
  ).toBe(201);
  const deployed = await fetch(`${apis[0]}/api/sops`, {
    method: 'POST',
    headers: { authorization: `Bearer ${admin}`, 'content-type': 'application/xml' },
    body: SOP,
  });
  expect(deployed.status).toBe(201);
  // A session made through one API is valid on the other: sessions live in the shared database.
  const staff = [await login(apis[0]!, 'petugas', 'petugas-password'), await login(apis[1]!, 'petugas', 'petugas-password')];

  const openTask = (api: string, token: string, caseId: string, elementId: string) =>
    eventually(
      async () => {
        const res = await httpCall<{ id: string; elementId: string }[]>(api, 'GET', `/api/tasks?instanceId=${caseId}`, { token });
        return res.body.find((t) => t.elementId === elementId);
      },
      30_000,
      `${elementId} of ${caseId}`,
    );

  const caseIds = await Promise.all(
    Array.from({ length: CASES }, async (_, i) => {
      const [a, b] = [i % 2, (i + 1) % 2] as const;
      const started = await httpCall<{ id: string }>(apis[a]!, 'POST', '/api/sops/surat_domisili/instances', {
        token: staff[a],
        json: { variables: { nomor: i } },
      });
      expect(started.status).toBe(201);
      const id = started.body.id;
      const terima = await openTask(apis[b]!, staff[b]!, id, 'Terima');
      expect((await httpCall(apis[b]!, 'POST', `/api/tasks/${terima.id}/complete`, { token: staff[b], json: { variables: { lengkap: true } } })).status).toBe(
        200,
      );
      // The same completion through the other API is refused, not applied twice.
      expect((await httpCall(apis[a]!, 'POST', `/api/tasks/${terima.id}/complete`, { token: staff[a], json: {} })).status).toBe(409);
      const terbitkan = await openTask(apis[a]!, staff[a]!, id, 'Terbitkan');
      expect((await httpCall(apis[a]!, 'POST', `/api/tasks/${terbitkan.id}/complete`, { token: staff[a], json: {} })).status).toBe(200);
      return id;
    }),
  );

  for (const id of caseIds) {
    const c = await eventually(
      async () => {
        const res = await httpCall<{ status: string; history: { elementId: string }[] }>(apis[1]!, 'GET', `/api/instances/${id}`, { token: admin });
        return res.body.status === 'completed' ? res.body : undefined;
      },
      30_000,
      `case ${id} completed`,
    );
    expect(c.history.map((h) => h.elementId)).toEqual(['Mulai', 'Terima', 'Terbitkan', 'Selesai']);
  }
  const completions = await alur.prisma.caseEvent.count({ where: { caseId: { in: caseIds }, kind: 'task.completed' } });
  expect(completions).toBe(CASES * 2);
  expect(await alur.prisma.task.count({ where: { caseId: { in: caseIds }, status: 'completed' } })).toBe(CASES * 2);

  // Both workers ran workflow tasks or activities (Temporal records the worker identity, pid@host).
  const identities = new Set<string>();
  for (const id of caseIds) {
    for (const event of (await alur.temporal.workflow.getHandle(id).fetchHistory()).events ?? []) {
      const identity = event.workflowTaskStartedEventAttributes?.identity ?? event.activityTaskStartedEventAttributes?.identity;
      if (identity) identities.add(identity.split('@')[0]!);
    }
  }
  for (const worker of workers) expect(identities, `worker pid ${worker.pid}`).toContain(String(worker.pid));
}, 180_000);
