// The Temporal dev server (a full Temporal server with SQLite persistence) for
// the one-machine default and for tests. The binary comes from ./.tools (see
// install-temporal.mjs), TEMPORAL_CLI_PATH or PATH; with none of those the SDK
// downloads it, which works only on machines with internet access.
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { commandLine } from './orphans';

const repoRoot = resolve(import.meta.dirname, '..');

function findOnPath(exe: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, exe);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

export function findTemporalCli(): string | undefined {
  const local = join(repoRoot, '.tools', 'bin', 'temporal');
  return process.env.TEMPORAL_CLI_PATH || (existsSync(local) ? local : undefined) || findOnPath('temporal');
}

export interface DevServerOptions {
  port: number;
  uiPort?: number;
  /** SQLite file; in-memory when omitted. */
  dbFile?: string;
  namespace?: string;
}

export interface DevServerHandle {
  address: string;
  uiUrl?: string;
  /** The server process, when found (Linux /proc). */
  pid?: number;
  stop(): Promise<void>;
}

export const SQLITE_PRAGMAS = ['--sqlite-pragma', 'journal_mode=wal', '--sqlite-pragma', 'synchronous=normal'];

/** The dev server process using this SQLite file. */
function devServerPid(dbFile: string): number | undefined {
  let pids: string[];
  try {
    pids = readdirSync('/proc').filter((d) => /^\d+$/.test(d));
  } catch {
    return undefined;
  }
  const pid = pids.find((p) => {
    const cmd = commandLine(Number(p));
    return cmd.includes('start-dev') && cmd.includes(dbFile);
  });
  return pid ? Number(pid) : undefined;
}

export async function startTemporalDevServer(opts: DevServerOptions): Promise<DevServerHandle> {
  const cli = findTemporalCli();
  const env = await TestWorkflowEnvironment.createLocal({
    server: {
      executable: cli ? { type: 'existing-path', path: cli } : { type: 'cached-download' },
      ip: '127.0.0.1',
      port: opts.port,
      namespace: opts.namespace ?? 'default',
      dbFilename: opts.dbFile,
      ui: opts.uiPort !== undefined,
      uiPort: opts.uiPort,
      log: { format: 'pretty', level: 'error' },
      // With a file: SQLite's write-ahead log, synced at checkpoints. About twice the throughput of the
      // defaults, and every committed transaction survives a crash of the process (an OS crash can lose the last ones).
      extraArgs: opts.dbFile ? SQLITE_PRAGMAS : [],
    },
  });
  return {
    address: `127.0.0.1:${opts.port}`,
    uiUrl: opts.uiPort ? `http://127.0.0.1:${opts.uiPort}` : undefined,
    pid: opts.dbFile ? devServerPid(opts.dbFile) : undefined,
    stop: () => env.teardown(),
  };
}
