// Deviation webhooks: signed JSON, retried when refused, at most once per
// deviation even when the worker process is killed while a delivery is in
// flight (the new worker never sends it again).
import { spawn, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, eventually, startAlur, TEST_OUTBOUND_ALLOW, type TestAlur } from '../support/alur';
import { startWebhookReceiver, type ReceivedCall } from '../support/webhook-receiver';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const SECRET = 'rahasia-webhook-inspektorat';
const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:alur="https://alur.go.id/schema/bpmn/1.0" id="D" targetNamespace="http://alur.test">
  <bpmn:process id="uji-webhook" isExecutable="true">
    <bpmn:startEvent id="Mulai"/>
    <bpmn:sequenceFlow id="f1" sourceRef="Mulai" targetRef="A"/>
    <bpmn:userTask id="A" name="Verifikasi" alur:sla="PT1S">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="staf"/></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="A" targetRef="B"/>
    <bpmn:userTask id="B" name="Putuskan">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="staf"/></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f3" sourceRef="B" targetRef="Selesai"/>
    <bpmn:endEvent id="Selesai"/>
  </bpmn:process>
</bpmn:definitions>`;

let alur: TestAlur;
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const children: ChildProcess[] = [];
let releaseHeld: () => void = () => {};
let refusedOnce = false;

function startWorkerProcess(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'worker/src/main.ts'], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: alur.databaseUrl,
      TEMPORAL_ADDRESS: alur.temporalAddress,
      ALUR_TASK_QUEUE: alur.taskQueue,
      ALUR_WEBHOOK_POLL_MS: '200',
      ALUR_WEBHOOK_TIMEOUT_MS: '60000',
      ALUR_OUTBOUND_ALLOW: TEST_OUTBOUND_ALLOW,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes('Alur worker polling')) resolve(child);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`worker exited (${code}) before polling:\n${output}`)));
  });
}

beforeAll(async () => {
  // The first delivery is held open (the worker is killed meanwhile); the first breach is refused once with 503.
  receiver = await startWebhookReceiver((call) => {
    const body = call.body as { kind: string };
    if (receiver.calls.length === 1) return new Promise((resolve) => (releaseHeld = () => resolve({ status: 200, body: {} })));
    if (body.kind === 'sla.breached' && !refusedOnce) {
      refusedOnce = true;
      return { status: 503, body: { message: 'sibuk' } };
    }
    return { status: 200, body: { ok: true } };
  });
  alur = await startAlur({ worker: false });
});
afterAll(async () => {
  releaseHeld();
  for (const c of children) c.kill('SIGKILL');
  await alur?.close();
  await receiver?.close();
});

it('delivers each deviation at most once, signed, across a worker killed mid-delivery', async () => {
  let worker = await startWorkerProcess();
  const admin = await alur.login('admin', ADMIN_PASSWORD);
  const staf = await alur.createUser(admin, 'staf', ['staf']);
  const supervisor = await alur.createUser(admin, 'kasi', ['supervisor']);
  expect((await alur.call('POST', '/api/webhooks', { token: admin, json: { url: receiver.url, secret: 'pendek' } })).status).toBe(400);
  const hook = await alur.call('POST', '/api/webhooks', { token: admin, json: { url: receiver.url, secret: SECRET } });
  expect(hook.status, JSON.stringify(hook.body)).toBe(201);
  expect((await alur.call('GET', '/api/webhooks', { token: admin })).body).toEqual([{ id: hook.body.id, url: receiver.url, kinds: [], active: true }]);
  expect((await alur.call('POST', '/api/sops', { token: admin, xml })).status).toBe(201);

  const { id } = (await alur.call('POST', '/api/sops/uji-webhook/instances', { token: staf, json: {} })).body;
  // sla.at_risk (0.8 s) is sent first and held open by the receiver; then the worker dies.
  await eventually(async () => (receiver.calls.length >= 1 ? true : undefined), 20_000, 'first delivery');
  const held = receiver.calls[0]!;
  expect((held.body as { kind: string }).kind).toBe('sla.at_risk');
  worker.kill('SIGKILL');
  await new Promise((r) => worker.once('exit', r));
  releaseHeld(); // too late: nobody reads the answer

  worker = await startWorkerProcess();
  await eventually(async () => ((await alur.prisma.deviation.count({ where: { caseId: id, kind: 'sla.breached' } })) ? true : undefined), 20_000, 'breach');
  const skipped = await alur.call('POST', `/api/instances/${id}/override`, {
    token: supervisor,
    json: { action: 'skip', stepId: 'A', reason: 'Diverifikasi di loket' },
  });
  expect(skipped.status, JSON.stringify(skipped.body)).toBe(200);

  const deviations = await alur.prisma.deviation.findMany({ where: { caseId: id } });
  expect(deviations.map((d) => d.kind).sort()).toEqual(['override.skip', 'sla.at_risk', 'sla.breached']);
  // The breach is refused once (503) and retried after the backoff (2 s); the skip goes through.
  await eventually(
    async () => {
      const delivered = await alur.prisma.webhookDelivery.count({ where: { status: 'delivered' } });
      return delivered === 2 ? true : undefined;
    },
    30_000,
    'deliveries',
  );
  await new Promise((r) => setTimeout(r, 1500)); // would a worker send anything again?

  const callsFor = (deviationId: string) => receiver.calls.filter((c: ReceivedCall) => (c.body as { id: string }).id === deviationId);
  const atRisk = deviations.find((d) => d.kind === 'sla.at_risk')!;
  const breach = deviations.find((d) => d.kind === 'sla.breached')!;
  const skip = deviations.find((d) => d.kind === 'override.skip')!;
  expect(callsFor(atRisk.id)).toHaveLength(1); // in flight when the worker died: never sent again
  expect(callsFor(breach.id)).toHaveLength(2); // refused with 503, then accepted
  expect(callsFor(skip.id)).toHaveLength(1);
  expect(receiver.calls).toHaveLength(4);
  const rows = await alur.prisma.webhookDelivery.findMany({ where: { subscriptionId: hook.body.id } });
  expect(Object.fromEntries(rows.map((r) => [r.deviationId, [r.status, r.attempts]]))).toEqual({
    [atRisk.id]: ['sending', 1],
    [breach.id]: ['delivered', 2],
    [skip.id]: ['delivered', 1],
  });

  for (const call of receiver.calls) {
    expect(call.headers['content-type']).toBe('application/json');
    expect(call.headers['x-alur-signature']).toBe(`sha256=${createHmac('sha256', SECRET).update(call.raw).digest('hex')}`);
    expect(call.headers['x-alur-deviation-id']).toBe((call.body as { id: string }).id);
  }
  expect(callsFor(skip.id)[0]!.body).toMatchObject({
    id: skip.id,
    kind: 'override.skip',
    caseId: id,
    sopKey: 'uji-webhook',
    elementId: 'A',
    by: 'kasi',
    details: { reason: 'Diverifikasi di loket' },
  });
  worker.kill('SIGTERM');
}, 120_000);
