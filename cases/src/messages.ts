// Publishing BPMN messages to cases, for the API (POST /api/messages, POST
// /api/instances/:id/messages). Delivery always goes through Temporal (the
// deliverMessage Update, whose validator refuses when nothing waits); the
// MessageSubscription projection only tells which case to ask. A message no
// case takes starts a case of each SOP whose latest version starts on it
// (Zeebe semantics: a new version in force replaces the old one's start events), at
// most one running case per correlation key; one published with a time to
// live is buffered for the first case to subscribe before it expires
// (worker/src/activities/message-buffer.ts). Who may publish, and what the
// caller is told when nothing happened, is the API's.
import { randomUUID } from 'node:crypto';
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '@alur/db';
import { deliverMessageUpdate, type Actor, type IrNode, type SopIR } from '@alur/workflows';
import { inForceWhere } from './in-force';
import type { CaseStarter } from './start';
import { refusalOf } from './updates';
import { assertVariablesFit } from './variables';

export interface MessageBody {
  name: string;
  correlationKey?: string;
  variables?: Record<string, unknown>;
  /** POST /api/messages: ISO-8601 duration to keep the message for a case that subscribes later, when none waits now. */
  timeToLive?: string;
}

export interface MessageInstance {
  id: string;
  trackingCode: string;
  sopKey: string;
  /** The element that took the message, or the message start event. */
  elementId: string;
}

export interface MessageStarter {
  sopKey: string;
  /** The message start event. */
  elementId: string;
}

/** Who sends a message, as the case's validators see them. */
export type MessageSender = Pick<Actor, 'username' | 'roles'>;

/** How long a start by message holds its correlation key's lock (until the case is in the projection). */
const START_LOCK_TIMEOUT_MS = 60_000;

/** Which SOPs a message starts: the version in force of each SOP, by its message start events. */
export async function sopsStartingOnMessage(prisma: PrismaClient, name: string): Promise<MessageStarter[]> {
  const latest = await prisma.sopVersion.findMany({
    where: inForceWhere(),
    orderBy: [{ key: 'asc' }, { version: 'desc' }],
    distinct: ['key'],
    select: { key: true, ir: true },
  });
  const starters: MessageStarter[] = [];
  for (const { key, ir } of latest) {
    const start = Object.values((ir as unknown as SopIR).nodes).find((n) => n.type === 'startEvent' && !n.parent && n.message?.name === name);
    if (start) starters.push({ sopKey: key, elementId: start.id });
  }
  return starters;
}

/**
 * Whether any SOP that can still get a message (a latest version, or one with
 * running cases) waits for or starts on `name`. A FEEL message name could be
 * anything, so it counts as a match.
 */
export async function isKnownMessageName(prisma: PrismaClient, name: string): Promise<boolean> {
  const latestIds = (await prisma.sopVersion.findMany({ orderBy: [{ key: 'asc' }, { version: 'desc' }], distinct: ['key'], select: { id: true } })).map(
    (r) => r.id,
  );
  const versions = await prisma.sopVersion.findMany({
    where: { OR: [{ cases: { some: { status: { in: ['running', 'incident'] } } } }, { id: { in: latestIds } }] },
    select: { ir: true },
  });
  return versions.some(({ ir }) => Object.values((ir as unknown as SopIR).nodes).some((n) => matches(n, name)));
}

function matches(node: IrNode, name: string): boolean {
  const message = 'message' in node ? node.message : undefined;
  return message !== undefined && (message.name === name || message.name.startsWith('='));
}

