// Runs the API process against external PostgreSQL and Temporal (scaled-out mode).
import { Client, Connection } from '@temporalio/client';
import { createPrisma, migrateDatabase } from '@alur/db';
import { apiConfigFromEnv, buildApp } from './index';

const config = apiConfigFromEnv();
await migrateDatabase(config.databaseUrl);
const prisma = createPrisma(config.databaseUrl);
const connection = await Connection.connect({ address: config.temporalAddress, ...config.temporalSecurity });
const temporal = new Client({ connection, namespace: config.temporalNamespace });
const app = await buildApp({ prisma, temporal, taskQueue: config.taskQueue, adminPassword: config.adminPassword, defaultUnit: config.defaultUnit, rateLimits: config.rateLimits, trustProxy: config.trustProxy, documentMaxBytes: config.documentMaxBytes, outboundPolicy: config.outboundPolicy, logger: config.logLevel });
await app.listen({ port: config.port, host: '0.0.0.0' });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, async () => {
    await app.close();
    await connection.close();
    await prisma.$disconnect();
  });
}
