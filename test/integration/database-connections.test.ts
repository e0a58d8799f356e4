// Connections a broken transaction held come back to the pool. Prisma releases
// a transaction's connection only after its COMMIT or ROLLBACK succeeded; when
// PostgreSQL drops the connection under a transaction (a restart, a kill) that
// never happens, and after the pool's size of them every query of the process
// waited forever: after a database restart under load, the worker's projection
// timed out on every retry (the fault test's stuck cases).
import { afterAll, beforeAll, expect, it } from 'vitest';
import pg from 'pg';
import { createPrisma, type PrismaClient } from '@alur/db';
import { createDatabaseFromTemplate } from '../support/alur';

let url: string;
let prisma: PrismaClient;
let admin: pg.Client;

beforeAll(async () => {
  url = await createDatabaseFromTemplate();
  prisma = createPrisma(url);
  admin = new pg.Client({ connectionString: url });
  await admin.connect();
});
afterAll(async () => {
  await prisma?.$disconnect();
  await admin?.end();
});

it('a transaction whose connection is killed gives its connection back: more kills than the pool has connections, and queries still run', async () => {
  // pg's default pool holds 10 connections.
  for (let i = 0; i < 12; i++) {
    const killed = prisma.$transaction(async (tx) => {
      const [backend] = await tx.$queryRaw<{ pid: number }[]>`SELECT pg_backend_pid() AS pid`;
      await admin.query('SELECT pg_terminate_backend($1)', [backend!.pid]);
      await tx.$queryRaw`SELECT 1`;
    });
    await expect(killed).rejects.toThrow();
  }
  const started = Date.now();
  await expect(prisma.$queryRaw`SELECT 1 AS ok`).resolves.toEqual([{ ok: 1 }]);
  await expect(prisma.$transaction((tx) => tx.$queryRaw`SELECT 2 AS ok`)).resolves.toEqual([{ ok: 2 }]);
  expect(Date.now() - started).toBeLessThan(5_000);
});
