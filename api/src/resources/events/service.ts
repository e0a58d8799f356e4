// Live events: task and case changes pushed to open inboxes and case pages
// (GET /api/events/stream, server-sent events), so a new task shows without a
// reload; the pages keep polling as a fallback. The worker writes tasks and case
// events; PostgreSQL triggers (migration 20261207132000_live_events) NOTIFY
// every API process that LISTENs, whichever process wrote. A notification
// names a row only: the hub reads the task once and sends each subscriber only
// what that subscriber may see (a task it may do, supervises or holds; its own
// open case page), and only ids and a status: the page reads the rest through
// the API's usual, authorized routes.
import pg from 'pg';
import type { PrismaClient } from '@alur/db';
import { isCandidate, supervisesTask, type Actor } from '@alur/workflows';

export interface LiveEvent {
  type: 'task' | 'case';
  caseId: string;
  taskId?: string;
  status?: string;
}

export interface Subscriber {
  actor: Actor;
  /** The case page it has open, when it has one (access checked when it subscribed). */
  caseId?: string;
  send(event: LiveEvent): void;
}

export const LIVE_CHANNEL = 'alur_events';

export class LiveEvents {
  private readonly subscribers = new Set<Subscriber>();
  private readonly caseListeners = new Set<(caseId: string) => void>();
  private client: pg.Client | undefined;
  private closed = false;
  private retry: NodeJS.Timeout | undefined;

  constructor(
    private readonly prisma: PrismaClient,
    private readonly databaseUrl: string,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** Listens on the channel; reconnects by itself when the connection drops (events in between are lost: the pages' poll covers them). */
  async start(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client({ connectionString: this.databaseUrl });
    client.on('notification', (n) => void this.handle(n.payload).catch((err: Error) => this.log(`live event not delivered: ${err.message}`)));
    client.on('error', (err) => {
      this.log(`live events connection lost: ${err.message}`);
      this.reconnect();
    });
    client.on('end', () => this.reconnect());
    try {
      await client.connect();
      await client.query(`LISTEN ${LIVE_CHANNEL}`);
      this.client = client;
    } catch (err) {
      this.log(`live events cannot listen: ${(err as Error).message}`);
      await client.end().catch(() => undefined);
      this.reconnect();
    }
  }

  private reconnect(): void {
    if (this.closed || this.retry) return;
    this.client = undefined;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.start();
    }, 2_000);
  }

  subscribe(sub: Subscriber): () => void {
    this.subscribers.add(sub);
    return () => this.subscribers.delete(sub);
  }

  /** Told the case id of every case event written (the ProjectionWatch of task Updates and case starts). */
  onCaseEvent(listener: (caseId: string) => void): void {
    this.caseListeners.add(listener);
  }

  get listening(): boolean {
    return this.client !== undefined;
  }

  private async handle(payload: string | undefined): Promise<void> {
    if (!payload || (this.subscribers.size === 0 && this.caseListeners.size === 0)) return;
    const note = JSON.parse(payload) as { t: 'task' | 'case'; id?: string; caseId: string };
    if (note.t === 'case') for (const listener of this.caseListeners) listener(note.caseId);
    if (this.subscribers.size === 0) return;
    if (note.t === 'case') {
      for (const sub of this.subscribers) if (sub.caseId === note.caseId) sub.send({ type: 'case', caseId: note.caseId });
      return;
    }
    const task = await this.prisma.task.findUnique({
      where: { id: note.id! },
      select: { id: true, caseId: true, status: true, candidateRoles: true, unitId: true, claimedBy: true },
    });
    if (!task) return;
    const event: LiveEvent = { type: 'task', caseId: task.caseId, taskId: task.id, status: task.status };
    for (const sub of this.subscribers) {
      const maySee = sub.caseId === task.caseId || isCandidate(sub.actor, task) || supervisesTask(sub.actor, task) || task.claimedBy === sub.actor.username;
      if (maySee) sub.send(event);
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retry);
    this.subscribers.clear();
    await this.client?.end().catch(() => undefined);
    this.client = undefined;
  }
}
