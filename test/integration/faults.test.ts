// Fault test: a steady load of cases through the HTTP API while, one at a time,
// the API process, the worker process, the Temporal server and PostgreSQL are
// killed with SIGKILL and come back. API and worker run under a supervisor that
// restarts them whenever they exit (docker-compose's `restart: unless-stopped`);
// Temporal and PostgreSQL are this file's own servers, restarted on the same
// port and data. Afterwards every case has completed, every task was completed
// exactly once, no deviation was recorded twice and no webhook was delivered
// twice. The counts are printed.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { temporal as proto } from '@temporalio/proto';
import pg from 'pg';
import { afterAll, beforeAll, expect, it, onTestFailed } from 'vitest';
import { freePort } from '../support/free-port';
import { startKillablePostgres, startKillableTemporal, type KillableServer } from '../support/killable-servers';
import { supervise, type SupervisedProcess } from '../support/supervisor';
import { startWebhookReceiver, type ReceivedCall } from '../support/webhook-receiver';

const MIN_CASES = 20;
const MAX_CASES = 40;
const LAUNCH_EVERY_MS = 600;
const ADMIN_PASSWORD = 'admin-fault-test';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const sopXml = (serviceUrl: string) => `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0"
  xmlns:alur="https://alur.go.id/schema/bpmn/1.0" id="D" targetNamespace="http://alur.test">
  <bpmn:process id="uji_gangguan" name="Layanan uji gangguan" isExecutable="true">
    <bpmn:startEvent id="Mulai"/>
    <bpmn:sequenceFlow id="f1" sourceRef="Mulai" targetRef="Terima"/>
    <bpmn:userTask id="Terima" name="Terima berkas" alur:sla="PT1S">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="petugas"/></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f2" sourceRef="Terima" targetRef="Kabari"/>
    <bpmn:serviceTask id="Kabari" name="Kabari pemohon">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="webhook" retries="20"/>
        <zeebe:taskHeaders><zeebe:header key="url" value="${serviceUrl}"/></zeebe:taskHeaders>
      </bpmn:extensionElements>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f3" sourceRef="Kabari" targetRef="Terbitkan"/>
    <bpmn:userTask id="Terbitkan" name="Terbitkan surat">
      <bpmn:extensionElements><zeebe:assignmentDefinition candidateGroups="petugas"/></bpmn:extensionElements>
    </bpmn:userTask>
    <bpmn:sequenceFlow id="f4" sourceRef="Terbitkan" targetRef="Selesai"/>
    <bpmn:endEvent id="Selesai"/>
  </bpmn:process>
</bpmn:definitions>`;

let dir: string;
let temporal: KillableServer & { address: string };
let postgres: Awaited<ReturnType<typeof startKillablePostgres>>;
let api: SupervisedProcess;
let worker: SupervisedProcess;
let serviceReceiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let deviationReceiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
let db: pg.Client | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'alur-faults-'));
  chmodSync(dir, 0o755); // initdb runs as the `postgres` user when tests run as root
  const [pgPort, temporalPort, apiPort] = await Promise.all([freePort(), freePort(), freePort()]);
  [postgres, temporal, serviceReceiver, deviationReceiver] = await Promise.all([
    startKillablePostgres({ dir: join(dir, 'pg', 'data'), port: pgPort }),
    startKillableTemporal({ port: temporalPort, dbFile: join(dir, 'temporal.sqlite') }),
    startWebhookReceiver(),
    startWebhookReceiver(),
  ]);
  await postgres.createDatabase('alur');
  const target = { databaseUrl: postgres.databaseUrl('alur'), temporalAddress: temporal.address, taskQueue: 'alur-faults' };
  // The API applies the migrations before the worker needs the tables.
  api = await supervise(target, 'api', { PORT: String(apiPort), ALUR_ADMIN_PASSWORD: ADMIN_PASSWORD });
  worker = await supervise(target, 'worker', { ALUR_WEBHOOK_POLL_MS: '200' });
}, 120_000);

