// A Temporal dev server and a PostgreSQL server that a test owns and may kill
// with SIGKILL, then start again on the same port and the same data (SQLite
// file, PostgreSQL data directory), the way a crashed host or container comes
// back. Separate from test/global-setup.ts's servers, so killing them disturbs
// no other test file.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Connection } from '@temporalio/client';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from '../../embedded/postgres';
import { findTemporalCli } from '../../embedded/temporal';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface KillableServer {
  kill9(): Promise<void>;
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startKillableTemporal(opts: { port: number; dbFile: string }): Promise<KillableServer & { address: string }> {
  const cli = findTemporalCli();
  if (!cli) throw new Error('the fault test needs the temporal CLI (npm install puts it in .tools)');
  const address = `127.0.0.1:${opts.port}`;
  let child: ChildProcess | undefined;

  async function start() {
    child = spawn(
      cli!,
      ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--db-filename', opts.dbFile, '--headless', '--log-level', 'error'],
      { stdio: 'ignore' },
    );
    const exited = new Promise<never>((_, reject) => child!.once('exit', (code) => reject(new Error(`temporal dev server exited (${code}) while starting`))));
    await Promise.race([exited, untilTemporalAnswers(address)]);
  }
  await start();
  return {
    address,
    async kill9() {
      const c = child!;
      c.kill('SIGKILL');
      if (c.exitCode === null && c.signalCode === null) await new Promise((r) => c.once('exit', r));
    },
    restart: start,
    async stop() {
      if (child && child.exitCode === null && child.signalCode === null) {
        const c = child;
        c.kill('SIGTERM');
        await new Promise((r) => c.once('exit', r));
      }
    },
  };
}

async function untilTemporalAnswers(address: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  for (;;) {
    try {
      const connection = await Connection.connect({ address, connectTimeout: 1000 });
      try {
        await connection.workflowService.describeNamespace({ namespace: 'default' });
        return;
      } finally {
        await connection.close();
      }
    } catch (err) {
      if (Date.now() > deadline) throw new Error(`temporal dev server at ${address} did not answer: ${(err as Error).message}`, { cause: err });
      await sleep(250);
    }
  }
}

/** Embedded PostgreSQL on a data directory that outlives the server process. */
export async function startKillablePostgres(opts: {
  dir: string;
  port: number;
}): Promise<KillableServer & { databaseUrl(name: string): string; createDatabase(name: string): Promise<void> }> {
  let pg: EmbeddedPostgresHandle = await startEmbeddedPostgres({ dir: opts.dir, port: opts.port, persistent: true });
  return {
    databaseUrl: (name) => pg.databaseUrl(name),
    createDatabase: (name) => pg.createDatabase(name),
    async kill9() {
      // The postmaster and its backends all at once, as when the host or container dies.
      const postmaster = Number(readFileSync(join(opts.dir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      const backends = execFileSync('ps', ['-o', 'pid=', '--ppid', String(postmaster)], { encoding: 'utf8' })
        .split('\n')
        .map(Number)
        .filter(Boolean);
      for (const pid of [postmaster, ...backends]) {
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
      for (const pid of [postmaster, ...backends]) while (isAlive(pid)) await sleep(50);
    },
    async restart() {
      // The old postmaster.pid stays behind after SIGKILL; PostgreSQL sees its process is gone and starts.
      for (let attempt = 1; ; attempt++) {
        try {
          pg = await startEmbeddedPostgres({ dir: opts.dir, port: opts.port, persistent: true });
          return;
        } catch (err) {
          if (attempt >= 10) throw err;
          await sleep(500);
        }
      }
    },
    stop: () => pg.stop(),
  };
}

/** Running, not a zombie (killed backends are reparented to an init that may never reap them). */
function isAlive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0] !== 'Z';
  } catch {
    return false;
  }
}
