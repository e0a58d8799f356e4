// The whole system as `npm start` runs it (embedded PostgreSQL, Temporal dev
// server, worker and API in one process), in a throwaway data directory on
// free ports, driven over real HTTP.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { freePort } from '../../test/support/free-port';

export interface RunningSystem {
  baseUrl: string;
  /** The embedded PostgreSQL database the system uses. */
  databaseUrl: string;
  pid: number;
  stop(): Promise<void>;
}

export const BENCH_ADMIN_PASSWORD = 'bench-admin-pw';

export async function startSystem(extraEnv: Record<string, string> = {}): Promise<RunningSystem> {
  const dataDir = mkdtempSync(join(tmpdir(), 'alur-bench-system-'));
  const [port, pgPort, temporalPort, uiPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const root = resolve(import.meta.dirname, '..', '..');
  const child = spawn(process.execPath, ['--import', 'tsx', 'embedded/start.ts'], {
    cwd: root,
    env: {
      ...process.env,
      ALUR_DATA_DIR: dataDir,
      PORT: String(port),
      ALUR_PG_PORT: String(pgPort),
      ALUR_TEMPORAL_PORT: String(temporalPort),
      ALUR_TEMPORAL_UI_PORT: String(uiPort),
      ALUR_ADMIN_PASSWORD: BENCH_ADMIN_PASSWORD,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  await new Promise<void>((ready, fail) => {
    const timer = setTimeout(() => fail(new Error(`npm start did not come up in 180 s:\n${output}`)), 180_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Alur is running')) {
        clearTimeout(timer);
        ready();
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => fail(new Error(`npm start exited with ${code}:\n${output}`)));
  });
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    databaseUrl: `postgresql://alur:alur@127.0.0.1:${pgPort}/alur`,
    pid: child.pid!,
    async stop() {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface HttpClient {
  call<T = unknown>(
    method: string,
    path: string,
    opts?: { token?: string; json?: unknown; xml?: string },
  ): Promise<{ status: number; body: T; headers: Headers }>;
}

export function httpClient(baseUrl: string): HttpClient {
  return {
    async call(method, path, { token, json, xml } = {}) {
      const res = await fetch(baseUrl + path, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(xml !== undefined ? { 'content-type': 'application/xml' } : json !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: xml ?? (json !== undefined ? JSON.stringify(json) : undefined),
      });
      const text = await res.text();
      const isJson = (res.headers.get('content-type') ?? '').includes('json');
      return { status: res.status, body: (isJson && text ? JSON.parse(text) : text) as never, headers: res.headers };
    },
  };
}
