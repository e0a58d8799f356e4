// Alur's database access: the generated Prisma client on the pg driver adapter
// (no Rust engine), and migrations applied with the Prisma CLI.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/client';

export { Prisma } from '../generated/client';
export type { PrismaClient };
export type * from '../generated/models';
export * from './audit';

const prismaDir = join(dirname(fileURLToPath(import.meta.url)), '..');

export function createPrisma(databaseUrl: string): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl }) });
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
