// The worker's log (Temporal's runtime logger: worker, workflow and activity
// lines, and the Rust core's) without personal data: activities and the
// interpreter never log case variables or webhook bodies, and every line passes
// through redactPii (workflows/src/node/logging.ts) before it is printed.
import { DefaultLogger, Runtime, type LogEntry, type LogLevel as TemporalLogLevel } from '@temporalio/worker';
import { redactPii, redactPiiDeep, type LogLevel } from '@alur/workflows';

const TEMPORAL_LEVEL: Record<LogLevel, TemporalLogLevel> = { trace: 'TRACE', debug: 'DEBUG', info: 'INFO', warn: 'WARN', error: 'ERROR' };

export function formatLogEntry(entry: LogEntry): string {
  const at = new Date(Number(entry.timestampNanos / 1_000_000n)).toISOString();
  const meta =
    entry.meta && Object.keys(entry.meta).length ? ` ${JSON.stringify(redactPiiDeep(entry.meta), (_k, v) => (typeof v === 'bigint' ? v.toString() : v))}` : '';
  return `${at} [${entry.level}] ${redactPii(entry.message)}${meta}`;
}

/** Call once, before the worker's first connection: the runtime keeps the logger it started with. */
export function installWorkerLogger(level: LogLevel): void {
  Runtime.install({
    logger: new DefaultLogger(TEMPORAL_LEVEL[level], (entry) => {
      const line = formatLogEntry(entry);
      if (entry.level === 'ERROR' || entry.level === 'WARN') console.error(line);
      else console.log(line);
    }),
  });
}

/** For the worker's own errors (e.g. the deviation notifier's), redacted like the rest. */
export function logWorkerError(context: string, err: unknown): void {
  console.error(`${new Date().toISOString()} [ERROR] ${context}: ${JSON.stringify(redactPiiDeep(err instanceof Error ? err : { error: String(err) }))}`);
}
