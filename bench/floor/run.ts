// The floor: Alur against the least its substrate can do, in one run, on one
// Temporal dev server (started here with the WAL pragmas, as `npm start`
// starts it). The KTP-el shape: start; one task; two parallel tasks; one task.
//   floor: a hand-written Temporal workflow doing only that (bench/floor/workflows.ts),
//          each task completed by a Temporal Update, no database;
//   alur:  Alur's real HTTP path (npm start's API and worker against this same
//          server, its own embedded PostgreSQL): the SOP deployed through the API,
//          cases started and each task completed over HTTP with a staff token.
// At each in-flight count, the same number of cases for both. Prints cases/s,
// start and complete-task p50/p99 and the ratio Alur / floor (bench/floor/measure.ts;
// bench:production measures the same on the production shape).
//
//   npm run bench:floor                      (200 cases per point, 4 and 50 in flight)
//   FLOOR_CASES=20 FLOOR_IN_FLIGHT=4,50 npm run bench:floor
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { startTemporalDevServer } from '../../embedded/temporal';
import { freePort } from '../../test/support/free-port';
import { BENCH_ADMIN_PASSWORD, httpClient, startSystem } from '../support/system';
import { floorCase, loadAverage, measureFloorAndAlur, prepareAlur, startFloorWorker } from './measure';

const CASES = Number(process.env.FLOOR_CASES ?? 200);
const IN_FLIGHT = (process.env.FLOOR_IN_FLIGHT ?? '4,50').split(',').map(Number);
if (!(CASES > 0) || IN_FLIGHT.some((n) => !(n > 0))) throw new Error('FLOOR_CASES and FLOOR_IN_FLIGHT must be positive numbers');

Runtime.install({ logger: new DefaultLogger('WARN') });
console.log(`load average before: ${loadAverage()}`);
const dataDir = mkdtempSync(join(os.tmpdir(), 'alur-bench-floor-'));
console.log('starting the Temporal dev server (SQLite file, WAL pragmas)...');
const temporal = await startTemporalDevServer({ port: await freePort(), dbFile: join(dataDir, 'temporal.sqlite') });
const cleanup: (() => Promise<unknown>)[] = [async () => rmSync(dataDir, { recursive: true, force: true }), () => temporal.stop()];
try {
  const floorWorker = await startFloorWorker(temporal.address);
  cleanup.unshift(() => floorWorker.stop());
  const connection = await Connection.connect({ address: temporal.address });
  cleanup.unshift(() => connection.close());
  const client = new Client({ connection, namespace: 'default' });

  // Alur: npm start (API and worker, embedded PostgreSQL) against the same Temporal server.
  console.log('starting Alur (npm start) against that server...');
  const system = await startSystem({ TEMPORAL_ADDRESS: temporal.address, ALUR_WEB_APP_BUILD: 'off' });
  cleanup.unshift(() => system.stop());
  const alurCase = await prepareAlur([httpClient(system.baseUrl)], BENCH_ADMIN_PASSWORD);

  await measureFloorAndAlur({
    cases: CASES,
    inFlight: IN_FLIGHT,
    floor: floorCase(client),
    alur: alurCase,
    title: `Floor vs Alur: KTP-el shape (start; 1 task; 2 parallel tasks; 1 task), ${CASES} cases per point, one Temporal dev server (WAL)`,
  });
} finally {
  for (const stop of cleanup) await stop().catch((err) => console.error('cleanup:', err));
}
