// Live events (issue 13, item 2): GET /api/events/stream pushes task changes
// to the inboxes that may see them and case changes to an open case page, as
// server-sent events over a real HTTP connection; the worker writes the rows,
// PostgreSQL triggers notify the API.
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { MAX_STREAMS_PER_USER } from '../../api/src/resources/events/routes';
import { ADMIN_PASSWORD, startAlur, type TestAlur } from '../support/alur';

const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="d" targetNamespace="http://alur.test">
  <bpmn:process id="izin-live" name="Izin" isExecutable="true">
    <bpmn:startEvent id="s"/>
    <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="Periksa"/>
    <bpmn:userTask id="Periksa" name="Periksa berkas"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="petugas"/></bpmn:extensionElements></bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="Periksa" targetRef="e"/>
    <bpmn:endEvent id="e"/>
  </bpmn:process>
</bpmn:definitions>`;

interface Received {
  event: string;
  data: Record<string, unknown>;
}

/** An open event stream: what it has received so far. */
interface Stream {
  status: number;
  events: Received[];
  close(): void;
}

let alur: TestAlur;
let base: string;
let admin: string;
const tokens: Record<string, string> = {};
const streams: Stream[] = [];

async function open(token: string | undefined, query = ''): Promise<Stream> {
  const abort = new AbortController();
  const res = await fetch(`${base}/api/events/stream${query}`, {
    headers: token ? { authorization: `Bearer ${token}` } : {},
    signal: abort.signal,
  });
  const stream: Stream = { status: res.status, events: [], close: () => abort.abort() };
  streams.push(stream);
  if (res.status !== 200) return stream;
  expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
  void (async () => {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          const data = /^data: (.*)$/m.exec(block)?.[1];
          if (event && data) stream.events.push({ event, data: JSON.parse(data) });
        }
      }
    } catch {
      // aborted
    }
  })();
  await expect.poll(() => stream.events.some((e) => e.event === 'ready')).toBe(true);
  return stream;
}

beforeAll(async () => {
  alur = await startAlur();
  await alur.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(alur.app.server.address() as AddressInfo).port}`;
  admin = await alur.login('admin', ADMIN_PASSWORD);
  const post = (url: string, json: unknown) => alur.mustCall('POST', url, { token: admin, json });
  for (const unit of ['upt-a', 'upt-b']) {
    await post('/api/units', { code: unit, name: `UPT ${unit}`, kind: 'upt' });
    await post(`/api/units/${unit}/roles`, { role: 'petugas' });
  }
  for (const [username, unit] of [
    ['ani', 'upt-a'],
    ['budi', 'upt-a'],
    ['citra', 'upt-b'],
  ] as const) {
    tokens[username] = await alur.createUser(admin, username, []);
    await post(`/api/units/${unit}/staff`, { username, role: 'petugas' });
  }
  expect((await alur.call('POST', '/api/sops', { token: admin, xml })).status).toBe(201);
});
afterAll(async () => {
  for (const s of streams) s.close();
  await alur?.close();
});

it('pushes a new task to the inboxes of its unit within seconds, not to another unit, and its claim and completion too', async () => {
  const ani = await open(tokens.ani);
  const budi = await open(tokens.budi);
  const citra = await open(tokens.citra);
  const started = await alur.mustCall('POST', '/api/sops/izin-live/instances', { token: admin, json: { unit: 'upt-a', variables: {} } });
  const t0 = Date.now();
  const taskEvent = (s: Stream, status: string) => s.events.find((e) => e.event === 'task' && e.data.caseId === started.id && e.data.status === status);
  await expect.poll(() => taskEvent(ani, 'open'), { timeout: 5_000, interval: 50 }).toBeTruthy();
  expect(Date.now() - t0).toBeLessThan(5_000);
  await expect.poll(() => taskEvent(budi, 'open'), { timeout: 5_000, interval: 50 }).toBeTruthy();
  const taskId = taskEvent(ani, 'open')!.data.taskId as string;
  expect(taskEvent(ani, 'open')!.data).toEqual({ type: 'task', caseId: started.id, taskId, status: 'open' });

  // Budi claims it: Ani's inbox hears (her card must change), then the completion.
  const claimsBefore = ani.events.length;
  expect((await alur.call('POST', `/api/tasks/${taskId}/claim`, { token: tokens.budi })).status).toBe(200);
  await expect.poll(() => ani.events.slice(claimsBefore).some((e) => e.event === 'task' && e.data.taskId === taskId), { timeout: 5_000 }).toBe(true);
  expect((await alur.call('POST', `/api/tasks/${taskId}/complete`, { token: tokens.budi, json: { variables: {} } })).status).toBe(200);
  await expect.poll(() => taskEvent(ani, 'completed'), { timeout: 5_000 }).toBeTruthy();
  // Another unit's staff heard nothing of it.
  expect(citra.events.filter((e) => e.event !== 'ready')).toEqual([]);
});

it("pushes an open case page's changes to its reader, and only to one who may see the case", async () => {
  const started = await alur.mustCall('POST', '/api/sops/izin-live/instances', { token: admin, json: { unit: 'upt-b', variables: {} } });
  expect((await open(tokens.ani, `?caseId=${started.id}`)).status).toBe(403);
  const page = await open(tokens.citra, `?caseId=${started.id}`);
  const task = await expect
    .poll(() => alur.prisma.task.findFirst({ where: { caseId: started.id, status: 'open' } }), { timeout: 10_000 })
    .toBeTruthy()
    .then(() => alur.prisma.task.findFirstOrThrow({ where: { caseId: started.id, status: 'open' } }));
  const before = page.events.length;
  expect((await alur.call('POST', `/api/tasks/${task.id}/complete`, { token: tokens.citra, json: { variables: {} } })).status).toBe(200);
  await expect.poll(() => page.events.slice(before).some((e) => e.event === 'case' && e.data.caseId === started.id), { timeout: 5_000 }).toBe(true);
});

it('refuses a caller without a session', async () => {
  expect((await open(undefined)).status).toBe(401);
});

it('holds at most MAX_STREAMS_PER_USER streams open per user; a closed one frees its place', async () => {
  const mine: Stream[] = [];
  for (let i = 0; i < MAX_STREAMS_PER_USER - 1; i++) mine.push(await open(tokens.budi)); // budi already holds one from the first test
  const refused = await fetch(`${base}/api/events/stream`, { headers: { authorization: `Bearer ${tokens.budi}` } });
  expect(refused.status).toBe(429);
  expect(await refused.json()).toMatchObject({ code: 'events.too_many_streams' });
  // Another user is not held back by budi's streams.
  expect((await open(tokens.citra)).status).toBe(200);
  mine[0]!.close();
  await expect.poll(async () => (await open(tokens.budi)).status, { timeout: 5_000 }).toBe(200);
});
