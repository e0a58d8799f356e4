// `npm start` (tsx embedded/start.ts) as a user runs it, on a temporary data
// directory and free ports: the API survives a worker killed with SIGKILL and
// /api/health says the worker is down until the supervisor has it back; its
// embedded PostgreSQL and Temporal dev server killed -9 are started again; after a
// kill -9 of the whole `npm start` tree (its embedded PostgreSQL and Temporal
// dev server left running as orphans) the next start comes up with no manual
// clean-up; a port held by another program is one clear line.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { isAlive, readPidFile } from '../../embedded/orphans';
import { startAlur } from '../support/alur';
import { freePort } from '../support/free-port';
import { httpCall } from '../support/processes';

const root = fileURLToPath(new URL('../..', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface NpmStart {
  child: ChildProcess;
  output(): string;
  exited: Promise<number | null>;
}

function npmStart(env: Record<string, string>): NpmStart {
  const base = { ...process.env };
  delete base.DATABASE_URL;
  delete base.TEMPORAL_ADDRESS;
  delete base.ALUR_ADMIN_PASSWORD; // a first start without it: the admin's password is generated and printed once
  // What `npm start` runs; ALUR_WEB_APP_BUILD=off keeps the half-minute web app build out of the test.
  const child = spawn(join(root, 'node_modules/.bin/tsx'), ['embedded/start.ts'], {
    cwd: root,
    env: { ...base, ALUR_WEB_APP_BUILD: 'off', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => {
    output += d.toString();
  });
  child.stderr!.on('data', (d: Buffer) => {
    output += d.toString();
  });
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return { child, output: () => output, exited };
}

/** The admin password the first start printed (the line after "generated password:", without the `[api]` prefix). */
function printedAdminPassword(run: NpmStart): string {
  const lines = run
    .output()
    .split('\n')
    .map((l) => l.replace(/^\[api\] ?/, '').trim());
  const at = lines.findIndex((l) => l.includes('generated password:'));
  const password = at < 0 ? undefined : lines.slice(at + 1).find((l) => l !== '');
  if (!password) throw new Error(`no generated admin password in the output:\n${run.output()}`);
  return password;
}

/** The pid of the latest `[alur] <name> started (pid N)` line. */
function childPid(run: NpmStart, name: 'api' | 'worker'): number {
  const pids = [...run.output().matchAll(new RegExp(`\\[alur\\] ${name} started \\(pid (\\d+)\\)`, 'g'))].map((m) => Number(m[1]));
  if (!pids.length) throw new Error(`no ${name} pid in the output:\n${run.output()}`);
  return pids.at(-1)!;
}

async function health(url: string) {
  try {
    return await httpCall(url, 'GET', '/api/health');
  } catch {
    return { status: 0, body: undefined };
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function untilHealth(url: string, run: NpmStart, want: (h: { status: number; body: any }) => boolean, ms: number) {
  const deadline = Date.now() + ms;
  for (;;) {
    const h = await health(url);
    if (want(h)) return h;
    if (Date.now() > deadline) throw new Error(`health was ${JSON.stringify(h)}; npm start printed:\n${run.output()}`);
    await sleep(500);
  }
}

const dirs: string[] = [];
const runs: NpmStart[] = [];
const pidsToKill: number[] = [];
afterAll(async () => {
  for (const run of runs) if (run.child.exitCode === null) run.child.kill('SIGKILL');
  for (const dir of dirs) {
    // Whatever a failed test left: the servers by their pid files.
    for (const pidFile of ['data/postgres/postmaster.pid', 'data/temporal.pid', 'data/alur.pid']) {
      const pid = readPidFile(join(dir, pidFile));
      if (pid && isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
  }
  for (const pid of pidsToKill) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
  await sleep(500);
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'alur-npm-start-'));
  chmodSync(dir, 0o755); // initdb runs as the `postgres` user when tests run as root
  dirs.push(dir);
  return dir;
}

describe('npm start supervises the API and the worker', () => {
  it('keeps the API up while the worker is killed and restarted; restarts killed embedded servers; starts again after a kill -9 of the whole tree', async () => {
    const dir = tempDataDir();
    const dataDir = join(dir, 'data');
    const [pgPort, temporalPort, uiPort, apiPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const env = {
      ALUR_DATA_DIR: dataDir,
      ALUR_PG_PORT: String(pgPort),
      ALUR_TEMPORAL_PORT: String(temporalPort),
      ALUR_TEMPORAL_UI_PORT: String(uiPort),
      PORT: String(apiPort),
    };
    const url = `http://127.0.0.1:${apiPort}`;

    const first = npmStart(env);
    runs.push(first);
    await untilHealth(url, first, (h) => h.status === 200 && h.body?.status === 'ok', 180_000);
    expect((await health(url)).body).toEqual({ status: 'ok', parts: { api: 'up', database: 'up', temporal: 'up', worker: 'up' } });
    // No ALUR_ADMIN_PASSWORD: no admin/admin; the first start printed a generated password, once.
    const adminPassword = printedAdminPassword(first);
    expect(adminPassword).toMatch(/^[\w-]{20}$/);
    expect(first.output().split('generated password:').length).toBe(2);
    expect((await httpCall(url, 'POST', '/api/auth/login', { json: { username: 'admin', password: 'admin' } })).status).toBe(401);

    // The worker dies: the API answers on, health names the worker.
    const worker = childPid(first, 'worker');
    process.kill(worker, 'SIGKILL');
    const degraded = await untilHealth(url, first, (h) => h.body?.parts?.worker === 'down', 10_000);
    expect(degraded.status).toBe(200);
    expect(degraded.body).toMatchObject({ status: 'degraded', parts: { api: 'up', database: 'up', temporal: 'up', worker: 'down' } });
    expect((await httpCall(url, 'POST', '/api/auth/login', { json: { username: 'admin', password: adminPassword } })).status).toBe(200);

    // ...and the supervisor starts it again.
    await untilHealth(url, first, (h) => h.body?.status === 'ok', 120_000);
    expect(childPid(first, 'worker')).not.toBe(worker);
    expect(first.output()).toMatch(/\[alur\] worker was killed by SIGKILL; starting it again in 1 s/);
    expect(first.output()).toMatch(/^\[worker\] /m);
    expect(first.output()).toMatch(/^\[api\] /m);

    // The embedded servers die under it (the OOM killer, a kill -9): each is started again on its data.
    for (const [what, pidFile] of [
      ['Temporal dev server', 'temporal.pid'],
      ['embedded PostgreSQL', 'postgres/postmaster.pid'],
    ] as const) {
      const pid = readPidFile(join(dataDir, pidFile))!;
      process.kill(pid, 'SIGKILL');
      await untilHealth(url, first, () => first.output().includes(`[alur] the ${what} is running again`), 120_000);
      expect(first.output()).toContain(`[alur] the ${what} stopped (pid ${pid}); starting it again in 1 s`);
      expect(readPidFile(join(dataDir, pidFile))).not.toBe(pid);
      await untilHealth(url, first, (h) => h.status === 200 && h.body?.status === 'ok', 120_000);
    }
    expect((await httpCall(url, 'POST', '/api/auth/login', { json: { username: 'admin', password: adminPassword } })).status).toBe(200);

    // kill -9 of npm start's processes (the tsx wrapper, the supervisor, the API and the worker), as a crash:
    // PostgreSQL and the Temporal dev server are left running, holding their ports.
    const postgres = readPidFile(join(dataDir, 'postgres/postmaster.pid'))!;
    const temporal = readPidFile(join(dataDir, 'temporal.pid'))!;
    const supervisor = readPidFile(join(dataDir, 'alur.pid'))!;
    pidsToKill.push(postgres, temporal);
    for (const pid of [first.child.pid!, supervisor, childPid(first, 'api'), childPid(first, 'worker')]) process.kill(pid, 'SIGKILL');
    await first.exited;
    await sleep(500);
    expect(isAlive(postgres) && isAlive(temporal)).toBe(true);

    const second = npmStart(env);
    runs.push(second);
    await untilHealth(url, second, (h) => h.status === 200 && h.body?.status === 'ok', 180_000);
    expect(second.output()).toContain(`stopping the embedded PostgreSQL an earlier npm start left running (pid ${postgres})`);
    expect(second.output()).toContain(`stopping the Temporal dev server an earlier npm start left running (pid ${temporal})`);
    expect(isAlive(postgres) || isAlive(temporal)).toBe(false);
    // The data is still there: the admin account of the first run logs in, and no new password is printed.
    expect((await httpCall(url, 'POST', '/api/auth/login', { json: { username: 'admin', password: adminPassword } })).status).toBe(200);
    expect(second.output()).not.toContain('generated password');

    // SIGTERM: children, then servers, then exit 0 with nothing left behind.
    const servers = [
      readPidFile(join(dataDir, 'postgres/postmaster.pid'))!,
      readPidFile(join(dataDir, 'temporal.pid'))!,
      childPid(second, 'api'),
      childPid(second, 'worker'),
    ];
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    expect(second.output()).toContain('[alur] stopped');
    await sleep(500);
    expect(servers.filter(isAlive)).toEqual([]);
    expect(readPidFile(join(dataDir, 'temporal.pid'))).toBeUndefined();
  }, 600_000);

  it('says in one line which port is taken and which variable changes it', async () => {
    const dir = tempDataDir();
    const [pgPort, temporalPort, uiPort, apiPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    const holder: Server = createServer();
    await new Promise<void>((r) => holder.listen(temporalPort, '127.0.0.1', r));
    try {
      const run = npmStart({
        ALUR_DATA_DIR: join(dir, 'data'),
        ALUR_PG_PORT: String(pgPort),
        ALUR_TEMPORAL_PORT: String(temporalPort),
        ALUR_TEMPORAL_UI_PORT: String(uiPort),
        PORT: String(apiPort),
      });
      runs.push(run);
      expect(await run.exited).toBe(1);
      const errors = run
        .output()
        .split('\n')
        .filter((l) => l.includes('could not start'));
      expect(errors).toEqual([
        expect.stringMatching(
          new RegExp(
            `^\\[alur\\] could not start: port ${temporalPort} on 127\\.0\\.0\\.1 is already in use by pid ${process.pid} .*set ALUR_TEMPORAL_PORT to a free port$`,
          ),
        ),
      ]);
      expect(run.output()).not.toMatch(/^\s+at /m); // no stack trace
      expect(existsSync(join(dir, 'data', 'alur.pid'))).toBe(false); // and it cleaned up after itself
    } finally {
      holder.close();
    }
  }, 60_000);
});

describe('/api/health without a supervisor', () => {
  it('reports the worker down when no worker polls the task queue, and stays 200', async () => {
    const alur = await startAlur({ worker: false });
    try {
      const res = await alur.call('GET', '/api/health');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        status: 'degraded',
        parts: { api: 'up', database: 'up', temporal: 'up', worker: 'down' },
        worker: `no worker has polled task queue "${alur.taskQueue}" in the last 90 s`,
      });
      await alur.startWorker();
      await expect
        .poll(async () => (await alur.call('GET', '/api/health')).body)
        .toEqual({ status: 'ok', parts: { api: 'up', database: 'up', temporal: 'up', worker: 'up' } });
    } finally {
      await alur.close();
    }
  });
});
