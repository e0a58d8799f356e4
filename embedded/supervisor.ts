// The small supervisor of `npm start`: runs the API and the worker as child
// processes (so a worker that dies never takes the API down), prints their
// output line by line with a prefix ([api], [worker]), and starts a child that
// exits unexpectedly again after a backoff: 1 s, doubling up to 30 s, back to
// 1 s once a run stayed up for a minute.
//
// Children talk to it over Node's IPC channel: a child sends { alur: 'ready' }
// once it listens / polls, and exits when the channel closes (the supervisor
// died, even by kill -9), so no child outlives `npm start`.
import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

export type ChildState = 'starting' | 'up' | 'restarting' | 'stopped';

export interface ChildSpec {
  name: string;
  /** Script run with `node --import tsx`, relative to cwd. */
  entry: string;
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Called on every change of state, with the running process's pid when there is one. */
  onState?(state: ChildState, pid?: number): void;
  log?(line: string): void;
}

export interface SupervisedChild {
  readonly name: string;
  readonly state: ChildState;
  readonly pid: number | undefined;
  readonly restarts: number;
  /** Sends a message to the running child over IPC (dropped while none runs). */
  send(message: unknown): void;
  /** Stops the child (SIGTERM, then SIGKILL after graceMs) and restarts it no more. */
  stop(graceMs?: number): Promise<void>;
}

export const BACKOFF_FIRST_MS = 1000;
export const BACKOFF_MAX_MS = 30_000;
/** A run that lasted this long resets the backoff. */
export const STABLE_AFTER_MS = 60_000;

export function superviseChild(spec: ChildSpec): SupervisedChild {
  const log = spec.log ?? ((line: string) => console.log(`[alur] ${line}`));
  let child: ChildProcess | undefined;
  let state: ChildState = 'starting';
  let stopping = false;
  let restarts = 0;
  let delay = BACKOFF_FIRST_MS;
  let timer: NodeJS.Timeout | undefined;

  const setState = (next: ChildState) => {
    state = next;
    spec.onState?.(next, child?.pid);
  };

  function run() {
    timer = undefined;
    if (stopping) return;
    const startedAt = Date.now();
    const proc = spawn(process.execPath, ['--import', 'tsx', spec.entry], {
      cwd: spec.cwd,
      env: spec.env,
      // Own process group: Ctrl-C in the terminal reaches the supervisor only, which stops children in order.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    child = proc;
    for (const [stream, out] of [
      [proc.stdout!, process.stdout],
      [proc.stderr!, process.stderr],
    ] as const) {
      createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => out.write(`[${spec.name}] ${line}\n`));
    }
    proc.on('message', (msg) => {
      if ((msg as { alur?: string } | null)?.alur === 'ready' && child === proc && !stopping) {
        log(`${spec.name} is up (pid ${proc.pid})`);
        setState('up');
      }
    });
    proc.on('error', (err) => log(`${spec.name} could not be started: ${err.message}`));
    proc.once('exit', (code, signal) => {
      if (child === proc) child = undefined;
      if (stopping) return;
      if (Date.now() - startedAt >= STABLE_AFTER_MS) delay = BACKOFF_FIRST_MS;
      const how = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      log(`${spec.name} ${how}; starting it again in ${delay / 1000} s`);
      restarts++;
      setState('restarting');
      timer = setTimeout(run, delay);
      delay = Math.min(delay * 2, BACKOFF_MAX_MS);
    });
    log(`${spec.name} started (pid ${proc.pid})`);
    setState('starting');
  }

  run();

  return {
    name: spec.name,
    get state() {
      return state;
    },
    get pid() {
      return child?.pid;
    },
    get restarts() {
      return restarts;
    },
    send(message) {
      if (child?.connected)
        child.send(message as object, () => {
          /* a child that just died misses it */
        });
    },
    async stop(graceMs = 15_000) {
      stopping = true;
      if (timer) clearTimeout(timer);
      const proc = child;
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        const killer = setTimeout(() => {
          log(`${spec.name} did not stop within ${graceMs / 1000} s; killing it`);
          proc.kill('SIGKILL');
        }, graceMs);
        await exited;
        clearTimeout(killer);
      }
      state = 'stopped';
      spec.onState?.('stopped');
    },
  };
}
