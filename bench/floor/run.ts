// The floor: Alur against the least its substrate can do, in one run, on one
// Temporal dev server (started here with the WAL pragmas, as `npm start`
// starts it). The KTP-el shape: start; one task; two parallel tasks; one task.
//   floor: a hand-written Temporal workflow doing only that (bench/floor/workflows.ts),
//          each task completed by a Temporal Update, no database;
//   alur:  Alur's real HTTP path (npm start's API and worker against this same
//          server, its own embedded PostgreSQL): the SOP deployed through the API,
//          cases started and each task completed over HTTP with a staff token.
// At each in-flight count, the same number of cases for both. Prints cases/s,
// start and complete-task p50/p99 and the ratio Alur / floor.
//
//   npm run bench:floor                      (200 cases per point, 4 and 50 in flight)
//   FLOOR_CASES=20 FLOOR_IN_FLIGHT=4,50 npm run bench:floor
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, DefaultLogger, NativeConnection, Runtime, Worker } from '@temporalio/worker';
import { startTemporalDevServer } from '../../embedded/temporal';
import { freePort } from '../../test/support/free-port';
import { percentile } from '../support/percentile';
import { BENCH_ADMIN_PASSWORD, httpClient, startSystem } from '../support/system';
import { completeTask, FLOOR_TASKS } from './workflows';

const CASES = Number(process.env.FLOOR_CASES ?? 200);
const IN_FLIGHT = (process.env.FLOOR_IN_FLIGHT ?? '4,50').split(',').map(Number);
const WARM_UP = Math.min(10, CASES);
if (!(CASES > 0) || IN_FLIGHT.some((n) => !(n > 0))) throw new Error('FLOOR_CASES and FLOOR_IN_FLIGHT must be positive numbers');

const { first, parallel, last } = FLOOR_TASKS;
const SOP_KEY = 'bench_ktp_el';
const SOP = `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="Defs" targetNamespace="https://alur.go.id/bench">
  <bpmn:process id="${SOP_KEY}" name="KTP-el (bench)" isExecutable="true">
    <bpmn:laneSet id="Lanes"><bpmn:lane id="LanePetugas" name="petugas">
      <bpmn:flowNodeRef>Mulai</bpmn:flowNodeRef><bpmn:flowNodeRef>${first}</bpmn:flowNodeRef>
      <bpmn:flowNodeRef>Cabang</bpmn:flowNodeRef><bpmn:flowNodeRef>${parallel[0]}</bpmn:flowNodeRef>
      <bpmn:flowNodeRef>${parallel[1]}</bpmn:flowNodeRef><bpmn:flowNodeRef>Gabung</bpmn:flowNodeRef>
      <bpmn:flowNodeRef>${last}</bpmn:flowNodeRef><bpmn:flowNodeRef>Selesai</bpmn:flowNodeRef>
    </bpmn:lane></bpmn:laneSet>
    <bpmn:startEvent id="Mulai"><bpmn:outgoing>f1</bpmn:outgoing></bpmn:startEvent>
    <bpmn:userTask id="${first}" name="Terima berkas"><bpmn:incoming>f1</bpmn:incoming><bpmn:outgoing>f2</bpmn:outgoing></bpmn:userTask>
    <bpmn:parallelGateway id="Cabang"><bpmn:incoming>f2</bpmn:incoming><bpmn:outgoing>f3</bpmn:outgoing><bpmn:outgoing>f4</bpmn:outgoing></bpmn:parallelGateway>
    <bpmn:userTask id="${parallel[0]}" name="Periksa data"><bpmn:incoming>f3</bpmn:incoming><bpmn:outgoing>f5</bpmn:outgoing></bpmn:userTask>
    <bpmn:userTask id="${parallel[1]}" name="Rekam biometrik"><bpmn:incoming>f4</bpmn:incoming><bpmn:outgoing>f6</bpmn:outgoing></bpmn:userTask>
    <bpmn:parallelGateway id="Gabung"><bpmn:incoming>f5</bpmn:incoming><bpmn:incoming>f6</bpmn:incoming><bpmn:outgoing>f7</bpmn:outgoing></bpmn:parallelGateway>
    <bpmn:userTask id="${last}" name="Terbitkan KTP-el"><bpmn:incoming>f7</bpmn:incoming><bpmn:outgoing>f8</bpmn:outgoing></bpmn:userTask>
    <bpmn:endEvent id="Selesai"><bpmn:incoming>f8</bpmn:incoming></bpmn:endEvent>
    <bpmn:sequenceFlow id="f1" sourceRef="Mulai" targetRef="${first}" />
    <bpmn:sequenceFlow id="f2" sourceRef="${first}" targetRef="Cabang" />
    <bpmn:sequenceFlow id="f3" sourceRef="Cabang" targetRef="${parallel[0]}" />
    <bpmn:sequenceFlow id="f4" sourceRef="Cabang" targetRef="${parallel[1]}" />
    <bpmn:sequenceFlow id="f5" sourceRef="${parallel[0]}" targetRef="Gabung" />
    <bpmn:sequenceFlow id="f6" sourceRef="${parallel[1]}" targetRef="Gabung" />
    <bpmn:sequenceFlow id="f7" sourceRef="Gabung" targetRef="${last}" />
    <bpmn:sequenceFlow id="f8" sourceRef="${last}" targetRef="Selesai" />
  </bpmn:process>
</bpmn:definitions>`;

