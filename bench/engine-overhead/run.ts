// Engine overhead: the same five-step SOP (five webhook service tasks) run as
// Alur's interpreted workflow and as a hand-written Temporal workflow with the
// same activities, on the same servers and worker settings, in alternating
// rounds. Prints cases/s for each and their ratio (goal: interpreted >= 0.9).
//
//   npm run bench:engine [-- --cases 200 --concurrency 20 --rounds 3]
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import os from 'node:os';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import type { Prisma } from '@alur/db';
import { compileBpmn } from '@alur/workflows/compiler';
import type { RunSopInput, SopIR } from '@alur/workflows';
import { parseOutboundAllow } from '@alur/workflows/outbound-policy';
import { bundleSopWorkflows, createActivities, createOutboundClient } from '@alur/worker';
import { percentile, runConcurrently, startBenchServers } from '../support/servers';
import type { HandWrittenInput } from './hand-written-workflow';

const { values: args } = parseArgs({
  options: {
    cases: { type: 'string', default: '200' },
    concurrency: { type: 'string', default: '20' },
    rounds: { type: 'string', default: '3' },
  },
});
const CASES = Number(args.cases);
const CONCURRENCY = Number(args.concurrency);
const ROUNDS = Number(args.rounds);
const STEPS = ['Registrasi', 'Verifikasi', 'Validasi', 'Penetapan', 'Penyerahan'];

