// The HTTP contract's edges: health, auth, deploy/versioning, 400/401/403/404/409/422.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';
import { pengaduanXml } from '../support/fixtures';

let alur: TestAlur;
let admin: string;
let petugas: string;
let warga: string;
const xml = pengaduanXml({ webhookUrl: 'http://127.0.0.1:9/unused', responseDeadline: 'PT1H' });

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  petugas = await alur.createUser(admin, 'petugas1', ['petugas']);
  warga = await alur.createUser(admin, 'lain', ['perpustakaan']);
});
afterAll(() => alur?.close());

describe('health and auth', () => {
  it('reports ok when the database, Temporal and a worker answer', async () => {
    // The worker counts once it has polled its task queue (test/integration/embedded-supervisor.test.ts covers the rest).
    await expect
      .poll(() => alur.call('GET', '/api/health'))
      .toEqual({ status: 200, body: { status: 'ok', parts: { api: 'up', database: 'up', temporal: 'up', worker: 'up' } } });
  });

  it('rejects wrong passwords and missing tokens', async () => {
    expect((await alur.call('POST', '/api/auth/login', { json: { username: 'admin', password: 'nope' } })).status).toBe(401);
    const res = await alur.call('GET', '/api/sops');
    expect(res.status).toBe(401);
    expect(res.body.message).toMatch(/Bearer/);
    expect((await alur.call('GET', '/api/sops', { token: 'forged' })).status).toBe(401);
  });

  it('lets only admins create users, names the bad field, refuses duplicates; stores passwords hashed', async () => {
    expect((await alur.call('POST', '/api/users', { token: petugas, json: { username: 'x1', password: 'longenough', roles: [] } })).status).toBe(403);
    const bad = await alur.call('POST', '/api/users', { token: admin, json: { username: 'x2', password: 'short', roles: [] } });
    expect(bad.status).toBe(422); // the password policy (test/integration/accounts.test.ts)
    expect(bad.body.errors[0].field).toBe('body.password');
    expect((await alur.call('POST', '/api/users', { token: admin, json: { username: 'petugas1', password: 'longenough', roles: [] } })).status).toBe(409);
    const row = await alur.prisma.user.findUniqueOrThrow({ where: { username: 'petugas1' } });
    expect(row.passwordHash).toMatch(/^scrypt\$/);
    expect(row.passwordHash).not.toContain('petugas1-password');
  });
});

