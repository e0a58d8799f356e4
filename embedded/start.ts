// `npm start`: the whole system on one machine. Embedded PostgreSQL and the
// Temporal dev server keep their data under ./data (ALUR_DATA_DIR), so a second
// start finds every case where it was. DATABASE_URL / TEMPORAL_ADDRESS switch
// to external servers instead.
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { buildApp, apiConfigFromEnv } from '@alur/api';
import { createPrisma, migrateDatabase } from '@alur/db';
import { logLevelFromEnv } from '@alur/workflows';
import { createSopWorker, installWorkerLogger, notifierOptionsFromEnv, outboundOptionsFromEnv, startDeviationNotifier } from '@alur/worker';
import { ensureDir, startEmbeddedPostgres } from './postgres';
import { startTemporalDevServer } from './temporal';
import { webAppNeedsBuild } from './web-app';

const root = resolve(import.meta.dirname, '..');
const dataDir = ensureDir(resolve(process.env.ALUR_DATA_DIR ?? join(root, 'data')));
const port = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const stops: (() => Promise<unknown>)[] = [];
const log = (msg: string) => console.log(`[alur] ${msg}`);

async function main() {
  // Before anything uses Temporal's runtime (the dev server helper does): it keeps the logger it started with.
  installWorkerLogger(logLevelFromEnv());
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const pg = await startEmbeddedPostgres({ dir: join(dataDir, 'postgres'), port: port('ALUR_PG_PORT', 54329), persistent: true });
    stops.unshift(() => pg.stop());
    await pg.createDatabase('alur');
    databaseUrl = pg.databaseUrl('alur');
    log(`embedded PostgreSQL: ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}`);
  }
  await migrateDatabase(databaseUrl);

  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    const server = await startTemporalDevServer({
      port: port('ALUR_TEMPORAL_PORT', 7233),
      uiPort: port('ALUR_TEMPORAL_UI_PORT', 8233),
      dbFile: join(dataDir, 'temporal.sqlite'),
    });
    stops.unshift(() => server.stop());
    temporalAddress = server.address;
    log(`Temporal dev server: ${temporalAddress}, web UI ${server.uiUrl}`);
  }

  if (webAppNeedsBuild(root)) {
    log('building the web app (modeler/dist)...');
    execFileSync('npm', ['run', 'build', '-w', '@alur/modeler'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
  }

  const config = apiConfigFromEnv({ ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress });
  const prisma = createPrisma(config.databaseUrl);
  stops.unshift(() => prisma.$disconnect());

  const workerConnection = await NativeConnection.connect({ address: config.temporalAddress, ...config.temporalSecurity });
  // ALUR_OUTBOUND_ALLOW / ALUR_OUTBOUND_MAX_RESPONSE_BYTES: what webhook tasks and deviation webhooks may call.
  const outbound = outboundOptionsFromEnv();
  const worker = await createSopWorker({ connection: workerConnection, namespace: config.temporalNamespace, taskQueue: config.taskQueue, prisma, outbound });
  const workerDone = worker.run();
  const notifier = startDeviationNotifier({ prisma, ...notifierOptionsFromEnv(), outbound });
  stops.unshift(async () => {
    if (worker.getState() === 'RUNNING') worker.shutdown();
    await workerDone;
    await notifier.stop();
    await workerConnection.close();
  });

  const connection = await Connection.connect({ address: config.temporalAddress, ...config.temporalSecurity });
  const temporal = new Client({ connection, namespace: config.temporalNamespace });
  const app = await buildApp({ prisma, temporal, taskQueue: config.taskQueue, adminPassword: config.adminPassword, defaultUnit: config.defaultUnit, rateLimits: config.rateLimits, trustProxy: config.trustProxy, documentMaxBytes: config.documentMaxBytes, outboundPolicy: config.outboundPolicy });
  stops.unshift(async () => {
    await app.close();
    await connection.close();
  });
  await app.listen({ port: config.port, host: '0.0.0.0' });
  log(`Alur is running: http://localhost:${config.port}  (API docs: /docs; login admin / ALUR_ADMIN_PASSWORD)`);
  log('Ctrl-C stops everything.');
}

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  log('stopping...');
  for (const fn of stops) {
    await fn().catch((err) => console.error(`[alur] while stopping: ${(err as Error).message}`));
  }
  process.exit(code);
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
main().catch((err) => {
  console.error(`[alur] could not start: ${(err as Error).message}`);
  void stop(1);
});
