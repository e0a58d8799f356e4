// Citizens submit a request through an SOP's start form without a login and get
// a tracking code; supervisors see their units' open tasks, who holds them and
// who could take them over, with each task's time zone.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '@alur/api';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8');

let alur: TestAlur;
let admin: string;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  const send = (method: string, url: string, json: unknown) => alur.mustCall(method, url, { token: admin, json });
  await send('POST', '/api/units', { code: 'dinsos', name: 'Dinas Sosial', kind: 'opd' });
  await send('POST', '/api/units', { code: 'upt-a', name: 'UPT A', kind: 'upt', parent: 'dinsos' });
  await send('POST', '/api/units', { code: 'upt-b', name: 'UPT B', kind: 'upt', parent: 'dinsos' });
  for (const upt of ['upt-a', 'upt-b']) {
    await send('POST', `/api/units/${upt}/roles`, { role: 'petugas' });
    await send('POST', `/api/units/${upt}/roles`, { role: 'kepala', supervisor: true });
  }
  for (const [username, unit, role, global] of [
    ['ani', 'upt-a', 'petugas', []],
    ['budi', 'upt-a', 'petugas', []],
    ['citra', 'upt-b', 'petugas', []],
    ['kepala-a', 'upt-a', 'kepala', ['supervisor']],
  ] as [string, string, string, string[]][]) {
    tokens[username] = await alur.createUser(admin, username, global);
    await send('POST', `/api/units/${unit}/staff`, { username, role });
  }
  tokens.pengawas = await alur.createUser(admin, 'pengawas', ['supervisor']);
  tokens.lama = await alur.createUser(admin, 'lama', ['petugas']);
  await send('PUT', '/api/calendars/upt-b', { timeZone: 'Asia/Makassar' });
  for (const name of ['pengaduan-warga.bpmn', 'surat-keterangan.bpmn']) {
    expect((await alur.call('POST', '/api/sops', { token: admin, xml: fixture(name) })).status).toBe(201);
  }
});
afterAll(() => alur?.close());

describe('citizen requests through the start form', () => {
  const submit = (key: string, variables: unknown, token?: string) => alur.call('POST', `/api/public/sops/${key}/requests`, { json: { variables }, token });

  it('gives the start form on the public SOP page, and none for an SOP without one', async () => {
    const withForm = await alur.call('GET', '/api/public/sops/pengaduan-warga');
    expect(withForm.body.startForm.components.map((c: { key: string }) => c.key)).toEqual(['nama', 'telepon', 'aduan']);
    expect((await alur.call('GET', '/api/public/sops/surat-keterangan')).body.startForm).toBeUndefined();
  });

  it('answers 422 naming each field the form refuses, and starts no case', async () => {
    const res = await submit('pengaduan-warga', { nama: 'A', telepon: 'bukan nomor' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      { field: 'variables.nama', message: 'nama must be at least 3 characters long' },
      { field: 'variables.telepon', message: 'telepon must be a phone number' },
      { field: 'variables.aduan', message: 'aduan is required' },
    ]);
    expect(await alur.prisma.case.count({ where: { sopKey: 'pengaduan-warga' } })).toBe(0);
  });

  it('refuses variables that are not fields of the start form', async () => {
    const res = await submit('pengaduan-warga', { nama: 'Ani', telepon: '0812 3456 7890', aduan: 'Jalan berlubang di RT 3', prioritas: 'tinggi' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'variables.prioritas', message: 'prioritas is not a field of the start form' }]);
  });

  it('refuses an SOP without a start form (409) and an unknown SOP (404)', async () => {
    expect((await submit('surat-keterangan', { nama: 'Ani' })).status).toBe(409);
    expect((await submit('tidak-ada', { nama: 'Ani' })).status).toBe(404);
    expect((await alur.call('POST', '/api/public/sops/pengaduan-warga/requests', { json: {} })).status).toBe(400);
  });

  it('limits requests per address like tracking lookups, counted apart from them', async () => {
    const strict = await buildApp({
      prisma: alur.prisma,
      temporal: alur.temporal,
      taskQueue: alur.taskQueue,
      adminPassword: ADMIN_PASSWORD,
      rateLimits: { loginPerMinute: 10, trackPerMinute: 2 },
    });
    try {
      const send = (ip: string) => strict.inject({ method: 'POST', url: '/api/public/sops/tidak-ada/requests', payload: { variables: {} }, remoteAddress: ip });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await send('203.0.113.20')).statusCode);
      expect(statuses).toEqual([404, 404, 429]);
      expect((await send('203.0.113.21')).statusCode).toBe(404);
      expect((await strict.inject({ method: 'GET', url: '/api/track/ZZZZ-ZZZZ-ZZZZ', remoteAddress: '203.0.113.20' })).statusCode).toBe(404);
    } finally {
      await strict.close();
    }
  });

  it('starts a case and answers its tracking code, which the tracking page knows', async () => {
    const res = await submit('pengaduan-warga', { nama: 'Ani Wijaya', telepon: '0812 3456 7890', aduan: 'Jalan berlubang di RT 3' });
    expect(res.status).toBe(201);
    expect(Object.keys(res.body)).toEqual(['trackingCode']);
    const tracked = await alur.call('GET', `/api/track/${res.body.trackingCode}`);
    expect(tracked.status).toBe(200);
    expect(tracked.body.currentSteps.map((s: { name: string }) => s.name)).toEqual(['Telaah aduan']);
    const c = await alur.prisma.case.findUniqueOrThrow({ where: { trackingCode: res.body.trackingCode } });
    expect(c.variables).toEqual({ nama: 'Ani Wijaya', telepon: '0812 3456 7890', aduan: 'Jalan berlubang di RT 3' });
  });
});

