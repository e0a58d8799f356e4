// Runs a worker process against external PostgreSQL and Temporal (scaled-out
// mode; start as many as the load needs, they share the task queue), and as a
// child of `npm start`'s supervisor (embedded/supervisor.ts).
import { NativeConnection } from '@temporalio/worker';
import { createPrisma } from '@alur/db';
import { startLookupCache } from '@alur/cases';
import {
  createSopWorker,
  jobRetentionMsFromEnv,
  notifierOptionsFromEnv,
  smtpSettingsFromEnv,
  startComplaintNotifier,
  startDeviationNotifier,
  startJobPruner,
  workerConfigFromEnv,
} from './index';
import { installWorkerLogger, logWorkerError } from './logger';

// The supervisor is gone (even kill -9): stop as on SIGTERM, so no worker outlives `npm start`.
process.once('disconnect', () => {
  setTimeout(() => process.exit(1), 20_000).unref();
  process.kill(process.pid, 'SIGTERM');
});

const config = workerConfigFromEnv();
const jobRetentionMs = jobRetentionMsFromEnv();
installWorkerLogger(config.logLevel);
const prisma = createPrisma(config.databaseUrl);
// Calendars of units for the cases the worker starts (signals, messages, calls), kept until a change is announced.
const lookups = await startLookupCache(prisma, config.databaseUrl, (m) => console.warn(m));
const connection = await NativeConnection.connect({ address: config.temporalAddress, ...config.temporalSecurity });
const worker = await createSopWorker({
  connection,
  namespace: config.temporalNamespace,
  taskQueue: config.taskQueue,
  prisma,
  outbound: config.outbound,
  cases: config.cases,
});
const notifier = startDeviationNotifier({
  prisma,
  ...notifierOptionsFromEnv(),
  outbound: config.outbound,
  onError: (err) => logWorkerError('deviation webhooks', err),
});
// Notices to complaint reporters (issue 18): webhook through the outbound policy, or e-mail through ALUR_SMTP_*.
const complaintNotifier = startComplaintNotifier({
  prisma,
  smtp: smtpSettingsFromEnv(),
  publicUrl: process.env.ALUR_PUBLIC_URL,
  ...(process.env.ALUR_VERDICT_DAYS ? { verdictDays: Number(process.env.ALUR_VERDICT_DAYS) } : {}),
  pollMs: notifierOptionsFromEnv().pollMs,
  outbound: config.outbound,
  onError: (err) => logWorkerError('complaint notices', err),
});
// Finished job rows older than ALUR_JOB_RETENTION (default P7D) are deleted hourly.
const jobPruner = startJobPruner({ prisma, retentionMs: jobRetentionMs, onError: (err) => logWorkerError('job pruning', err) });
console.log(`Alur worker polling task queue "${config.taskQueue}" on ${config.temporalAddress}`);
process.send?.({ alur: 'ready' });
await worker.run(); // returns after SIGINT/SIGTERM (the SDK installs the handlers)
await notifier.stop();
await complaintNotifier.stop();
await jobPruner.stop();
await lookups.close();
await connection.close();
await prisma.$disconnect();
process.exit(0); // an open IPC channel (under `npm start`) would keep the process alive
