// The outbound call policy (issue 14, SSRF): a webhook service task, a message
// sent through a service and a deviation webhook may call public addresses;
// internal ones (loopback, private, link-local with the metadata service...)
// only when ALUR_OUTBOUND_ALLOW names them. The worker checks the address it
// actually connects to, follows no redirects and reads at most
// ALUR_OUTBOUND_MAX_RESPONSE_BYTES; the API refuses fixed internal URLs at
// deploy and webhook registration. The outside parties are local servers on
// 127.0.0.1: the worker here allows only two of their ports, not the third.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parseOutboundAllow } from '@alur/workflows/outbound-policy';
import { startDeviationNotifier } from '@alur/worker';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';
import { caseSteps } from '../support/cases';
import { startWebhookReceiver } from '../support/webhook-receiver';

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"';
const flow = (id: string, from: string, to: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`;
const headers = (url: string) =>
  `<zeebe:taskDefinition type="webhook" retries="3"/><zeebe:taskHeaders><zeebe:header key="url" value="${url}"/><zeebe:header key="resultVariable" value="jawaban"/></zeebe:taskHeaders>`;

/** Mulai → "Tanya sistem" (webhook to `url`) → Selesai. */
const webhookSop = (key: string, url: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${NS} id="D" targetNamespace="https://alur.go.id/test"><bpmn:process id="${key}" isExecutable="true">` +
  `<bpmn:startEvent id="Mulai"/>${flow('f1', 'Mulai', 'Tanya')}` +
  `<bpmn:serviceTask id="Tanya" name="Tanya sistem"><bpmn:extensionElements>${headers(url)}</bpmn:extensionElements></bpmn:serviceTask>` +
  `${flow('f2', 'Tanya', 'Selesai')}<bpmn:endEvent id="Selesai"/></bpmn:process></bpmn:definitions>`;

/** Mulai → "Kabari dinas" (send task through a webhook to `url`) → Selesai. */
const sendSop = (key: string, url: string) =>
  `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${NS} id="D" targetNamespace="https://alur.go.id/test">` +
  `<bpmn:message id="M" name="izin-terbit"/><bpmn:process id="${key}" isExecutable="true">` +
  `<bpmn:startEvent id="Mulai"/>${flow('f1', 'Mulai', 'Kabari')}` +
  `<bpmn:sendTask id="Kabari" name="Kabari dinas" messageRef="M"><bpmn:extensionElements>${headers(url)}</bpmn:extensionElements></bpmn:sendTask>` +
  `${flow('f2', 'Kabari', 'Selesai')}<bpmn:endEvent id="Selesai"/></bpmn:process></bpmn:definitions>`;

/** Mulai → Periksa (user task of "petugas") → Selesai: a supervisor's skip is a deviation. */
const taskSop =
  `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${NS} id="D" targetNamespace="https://alur.go.id/test"><bpmn:process id="periksa" isExecutable="true">` +
  `<bpmn:startEvent id="Mulai"/>${flow('f1', 'Mulai', 'Periksa')}` +
  '<bpmn:userTask id="Periksa" name="Periksa berkas"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="petugas"/></bpmn:extensionElements></bpmn:userTask>' +
  `${flow('f2', 'Periksa', 'Selesai')}<bpmn:endEvent id="Selesai"/></bpmn:process></bpmn:definitions>`;

const MAX_RESPONSE_BYTES = 64 * 1024;

let alur: TestAlur;
let admin: string;
let steps: ReturnType<typeof caseSteps>;
/** The internal system nobody allowed the worker to call (think: Temporal's HTTP API on loopback). */
let internal: Awaited<ReturnType<typeof startWebhookReceiver>>;
/** An allowed system: /kecil answers a small JSON, /besar 100 KB, /alihkan 302s to the internal one. */
let outside: Server;
let outsideUrl: string;
const outsideCalls: string[] = [];

beforeAll(async () => {
  internal = await startWebhookReceiver(() => ({ status: 200, body: { riwayat: 'rahasia unit lain' } }));
  outside = createServer((req, res) => {
    outsideCalls.push(req.url ?? '');
    req.resume();
    req.on('end', () => {
      if (req.url === '/alihkan') return res.writeHead(302, { location: internal.url }).end();
      if (req.url === '/besar') return res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ isi: 'x'.repeat(100 * 1024) }));
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: true }));
    });
  });
  await new Promise<void>((r) => outside.listen(0, '127.0.0.1', r));
  const outsidePort = (outside.address() as { port: number }).port;
  outsideUrl = `http://127.0.0.1:${outsidePort}`;
  // Deploying and registering may name any loopback port (the API allows 127.0.0.1); the worker calls only the allowed one.
  alur = await startAlur({ outboundAllow: `127.0.0.1:${outsidePort}`, apiOutboundAllow: '127.0.0.1', outboundMaxResponseBytes: MAX_RESPONSE_BYTES });
  admin = await alur.login('admin', ADMIN_PASSWORD);
  steps = caseSteps(alur, admin);
  for (const xml of [
    webhookSop('tanya-internal', internal.url),
    sendSop('kabari-internal', internal.url),
    webhookSop('tanya-luar', `${outsideUrl}/kecil`),
    webhookSop('tanya-alihkan', `${outsideUrl}/alihkan`),
    webhookSop('tanya-besar', `${outsideUrl}/besar`),
  ])
    await alur.mustCall('POST', '/api/sops', { token: admin, xml });
});
afterAll(async () => {
  await alur?.close();
  await internal?.close();
  outside?.closeAllConnections();
  await new Promise((r) => outside?.close(r));
});