afterAll(async () => {
  await db?.end();
  await Promise.all([api?.stop(), worker?.stop()]);
  await Promise.all([temporal?.stop(), postgres?.stop(), serviceReceiver?.close(), deviationReceiver?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
}, 60_000);

/** Each running case workflow: what it waits for (pending workflow task, activities with their last failure) and its last events. */
async function describeRunningCases(address: string): Promise<string> {
  const connection = await Connection.connect({ address, connectTimeout: 5000 });
  try {
    const client = new Client({ connection });
    const lines: string[] = [];
    for await (const wf of client.workflow.list({ query: 'ExecutionStatus="Running"' })) {
      const handle = client.workflow.getHandle(wf.workflowId);
      const { raw } = await handle.describe();
      const pendingTask = raw.pendingWorkflowTask
        ? `workflow task ${raw.pendingWorkflowTask.state} attempt ${raw.pendingWorkflowTask.attempt}`
        : 'no workflow task';
      const activities = (raw.pendingActivities ?? []).map((a) => `${a.activityType?.name} ${a.state} attempt ${a.attempt}: ${a.lastFailure?.message ?? ''}`);
      const events = ((await handle.fetchHistory()).events ?? []).slice(-8).map((e) => `${e.eventId} ${proto.api.enums.v1.EventType[e.eventType ?? 0]}`);
      lines.push(`${wf.workflowId}: ${pendingTask}; ${activities.join(' | ') || 'no activities'}; last events: ${events.join(', ')}`);
    }
    return lines.join('\n') || '(none)';
  } finally {
    await connection.close();
  }
}

/** An HTTP client that, like a patient user, sends a request again while the system is down (connection refused, 5xx). */
function patientClient(baseUrl: string) {
  const stats = { retried: 0, serverErrors: {} as Record<number, number>, unexpected: [] as string[] };
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  async function call<T = any>(
    method: string,
    path: string,
    opts: { token?: string; json?: unknown; xml?: string; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; body: T; retried: boolean }> {
    const deadline = Date.now() + 150_000;
    let retried = false;
    let lastFailure: string | undefined;
    for (;;) {
      try {
        const res = await fetch(baseUrl + path, {
          method,
          headers: {
            ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
            ...(opts.json !== undefined ? { 'content-type': 'application/json' } : {}),
            ...(opts.xml !== undefined ? { 'content-type': 'application/xml' } : {}),
            ...opts.headers,
          },
          body: opts.xml ?? (opts.json !== undefined ? JSON.stringify(opts.json) : undefined),
          signal: AbortSignal.timeout(60_000),
        });
        const text = await res.text();
        if (res.status < 500) {
          return { status: res.status, body: text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : text, retried };
        }
        stats.serverErrors[res.status] = (stats.serverErrors[res.status] ?? 0) + 1;
        if (res.status !== 503) stats.unexpected.push(`${method} ${path}: ${res.status} ${text.slice(0, 300)}`);
        lastFailure = `${res.status} ${text.slice(0, 300)}`;
      } catch (err) {
        // connection refused or reset, timeout: the outcome of a write is unknown
        lastFailure = `${(err as Error).message} ${String((err as { cause?: unknown }).cause ?? '')}`;
      }
      if (Date.now() > deadline) throw new Error(`${method} ${path}: no answer below 500 within 150 s; last: ${lastFailure}`);
      retried = true;
      stats.retried++;
      await sleep(300);
    }
  }
  return { call, stats };
}

it('loses and doubles nothing while the API, the worker, Temporal and PostgreSQL are each killed mid-load', async () => {
  onTestFailed(async () => {
    // What the processes said is the only way to tell a hang from a slow machine in CI.
    const tail = (text: string) => text.split('\n').slice(-60).join('\n');
    const errors = (text: string) =>
      text
        .split('\n')
        .filter((line) => /"level":50/.test(line))
        .slice(-10)
        .join('\n');
    console.log(`--- API errors (last 10) ---\n${errors(api.output())}`);
    console.log(`--- API output (last lines) ---\n${tail(api.output())}\n--- worker output (last lines) ---\n${tail(worker.output())}`);
    console.log(
      `--- cases Temporal still runs ---\n${await describeRunningCases(temporal.address).catch((err: Error) => `(could not ask Temporal: ${err.message})`)}`,
    );
  });
  const http = patientClient(api.url!);
  const must = async <T>(what: string, p: Promise<{ status: number; body: T }>, ok = [200, 201]) => {
    const res = await p;
    if (!ok.includes(res.status)) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const admin = (await must('login admin', http.call<{ token: string }>('POST', '/api/auth/login', { json: { username: 'admin', password: ADMIN_PASSWORD } })))
    .token;
  await must(
    'create petugas',
    http.call('POST', '/api/users', { token: admin, json: { username: 'petugas', password: 'petugas-password', roles: ['petugas'] } }),
  );
  await must('deploy', http.call('POST', '/api/sops', { token: admin, xml: sopXml(serviceReceiver.url) }));
  await must('webhook', http.call('POST', '/api/webhooks', { token: admin, json: { url: deviationReceiver.url, secret: 'rahasia-webhook-uji-gangguan' } }));
  const staff = (
    await must('login petugas', http.call<{ token: string }>('POST', '/api/auth/login', { json: { username: 'petugas', password: 'petugas-password' } }))
  ).token;

  let ambiguousCompletions = 0;
  const openTask = async (caseId: string, elementId: string) => {
    for (;;) {
      const res = await http.call<{ id: string; elementId: string }[]>('GET', `/api/tasks?instanceId=${caseId}`, { token: staff });
      const task = res.status === 200 ? res.body.find((t) => t.elementId === elementId) : undefined;
      if (task) return task;
      await sleep(250);
    }
  };
  const complete = async (caseId: string, elementId: string) => {
    const task = await openTask(caseId, elementId);
    const res = await http.call('POST', `/api/tasks/${task.id}/complete`, { token: staff, json: { variables: { [`${elementId}Selesai`]: true } } });
    // 409 after a request whose answer was lost: that earlier request completed the task.
    if (res.status === 409 && res.retried) ambiguousCompletions++;
    else expect(res.status, `complete ${elementId} of ${caseId}: ${JSON.stringify(res.body)}`).toBe(200);
  };
  const runCase = async (n: number): Promise<string> => {
    const { id } = await must(
      `start case ${n}`,
      http.call<{ id: string }>('POST', '/api/sops/uji_gangguan/instances', {
        token: staff,
        json: { variables: { nomor: n } },
        headers: { 'idempotency-key': `uji-gangguan-${n}` },
      }),
      [201],
    );
    await complete(id, 'Terima');
    await complete(id, 'Terbitkan');
    for (;;) {
      const res = await http.call<{ status: string }>('GET', `/api/instances/${id}`, { token: staff });
      if (res.status === 200 && res.body.status !== 'running') {
        completedCases++;
        return id;
      }
      await sleep(250);
    }
  };
  let completedCases = 0;

  // The load: a new case every LAUNCH_EVERY_MS for as long as the faults go on.
  const flows: Promise<string>[] = [];
  let faultsDone = false;
  const launching = (async () => {
    while (flows.length < MIN_CASES || (!faultsDone && flows.length < MAX_CASES)) {
      flows.push(runCase(flows.length));
      await sleep(LAUNCH_EVERY_MS);
    }
  })();

  const faults: { name: string; launched: number; completed: number; backAfterMs: number }[] = [];
  const fault = async (name: string, kill: () => Promise<void>, back: () => Promise<void>) => {
    await sleep(2500);
    const t0 = Date.now();
    const [launched, completed] = [flows.length, completedCases];
    await kill();
    await back();
    await Promise.all([api.ready(), worker.ready()]);
    faults.push({ name, launched, completed, backAfterMs: Date.now() - t0 });
  };
  await sleep(1000);
  await fault(
    'API',
    () => api.kill9(),
    () => api.ready(),
  );
  await fault(
    'worker',
    () => worker.kill9(),
    () => worker.ready(),
  );
  await fault(
    'Temporal',
    () => temporal.kill9(),
    async () => {
      await sleep(2000);
      await temporal.restart();
    },
  );
  await fault(
    'PostgreSQL',
    () => postgres.kill9(),
    async () => {
      await sleep(2000);
      await postgres.restart();
    },
  );
  faultsDone = true;
  await launching;
  const caseIds = await Promise.all(flows);
  const cases = caseIds.length;

  db = new pg.Client({ connectionString: postgres.databaseUrl('alur') });
  await db.connect();
  const count = async (sql: string, params: unknown[] = []) => Number((await db!.query(sql, params)).rows[0].n);

  const keys = (calls: ReceivedCall[], header: string) => calls.map((c) => String(c.headers[header]));
  const deviations = await count(`SELECT count(*) AS n FROM "Deviation"`);
  // Wait for the notifier to finish: every deviation delivered, or 'unknown' (the worker died while sending
  // it: the receiver may or may not have it, and it is never sent again).
  let deliveriesBy: Record<string, number> = {};
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(250)) {
    const rows = (await db.query(`SELECT status, count(*)::int AS n FROM "WebhookDelivery" GROUP BY 1`)).rows as { status: string; n: number }[];
    deliveriesBy = Object.fromEntries(rows.map((r) => [r.status, r.n]));
    if ((deliveriesBy.delivered ?? 0) + (deliveriesBy.unknown ?? 0) === deviations) break;
  }
  const counts = {
    casesInDb: await count(`SELECT count(*) AS n FROM "Case" WHERE "sopKey" = 'uji_gangguan'`),
    casesCompleted: await count(`SELECT count(*) AS n FROM "Case" WHERE "sopKey" = 'uji_gangguan' AND status = 'completed'`),
    taskRows: await count(`SELECT count(*) AS n FROM "Task"`),
    tasksCompleted: await count(`SELECT count(*) AS n FROM "Task" WHERE status = 'completed'`),
    completionEvents: await count(`SELECT count(*) AS n FROM "CaseEvent" WHERE kind = 'task.completed'`),
    tasksCompletedTwice: await count(
      `SELECT count(*) AS n FROM (SELECT data->>'taskId' FROM "CaseEvent" WHERE kind = 'task.completed' GROUP BY 1 HAVING count(*) > 1) d`,
    ),
    // An event log numbered other than 1..n: a gap or a repeat.
    brokenEventLogs: await count(`SELECT count(*) AS n FROM (SELECT "caseId" FROM "CaseEvent" GROUP BY 1 HAVING max(seq) <> count(*) OR min(seq) <> 1) g`),
    deviationsTwice: await count(`SELECT count(*) AS n FROM (SELECT "caseId", kind, "stepId" FROM "Deviation" GROUP BY 1, 2, 3 HAVING count(*) > 1) d`),
  };
  const serviceKeys = new Set(keys(serviceReceiver.calls, 'idempotency-key'));
  const deviationIds = keys(deviationReceiver.calls, 'x-alur-deviation-id');

  const row = (what: string, value: string | number) => `  ${what.padEnd(62)} ${value}`;
  console.log(
    [
      'fault test counts',
      ...faults.map((f) =>
        row(`${f.name} killed (-9) with ${f.launched - f.completed} of ${f.launched} cases running; back after`, `${(f.backAfterMs / 1000).toFixed(1)} s`),
      ),
      row('API / worker restarts by the supervisor', `${api.restarts} / ${worker.restarts}`),
      row('cases started / in the database / completed', `${cases} / ${counts.casesInDb} / ${counts.casesCompleted}`),
      row(
        'tasks / completed / task.completed events',
        `${counts.taskRows} / ${counts.tasksCompleted} / ${counts.completionEvents} (expected ${cases * 2} each)`,
      ),
      row('tasks completed twice / event logs with gaps or repeats', `${counts.tasksCompletedTwice} / ${counts.brokenEventLogs}`),
      row('completions answered 409 after a lost answer', ambiguousCompletions),
      row('HTTP requests sent again during outages', http.stats.retried),
      row('5xx answers during outages, by status', JSON.stringify(http.stats.serverErrors)),
      row('service-task webhook calls / distinct Idempotency-Keys', `${serviceReceiver.calls.length} / ${serviceKeys.size}`),
      row('deviations recorded / recorded twice', `${deviations} / ${counts.deviationsTwice}`),
      row('deviation webhooks received / distinct deviations', `${deviationIds.length} / ${new Set(deviationIds).size}`),
      row('deviation deliveries by status', JSON.stringify(deliveriesBy)),
    ].join('\n'),
  );

  // An outage of PostgreSQL or Temporal is a 503 to retry, never a 500 that reads like a bug.
  expect(http.stats.unexpected).toEqual([]);
  // Every case completed, and no retried start made a second case.
  expect(new Set(caseIds).size).toBe(cases);
  expect(counts.casesInDb).toBe(cases);
  expect(counts.casesCompleted).toBe(cases);
  // Each task completed exactly once.
  expect(counts.taskRows).toBe(cases * 2);
  expect(counts.tasksCompleted).toBe(cases * 2);
  expect(counts.completionEvents).toBe(cases * 2);
  expect(counts.tasksCompletedTwice).toBe(0);
  expect(counts.brokenEventLogs).toBe(0);
  // The service task is retried by Temporal (at least once), always with its case's Idempotency-Key.
  expect(serviceKeys.size).toBe(cases);
  // Deviations (the SLA of Terima): recorded once each, delivered at most once each.
  expect(deviations).toBeGreaterThan(0);
  expect(counts.deviationsTwice).toBe(0);
  expect((deliveriesBy.delivered ?? 0) + (deliveriesBy.unknown ?? 0), JSON.stringify(deliveriesBy)).toBe(deviations);
  expect(new Set(deviationIds).size, 'a deviation was delivered twice').toBe(deviationIds.length);
  expect(deviationIds.length).toBeGreaterThanOrEqual(deliveriesBy.delivered ?? 0);
}, 300_000);
