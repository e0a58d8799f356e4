// The API's edge against an attacker (issue 14): limits on what a request may
// carry (body size, JSON depth, case variables, form text), authorization on
// messages to a case, the audit of refused and anonymous writes, error answers
// without internal text, rate limits that cover HEAD, form patterns in linear
// time, who may start a case, and what the public SOP XML leaves out.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '@alur/api';
import { createPrisma } from '@alur/db';
import type { FastifyInstance } from 'fastify';
import { ADMIN_PASSWORD, createDatabaseFromTemplate, eventually, startAlur, type TestAlur } from '../support/alur';

let alur: TestAlur;
let strict: FastifyInstance;
let admin: string;
const tokens: Record<string, string> = {};

const NIK = '3201234567890123';

const START_FORM = JSON.stringify({
  id: 'form-edge',
  type: 'default',
  components: [
    { type: 'textfield', key: 'nama', label: 'Nama', validate: { required: true, pattern: '^([a-zA-Z]+\\s?)*$' } },
    { type: 'textarea', key: 'aduan', label: 'Aduan', validate: { required: true, maxLength: 5_000_000 } },
    { type: 'textarea', key: 'catatan', label: 'Catatan' },
    { type: 'textfield', key: 'nik', label: 'NIK' },
    { type: 'group', path: 'alamat', label: 'Alamat', components: [{ type: 'textfield', key: 'kota', label: 'Kota' }] },
  ],
});

/** A citizen's request through a start form; then a message wait (correlated by NIK) in unit upt-b's hands, then a task. */
const sopXml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:alur="https://alur.go.id/schema/bpmn/1.0" id="D" targetNamespace="https://alur.go.id/test">
  <bpmn:message id="Msg" name="berkas-lengkap"><bpmn:extensionElements><zeebe:subscription correlationKey="=nik" /></bpmn:extensionElements></bpmn:message>
  <bpmn:process id="aduan-edge" name="Aduan Edge" isExecutable="true" alur:sla="=if kategori = &quot;berat&quot; then &quot;P60D&quot; else &quot;P5D&quot;">
    <bpmn:extensionElements><zeebe:userTaskForm id="F">${START_FORM.replace(/</g, '&lt;')}</zeebe:userTaskForm></bpmn:extensionElements>
    <bpmn:startEvent id="Ajukan"><bpmn:extensionElements><zeebe:formDefinition formKey="camunda-forms:bpmn:F" /></bpmn:extensionElements></bpmn:startEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="Ajukan" targetRef="Tunggu" />
    <bpmn:intermediateCatchEvent id="Tunggu" name="Berkas lengkap"><bpmn:messageEventDefinition messageRef="Msg" /></bpmn:intermediateCatchEvent>
    <bpmn:sequenceFlow id="f2" sourceRef="Tunggu" targetRef="Verifikasi" />
    <bpmn:userTask id="Verifikasi" name="Verifikasi" alur:pelaksana="Petugas" alur:sla="P2D">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="petugas" /></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f3" sourceRef="Verifikasi" targetRef="Selesai" />
    <bpmn:endEvent id="Selesai" />
    <bpmn:textAnnotation id="Catatan"><bpmn:text>Rahasia internal: kuota harian 40</bpmn:text></bpmn:textAnnotation>
  </bpmn:process>
