// Runs a worker process against external PostgreSQL and Temporal (scaled-out
// mode). Start as many as the load needs; they share the task queue.
import { NativeConnection } from '@temporalio/worker';
import { createPrisma } from '@alur/db';
import { createSopWorker, notifierOptionsFromEnv, startDeviationNotifier, workerConfigFromEnv } from './index';
import { installWorkerLogger, logWorkerError } from './logger';

const config = workerConfigFromEnv();
installWorkerLogger(config.logLevel);
const prisma = createPrisma(config.databaseUrl);
const connection = await NativeConnection.connect({ address: config.temporalAddress, ...config.temporalSecurity });
const worker = await createSopWorker({ connection, namespace: config.temporalNamespace, taskQueue: config.taskQueue, prisma, outbound: config.outbound });
const notifier = startDeviationNotifier({ prisma, ...notifierOptionsFromEnv(), outbound: config.outbound, onError: (err) => logWorkerError('deviation webhooks', err) });
console.log(`Alur worker polling task queue "${config.taskQueue}" on ${config.temporalAddress}`);
await worker.run(); // returns after SIGINT/SIGTERM (the SDK installs the handlers)
await notifier.stop();
await connection.close();
await prisma.$disconnect();
