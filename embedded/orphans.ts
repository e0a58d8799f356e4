// What a previous `npm start` may have left behind, and whether a port is free.
// After a crash or a kill -9 of `npm start`, its embedded PostgreSQL and Temporal
// dev server keep running (orphans) and hold their ports and data. They are
// found by the pid files in the data directory (PostgreSQL's own
// postgres/postmaster.pid, temporal.pid written by start.ts) and by their
// command lines naming that directory, and stopped before a clean start.
// Linux: reads /proc; elsewhere nothing is found and a held port is reported.
import { existsSync, readdirSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Running and not a zombie. */
export function isAlive(pid: number): boolean {
  if (!existsSync('/proc/self')) {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }
  try {
    return readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '')[0] !== 'Z';
  } catch {
    return false;
  }
}

/** The process's command line, arguments joined by spaces; '' when it cannot be read. */
export function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return '';
  }
}

function allPids(): number[] {
  try {
    return readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .map(Number);
  } catch {
    return [];
  }
}

function childPids(pid: number): number[] {
  return allPids().filter((p) => {
    try {
      return (
        Number(
          readFileSync(`/proc/${p}/stat`, 'utf8')
            .replace(/^.*\) /s, '')
            .split(' ')[1],
        ) === pid
      );
    } catch {
      return false;
    }
  });
}

/** The first number in a pid file, if the file exists. */
export function readPidFile(path: string): number | undefined {
  if (!existsSync(path)) return undefined;
  const pid = Number(readFileSync(path, 'utf8').trim().split(/\s+/)[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export function writePidFile(path: string, pid: number, extra: string[] = []): void {
  writeFileSync(path, [String(pid), ...extra].join('\n') + '\n');
}

export function removePidFile(path: string, pid?: number): void {
  // Only our own: another start may have written it meanwhile.
  if (pid === undefined || readPidFile(path) === pid) rmSync(path, { force: true });
}

/**
 * Stops a process (and its children, e.g. PostgreSQL's backends): `signal`,
 * then SIGKILL after `graceMs`. Resolves once they are gone.
 */
export async function stopProcess(pid: number, signal: NodeJS.Signals = 'SIGTERM', graceMs = 10_000): Promise<void> {
  const children = childPids(pid);
  try {
    process.kill(pid, signal);
  } catch {
    /* already gone */
  }
  const deadline = Date.now() + graceMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  const left = [pid, ...children].filter(isAlive);
  for (const p of left) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      /* already gone */
    }
  }
  const killDeadline = Date.now() + 5000;
  while (left.some(isAlive) && Date.now() < killDeadline) await sleep(50);
}

export interface Orphan {
  what: string;
  pid: number;
  /** Signal that shuts it down cleanly. */
  signal: NodeJS.Signals;
}

/**
 * Embedded servers of an earlier `npm start` on this data directory that are
 * still running: PostgreSQL by its postmaster.pid (only if that process is a
 * postgres on this directory), the Temporal dev server by temporal.pid or by a
 * command line naming this SQLite file.
 */
export function findOrphans(paths: { postgresDir: string; temporalPidFile: string; temporalDbFile: string }): Orphan[] {
  const orphans: Orphan[] = [];
  const postmaster = readPidFile(`${paths.postgresDir}/postmaster.pid`);
  if (postmaster && postmaster !== process.pid && isAlive(postmaster)) {
    const cmd = commandLine(postmaster);
    if (/postgres/.test(cmd) && cmd.includes(paths.postgresDir)) {
      // SIGINT: PostgreSQL's fast shutdown (ends sessions, writes a checkpoint).
      orphans.push({ what: 'embedded PostgreSQL', pid: postmaster, signal: 'SIGINT' });
    }
  }
  const temporalPids = new Set<number>();
  const fromFile = readPidFile(paths.temporalPidFile);
  if (fromFile) temporalPids.add(fromFile);
  for (const pid of allPids()) {
    if (commandLine(pid).includes(paths.temporalDbFile)) temporalPids.add(pid);
  }
  for (const pid of temporalPids) {
    if (pid === process.pid || !isAlive(pid)) continue;
    const cmd = commandLine(pid);
    if (cmd.includes('start-dev') && cmd.includes(paths.temporalDbFile)) orphans.push({ what: 'Temporal dev server', pid, signal: 'SIGTERM' });
  }
  return orphans;
}

/** The pid and command of the process listening on a TCP port, when /proc tells (same user or root). */
export function portHolder(port: number): { pid: number; command: string } | undefined {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is ADDR:PORT in hex; state 0A is LISTEN; inode is column 10.
      if (cols.length > 9 && cols[3] === '0A' && parseInt(cols[1]!.split(':')[1] ?? '', 16) === port) inodes.add(cols[9]!);
    }
  }
  if (!inodes.size) return undefined;
  for (const pid of allPids()) {
    let fds: string[];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let target: string;
      try {
        target = readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(target);
      if (m && inodes.has(m[1]!)) return { pid, command: commandLine(pid) };
    }
  }
  return undefined;
}

/** Whether something accepts a listener on host:port right now. */
export function portIsFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen({ port, host, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** A one-line explanation of a port taken by something that is not ours. */
export function portTakenMessage(port: number, variable: string, host: string): string {
  const holder = portHolder(port);
  const by = holder ? ` by pid ${holder.pid} (${holder.command.slice(0, 80) || 'unknown command'})` : ' by another program';
  return `port ${port} on ${host} is already in use${by}; stop that program or set ${variable} to a free port`;
}
