// What bench:floor and bench:production measure, the same way on either server:
// the KTP-el shape (start; one task; two parallel tasks; one task), driven as the
// hand-written floor workflow (bench/floor/workflows.ts, Temporal Updates, no
// database) and as Alur's HTTP path (the SOP deployed through the API, cases
// started and each task completed over HTTP with a staff token). Prints cases/s,
// start and complete-task p50/p99 and the ratio Alur / floor per in-flight count.
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Client } from '@temporalio/client';
import { bundleWorkflowCode, NativeConnection, Worker } from '@temporalio/worker';
import { percentile } from '../support/percentile';
import type { HttpClient } from '../support/system';
import { completeTask, FLOOR_TASKS } from './workflows';

const { first, parallel, last } = FLOOR_TASKS;
export const SOP_KEY = 'bench_ktp_el';
export const KTP_EL_SOP = `<?xml version="1.0" encoding="UTF-8"?>
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

export interface Latencies {
  start: number[];
  complete: number[];
}
export type OneCase = (lat: Latencies) => Promise<void>;

const timed = async <T>(into: number[], p: () => Promise<T>): Promise<T> => {
  const t0 = performance.now();
  const value = await p();
  into.push(performance.now() - t0);
  return value;
};

/** `count` cases, `inFlight` at a time; cases/s and the latencies. */
export async function drive(count: number, inFlight: number, oneCase: OneCase) {
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

export const loadAverage = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');

/** The floor's worker, in this process, on a task queue of its own; stop() ends it. */
export async function startFloorWorker(address: string, namespace = 'default') {
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({
    connection,
    namespace,
    taskQueue: 'bench-floor',
    workflowBundle: await bundleWorkflowCode({
      workflowsPath: fileURLToPath(new URL('./workflows.ts', import.meta.url)),
      logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} },
    }),
  });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}

/** One floor case: start the hand-written workflow, complete its four tasks by Update. */
export const floorCase =
  (client: Client): OneCase =>
  async (lat) => {
    const handle = await timed(lat.start, () => client.workflow.start('floorKtpEl', { taskQueue: 'bench-floor', workflowId: `floor-${randomUUID()}` }));
    const complete = (taskId: string) => timed(lat.complete, () => handle.executeUpdate(completeTask, { args: [taskId] }));
    await complete(first);
    await Promise.all(parallel.map(complete));
    await complete(last);
  };

const must = async <T>(what: string, p: Promise<{ status: number; body: T }>, ok = [200, 201]) => {
  const res = await p;
  if (!ok.includes(res.status)) throw new Error(`${what}: HTTP ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
};

/**
 * Alur's side: a petugas account and the SOP deployed (through the first API),
 * then one case = start, and each task completed once it is in the inbox. With
 * several APIs (the production shape), each case's calls go round the APIs, the
 * way a load balancer in front of them would send them.
 */
export async function prepareAlur(apis: HttpClient[], adminPassword: string): Promise<OneCase> {
  const http = apis[0]!;
  const admin = (await must('login admin', http.call<{ token: string }>('POST', '/api/auth/login', { json: { username: 'admin', password: adminPassword } })))
    .token;
  await must(
    'create petugas',
    http.call('POST', '/api/users', { token: admin, json: { username: 'petugas1', password: 'petugas1-password', roles: ['petugas'] } }),
  );
  const petugas = (
    await must('login petugas', http.call<{ token: string }>('POST', '/api/auth/login', { json: { username: 'petugas1', password: 'petugas1-password' } }))
  ).token;
  await must('deploy', http.call('POST', '/api/sops', { token: admin, xml: KTP_EL_SOP }));

  let calls = 0;
  const api = () => apis[calls++ % apis.length]!;
  /** The open tasks of a case with these element ids, once all of them are open (the staff's inbox, polled). */
  const openTasks = async (caseId: string, elementIds: readonly string[]) => {
    for (let attempt = 0; attempt < 1000; attempt++) {
      const tasks = await must('tasks', api().call<{ id: string; elementId: string }[]>('GET', `/api/tasks?instanceId=${caseId}`, { token: petugas }));
      const found = elementIds.map((id) => tasks.find((t) => t.elementId === id));
      if (found.every((t) => t)) return found.map((t) => t!.id);
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`tasks ${elementIds.join(', ')} of ${caseId} never opened`);
  };
  return async (lat) => {
    const started = await timed(lat.start, () =>
      must('start', api().call<{ id: string }>('POST', `/api/sops/${SOP_KEY}/instances`, { token: petugas, json: { variables: { pemohon: 'Warga' } } })),
    );
    const complete = (taskId: string) =>
      timed(lat.complete, () => must('complete', api().call('POST', `/api/tasks/${taskId}/complete`, { token: petugas, json: { variables: {} } })));
    for (const step of [[first], parallel, [last]] as const) {
      await Promise.all((await openTasks(started.id, step)).map(complete));
    }
  };
}

/** Warm-up, then floor and Alur at each in-flight count; prints the table and the ratios. */
export async function measureFloorAndAlur(o: { cases: number; inFlight: number[]; floor: OneCase; alur: OneCase; title: string }) {
  const warmUp = Math.min(10, o.cases);
  // Warm-up: JIT, bundles, connection pools, caches.
  await drive(warmUp, Math.min(4, warmUp), o.floor);
  await drive(warmUp, Math.min(4, warmUp), o.alur);

  const rows: Record<string, Record<string, number | string>> = {};
  const ratios: string[] = [];
  for (const inFlight of o.inFlight) {
    const results = { floor: await drive(o.cases, inFlight, o.floor), alur: await drive(o.cases, inFlight, o.alur) };
    for (const [name, { casesPerSecond, lat }] of Object.entries(results)) {
      rows[`${name} @ ${inFlight} in flight`] = {
        'cases/s': Number(casesPerSecond.toFixed(1)),
        'start p50 ms': Math.round(percentile(lat.start, 50)),
        'start p99 ms': Math.round(percentile(lat.start, 99)),
        'complete p50 ms': Math.round(percentile(lat.complete, 50)),
        'complete p99 ms': Math.round(percentile(lat.complete, 99)),
        'load after': loadAverage(),
      };
      console.log(`${name} @ ${inFlight}: ${casesPerSecond.toFixed(1)} cases/s (load average ${loadAverage()})`);
    }
    ratios.push(`${inFlight} in flight: ${(results.alur.casesPerSecond / results.floor.casesPerSecond).toFixed(2)}`);
  }

  console.log(`\n${o.title}`);
  console.log(
    `machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}, load average after: ${loadAverage()}`,
  );
  console.table(rows);
  console.log(`ratio Alur / floor, cases/s: ${ratios.join('; ')} (goal >= 0.8 at 50)`);
}
