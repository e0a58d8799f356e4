// A working-day SLA across a weekend and a national holiday, on Temporal's
// time-skipping test server: the case starts on Thursday 24 December 2026 at
// 10:00 WIB, Christmas (Friday) and the weekend do not count, so
// "3 hari kerja" is due Wednesday 30 December at closing, 16:00 WIB. The
// weeks in between pass in seconds; the real API, worker, activities and
// PostgreSQL run as everywhere else.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import type { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { buildApp } from '@alur/api';
import { createPrisma, type PrismaClient } from '@alur/db';
import { createSopWorker } from '@alur/worker';
import { ADMIN_PASSWORD, createDatabaseFromTemplate, eventually, sharedBundle } from '../support/alur';

const testServer = fileURLToPath(new URL('../../.tools/bin/temporal-test-server', import.meta.url));
const xml = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:alur="https://alur.go.id/schema/bpmn/1.0" id="D" targetNamespace="http://alur.test">
  <bpmn:process id="izin-sla" name="Izin (SLA 3 hari kerja)" isExecutable="true">
    <bpmn:startEvent id="Mulai"/>
    <bpmn:sequenceFlow id="f1" sourceRef="Mulai" targetRef="Proses"/>
    <bpmn:userTask id="Proses" name="Proses permohonan" alur:sla="3 hari kerja">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="staf"/></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="Proses" targetRef="Selesai"/>
    <bpmn:endEvent id="Selesai"/>
  </bpmn:process>
</bpmn:definitions>`;

let env: TestWorkflowEnvironment;
let prisma: PrismaClient;
let app: Awaited<ReturnType<typeof buildApp>>;
let worker: Worker;
let workerDone: Promise<void>;
const taskQueue = 'alur-time-skipping';

beforeAll(async () => {
  env = await TestWorkflowEnvironment.createTimeSkipping(existsSync(testServer) ? { server: { executable: { type: 'existing-path', path: testServer } } } : {});
  prisma = createPrisma(await createDatabaseFromTemplate());
  app = await buildApp({ prisma, temporal: env.client, taskQueue, adminPassword: ADMIN_PASSWORD });
  worker = await createSopWorker({ connection: env.nativeConnection, namespace: 'default', taskQueue, prisma, workflowBundle: await sharedBundle() });
  workerDone = worker.run();
});
afterAll(async () => {
  worker?.shutdown();
  await workerDone;
  await app?.close();
  await prisma?.$disconnect();
  await env?.teardown();
});

const call = async (method: 'GET' | 'POST', url: string, token?: string, payload?: object | string, xmlBody = false) => {
  const res = await app.inject({
    method,
    url,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(xmlBody ? { 'content-type': 'application/xml' } : {}) },
    ...(payload !== undefined ? { payload } : {}),
  });
  return { status: res.statusCode, body: res.json() };
};

it('breaches "3 hari kerja" at 16:00 WIB on the third working day after Christmas and the weekend; warns once at 80%', async () => {
  const admin = (await call('POST', '/api/auth/login', undefined, { username: 'admin', password: ADMIN_PASSWORD })).body.token as string;
  expect((await call('POST', '/api/users', admin, { username: 'staf', password: 'staf-password', roles: ['staf'] })).status).toBe(201);
  const staf = (await call('POST', '/api/auth/login', undefined, { username: 'staf', password: 'staf-password' })).body.token as string;
  expect((await call('POST', '/api/sops', admin, xml, true)).status).toBe(201);

  // Skip ahead to Thursday 24 December 2026, 10:00 WIB.
  const thursday = Date.parse('2026-12-24T10:00:00+07:00');
  await env.sleep(thursday - (await env.currentTimeMs()));
  const started = await call('POST', '/api/sops/izin-sla/instances', staf, { variables: {} });
  expect(started.status, JSON.stringify(started.body)).toBe(201);
  const id = started.body.id as string;

  const step = await eventually(async () => (await prisma.step.findFirst({ where: { caseId: id, elementId: 'Proses' } })) ?? undefined, 15_000, 'step');
  expect(step.startedAt.getTime() - thursday).toBeLessThan(60_000);
  expect(step.dueAt!.toISOString()).toBe('2026-12-30T09:00:00.000Z'); // Wednesday 16:00 WIB
  // 27.5 working hours in all; 80% = 22 h: Wednesday 09:30 WIB (the start's seconds shift it by a fifth of them).
  expect(step.atRiskAt!.toISOString().slice(0, 16)).toBe('2026-12-30T02:30');

  // Past the due date: Thursday 31 December.
  await env.sleep(Date.parse('2026-12-31T03:00:00Z') - (await env.currentTimeMs()));
  const deviations = await eventually(
    async () => {
      const rows = await prisma.deviation.findMany({ where: { caseId: id }, orderBy: { at: 'asc' } });
      return rows.some((r) => r.kind === 'sla.breached') ? rows : undefined;
    },
    30_000,
    'breach',
  );
  expect(deviations.map((d) => d.kind)).toEqual(['sla.at_risk', 'sla.breached']);
  const [atRisk, breach] = deviations;
  expect(atRisk!.at.toISOString().slice(0, 16)).toBe('2026-12-30T02:30');
  expect(breach!.at.toISOString().slice(0, 16)).toBe('2026-12-30T09:00'); // the right minute
  expect(breach!.at.getTime()).toBeGreaterThanOrEqual(step.dueAt!.getTime());
  expect(breach!.details).toMatchObject({ scope: 'step', sla: '3 hari kerja', dueAt: '2026-12-30T09:00:00.000Z' });

  // Nothing more fires while the case stays open; completing it late is allowed.
  await env.sleep(2 * 86_400_000);
  expect(await prisma.deviation.count({ where: { caseId: id, kind: { in: ['sla.at_risk', 'sla.breached'] } } })).toBe(2);
  const task = (await call('GET', `/api/tasks?instanceId=${id}`, staf)).body[0];
  expect(task.dueAt).toBe('2026-12-30T09:00:00.000Z');
  expect((await call('POST', `/api/tasks/${task.id}/complete`, staf, {})).status).toBe(200);
  expect(await env.client.workflow.getHandle(id).result()).toMatchObject({ status: 'completed' });
}, 120_000);
