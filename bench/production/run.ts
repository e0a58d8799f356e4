// bench:floor on the production shape (issue 16): the full Temporal server
// (embedded/temporal-server.ts: 1.30.4 built from the Go module proxy, not the dev
// server) with PostgreSQL persistence, and Alur as docker-compose runs it, two API
// processes and two worker processes (api/src/main.ts, worker/src/main.ts) against
// that server and one PostgreSQL; each case's HTTP calls go round the two APIs, as
// a load balancer would send them. The floor (the hand-written workflow) runs on
// the same server in the same run. Same shape, counts and figures as bench:floor
// (bench/floor/measure.ts).
//
//   npm run bench:production                 (200 cases per point, 4 and 50 in flight)
//   FLOOR_CASES=20 FLOOR_IN_FLIGHT=4,50 npm run bench:production
//
// One embedded PostgreSQL holds Alur's database and the server's two; all of it
// runs on this machine, so the figures are the shape's cost, not a cluster's.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { migrateDatabase } from '@alur/db';
import { startEmbeddedPostgres } from '../../embedded/postgres';
import { ensureTemporalServer, startTemporalServer, TEMPORAL_SERVER_VERSION, temporalServerUnavailable } from '../../embedded/temporal-server';
import { freePort } from '../../test/support/free-port';
import { floorCase, loadAverage, measureFloorAndAlur, prepareAlur, startFloorWorker } from '../floor/measure';
import { BENCH_ADMIN_PASSWORD, httpClient } from '../support/system';

const CASES = Number(process.env.FLOOR_CASES ?? 200);
const IN_FLIGHT = (process.env.FLOOR_IN_FLIGHT ?? '4,50').split(',').map(Number);
const API_PROCESSES = Number(process.env.BENCH_APIS ?? 2);
const WORKER_PROCESSES = Number(process.env.BENCH_WORKERS ?? 2);
if (!(CASES > 0) || IN_FLIGHT.some((n) => !(n > 0))) throw new Error('FLOOR_CASES and FLOOR_IN_FLIGHT must be positive numbers');
if (!(API_PROCESSES >= 1 && WORKER_PROCESSES >= 1)) throw new Error('BENCH_APIS and BENCH_WORKERS must be at least 1');
const unavailable = temporalServerUnavailable();
if (unavailable) {
  console.error(`bench:production cannot run: ${unavailable}`);
  process.exit(1);
}

const root = resolve(import.meta.dirname, '..', '..');

/** An API or worker process as docker-compose runs it; resolves once it says it is ready. Keeps only its last lines. */
async function startProcess(kind: 'api' | 'worker', env: Record<string, string>): Promise<{ child: ChildProcess; url?: string }> {
  const port = kind === 'api' ? await freePort() : undefined;
  const child = spawn(process.execPath, ['--import', 'tsx', `${kind}/src/main.ts`], {
    cwd: root,
    env: { ...process.env, ...env, ...(port ? { PORT: String(port), HOST: '127.0.0.1' } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ready = kind === 'api' ? 'Server listening' : 'Alur worker polling';
  let tail = '';
  await new Promise<void>((ok, fail) => {
    const timer = setTimeout(() => fail(new Error(`${kind} process did not come up in 300 s:\n${tail}`)), 300_000);
    const onData = (d: Buffer) => {
      tail = (tail + d.toString()).slice(-4000);
      if (tail.includes(ready)) {
        clearTimeout(timer);
        ok();
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => fail(new Error(`${kind} process exited (${code}) before it was ready:\n${tail}`)));
  });
  // Read on (and drop) what it prints, so a full pipe never stalls it.
  child.stdout!.removeAllListeners('data').resume();
  child.stderr!.removeAllListeners('data').resume();
  return { child, ...(port ? { url: `http://127.0.0.1:${port}` } : {}) };
}

async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

Runtime.install({ logger: new DefaultLogger('WARN') });
console.log(`load average before: ${loadAverage()}`);
const install = await ensureTemporalServer();
const dir = mkdtempSync(join(os.tmpdir(), 'alur-bench-production-'));
chmodSync(dir, 0o755); // initdb runs as the `postgres` user when this runs as root
const cleanup: (() => Promise<unknown>)[] = [async () => rmSync(dir, { recursive: true, force: true })];
try {
  const pgPort = await freePort();
  console.log('starting PostgreSQL (embedded) and the Temporal server with PostgreSQL persistence...');
  const pg = await startEmbeddedPostgres({ dir: join(dir, 'pg', 'data'), port: pgPort, persistent: false });
  cleanup.unshift(() => pg.stop());
  await pg.createDatabase('alur');
  const databaseUrl = pg.databaseUrl('alur');
  await migrateDatabase(databaseUrl);
  const server = await startTemporalServer({
    install,
    postgres: { host: '127.0.0.1', port: pgPort, user: 'alur', password: 'alur' },
    dataDir: join(dir, 'temporal'),
  });
  cleanup.unshift(() => server.stop());
  console.log(`Temporal server ${install.version} on ${server.address} (log ${server.logFile})`);

  const floorWorker = await startFloorWorker(server.address, server.namespace);
  cleanup.unshift(() => floorWorker.stop());
  const connection = await Connection.connect({ address: server.address });
  cleanup.unshift(() => connection.close());
  const client = new Client({ connection, namespace: server.namespace });

  console.log(`starting ${API_PROCESSES} API and ${WORKER_PROCESSES} worker processes against it...`);
  const env = {
    DATABASE_URL: databaseUrl,
    TEMPORAL_ADDRESS: server.address,
    TEMPORAL_NAMESPACE: server.namespace,
    ALUR_TASK_QUEUE: 'alur-sop',
    ALUR_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
  };
  // The first API migrates and creates the admin account; the others start after it.
  const first = await startProcess('api', env);
  const processes = [
    first,
    ...(await Promise.all([
      ...Array.from({ length: API_PROCESSES - 1 }, () => startProcess('api', env)),
      ...Array.from({ length: WORKER_PROCESSES }, () => startProcess('worker', env)),
    ])),
  ];
  cleanup.unshift(() => Promise.all(processes.map((p) => stopProcess(p.child))));
  const apis = processes.filter((p) => p.url).map((p) => httpClient(p.url!));
  const alurCase = await prepareAlur(apis, BENCH_ADMIN_PASSWORD);

  await measureFloorAndAlur({
    cases: CASES,
    inFlight: IN_FLIGHT,
    floor: floorCase(client),
    alur: alurCase,
    title:
      `Floor vs Alur, production shape: KTP-el shape (start; 1 task; 2 parallel tasks; 1 task), ${CASES} cases per point, ` +
      `Temporal server ${TEMPORAL_SERVER_VERSION} on PostgreSQL (${install.dir}), ${API_PROCESSES} API + ${WORKER_PROCESSES} worker processes`,
  });
} finally {
  for (const stop of cleanup) await stop().catch((err) => console.error('cleanup:', err));
}
