// Waiting for a case's projection to reach an event sequence number. A task
// Update answers as soon as the workflow has decided (the projectedAnswer of
// the interpreter's CaseRuntime), with the sequence number its events end at;
// the caller waits here before it answers, so a read right after sees the
// change (read your writes) without a second workflow task per Update. A
// case start waits for the case's first event the same way. The projection is
// still written only by the recordCaseEvents activity, from committed history.
//
// Woken by the database's own notices (the CaseEvent trigger of migration
// 20261207132000_live_events NOTIFYs every insert; the API's LISTENing
// connection hands them to notice()), with a slow poll underneath for a
// notice lost while that connection reconnects, or a process without one.
import type { PrismaClient } from '@alur/db';

interface Waiter {
  seq: number;
  done: (reached: boolean) => void;
}

/** How often waiting cases are read while nothing feeds notice(), and once something does (a safety net). */
export const PROJECTION_POLL_MS = { alone: 25, withNotices: 250 } as const;

export class ProjectionWatch {
  private readonly waiting = new Map<string, Waiter[]>();
  private poller: NodeJS.Timeout | undefined;
  private pollMs: number = PROJECTION_POLL_MS.alone;

  constructor(private readonly prisma: PrismaClient) {}

  /** A LISTENing connection now feeds notice(): the poll slows down to a safety net. */
  noticesOn(): void {
    this.pollMs = PROJECTION_POLL_MS.withNotices;
  }

  /**
   * Resolves true once the projection holds event `seq` of the case, false
   * after `timeoutMs` (the caller answers anyway: the change is in Temporal's
   * history, and the projection catches up when the worker or the database is back).
   */
  async reached(caseId: string, seq: number, timeoutMs: number): Promise<boolean> {
    let done!: (reached: boolean) => void;
    const result = new Promise<boolean>((resolve) => (done = resolve));
    const waiter: Waiter = { seq, done };
    // Registered before the first read, so a notice between the two is not lost.
    this.waiting.set(caseId, [...(this.waiting.get(caseId) ?? []), waiter]);
    const timer = setTimeout(() => this.settle(caseId, waiter, false), timeoutMs);
    void result.finally(() => clearTimeout(timer));
    this.schedulePoll();
    await this.check([caseId]);
    return result;
  }

  /** The database told us that events of this case were written. */
  notice(caseId: string): void {
    if (this.waiting.has(caseId)) void this.check([caseId]);
  }

  /** Stops the poll; waiters still pending resolve false. */
  close(): void {
    clearTimeout(this.poller);
    this.poller = undefined;
    for (const [caseId, waiters] of this.waiting) for (const w of [...waiters]) this.settle(caseId, w, false);
  }

  private schedulePoll(): void {
    if (this.poller || this.waiting.size === 0) return;
    this.poller = setTimeout(() => {
      this.poller = undefined;
      void this.check([...this.waiting.keys()]).finally(() => this.schedulePoll());
    }, this.pollMs);
    this.poller.unref();
  }

  /** Reads how far the projection of these cases is and settles the waiters it satisfies. */
  private async check(caseIds: string[]): Promise<void> {
    if (caseIds.length === 0) return;
    let rows: { caseId: string; seq: number }[];
    try {
      // The primary key (caseId, seq) answers it from the index.
      rows = await this.prisma.$queryRaw`SELECT "caseId", max("seq")::int AS "seq" FROM "CaseEvent" WHERE "caseId" = ANY(${caseIds}::text[]) GROUP BY "caseId"`;
    } catch {
      return; // the database is away: the poll asks again, the timeout bounds the wait
    }
    for (const { caseId, seq } of rows) {
      for (const w of [...(this.waiting.get(caseId) ?? [])]) if (w.seq <= seq) this.settle(caseId, w, true);
    }
  }

  private settle(caseId: string, waiter: Waiter, reached: boolean): void {
    const left = (this.waiting.get(caseId) ?? []).filter((w) => w !== waiter);
    if (left.length) this.waiting.set(caseId, left);
    else this.waiting.delete(caseId);
    waiter.done(reached);
  }
}