const internalPort = () => new URL(internal.url).port;

it('a webhook task calling loopback without an allow fails at that task with the reason, at once and never reaching it', async () => {
  const id = await steps.start('tanya-internal');
  expectStoppedAt(
    await stopped(id),
    'Tanya',
    'Tanya sistem',
    `outbound call to 127.0.0.1:${internalPort()} refused: loopback address; allow it with ALUR_OUTBOUND_ALLOW`,
  );
  expect(internal.calls).toEqual([]);
  // Not retried: one attempt of the three the task allows.
  expect(await activityAttempts(id)).toBe(1);
});

it('a message sent through a service to loopback is refused the same way', async () => {
  const id = await steps.start('kabari-internal');
  expectStoppedAt(await stopped(id), 'Kabari', 'Kabari dinas', `outbound call to 127.0.0.1:${internalPort()} refused: loopback address`);
  expect(internal.calls).toEqual([]);
});

it('an allowed address is called as before', async () => {
  const id = await steps.start('tanya-luar');
  const c = await steps.ended(id);
  expect(c.status, c.error).toBe('completed');
  expect(c.variables.jawaban).toEqual({ ok: true });
});

it('a redirect from an allowed address to an internal one is not followed', async () => {
  const id = await steps.start('tanya-alihkan');
  expectStoppedAt(await stopped(id), 'Tanya', 'Tanya sistem', `answered 302 redirecting to ${internal.url}; outbound calls do not follow redirects`);
  expect(outsideCalls).toContain('/alihkan');
  expect(internal.calls).toEqual([]);
});

it('an answer larger than ALUR_OUTBOUND_MAX_RESPONSE_BYTES fails the task instead of landing in the case', async () => {
  const id = await steps.start('tanya-besar');
  const c = await stopped(id);
  expectStoppedAt(
    c,
    'Tanya',
    'Tanya sistem',
    `answered more than ${MAX_RESPONSE_BYTES} bytes; outbound answers are limited by ALUR_OUTBOUND_MAX_RESPONSE_BYTES`,
  );
  expect(c.variables.jawaban).toBeUndefined();
});

it('refuses at deploy a fixed URL to the metadata service or a private address, naming the element', async () => {
  for (const [url, reason] of [
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254:80 refused: link-local address (cloud metadata service)'],
    ['http://[::ffff:a9fe:a9fe]/latest/meta-data/', '[::ffff:a9fe:a9fe]:80 refused: link-local address (cloud metadata service)'],
    ['https://10.20.30.40/api', '10.20.30.40:443 refused: private address'],
  ]) {
    const res = await alur.call('POST', '/api/sops', { token: admin, xml: webhookSop('metadata', url!) });
    expect(res.status, JSON.stringify(res.body)).toBe(422);
    expect(res.body.errors).toEqual([
      { elementId: 'Tanya', message: `"Tanya sistem" (webhook) has "url" header "${url}": outbound call to ${reason}; allow it with ALUR_OUTBOUND_ALLOW` },
    ]);
  }
  const sent = await alur.call('POST', '/api/sops', { token: admin, xml: sendSop('kabari-metadata', 'http://169.254.169.254/') });
  expect(sent.status).toBe(422);
  expect(sent.body.errors[0].elementId).toBe('Kabari');
});