describe('team view', () => {
  let caseA: string;
  let caseB: string;

  beforeAll(async () => {
    const start = async (unit: string) => {
      const res = await alur.call('POST', '/api/sops/pengaduan-warga/instances', {
        token: admin,
        json: { unit, variables: { nama: 'Budi Santoso', telepon: '0812 1111 2222', aduan: 'Lampu jalan padam sejak minggu lalu' } },
      });
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    caseA = await start('upt-a');
    caseB = await start('upt-b');
    const task = await eventually(() => alur.prisma.task.findFirst({ where: { caseId: caseA, status: 'open' } }).then((t) => t ?? undefined));
    expect((await alur.call('POST', `/api/tasks/${task.id}/claim`, { token: tokens.ani })).status).toBe(200);
  });

  it("shows a unit supervisor their units' open tasks, holders and staff", async () => {
    const res = await alur.call('GET', '/api/team', { token: tokens['kepala-a'] });
    expect(res.status).toBe(200);
    expect(res.body.units).toEqual([{ code: 'upt-a', name: 'UPT A' }]);
    expect(res.body.tasks).toEqual([
      expect.objectContaining({
        instanceId: caseA,
        sopKey: 'pengaduan-warga',
        sopName: 'Pengaduan Warga',
        elementId: 'Telaah',
        unit: 'upt-a',
        claimedBy: 'ani',
        candidateRoles: ['petugas'],
        timeZone: 'Asia/Jakarta',
        dueAt: expect.any(String),
        trackingCode: expect.any(String),
      }),
    ]);
    expect(res.body.total).toBe(1);
    expect(res.body.staff).toEqual([
      { username: 'ani', unit: 'upt-a', roles: ['petugas'] },
      { username: 'budi', unit: 'upt-a', roles: ['petugas'] },
      { username: 'kepala-a', unit: 'upt-a', roles: ['kepala'] },
    ]);
  });

  it("shows a supervisor of no unit in particular every open task, in each unit's time zone", async () => {
    const res = await alur.call('GET', '/api/team', { token: tokens.pengawas });
    expect(res.status).toBe(200);
    const byCase = Object.fromEntries(res.body.tasks.map((t: { instanceId: string; timeZone: string; unit: string | null }) => [t.instanceId, t]));
    expect(byCase[caseA].timeZone).toBe('Asia/Jakarta');
    expect(byCase[caseB]).toMatchObject({ unit: 'upt-b', timeZone: 'Asia/Makassar' });
    // The citizen's case has no unit: holders of the global role may take it.
    expect(res.body.tasks.some((t: { unit: string | null }) => t.unit === null)).toBe(true);
    expect(res.body.staff).toContainEqual({ username: 'lama', unit: null, roles: ['petugas'] });
    expect(res.body.staff).toContainEqual({ username: 'citra', unit: 'upt-b', roles: ['petugas'] });
  });

  it('gives the case its time zone too', async () => {
    expect((await alur.call('GET', `/api/instances/${caseB}`, { token: admin })).body.timeZone).toBe('Asia/Makassar');
  });

  it('is refused to staff who supervise nothing', async () => {
    expect((await alur.call('GET', '/api/team', { token: tokens.ani })).status).toBe(403);
  });
});