function fiveStepSop(webhookUrl: string): string {
  const tasks = STEPS.map(
    (name, i) => `
    <bpmn:serviceTask id="${name}" name="${name}">
      <bpmn:extensionElements>
        <zeebe:taskDefinition type="webhook" />
        <zeebe:taskHeaders>
          <zeebe:header key="url" value="${webhookUrl}" />
          <zeebe:header key="resultVariable" value="hasil_${name}" />
        </zeebe:taskHeaders>
      </bpmn:extensionElements>
      <bpmn:incoming>f${i}</bpmn:incoming><bpmn:outgoing>f${i + 1}</bpmn:outgoing>
    </bpmn:serviceTask>
    <bpmn:sequenceFlow id="f${i}" sourceRef="${i === 0 ? 'Mulai' : STEPS[i - 1]}" targetRef="${name}" />`,
  ).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:zeebe="http://camunda.org/schema/zeebe/1.0" id="Defs" targetNamespace="https://alur.go.id/bench">
  <bpmn:process id="bench_lima_langkah" name="Lima langkah" isExecutable="true">
    <bpmn:startEvent id="Mulai"><bpmn:outgoing>f0</bpmn:outgoing></bpmn:startEvent>${tasks}
    <bpmn:sequenceFlow id="f${STEPS.length}" sourceRef="${STEPS.at(-1)}" targetRef="Selesai" />
    <bpmn:endEvent id="Selesai"><bpmn:incoming>f${STEPS.length}</bpmn:incoming></bpmn:endEvent>
  </bpmn:process>
</bpmn:definitions>`;
}

// The external system the service tasks call: answers at once, keeps nothing.
const receiver = createServer((req, res) => {
  req.resume().on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
});
await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
const webhookUrl = `http://127.0.0.1:${(receiver.address() as { port: number }).port}/hook`;

Runtime.install({ logger: new DefaultLogger('WARN') });
const servers = await startBenchServers();
const { prisma, client } = servers;
const compiled = await compileBpmn(fiveStepSop(webhookUrl));
if (!compiled.ok) throw new Error(`The benchmark SOP does not compile: ${JSON.stringify(compiled.errors)}`);
const ir: SopIR = compiled.ir;
const sop = await prisma.sopVersion.create({
  data: { key: ir.key, version: 1, name: ir.name, xml: '', ir: ir as unknown as Prisma.InputJsonValue, hash: ir.hash },
});

// The receiver is on loopback: allowed explicitly, as ALUR_OUTBOUND_ALLOW would (both workflows share these activities).
const activities = createActivities(prisma, createOutboundClient({ policy: parseOutboundAllow('127.0.0.1') }));
const [interpretedBundle, handWrittenBundle] = await Promise.all([
  bundleSopWorkflows(),
  bundleWorkflowCode({
    workflowsPath: fileURLToPath(new URL('./hand-written-workflow.ts', import.meta.url)),
    logger: { trace() {}, debug() {}, info() {}, warn: console.warn, error: console.error, log() {} },
  }),
]);
const workerOptions = { connection: servers.workerConnection, namespace: 'default', activities };
const workers = {
  interpreted: await Worker.create({ ...workerOptions, taskQueue: 'bench-interpreted', workflowBundle: interpretedBundle }),
  handWritten: await Worker.create({ ...workerOptions, taskQueue: 'bench-hand-written', workflowBundle: handWrittenBundle }),
};
const running = Object.values(workers).map((w) => w.run());

let counter = 0;
const newCase = () => ({ caseId: randomUUID(), trackingCode: `BENCH-${++counter}` });

const variants = {
  interpreted: (_i: number) => {
    const { caseId, trackingCode } = newCase();
    const input: RunSopInput = { caseId, trackingCode, sopVersionId: sop.id, sopVersion: 1, ir, variables: {} };
    return client.workflow.execute('runSop', { workflowId: caseId, taskQueue: 'bench-interpreted', args: [input] });
  },
  handWritten: (_i: number) => {
    const { caseId, trackingCode } = newCase();
    const input: HandWrittenInput = {
      caseId,
      trackingCode,
      sopVersionId: sop.id,
      sopKey: ir.key,
      sopVersion: 1,
      webhookUrl,
      steps: STEPS.map((name) => ({ id: name, name })),
    };
    return client.workflow.execute('handWrittenSop', { workflowId: caseId, taskQueue: 'bench-hand-written', args: [input] });
  },
};

type Variant = keyof typeof variants;
const results: Record<Variant, { casesPerSecond: number[]; latencies: number[] }> = {
  interpreted: { casesPerSecond: [], latencies: [] },
  handWritten: { casesPerSecond: [], latencies: [] },
};

// Warm-up: JIT, bundles, connection pools, the database's caches.
for (const variant of Object.keys(variants) as Variant[]) await runConcurrently(20, CONCURRENCY, variants[variant]);

for (let round = 1; round <= ROUNDS; round++) {
  // Alternate the order so a drift of the machine does not favour one variant.
  const order: Variant[] = round % 2 ? ['interpreted', 'handWritten'] : ['handWritten', 'interpreted'];
  for (const variant of order) {
    const t0 = performance.now();
    const latencies = await runConcurrently(CASES, CONCURRENCY, variants[variant]);
    const seconds = (performance.now() - t0) / 1000;
    results[variant].casesPerSecond.push(CASES / seconds);
    results[variant].latencies.push(...latencies);
    console.log(`round ${round} ${variant.padEnd(11)} ${(CASES / seconds).toFixed(1)} cases/s`);
  }
}

const completed = await prisma.case.count({ where: { status: 'completed' } });
const expected = (CASES * ROUNDS + 20) * 2;
const median = (xs: number[]) => percentile(xs, 50);
const summary = (v: Variant) => ({
  'cases/s (median of rounds)': Number(median(results[v].casesPerSecond).toFixed(1)),
  'case latency p50 ms': Math.round(percentile(results[v].latencies, 50)),
  'case latency p99 ms': Math.round(percentile(results[v].latencies, 99)),
});
console.log(`\nEngine overhead: 5 webhook steps per case, ${CASES} cases x ${ROUNDS} rounds per variant, ${CONCURRENCY} in flight`);
console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
console.table({ interpreted: summary('interpreted'), 'hand-written': summary('handWritten') });
const ratio = median(results.interpreted.casesPerSecond) / median(results.handWritten.casesPerSecond);
console.log(`ratio interpreted / hand-written: ${ratio.toFixed(2)} (goal >= 0.90)`);
console.log(`cases completed in the projection: ${completed} of ${expected}`);

for (const w of Object.values(workers)) w.shutdown();
await Promise.all(running);
await servers.stop();
receiver.close();
if (completed !== expected) process.exitCode = 1;
