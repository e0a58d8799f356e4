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

/** Applies the committed migrations (prisma/migrations) to the database. */
export async function migrateDatabase(databaseUrl: string): Promise<void> {
  const prismaCli = join(dirname(createRequire(import.meta.url).resolve('prisma/package.json')), 'build', 'index.js');
  try {
    await promisify(execFile)(process.execPath, [prismaCli, 'migrate', 'deploy'], {
      cwd: prismaDir,
      env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: '1' },
    });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string; message: string };
    throw new Error(`Database migration failed: ${e.stderr || e.stdout || e.message}`, { cause: err });
  }
}