export class MessagePublisher {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly temporal: Client,
    private readonly starter: CaseStarter,
  ) {}

  /**
   * Delivers through the case's deliverMessage Update; the element that took
   * the message, or undefined when the case does not wait for it (any more:
   * the projection lags the case). Its variables must fit with the case's.
   */
  async deliver(caseId: string, sender: MessageSender, { name, correlationKey, variables }: MessageBody): Promise<string | undefined> {
    if (variables && Object.keys(variables).length > 0) {
      const c = await this.prisma.case.findUnique({ where: { id: caseId }, select: { variables: true } });
      assertVariablesFit(variables, this.starter.settings.maxCaseVariablesBytes, (c?.variables ?? {}) as Record<string, unknown>);
    }
    try {
      const result = await this.temporal.workflow.getHandle(caseId).executeUpdate(deliverMessageUpdate, {
        args: [
          {
            name,
            ...(correlationKey === undefined ? {} : { correlationKey }),
            variables: variables ?? {},
            actor: { username: sender.username, roles: sender.roles },
          },
        ],
      });
      return result.elementId;
    } catch (err) {
      const refusal = refusalOf(err);
      if (refusal && ['message.not_waiting', 'message.not_correlated', 'case.not_running', 'case.ended'].includes(refusal.code)) return undefined;
      throw err;
    }
  }

  /** To the running case that subscribed first to this name and key (the next one when a case no longer waits); undefined when none takes it. */
  async correlate(sender: MessageSender, body: MessageBody & { correlationKey: string }): Promise<MessageInstance | undefined> {
    const { name, correlationKey } = body;
    const waiting = await this.prisma.messageSubscription.findMany({
      where: { kind: 'catch', status: 'open', messageName: name, correlationKey, case: { status: { in: ['running', 'incident'] } } },
      orderBy: { openedAt: 'asc' },
      select: { caseId: true, case: { select: { trackingCode: true, sopKey: true } } },
    });
    const tried = new Set<string>();
    for (const w of waiting) {
      if (tried.has(w.caseId)) continue;
      tried.add(w.caseId);
      const elementId = await this.deliver(w.caseId, sender, body);
      if (elementId !== undefined) return { id: w.caseId, ...w.case, elementId };
    }
    return undefined;
  }

  /**
   * Starts a case of each SOP in `starters` at its message start event, unless
   * a case it started with the same key still runs (at most one per key, as in
   * Zeebe): those are listed in `blocked` ("case <tracking code> of SOP <key>").
   */
  async startCases(
    sender: MessageSender,
    starters: MessageStarter[],
    { name, correlationKey, variables }: MessageBody & { correlationKey: string },
  ): Promise<{ instances: MessageInstance[]; blocked: string[] }> {
    const instances: MessageInstance[] = [];
    const blocked: string[] = [];
    for (const { sopKey, elementId } of starters) {
      // Held until the case is in the projection (start answers then), so two publishes of one key cannot both start a case.
      await this.prisma.$transaction(
        async (tx) => {
          await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`message-start:${sopKey}:${name}:${correlationKey}`}))`;
          const running = await tx.messageSubscription.findFirst({
            where: { kind: 'start', messageName: name, correlationKey, case: { sopKey, status: { in: ['running', 'incident'] } } },
            select: { case: { select: { trackingCode: true } } },
          });
          if (running) {
            blocked.push(`case ${running.case.trackingCode} of SOP "${sopKey}"`);
            return;
          }
          const started = await this.starter.start({
            sop: await this.starter.sopVersion(sopKey),
            variables: variables ?? {},
            startMessage: { elementId, name, correlationKey, by: sender.username },
          });
          instances.push({ id: started.id, trackingCode: started.trackingCode, sopKey, elementId });
        },
        { timeout: START_LOCK_TIMEOUT_MS },
      );
    }
    return { instances, blocked };
  }

  /** Keeps a message nothing took for `ttlMs`, for the first case that subscribes with its name and key. */
  async buffer(sender: MessageSender, { name, correlationKey, variables }: MessageBody & { correlationKey: string }, ttlMs: number) {
    const publishedAt = new Date();
    const expiresAt = new Date(publishedAt.getTime() + ttlMs);
    const row = await this.prisma.bufferedMessage.create({
      data: {
        id: randomUUID(),
        messageName: name,
        correlationKey,
        variables: (variables ?? {}) as object,
        publishedBy: sender.username,
        publishedAt,
        expiresAt,
        status: 'buffered',
      },
    });
    return { messageId: row.id, expiresAt };
  }
}
