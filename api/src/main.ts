// Runs the API process against external PostgreSQL and Temporal (scaled-out
// mode), and as a child of `npm start`'s supervisor (embedded/supervisor.ts).
import { Client, Connection } from '@temporalio/client';
import { TimerSchedules } from '@alur/cases';
import { createPrisma, migrateDatabase } from '@alur/db';
import { apiConfigFromEnv, buildApp } from './index';
import type { SupervisedWorkerState } from './routes/health';

// Under `npm start`: the supervisor says how its worker process is doing, for /api/health.
let supervisedWorker: SupervisedWorkerState | undefined;
process.on('message', (msg: { alur?: string; worker?: SupervisedWorkerState } | null) => {
  if (msg?.alur === 'worker-state') supervisedWorker = msg.worker;
});
// What stop() closes, as soon as it exists (a stop may come while starting).
const closers: (() => Promise<unknown>)[] = [];
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => void stop());
// The supervisor is gone (even kill -9): no API outlives `npm start`.
process.once('disconnect', () => void stop());

const config = apiConfigFromEnv();
await migrateDatabase(config.databaseUrl);
const prisma = createPrisma(config.databaseUrl);
closers.unshift(() => prisma.$disconnect());
const connection = await Connection.connect({ address: config.temporalAddress, ...config.temporalSecurity });
closers.unshift(() => connection.close());
const temporal = new Client({ connection, namespace: config.temporalNamespace });
const app = await buildApp({
  prisma,
  temporal,
  taskQueue: config.taskQueue,
  databaseUrl: config.databaseUrl,
  adminPassword: config.adminPassword,
  sessionIdleMinutes: config.sessionIdleMinutes,
  defaultUnit: config.defaultUnit,
  rateLimits: config.rateLimits,
  trustProxy: config.trustProxy,
  documentMaxBytes: config.documentMaxBytes,
  maxCaseVariablesBytes: config.maxCaseVariablesBytes,
  outboundPolicy: config.outboundPolicy,
  sopApproval: config.sopApproval,
  governance: config.governance,
  logger: config.logLevel,
  supervisedWorker: () => supervisedWorker,
});
closers.unshift(() => app.close());
// HOST: every interface by default (a container); `npm start` passes 127.0.0.1 unless told otherwise.
await app.listen({ port: config.port, host: process.env.HOST || '0.0.0.0' });
process.send?.({ alur: 'ready' });
// Timer start schedules live in Temporal and survive restarts; this repairs any whose sync failed (Temporal was down at a deploy).
new TimerSchedules(prisma, temporal, config.taskQueue).syncAll().catch((err: Error) => app.log.warn({ err }, 'timer start schedules not synced at start'));

async function stop() {
  if (stopping) return;
  stopping = true;
  for (const close of closers) await close().catch(() => {});
  process.exit(0);
}
