// Keeps `npm start`'s embedded servers (PostgreSQL, the Temporal dev server)
// running: a server process that dies (the OOM killer, a kill -9, a crash) is
// started again on the same port and data, after the same backoff as the
// supervised children (1 s, doubling up to 30 s while it keeps failing). The
// API and the worker reconnect by themselves once it is back, and committed
// data survives (PostgreSQL's WAL; Temporal's SQLite WAL).
import { BACKOFF_FIRST_MS, BACKOFF_MAX_MS, STABLE_AFTER_MS } from './supervisor';
import { isAlive } from './orphans';

export interface WatchedServer {
  /** For the log: "embedded PostgreSQL". */
  what: string;
  /** The server's process id now, if known. */
  pid(): number | undefined;
  /** Starts it again; resolves once it serves. */
  restart(): Promise<void>;
}

export interface Watchdog {
  stop(): void;
}

/** Checks each server every `everyMs`; restarts one whose process is gone. */
export function watchServers(servers: WatchedServer[], log: (line: string) => void, everyMs = 2000): Watchdog {
  let stopped = false;
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!stopped) fn();
    }, ms);
    timers.add(t);
  };

  for (const server of servers) {
    let delay = BACKOFF_FIRST_MS;
    let upSince = Date.now();
    const check = () => {
      const pid = server.pid();
      if (pid !== undefined && !isAlive(pid)) return down(`stopped (pid ${pid})`);
      if (Date.now() - upSince > STABLE_AFTER_MS) delay = BACKOFF_FIRST_MS;
      later(everyMs, check);
    };
    const down = (why: string) => {
      log(`the ${server.what} ${why}; starting it again in ${delay / 1000} s`);
      later(delay, () => {
        server.restart().then(
          () => {
            if (stopped) return;
            upSince = Date.now();
            log(`the ${server.what} is running again (pid ${server.pid() ?? 'unknown'})`);
            later(everyMs, check);
          },
          (err: unknown) => {
            if (!stopped) down(`did not start again (${err instanceof Error ? err.message : String(err)})`);
          },
        );
      });
      delay = Math.min(delay * 2, BACKOFF_MAX_MS);
    };
    later(everyMs, check);
  }

  return {
    stop() {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
    },
  };
}