</bpmn:definitions>`;

/** JSON text nested `depth` levels below `variables` ({"a":{"a":...}}). */
const deep = (depth: number) => `{"variables":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}}`;

async function raw(app: FastifyInstance, method: string, url: string, payload: string, opts: { token?: string; ip?: string } = {}) {
  const res = await app.inject({
    method: method as 'POST',
    url,
    headers: { 'content-type': 'application/json', ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}) },
    payload,
    ...(opts.ip ? { remoteAddress: opts.ip } : {}),
  });
  return { status: res.statusCode, text: res.body, json: () => JSON.parse(res.body) };
}

async function startCase(variables: Record<string, unknown>, token = admin) {
  return alur.mustCall('POST', '/api/sops/aduan-edge/instances', { token, json: { variables, unit: 'upt-b' } }) as Promise<{
    id: string;
    trackingCode: string;
  }>;
}

beforeAll(async () => {
  alur = await startAlur();
  admin = await alur.login('admin', ADMIN_PASSWORD);
  strict = await buildApp({
    prisma: alur.prisma,
    temporal: alur.temporal,
    taskQueue: alur.taskQueue,
    adminPassword: ADMIN_PASSWORD,
    rateLimits: { loginPerMinute: 3, trackPerMinute: 5, refusedPerMinute: 4 },
  });
  const send = (method: string, url: string, json: unknown) => alur.mustCall(method, url, { token: admin, json });
  for (const code of ['upt-a', 'upt-b']) {
    await send('POST', '/api/units', { code, name: code, kind: 'upt' });
    await send('POST', `/api/units/${code}/roles`, { role: 'petugas' });
  }
  for (const [username, unit] of [
    ['ani', 'upt-a'],
    ['citra', 'upt-b'],
  ] as const) {
    tokens[username] = await alur.createUser(admin, username, []);
    await send('POST', `/api/units/${unit}/staff`, { username, role: 'petugas' });
  }
  tokens.kasi = await alur.createUser(admin, 'kasi', ['supervisor']);
  tokens.tanpaPeran = await alur.createUser(admin, 'tanpa-peran', []);
  await alur.mustCall('POST', '/api/sops', { token: admin, xml: sopXml });
});
afterAll(async () => {
  await strict?.close();
  await alur?.close();
});

describe('limits at the edge', () => {
  it('answers a 4 MB body with 413 naming the limit, not a misleading 503', async () => {
    const res = await raw(alur.app, 'POST', '/api/sops/aduan-edge/instances', JSON.stringify({ variables: { aduan: 'x'.repeat(4 * 1024 * 1024) } }), {
      token: admin,
    });
    expect(res.status).toBe(413);
    expect(res.json().message).toMatch(/larger than 2 MB, the most POST \/api\/sops\/:key\/instances accepts/);
  });

  it("refuses a citizen's 1.2 MB answer with 413 naming the field, and starts no case", async () => {
    const before = await alur.prisma.case.count();
    const res = await alur.call('POST', '/api/public/sops/aduan-edge/requests', { json: { variables: { nama: 'Ani', aduan: 'x'.repeat(1_200_000) } } });
    expect(res.status).toBe(413);
    expect(res.body.errors[0].field).toBe('variables.aduan');
    expect(res.body.message).toMatch(/variables\.aduan is 1\.1 MB; a case's variables may hold at most 256 KB/);
    expect(res.body.trackingCode).toBeUndefined();
    expect(await alur.prisma.case.count()).toBe(before);
  });

  it('gives form text fields a default maxLength', async () => {
    const res = await alur.call('POST', '/api/public/sops/aduan-edge/requests', {
      json: { variables: { nama: 'Ani', aduan: 'Jalan rusak', catatan: 'c'.repeat(20_001) } },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'variables.catatan', message: 'catatan must be at most 20000 characters long' }]);
  });

  it('refuses a JSON body nested deeper than 32 levels, naming where, for anyone and on every route', async () => {
    const citizen = await raw(alur.app, 'POST', '/api/public/sops/aduan-edge/requests', deep(130));
    expect(citizen.status).toBe(422);
    expect(citizen.json().message).toMatch(/nests deeper than 32 levels \(at body\.variables\.a\.a/);
    // Staff completing a task with a variable 130 levels deep: refused before Temporal or the projection see it.
    const staff = await raw(alur.app, 'POST', '/api/tasks/any/complete', deep(130), { token: tokens.citra });
    expect(staff.status).toBe(422);
    expect(staff.json().errors[0].field).toMatch(/^body\.variables\.a\.a/);
  });

  it('refuses a 300-deep body on DELETE /api/webhooks/:id before the delete, and audits the refusal', async () => {
    const hook = await alur.mustCall('POST', '/api/webhooks', { token: admin, json: { url: 'https://example.org/hook', secret: 'rahasia-panjang-sekali' } });
    const res = await raw(alur.app, 'DELETE', `/api/webhooks/${hook.id}`, `${'['.repeat(300)}${']'.repeat(300)}`, { token: admin });
    expect(res.status).toBe(422);
    expect(await alur.prisma.webhookSubscription.count({ where: { id: hook.id } })).toBe(1);
    const entry = await alur.prisma.auditEntry.findFirst({ where: { action: 'api.DELETE /api/webhooks/:id' }, orderBy: { seq: 'desc' } });
    expect(entry?.details).toMatchObject({ status: 422 });
  });

  it('checks the case variables limit on task completion and messages too', async () => {
    const { id } = await startCase({ nama: 'Ani', aduan: 'Jalan rusak', nik: NIK });
    await eventually(async () => (await alur.prisma.messageSubscription.count({ where: { caseId: id, status: 'open' } })) > 0 || undefined);
    const big = { lampiran: 'y'.repeat(300 * 1024) };
    const message = await alur.call('POST', `/api/instances/${id}/messages`, { token: admin, json: { name: 'berkas-lengkap', variables: big } });
    expect(message.status).toBe(413);
    expect(message.body.errors[0].field).toBe('variables.lampiran');
  });
});

describe('messages to a case', () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = (await startCase({ nama: 'Ani', aduan: 'Izin usaha', alamat: { kota: 'Bogor' }, nik: NIK })).id;
    await eventually(async () => (await alur.prisma.messageSubscription.count({ where: { caseId, status: 'open' } })) > 0 || undefined);
  });

  it("refuses staff of another unit (403, as reading the case is) and staff without a role in the waiting step's unit", async () => {
    const other = await alur.call('POST', `/api/instances/${caseId}/messages`, {
      token: tokens.ani,
      json: { name: 'berkas-lengkap', variables: { disetujui: true } },
    });
    expect(other.status).toBe(403);
    const supervisor = await alur.call('POST', `/api/instances/${caseId}/messages`, { token: tokens.kasi, json: { name: 'berkas-lengkap' } });
    expect(supervisor.status).toBe(403);
    expect(supervisor.body.message).toMatch(/role in the unit of the step that waits for it, or the role integrasi/);
    const c = await alur.call('GET', `/api/instances/${caseId}`, { token: admin });
    expect(c.body.activeSteps.map((s: { elementId: string }) => s.elementId)).toEqual(['Tunggu']);
  });

  it('never shows the awaited message or its correlation key in a refusal', async () => {
    const wrong = await alur.call('POST', `/api/instances/${caseId}/messages`, { token: tokens.citra, json: { name: 'salah-nama' } });
    expect(wrong.status).toBe(409);
    expect(JSON.stringify(wrong.body)).not.toMatch(new RegExp(`${NIK}|berkas-lengkap|Tunggu`));
    const wrongKey = await alur.call('POST', `/api/instances/${caseId}/messages`, {
      token: tokens.citra,
      json: { name: 'berkas-lengkap', correlationKey: '9999999999999999' },
    });
    expect(wrongKey.status).toBe(409);
    expect(JSON.stringify(wrongKey.body)).not.toMatch(new RegExp(NIK));
  });

  it("lets staff of the waiting step's unit send it", async () => {
    const res = await alur.call('POST', `/api/instances/${caseId}/messages`, { token: tokens.citra, json: { name: 'berkas-lengkap' } });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.result).toBe('correlated');
  });
});

describe('audit of refused and anonymous requests', () => {
  it('records an anonymous or refused write by the sha256 and size of its body only', async () => {
    const body = JSON.stringify({ username: 'penyusup', password: 'x', roles: ['admin'], pesan: 'p'.repeat(10_000) });
    const anonymous = await raw(alur.app, 'POST', '/api/users', body, { ip: '198.51.100.20' });
    expect(anonymous.status).toBe(401);
    const forbidden = await raw(alur.app, 'POST', '/api/users', body, { token: tokens.citra });
    expect(forbidden.status).toBe(403);
    const entries = await alur.prisma.auditEntry.findMany({ where: { action: 'api.POST /api/users' }, orderBy: { seq: 'desc' }, take: 2 });
    for (const e of entries) {
      const details = e.details as { status: number; body: Record<string, unknown> };
      expect([401, 403]).toContain(details.status);
      expect(details.body).toEqual({ sha256: expect.stringMatching(/^[0-9a-f]{64}$/), bytes: expect.any(Number) });
    }
  });

  it('caps an audited body', async () => {
    const res = await alur.call('PUT', '/api/calendars/upt-a/leave-days/2030', {
      token: admin,
      json: { days: Array.from({ length: 400 }, (_, i) => ({ date: '2030-01-01', name: `libur ${i} ${'n'.repeat(60)}`, kind: 'local' })) },
    });
    expect(res.status).toBeLessThan(500);
    const entry = await alur.prisma.auditEntry.findFirst({ where: { action: 'api.PUT /api/calendars/:scope/leave-days/:year' }, orderBy: { seq: 'desc' } });
    expect((entry?.details as { body: Record<string, unknown> }).body).toMatchObject({
      sha256: expect.any(String),
      capped: expect.stringMatching(/larger than/),
    });
  });

  it('answers 429 past the limit of refused requests per address, and records no more of them', async () => {
    const ip = '203.0.113.50';
    const statuses: number[] = [];
    const audited = () => alur.prisma.auditEntry.count({ where: { action: 'api.POST /api/units', actor: null } });
    const before = await audited();
    for (let i = 0; i < 7; i++) statuses.push((await raw(strict, 'POST', '/api/units', JSON.stringify({ code: `x${i}` }), { ip })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429]);
    expect(await audited()).toBe(before + 4);
    // Another address is not affected.
    expect((await raw(strict, 'POST', '/api/units', '{}', { ip: '203.0.113.51' })).status).toBe(401);
  });
});

describe('errors', () => {
  it('answers an unexpected error with a generic message and a request id, never internal text', async () => {
    // A real internal failure: a database whose webhook table is gone.
    const url = await createDatabaseFromTemplate();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query('DROP TABLE "WebhookDelivery"; DROP TABLE "WebhookSubscription"');
    await client.end();
    const prisma = createPrisma(url);
    const broken = await buildApp({ prisma, temporal: alur.temporal, taskQueue: alur.taskQueue, adminPassword: ADMIN_PASSWORD });
    try {
      const token = (await broken.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: ADMIN_PASSWORD } })).json().token;
      const res = await broken.inject({ method: 'GET', url: '/api/webhooks', headers: { authorization: `Bearer ${token}` } });
      expect(res.statusCode).toBe(500);
      const body = res.json();
      expect(body).toEqual({ message: expect.stringContaining(body.requestId), error: 'internal', requestId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
      expect(res.body).not.toMatch(/Webhook|prisma|does not exist|\/work\/|\.ts:\d+/i);
    } finally {
      await broken.close();
      await prisma.$disconnect();
    }
  });
});

describe('rate limits cover HEAD', () => {
  it('limits HEAD lookups of tracking codes like GET', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      statuses.push((await strict.inject({ method: 'HEAD', url: `/api/track/ZZZZ-ZZZZ-ZZH${i}`, remoteAddress: '203.0.113.60' })).statusCode);
    }
    expect(statuses.slice(5)).toEqual([429, 429]);
  });
});

describe('form patterns', () => {
  it('checks a catastrophic pattern in linear time: a 27-character answer does not stall the API', async () => {
    const started = Date.now();
    const res = await alur.call('POST', '/api/public/sops/aduan-edge/requests', { json: { variables: { nama: `${'a'.repeat(26)}!`, aduan: 'Jalan rusak' } } });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'variables.nama', message: 'nama must match the pattern ^([a-zA-Z]+\\s?)*$' }]);
  });

  it('refuses at deploy a pattern a linear-time engine cannot run', async () => {
    const res = await alur.call('POST', '/api/forms', {
      token: admin,
      json: { id: 'pola', type: 'default', components: [{ type: 'textfield', key: 'kode', validate: { pattern: '^(?=.*\\d)\\w+$' } }] },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors[0]).toMatchObject({ field: 'kode', message: expect.stringMatching(/linear time/) });
  });
});

describe('who may start a case, with which variables', () => {
  it('refuses an account with no role at all', async () => {
    const res = await alur.call('POST', '/api/sops/aduan-edge/instances', {
      token: tokens.tanpaPeran,
      json: { variables: { nama: 'Ani', aduan: 'Jalan rusak' }, unit: 'upt-b' },
    });
    expect(res.status).toBe(403);
  });

  it('lets staff with roles only in units start cases of their units only', async () => {
    const other = await alur.call('POST', '/api/sops/aduan-edge/instances', {
      token: tokens.ani,
      json: { variables: { nama: 'Ani', aduan: 'Jalan rusak' }, unit: 'upt-b' },
    });
    expect(other.status).toBe(403);
  });

  it("applies the start form's own-fields check to staff starts", async () => {
    const res = await alur.call('POST', '/api/sops/aduan-edge/instances', {
      token: admin,
      json: { variables: { nama: 'Ani', aduan: 'Jalan rusak', disetujui: true } },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'variables.disetujui', message: 'disetujui is not a field of the start form' }]);
  });

  it('refuses extra keys nested under a form group in a citizen request', async () => {
    const res = await alur.call('POST', '/api/public/sops/aduan-edge/requests', {
      json: { variables: { nama: 'Ani', aduan: 'Jalan rusak', alamat: { kota: 'Bogor', disetujui: true } } },
    });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'variables.alamat.disetujui', message: 'alamat.disetujui is not a field of the start form' }]);
  });
});

describe('the public SOP XML', () => {
  it('leaves out text annotations and alur:* attributes', async () => {
    const res = await alur.call('GET', '/api/public/sops/aduan-edge');
    expect(res.status).toBe(200);
    expect(res.body.xml).not.toMatch(/Rahasia internal|alur:|kategori/);
    expect(res.body.sla).toBeUndefined(); // a FEEL expression is internal logic
    expect(res.body.steps.find((s: { elementId: string }) => s.elementId === 'Verifikasi')).toMatchObject({ pelaksana: 'Petugas', sla: 'P2D' });
  });
});
