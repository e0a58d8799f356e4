// Alur's database access: the generated Prisma client on the pg driver adapter
// (no Rust engine), and migrations applied with the Prisma CLI.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient } from '../generated/client';

export { Prisma } from '../generated/client';
export type { PrismaClient };
export type * from '../generated/models';
export * from './audit';

const prismaDir = join(dirname(fileURLToPath(import.meta.url)), '..');

export function createPrisma(databaseUrl: string): PrismaClient {
  const pool = new SelfHealingPool({ connectionString: databaseUrl, connectionTimeoutMillis: CONNECTION_WAIT_MS });
  return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

/** How long a query waits for a pooled connection before it fails (pg waits forever by default). */
const CONNECTION_WAIT_MS = 10_000;

/**
 * A pool that gets back the connections a broken transaction holds. Prisma's
 * transaction manager releases a transaction's connection only after its
 * COMMIT or ROLLBACK succeeded; when PostgreSQL restarts under a transaction
 * those fail, the connection is never released, and after `max` of them every
 * query of the process waits forever (seen as projection activities that time
 * out on every attempt after a database restart). Here a checked-out
 * connection that errors or ends is released (and so destroyed) at once, and
 * a second release is ignored.
 */
class SelfHealingPool extends pg.Pool {
  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(
    callback?: (err: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<pg.PoolClient> | void {
    // pool.query() checks out with a callback and always releases: only promise checkouts (transactions) need the guard.
    if (callback) return super.connect(callback);
    return super.connect().then(releasedWhenBroken);
  }
}

function releasedWhenBroken(client: pg.PoolClient): pg.PoolClient {
  const release = client.release.bind(client);
  let released = false;
  const onBroken = (err?: Error) => releaseOnce(err ?? new Error('connection ended'));
  const releaseOnce = (err?: Error | boolean) => {
    if (released) return;
    released = true;
    client.removeListener('error', onBroken);
    client.removeListener('end', onBroken);
    release(err);
  };
  client.on('error', onBroken);
  client.on('end', onBroken);
  client.release = releaseOnce;
  return client;
}

/**
 * Applies the committed migrations (prisma/migrations) to the database.
 * Several API processes may start at once: `migrate deploy` serializes them
 * with an advisory lock and gives up after 10 s with P1002, so that one is
 * retried while the other process finishes.
 */
export async function migrateDatabase(databaseUrl: string, attempts = 6): Promise<void> {
  const prismaCli = join(dirname(createRequire(import.meta.url).resolve('prisma/package.json')), 'build', 'index.js');
  for (let attempt = 1; ; attempt++) {
    try {
      await promisify(execFile)(process.execPath, [prismaCli, 'migrate', 'deploy'], {
        cwd: prismaDir,
        env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
      });
      return;
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string; message: string };
      const output = e.stderr || e.stdout || e.message;
      if (attempt < attempts && output.includes('P1002')) continue;
      throw new Error(`Database migration failed: ${output}`, { cause: err });
    }
  }
}
