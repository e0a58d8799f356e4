// CPU seconds used by a process tree, grouped by program (node = Alur's API and
// worker, temporal, postgres): where the time of a run went. Linux /proc only.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  cpuSeconds: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = raw.lastIndexOf(')');
    const comm = raw.slice(raw.indexOf('(') + 1, close);
    const fields = raw.slice(close + 2).split(' ');
    // fields[0] is state; ppid is fields[1]; utime, stime are fields[11], fields[12]
    return { pid, ppid: Number(fields[1]), comm, cpuSeconds: (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/** CPU seconds so far of `rootPid` and all its descendants, by program name. */
export function cpuByProgram(rootPid: number): Record<string, number> {
  const all = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => readStat(Number(d)))
    .filter((s): s is ProcStat => !!s);
  const children = new Map<number, ProcStat[]>();
  for (const s of all) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const totals: Record<string, number> = {};
  const visit = (s: ProcStat) => {
    const name = s.comm.startsWith('postgres') ? 'postgres' : s.comm;
    totals[name] = (totals[name] ?? 0) + s.cpuSeconds;
    for (const c of children.get(s.pid) ?? []) visit(c);
  };
  const root = all.find((s) => s.pid === rootPid);
  if (root) visit(root);
  return totals;
}

export function cpuDelta(before: Record<string, number>, after: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.keys(after).map((k) => [k, Number((after[k]! - (before[k] ?? 0)).toFixed(1))]));
}
