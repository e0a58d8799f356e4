// End-to-end throughput of the embedded default (`npm start` on this machine):
// cases started and driven to completion through the HTTP API, two user tasks
// each, with p50/p99 latency of task completion and of the tracking page, and
// where the CPU time went.
//
//   npm run bench:e2e [-- --cases 200 --concurrency 16]
import os from 'node:os';
import { parseArgs } from 'node:util';
import { cpuByProgram, cpuDelta } from '../support/cpu';
import { percentile } from '../support/percentile';
import { BENCH_ADMIN_PASSWORD, httpClient, startSystem } from '../support/system';
import { twoStepSopXml } from '../../test/support/fixtures';

const { values: args } = parseArgs({ options: { cases: { type: 'string', default: '200' }, concurrency: { type: 'string', default: '16' } } });
const CASES = Number(args.cases);
const CONCURRENCY = Number(args.concurrency);

const SOP = twoStepSopXml({
  key: 'bench_layanan',
  name: 'Layanan surat keterangan',
  start: 'Mulai',
  end: 'Selesai',
  steps: [
    ['Terima', 'Terima berkas'],
    ['Terbitkan', 'Terbitkan surat'],
  ],
});

console.log('starting the system (npm start, embedded servers)...');
// The tracking page's per-address rate limit would throttle a load from one address.
const system = await startSystem({ ALUR_TRACK_RATE_LIMIT: '1000000' });
const http = httpClient(system.baseUrl);
try {
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

  const latencies = { start: [] as number[], complete: [] as number[], track: [] as number[] };
  const timed = async <T>(into: number[], p: () => Promise<T>) => {
    const t0 = performance.now();
    const value = await p();
    into.push(performance.now() - t0);
    return value;
  };
  const openTask = async (caseId: string, elementId: string) => {
    for (let attempt = 0; attempt < 500; attempt++) {
      const tasks = await must('tasks', http.call<{ id: string; elementId: string }[]>('GET', `/api/tasks?instanceId=${caseId}`, { token: petugas }));
      const task = tasks.find((t) => t.elementId === elementId);
      if (task) return task;
      await new Promise((r) => setTimeout(r, 20));
    }
    throw new Error(`task ${elementId} of ${caseId} never opened`);
  };
  const oneCase = async () => {
    const started = await timed(latencies.start, () =>
      must(
        'start',
        http.call<{ id: string; trackingCode: string }>('POST', '/api/sops/bench_layanan/instances', {
          token: petugas,
          json: { variables: { pemohon: 'Warga' } },
        }),
      ),
    );
    for (const elementId of ['Terima', 'Terbitkan']) {
      const task = await openTask(started.id, elementId);
      await timed(latencies.complete, () =>
        must('complete', http.call('POST', `/api/tasks/${task.id}/complete`, { token: petugas, json: { variables: { [`${elementId}_ok`]: true } } })),
      );
      await timed(latencies.track, () => must('track', http.call('GET', `/api/track/${started.trackingCode}`)));
    }
  };
  const drive = async (count: number) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next++ < count) await oneCase();
      }),
    );
  };

  await drive(Math.min(20, CASES)); // warm-up
  for (const list of Object.values(latencies)) list.length = 0;
  const cpuBefore = cpuByProgram(system.pid);
  const t0 = performance.now();
  await drive(CASES);
  const seconds = (performance.now() - t0) / 1000;
  const cpu = cpuDelta(cpuBefore, cpuByProgram(system.pid));

  const row = (xs: number[]) => ({ n: xs.length, 'p50 ms': Math.round(percentile(xs, 50)), 'p99 ms': Math.round(percentile(xs, 99)) });
  console.log(`\nEnd-to-end: ${CASES} cases, 2 user tasks each, ${CONCURRENCY} clients in flight, over HTTP against npm start`);
  console.log(`machine: ${os.cpus().length} x ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  console.log(`throughput: ${(CASES / seconds).toFixed(1)} cases/s completed (${seconds.toFixed(1)} s)`);
  console.table({ 'start case': row(latencies.start), 'complete task': row(latencies.complete), 'tracking page': row(latencies.track) });
  console.log(`CPU seconds during the run, by program (of ${(seconds * os.cpus().length).toFixed(0)} available):`, cpu);
} finally {
  await system.stop();
}
