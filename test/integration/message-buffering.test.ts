// Message buffering with a time to live (Zeebe semantics), on real Temporal
// and PostgreSQL: a message published before any case waits for it is kept
// (202 buffered) and taken by the first case that subscribes with its name and
// key; an expired one is not; without a time to live it is dropped (404).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ADMIN_PASSWORD, eventually, startAlur, type TestAlur } from '../support/alur';
import { caseSteps, outcomes } from '../support/cases';
import { recordHistory } from '../support/histories';

const NS = 'xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"';
const flow = (id: string, from: string, to: string) => `<bpmn:sequenceFlow id="${id}" sourceRef="${from}" targetRef="${to}"/>`;
const SOP =
  `<?xml version="1.0" encoding="UTF-8"?><bpmn:definitions ${NS} id="D" targetNamespace="https://alur.go.id/test">` +
  '<bpmn:message id="Bayar" name="pembayaran-diterima"><bpmn:extensionElements><zeebe:subscription correlationKey="=nomorTagihan"/></bpmn:extensionElements></bpmn:message>' +
  '<bpmn:process id="retribusi" isExecutable="true">' +
  `<bpmn:startEvent id="Mulai"/>${flow('f1', 'Mulai', 'Ajukan')}` +
  '<bpmn:userTask id="Ajukan"><bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="petugas"/></bpmn:extensionElements></bpmn:userTask>' +
  `${flow('f2', 'Ajukan', 'TungguBayar')}<bpmn:intermediateCatchEvent id="TungguBayar"><bpmn:messageEventDefinition messageRef="Bayar"/></bpmn:intermediateCatchEvent>` +
  `${flow('f3', 'TungguBayar', 'Selesai')}<bpmn:endEvent id="Selesai"/></bpmn:process></bpmn:definitions>`;

let alur: TestAlur;
let steps: ReturnType<typeof caseSteps>;
let petugas: string;
let integrasi: string;

const publish = (json: unknown) => alur.call('POST', '/api/messages', { token: integrasi, json });

beforeAll(async () => {
  alur = await startAlur();
  const admin = await alur.login('admin', ADMIN_PASSWORD);
  petugas = await alur.createUser(admin, 'siti', ['petugas']);
  integrasi = await alur.createUser(admin, 'bank-bot', ['integrasi']);
  steps = caseSteps(alur, admin);
  const res = await alur.call('POST', '/api/sops', { token: admin, xml: SOP });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
});
afterAll(() => alur?.close());

it('a message published before the case waits is kept and taken when the case subscribes', async () => {
  const before = Date.now();
  const res = await publish({ name: 'pembayaran-diterima', correlationKey: 'TAG-1', timeToLive: 'PT1H', variables: { jumlahBayar: 150000 } });
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  expect(res.body).toEqual({ result: 'buffered', instances: [], messageId: expect.any(String), expiresAt: expect.any(String) });
  const expiresAt = Date.parse(res.body.expiresAt);
  expect(expiresAt - before).toBeGreaterThanOrEqual(3_600_000);
  expect(expiresAt - Date.now()).toBeLessThanOrEqual(3_600_000);

  const id = await steps.start('retribusi', { nomorTagihan: 'TAG-1' });
  await steps.complete(id, 'Ajukan', {}, petugas);
  const c = await steps.ended(id);
  expect(c.status).toBe('completed');
  expect(outcomes(c.history)).toEqual(['Mulai:completed', 'Ajukan:completed', 'TungguBayar:completed', 'Selesai:completed']);
  expect(c.variables.jumlahBayar).toBe(150000);
  const correlated = (await steps.events(id)).find((e) => e.kind === 'message.correlated')!.data as { bufferedMessageId?: string; by?: string };
  expect(correlated).toMatchObject({ bufferedMessageId: res.body.messageId, by: 'bank-bot' });
  const row = await alur.prisma.bufferedMessage.findUniqueOrThrow({ where: { id: res.body.messageId } });
  expect(row).toMatchObject({ status: 'correlated', caseId: id });

  // Taken once: a second case with the same key waits for a message of its own.
  const second = await steps.start('retribusi', { nomorTagihan: 'TAG-1' });
  await steps.complete(second, 'Ajukan', {}, petugas);
  await eventually(
    async () => (await alur.prisma.messageSubscription.findFirst({ where: { caseId: second, status: 'open' } })) ?? undefined,
    15_000,
    'second case waiting',
  );
  const direct = await publish({ name: 'pembayaran-diterima', correlationKey: 'TAG-1', timeToLive: 'PT1H' });
  expect(direct.status).toBe(200);
  expect(direct.body).toEqual({
    result: 'correlated',
    instances: [{ id: second, trackingCode: expect.any(String), sopKey: 'retribusi', elementId: 'TungguBayar' }],
  });
  expect((await steps.ended(second)).status).toBe('completed');
  await recordHistory(alur.temporal, alur.temporalAddress, id, 'message-buffered-ttl');
});

it('an expired message is not taken; without a time to live a message nobody waits for is dropped', async () => {
  const short = await publish({ name: 'pembayaran-diterima', correlationKey: 'TAG-2', timeToLive: 'PT1S' });
  expect(short.status).toBe(202);
  await new Promise((r) => setTimeout(r, 1_500));
  const id = await steps.start('retribusi', { nomorTagihan: 'TAG-2' });
  await steps.complete(id, 'Ajukan', {}, petugas);
  await eventually(
    async () => (await alur.prisma.messageSubscription.findFirst({ where: { caseId: id, status: 'open' } })) ?? undefined,
    15_000,
    'case waiting',
  );
  await new Promise((r) => setTimeout(r, 1_000));
  expect((await alur.call('GET', `/api/instances/${id}`, { token: petugas })).body.status).toBe('running');
  expect(await alur.prisma.bufferedMessage.findUniqueOrThrow({ where: { id: short.body.messageId } })).toMatchObject({ status: 'buffered', caseId: null });

  const dropped = await publish({ name: 'pembayaran-diterima', correlationKey: 'TAG-3' });
  expect(dropped.status).toBe(404);
  expect(dropped.body.message).toMatch(/the message was dropped \(publish it with a timeToLive/);

  const bad = await publish({ name: 'pembayaran-diterima', correlationKey: 'TAG-3', timeToLive: '1 jam' });
  expect(bad.status).toBe(422);
  expect(bad.body.message).toMatch(/^timeToLive: "1 jam" is not an ISO-8601 duration/);
});