describe('deploying SOPs', () => {
  it('versions by content: identical XML returns the same version, a change makes the next', async () => {
    const first = await alur.call('POST', '/api/sops', { token: admin, xml });
    // Warnings name the tasks nobody in this test holds a role for (see case-routing-and-outcome.test.ts).
    expect(first).toMatchObject({ status: 201, body: { key: 'pengaduan', version: 1, name: 'Penanganan Pengaduan Masyarakat' } });
    expect(await alur.call('POST', '/api/sops', { token: admin, xml })).toEqual({ status: 200, body: first.body });
    const changed = await alur.call('POST', '/api/sops', { token: admin, xml: xml.replace('Registrasi pengaduan', 'Registrasi laporan') });
    expect(changed.body.version).toBe(2);
    const list = await alur.call('GET', '/api/sops', { token: petugas });
    expect(list.body).toEqual([expect.objectContaining({ key: 'pengaduan', latestVersion: 2 })]);
    const one = await alur.call('GET', '/api/sops/pengaduan', { token: petugas });
    expect(one.body.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    const v1 = await alur.call('GET', '/api/sops/pengaduan/versions/1/xml', { token: petugas });
    expect(v1.body).toBe(xml);
  });

  it('answers 422 with every problem and its element id', async () => {
    const broken = xml
      .replace(
        '<bpmn:exclusiveGateway id="Kategori" name="Perlu investigasi?" default="fRingan" />',
        '<bpmn:complexGateway id="Kategori" name="Perlu investigasi?" default="fRingan" />',
      )
      .replace('<zeebe:taskDefinition type="webhook" retries="3" />', '<zeebe:taskDefinition type="=jenisLayanan" />');
    const res = await alur.call('POST', '/api/sops', { token: admin, xml: broken });
    expect(res.status).toBe(422);
    const ids = res.body.errors.map((e: { elementId?: string }) => e.elementId);
    expect(ids).toEqual(expect.arrayContaining(['Kategori', 'Notifikasi']));
    expect(res.body.errors.every((e: { message: string }) => e.message.length > 0)).toBe(true);
  });

  it('answers 422 for XML that is not BPMN, 415 for other content types, 403 for non-designers', async () => {
    const res = await alur.call('POST', '/api/sops', { token: admin, xml: '<not-bpmn' });
    expect(res.status).toBe(422);
    expect(res.body.errors[0].message).toBeTruthy();
    const json = await alur.call('POST', '/api/sops', { token: admin, json: { xml } });
    expect(json.status).toBe(415);
    expect((await alur.call('POST', '/api/sops', { token: petugas, xml })).status).toBe(403);
  });
});

describe('cases and tasks', () => {
  it('404 for unknown SOPs, cases, tasks and tracking codes; 400 for bad variables', async () => {
    expect((await alur.call('POST', '/api/sops/tidak-ada/instances', { token: petugas, json: {} })).status).toBe(404);
    expect((await alur.call('GET', '/api/instances/00000000-0000-0000-0000-000000000000', { token: petugas })).status).toBe(404);
    expect((await alur.call('POST', '/api/tasks/nope/complete', { token: petugas, json: {} })).status).toBe(404);
    expect((await alur.call('GET', '/api/track/ABCD-EFGH-JKMN')).status).toBe(404);
    expect((await alur.call('GET', '/api/track/not-a-code')).status).toBe(404);
    const bad = await alur.call('POST', '/api/sops/pengaduan/instances', { token: petugas, json: { variables: 'x' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('body.variables');
  });

  it('403 for a caller without the task role, 409 once the task is done', async () => {
    const started = await alur.call('POST', '/api/sops/pengaduan/instances', { token: petugas, json: { variables: { a: 1 } } });
    expect(started.status).toBe(201);
    const inbox = await alur.call('GET', `/api/tasks?instanceId=${started.body.id}`, { token: petugas });
    expect(inbox.body).toHaveLength(1);
    const task = inbox.body[0];
    expect(task).toMatchObject({ instanceId: started.body.id, elementId: 'Terima', name: 'Registrasi laporan', candidateRoles: ['petugas'] });
    // Someone else's inbox does not show it.
    expect((await alur.call('GET', '/api/tasks', { token: warga })).body).toEqual([]);

    const forbidden = await alur.call('POST', `/api/tasks/${task.id}/complete`, { token: warga, json: {} });
    expect(forbidden.status).toBe(403);
    expect(forbidden.body.message).toMatch(/petugas/);

    expect((await alur.call('POST', `/api/tasks/${task.id}/complete`, { token: petugas, json: { variables: { kategori: 'ringan' } } })).status).toBe(200);
    const again = await alur.call('POST', `/api/tasks/${task.id}/complete`, { token: petugas, json: {} });
    expect(again.status).toBe(409);
    // The Temporal Update's validator refuses too, even if the projection were stale.
    const { completeTaskUpdate } = await import('@alur/workflows');
    await expect(
      alur.temporal.workflow.getHandle(started.body.id).executeUpdate(completeTaskUpdate, {
        args: [{ taskId: task.id, actor: { username: 'petugas1', roles: ['petugas'] }, variables: {} }],
      }),
    ).rejects.toMatchObject({ cause: { type: 'TaskNotOpen' } });
    const c = await alur.call('GET', `/api/instances/${started.body.id}`, { token: petugas });
    expect(c.body.variables).toEqual({ a: 1, kategori: 'ringan' });
  });

  it('serves the OpenAPI description at /docs', async () => {
    const res = await alur.call('GET', '/docs/json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(['/api/health', '/api/sops', '/api/tasks/{id}/complete', '/api/track/{trackingCode}']));
  });

  it('lists every route the API serves in the OpenAPI document at /api/openapi.json, with its schemas', async () => {
    const res = await alur.call('GET', '/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body).toEqual((await alur.call('GET', '/docs/json')).body);
    const doc = res.body as { paths: Record<string, Record<string, { responses?: Record<string, unknown>; requestBody?: unknown }>> };
    const documented = Object.entries(doc.paths)
      .filter(([path]) => path.startsWith('/api/'))
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const served = registeredRoutes(alur.app.printRoutes({ commonPrefix: false }))
      .filter((r) => r.includes(' /api/') && !r.startsWith('HEAD ') && r !== 'GET /api/openapi.json')
      .map((r) => r.replace(/:(\w+)/g, '{$1}'));
    expect(served.length).toBeGreaterThan(60);
    expect(served.filter((r) => !documented.includes(r))).toEqual([]);
    expect(documented.filter((r) => !served.includes(r))).toEqual([]);
    // Every route documents what it answers; every write with a JSON body, what it takes.
    const undocumented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([, op]) => !op.responses || !Object.keys(op.responses).some((code) => code.startsWith('2')))
        .map(([m]) => `${m.toUpperCase()} ${path}`),
    );
    expect(undocumented).toEqual([]);
  });
});

/** `METHOD /path` of every route in Fastify's printRoutes({ commonPrefix: false }) tree (children indented 4 more, their paths relative). */
function registeredRoutes(tree: string): string[] {
  const stack: string[] = [];
  const routes: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ├└─]*)(\S.*?)(?: \(([A-Z, ]+)\))?$/u.exec(line);
    if (!m) continue;
    const depth = Math.floor(m[1]!.length / 4);
    stack.length = depth;
    stack[depth] = m[2]!;
    const path = stack.join('');
    for (const method of m[3]?.split(', ') ?? []) routes.push(`${method} ${path}`);
  }
  return routes;
}

describe('compiler warnings', () => {
  it('deploys a diagram with settings Alur ignores and says which', async () => {
    const withAssignee = xml
      .replaceAll('"pengaduan"', '"pengaduan-b"')
      .replace(
        '<bpmn:userTask id="Terima" name="Registrasi pengaduan" />',
        '<bpmn:userTask id="Terima" name="Registrasi pengaduan"><bpmn:extensionElements><zeebe:assignmentDefinition assignee="siti" /></bpmn:extensionElements></bpmn:userTask>',
      );
    const res = await alur.call('POST', '/api/sops', { token: admin, xml: withAssignee });
    expect(res.status).toBe(201);
    expect(res.body.warnings.filter((w: { message: string }) => !/reaches nobody/.test(w.message))).toEqual([expect.objectContaining({ elementId: 'Terima' })]);
  });
});
