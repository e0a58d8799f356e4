// `npm run admin:reset-password [-- <username>]`: gives an account (`admin`
// when none is named) a new random password, enables it again if it was
// disabled, ends all its sessions, and prints the password once on this
// console. For a lost admin password, and because ALUR_ADMIN_PASSWORD only
// applies when the admin account is first created.
//
// The database: DATABASE_URL when set; else `npm start`'s embedded PostgreSQL
// (ALUR_DATA_DIR, ALUR_PG_PORT), the running one, or started here for the
// moment the reset takes when Alur is stopped. Creates the `admin` account
// when it does not exist yet (a database migrated but never started).
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { createPrisma } from '@alur/db';
import { ADMIN_USERNAME, generatePassword, setPassword } from '../api/src/resources/auth/service';
import { hashPassword } from '../api/src/resources/auth/passwords';
import { startEmbeddedPostgres } from '../embedded/postgres';

const root = resolve(import.meta.dirname, '..');

async function reachable(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function main(): Promise<void> {
  const username = process.argv[2] ?? ADMIN_USERNAME;
  let databaseUrl = process.env.DATABASE_URL;
  let stopPostgres: (() => Promise<void>) | undefined;
  if (!databaseUrl) {
    const dataDir = resolve(process.env.ALUR_DATA_DIR ?? join(root, 'data'));
    const port = Number(process.env.ALUR_PG_PORT ?? 54329);
    databaseUrl = `postgresql://alur:alur@127.0.0.1:${port}/alur`;
    if (!(await reachable(databaseUrl))) {
      const dir = join(dataDir, 'postgres');
      if (!existsSync(join(dir, 'PG_VERSION'))) throw new Error(`no Alur data in ${dataDir}: start Alur once (npm start), or set DATABASE_URL`);
      const server = await startEmbeddedPostgres({ dir, port, persistent: true });
      stopPostgres = () => server.stop();
    }
  }
  const prisma = createPrisma(databaseUrl);
  try {
    const password = generatePassword();
    const passwordHash = await hashPassword(password);
    const exists = await prisma.user.findUnique({ where: { username } });
    if (exists) await setPassword(prisma, username, passwordHash, { enable: true });
    else if (username === ADMIN_USERNAME) await prisma.user.create({ data: { username, passwordHash, roles: ['admin'], passwordChangedAt: new Date() } });
    else throw new Error(`no user "${username}"`);
    // The console only: never a log file, never the audit trail.
    process.stdout.write(
      `New password of "${username}" (shown only this once; every session of the account has ended${exists?.disabledAt ? '; the account is enabled again' : ''}):\n\n    ${password}\n\n`,
    );
  } finally {
    await prisma.$disconnect();
    await stopPostgres?.();
  }
}

main().catch((err: unknown) => {
  console.error(`admin:reset-password: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
