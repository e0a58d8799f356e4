// Broadcasting signals: from POST /api/signals (the API) and from a signal
// throw or end event in a case (the worker's broadcastSignal activity), the
// same code for both, so a thrown signal behaves exactly like a published one.
//
// Who waits is read from the MessageSubscription projection (kind `signal`,
// written by the worker in the same transaction as the case's events), not
// from Temporal visibility: the projection is already there for messages,
// needs no custom search attributes on the Temporal server, and says which
// element waits. The delivery itself goes through the case's deliverSignal
// Update, whose validator refuses a case that stopped waiting meanwhile.
import type { Client } from '@temporalio/client';
import type { PrismaClient } from '@alur/db';
import { deliverSignalUpdate, type Actor, type BroadcastSignalResult, type IrNode, type SignalCase, type SopIR } from '@alur/workflows';
import { inForceWhere } from './in-force';
import type { CaseStarter } from './start';
import { refusalOf } from './updates';

export interface SignalBody {
  name: string;
  variables?: Record<string, unknown>;
}

/**
 * Where a signal thrown in a case comes from: the throwing case and its step.
 * The broadcast runs in an activity that Temporal retries until it succeeds,
 * so everything it does is keyed by its origin: each case it starts has an id
 * derived from (SOP, throwing case, throwing step) and is started with
 * REJECT_DUPLICATE, and each delivery is an Update with an id derived from
 * (throwing case, throwing step), so a retry finds the cases it started and
 * the deliveries it made instead of doing them again.
 */
export interface SignalOrigin {
  caseId: string;
  /** The throwing step (its step id), or anything naming this one throw uniquely within the case. */
  stepId: string;
}

/** The idempotency key of the cases a thrown signal starts (the starter scopes it by SOP); no username has a space, so no caller's Idempotency-Key collides with it. */
export const signalStartKey = (origin: SignalOrigin) => `signal throw\n${origin.caseId}\n${origin.stepId}`;

/** The Update id of a thrown signal's delivery to one case: the same within the case's run is one delivery. */
export const signalDeliveryId = (origin: SignalOrigin) => `signal:${origin.caseId}:${origin.stepId}`;

export interface SignalStarter {
  sopKey: string;
  /** The signal start event. */
  elementId: string;
}

/** Which SOPs a signal starts: the version in force of each SOP (as for message start events, a new version replaces the old one's start events). */
export async function sopsStartingOnSignal(prisma: PrismaClient, name: string): Promise<SignalStarter[]> {
  const latest = await prisma.sopVersion.findMany({
    where: inForceWhere(),
    orderBy: [{ key: 'asc' }, { version: 'desc' }],
    distinct: ['key'],
    select: { key: true, ir: true },
  });
  const starters: SignalStarter[] = [];
  for (const { key, ir } of latest) {
    const start = Object.values((ir as unknown as SopIR).nodes).find((n) => n.type === 'startEvent' && !n.parent && n.signal?.name === name);
    if (start) starters.push({ sopKey: key, elementId: start.id });
  }
  return starters;
}

/** Whether any SOP that can still get a signal (a latest version, or one with running cases) catches, throws or starts on `name`. */
export async function isKnownSignalName(prisma: PrismaClient, name: string): Promise<boolean> {
  const latestIds = (await prisma.sopVersion.findMany({ orderBy: [{ key: 'asc' }, { version: 'desc' }], distinct: ['key'], select: { id: true } })).map(
    (r) => r.id,
  );
  const versions = await prisma.sopVersion.findMany({
    where: { OR: [{ cases: { some: { status: { in: ['running', 'incident'] } } } }, { id: { in: latestIds } }] },
    select: { ir: true },
  });
  return versions.some(({ ir }) => Object.values((ir as unknown as SopIR).nodes).some((n: IrNode) => 'signal' in n && n.signal?.name === name));
}

export class SignalBroadcaster {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly temporal: Client,
    private readonly starter: CaseStarter,
  ) {}

  /**
   * Every running case with an open subscription for the signal takes it
   * (each of its waiting elements), and every SOP whose latest version has a
   * signal start event for it starts a case. `origin`: the throwing case
   * (which delivered the signal to itself) and step; with it, the broadcast
   * may run again (an activity retry) without starting or delivering twice.
   */
  async broadcast(actor: Actor, { name, variables = {} }: SignalBody, origin?: SignalOrigin): Promise<BroadcastSignalResult> {
    const exceptCaseId = origin?.caseId;
    const waiting = await this.prisma.messageSubscription.findMany({
      where: {
        kind: 'signal',
        status: 'open',
        messageName: name,
        case: { status: { in: ['running', 'incident'] } },
        ...(exceptCaseId ? { caseId: { not: exceptCaseId } } : {}),
      },
      orderBy: { openedAt: 'asc' },
      distinct: ['caseId'],
      select: { caseId: true, case: { select: { trackingCode: true, sopKey: true } } },
    });
    const delivered = await Promise.all(
      waiting.map(async (w) => {
        const elementIds = await this.deliver(w.caseId, actor, name, variables, origin && signalDeliveryId(origin));
        return elementIds && { id: w.caseId, ...w.case, elementIds };
      }),
    );
    const started: SignalCase[] = [];
    for (const { sopKey, elementId } of await sopsStartingOnSignal(this.prisma, name)) {
      const c = await this.starter.start({
        sop: await this.starter.sopVersion(sopKey),
        variables,
        startMessage: { elementId, name, by: actor.username },
        ...(origin ? { idempotencyKey: signalStartKey(origin) } : {}),
      });
      started.push({ id: c.id, trackingCode: c.trackingCode, sopKey, elementIds: [elementId] });
    }
    return { caught: delivered.filter((d): d is SignalCase => d !== undefined), started };
  }

  /** The elements of the case that took the signal; undefined when it no longer waits (the projection lagged). */
  private async deliver(caseId: string, actor: Actor, name: string, variables: Record<string, unknown>, updateId?: string): Promise<string[] | undefined> {
    try {
      // The same Update id within the case's run is one delivery: Temporal answers a repeat with the first one's result.
      const result = await this.temporal.workflow
        .getHandle(caseId)
        .executeUpdate(deliverSignalUpdate, { args: [{ name, variables, actor }], ...(updateId ? { updateId } : {}) });
      return result.elementIds.length > 0 ? result.elementIds : undefined;
    } catch (err) {
      const refusal = refusalOf(err);
      if (refusal && ['signal.not_waiting', 'case.not_running', 'case.ended'].includes(refusal.code)) return undefined;
      throw err;
    }
  }
}