interface Latencies {
  start: number[];
  complete: number[];
}
const timed = async <T>(into: number[], p: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  const value = await p();
  into.push(performance.now() - t0);
  return value;
};
/** `count` cases, `inFlight` at a time; cases/s and the latencies. */
async function drive(count: number, inFlight: number, oneCase: (lat: Latencies) => Promise<void>) {
  const lat: Latencies = { start: [], complete: [] };
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (next++ < count) await oneCase(lat);
    }),
  );
  return { casesPerSecond: count / ((performance.now() - t0) / 1000), lat };
}

Runtime.install({ logger: new DefaultLogger('WARN') });
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
console.log(`load average before: ${load()}`);
const dataDir = mkdtempSync(join(os.tmpdir(), 'alur-bench-floor-'));
console.log('starting the Temporal dev server (SQLite file, WAL pragmas)...');
const temporal = await startTemporalDevServer({ port: await freePort(), dbFile: join(dataDir, 'temporal.sqlite') });
const cleanup: (() => Promise<unknown>)[] = [async () => rmSync(dataDir, { recursive: true, force: true }), () => temporal.stop()];
try {
  // The floor's worker, in this process, on a task queue of its own.
  const workerConnection = await NativeConnection.connect({ address: temporal.address });
  const worker = await Worker.create({
    connection: workerConnection,
    namespace: 'default',
    taskQueue: 'bench-floor',
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)),
      logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} },
    }),
  });
  const workerRunning = worker.run();
  cleanup.unshift(async () => {
    worker.shutdown();
    await workerRunning;
    await workerConnection.close();
  });
  const connection = await Connection.connect({ address: temporal.address });
  cleanup.unshift(() => connection.close());
  const client = new Client({ connection, namespace: 'default' });

  const floorCase = async (lat: Latencies) => {
    const handle = await timed(lat.start, () => client.workflow.start('floorKtpEl', { taskQueue: 'bench-floor', workflowId: `floor-${randomUUID()}` }));
    const complete = (taskId: string) => timed(lat.complete, () => handle.executeUpdate(completeTask, { args: [taskId] }));
    await complete(first);
    await Promise.all(parallel.map(complete));
    await complete(last);
  };

  // Alur: npm start (API and worker, embedded PostgreSQL) against the same Temporal server.
  console.log('starting Alur (npm start) against that server...');
  const system = await startSystem({ TEMPORAL_ADDRESS: temporal.address, ALUR_WEB_APP_BUILD: 'off' });
  cleanup.unshift(() => system.stop());
  const http = httpClient(system.baseUrl);
  const must = async <T>(what: string, p: Promise<{ status: number; body: T }>, ok = [200, 201]) => {
    const res = await p;
    if (!ok.includes(res.status)) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const admin = (
    await must('login admin', http.call<{ token: string }>('POST', '/api/auth/login', { json: { username: 'admin', password: BENCH_ADMIN_PASSWORD } }))
  ).token;
  await must(
    'create petugas',
    http.call('POST', '/api/users', { token: admin, json: { username: 'petugas1', password: 'petugas1-password', roles: ['petugas'] } }),
  );
  const petugas = (
    await must('login petugas', http.call<{ token: string }>('POST', '/api/auth/login', { json: { username: 'petugas1', password: 'petugas1-password' } }))
  ).token;
  await must('deploy', http.call('POST', '/api/sops', { token: admin, xml: SOP }));

  /** The open tasks of a case with these element ids, once all of them are open (the staff's inbox, polled). */
  const openTasks = async (caseId: string, elementIds: readonly string[]) => {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const tasks = await must('tasks', http.call<{ id: string; elementId: string }[]>('GET', `/api/tasks?instanceId=${caseId}`, { token: petugas }));
      const found = elementIds.map((id) => tasks.find((t) => t.elementId === id));
      if (found.every((t) => t)) return found.map((t) => t!.id);
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`tasks ${elementIds.join(', ')} of ${caseId} never opened`);
  };
  const alurCase = async (lat: Latencies) => {
    const started = await timed(lat.start, () =>
      must('start', http.call<{ id: string }>('POST', `/api/sops/${SOP_KEY}/instances`, { token: petugas, json: { variables: { pemohon: 'Warga' } } })),
    );
    const complete = (taskId: string) =>
      timed(lat.complete, () => must('complete', http.call('POST', `/api/tasks/${taskId}/complete`, { token: petugas, json: { variables: {} } })));
    for (const step of [[first], parallel, [last]] as const) {
      await Promise.all((await openTasks(started.id, step)).map(complete));
    }
  };

  // Warm-up: JIT, bundles, connection pools, caches.
  await drive(WARM_UP, Math.min(4, WARM_UP), floorCase);
  await drive(WARM_UP, Math.min(4, WARM_UP), alurCase);

  const rows: Record<string, Record<string, number>> = {};
  const ratios: string[] = [];
  for (const inFlight of IN_FLIGHT) {
    const results = { floor: await drive(CASES, inFlight, floorCase), alur: await drive(CASES, inFlight, alurCase) };
    for (const [name, { casesPerSecond, lat }] of Object.entries(results)) {
      rows[`${name} @ ${inFlight} in flight`] = {
        'cases/s': Number(casesPerSecond.toFixed(1)),
        'start p50 ms': Math.round(percentile(lat.start, 50)),
        'start p99 ms': Math.round(percentile(lat.start, 99)),
        'complete p50 ms': Math.round(percentile(lat.complete, 50)),
        'complete p99 ms': Math.round(percentile(lat.complete, 99)),
      };
      console.log(`${name} @ ${inFlight}: ${casesPerSecond.toFixed(1)} cases/s`);
    }
    ratios.push(`${inFlight} in flight: ${(results.alur.casesPerSecond / results.floor.casesPerSecond).toFixed(2)}`);
  }

  console.log(`\nFloor vs Alur: KTP-el shape (start; 1 task; 2 parallel tasks; 1 task), ${CASES} cases per point, one Temporal dev server (WAL)`);
  console.log(
    `machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, load average after: ${load()}`,
  );
  console.table(rows);
  console.log(`ratio Alur / floor, cases/s: ${ratios.join('; ')} (goal >= 0.8 at 50)`);
} finally {
  for (const stop of cleanup) await stop().catch((err) => console.error('cleanup:', err));
}
