// The real servers a benchmark runs against: embedded PostgreSQL (migrated)
// and the Temporal dev server, on free ports, in a throwaway directory.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { createPrisma, migrateDatabase, type PrismaClient } from '@alur/db';
import { startEmbeddedPostgres } from '../../embedded/postgres';
import { startTemporalDevServer } from '../../embedded/temporal';
import { freePort } from '../../test/support/free-port';

export { percentile } from './percentile';

export interface BenchServers {
  prisma: PrismaClient;
  client: Client;
  workerConnection: NativeConnection;
  stop(): Promise<void>;
}

export async function startBenchServers(): Promise<BenchServers> {
  const dir = mkdtempSync(join(tmpdir(), 'alur-bench-'));
  chmodSync(dir, 0o755);
  const [pgPort, temporalPort] = await Promise.all([freePort(), freePort()]);
  const [pg, temporal] = await Promise.all([
    startEmbeddedPostgres({ dir: join(dir, 'pg', 'data'), port: pgPort, persistent: false }),
    startTemporalDevServer({ port: temporalPort }),
  ]);
  await pg.createDatabase('alur');
  const databaseUrl = pg.databaseUrl('alur');
  await migrateDatabase(databaseUrl);
  const prisma = createPrisma(databaseUrl);
  const connection = await Connection.connect({ address: temporal.address });
  const workerConnection = await NativeConnection.connect({ address: temporal.address });
  return {
    prisma,
    client: new Client({ connection }),
    workerConnection,
    async stop() {
      await workerConnection.close();
      await connection.close();
      await prisma.$disconnect();
      await temporal.stop();
      await pg.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `count` jobs with at most `concurrency` in flight; returns each job's latency in ms. */
export async function runConcurrently(count: number, concurrency: number, job: (i: number) => Promise<unknown>): Promise<number[]> {
  const latencies: number[] = [];
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      const t0 = performance.now();
      await job(i);
      latencies.push(performance.now() - t0);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
  return latencies;
}
