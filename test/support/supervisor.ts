// Runs an Alur process (api or worker) the way docker-compose's
// `restart: unless-stopped` does: whenever it exits, for whatever reason, it is
// started again after a short wait, until the test stops it.
import type { TestAlur } from './alur';
import { startAlurProcess, type AlurProcess } from './processes';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface SupervisedProcess {
  /** Base URL of an API process (the same port on every restart). */
  url?: string;
  /** Times the process exited and was started again. */
  readonly restarts: number;
  /** What every run of the process printed. */
  output(): string;
  /** SIGKILL the running process; the supervisor starts a new one. */
  kill9(): Promise<void>;
  /** Resolves once a started process is ready (listening / polling). */
  ready(): Promise<void>;
  stop(): Promise<void>;
}

export async function supervise(
  target: Pick<TestAlur, 'databaseUrl' | 'temporalAddress' | 'taskQueue'>,
  kind: 'api' | 'worker',
  env: Record<string, string>,
  restartDelayMs = 1000,
): Promise<SupervisedProcess> {
  let current: AlurProcess | undefined;
  let stopped = false;
  let restarts = 0;
  let earlierOutput = '';
  let readyNow: Promise<void>;

  const onExit = () => {
    earlierOutput += current?.output() ?? '';
    current = undefined;
    if (stopped) return;
    restarts++;
    readyNow = startUntilReady();
  };
  async function startUntilReady(): Promise<void> {
    for (;;) {
      await sleep(restartDelayMs);
      if (stopped) return;
      try {
        current = await startAlurProcess(target, kind, env);
        current.child.once('exit', onExit);
        return;
      } catch (err) {
        // Exited before it was ready (e.g. its database or Temporal is down): start it again.
        earlierOutput += `${(err as Error).message}\n`;
        restarts++;
      }
    }
  }

  current = await startAlurProcess(target, kind, env);
  current.child.once('exit', onExit);
  readyNow = Promise.resolve();
  return {
    ...(env.PORT ? { url: `http://127.0.0.1:${env.PORT}` } : {}),
    get restarts() {
      return restarts;
    },
    output: () => earlierOutput + (current?.output() ?? ''),
    async kill9() {
      const child = current?.child;
      if (!child) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
    ready: () => readyNow,
    async stop() {
      stopped = true;
      const child = current?.child;
      if (child && child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, sleep(5000)]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
    },
  };
}
