// Alur's scaled-out processes (api/src/main.ts, worker/src/main.ts) started as
// real child processes against a test's database and Temporal, the way
// docker-compose runs them.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TEST_OUTBOUND_ALLOW, type TestAlur } from './alur';
import { freePort } from './free-port';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface AlurProcess {
  child: ChildProcess;
  /** Base URL of an API process. */
  url?: string;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
}

export async function startAlurProcess(
  alur: Pick<TestAlur, 'databaseUrl' | 'temporalAddress' | 'taskQueue'>,
  kind: 'api' | 'worker',
  extraEnv: Record<string, string> = {},
): Promise<AlurProcess> {
  const port = kind === 'api' ? (extraEnv.PORT ? Number(extraEnv.PORT) : await freePort()) : undefined;
  const child = spawn(process.execPath, ['--import', 'tsx', `${kind}/src/main.ts`], {
    cwd: repoRoot,
    env: {
      ...process.env,
      DATABASE_URL: alur.databaseUrl,
      TEMPORAL_ADDRESS: alur.temporalAddress,
      ALUR_TASK_QUEUE: alur.taskQueue,
      ALUR_OUTBOUND_ALLOW: TEST_OUTBOUND_ALLOW,
      ...(port ? { PORT: String(port) } : {}),
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const ready = kind === 'api' ? 'Server listening' : 'Alur worker polling';
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const onData = (d: Buffer) => {
      output += d.toString();
      if (output.includes(ready)) resolve();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${kind} process exited (${code}) before it was ready:\n${output}`)));
  });
  return { child, output: () => output, ...(port ? { url: `http://127.0.0.1:${port}` } : {}) };
}

/** A JSON call to an API process over real HTTP. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function httpCall<T = any>(
  baseUrl: string,
  method: string,
  path: string,
  opts: { token?: string; json?: unknown } = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(baseUrl + path, {
    method,
    headers: {
      ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
      ...(opts.json !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    body: opts.json !== undefined ? JSON.stringify(opts.json) : undefined,
  });
  const text = await res.text();
  return { status: res.status, body: text && (res.headers.get('content-type') ?? '').includes('json') ? JSON.parse(text) : (text as never) };
}