it('refuses to register a deviation webhook on an internal address', async () => {
  for (const url of ['http://169.254.169.254/latest/meta-data/', 'http://192.168.1.10/hook', 'http://[fd00::1]/hook', 'http://100.64.0.1/hook']) {
    const res = await alur.call('POST', '/api/webhooks', { token: admin, json: { url, secret: 'rahasia-webhook-internal' } });
    expect(res.status, url).toBe(422);
    expect(res.body.errors).toEqual([{ field: 'body.url', message: expect.stringContaining('refused') }]);
    expect(res.body.message).toContain('allow it with ALUR_OUTBOUND_ALLOW');
  }
  expect(await alur.prisma.webhookSubscription.count()).toBe(0);
});

it('a deviation webhook the worker may not call is given up at once with the reason', async () => {
  // Registered while the API allowed loopback; this worker does not.
  await alur.mustCall('POST', '/api/webhooks', { token: admin, json: { url: internal.url, secret: 'rahasia-webhook-internal' } });
  await alur.mustCall('POST', '/api/sops', { token: admin, xml: taskSop });
  const supervisor = await alur.createUser(admin, 'kasi', ['supervisor']);
  const petugas = await alur.createUser(admin, 'siti', ['petugas']);
  const notifier = startDeviationNotifier({ prisma: alur.prisma, pollMs: 100, outbound: { policy: parseOutboundAllow('') }, onError: () => {} });
  try {
    const id = await steps.start('periksa');
    await steps.openTask(id, 'Periksa', petugas);
    await alur.mustCall('POST', `/api/instances/${id}/override`, {
      token: supervisor,
      json: { action: 'skip', stepId: 'Periksa', reason: 'Diperiksa di loket' },
    });
    const delivery = await eventually(
      async () => {
        const d = await alur.prisma.webhookDelivery.findFirst();
        return d && d.status !== 'pending' && d.status !== 'sending' ? d : undefined;
      },
      20_000,
      'delivery outcome',
    );
    expect(delivery.status).toBe('gave_up');
    expect(delivery.attempts).toBe(1);
    expect(delivery.lastError).toBe(`outbound call to 127.0.0.1:${internalPort()} refused: loopback address; allow it with ALUR_OUTBOUND_ALLOW`);
    expect(internal.calls).toEqual([]);
  } finally {
    await notifier.stop();
  }
});

/**
 * Where and why the case stopped: its open incident (element and message), or,
 * where steps fail the case instead, its error.
 */
async function stopped(caseId: string): Promise<{ status: string; elementId?: string; message: string; variables: Record<string, unknown> }> {
  return eventually(
    async () => {
      const c = (await alur.call('GET', `/api/instances/${caseId}`, { token: admin })).body;
      const incident = c.incidents?.find((i: { state: string }) => i.state === 'open');
      if (c.status === 'incident' && incident) return { status: c.status, elementId: incident.elementId, message: incident.message, variables: c.variables };
      if (c.status !== 'running' && c.status !== 'incident') return { status: c.status, message: String(c.error), variables: c.variables };
      return undefined;
    },
    20_000,
    `case ${caseId} stopped`,
  );
}

function expectStoppedAt(c: Awaited<ReturnType<typeof stopped>>, elementId: string, name: string, reason: string) {
  expect(['incident', 'failed']).toContain(c.status);
  if (c.elementId !== undefined) expect(c.elementId).toBe(elementId);
  expect(c.message).toContain(name);
  expect(c.message).toContain(reason);
}

/** How many times the case's workflow tried its (only) webhook activity, from Temporal's history. */
async function activityAttempts(caseId: string): Promise<number> {
  const history = await alur.temporal.workflow.getHandle(caseId).fetchHistory();
  const started = (history.events ?? []).filter((e) => e.activityTaskStartedEventAttributes);
  return Math.max(...started.map((e) => e.activityTaskStartedEventAttributes!.attempt ?? 1));
}
