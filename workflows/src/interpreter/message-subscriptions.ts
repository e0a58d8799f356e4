// The messages a case waits for. A catching step (message catch event, receive
// task, message boundary event, event-based gateway) opens a subscription:
// message name and correlation key are evaluated then (Camunda semantics).
// The deliverMessage Update puts a message in the inbox of the first matching
// subscription opened; the waiting step takes it (correlate) or, when it ended
// first, the message is refused (close). A signal subscription (signal catch
// event, signal boundary event, signal start of an event sub-process) works
// the same way, but a broadcast goes to every open one with the signal's name.
import { FeelDate, FeelDateTime, FeelDuration } from 'feelin';
import { CancellationScope, condition, patched, proxyActivities, uuid4 } from '@temporalio/workflow';
import type { CaseActivities } from '../contract/activities';
import { evaluateFeel } from '../feel';
import type { IrMessageSubscription, IrNode, IrSignal } from '../ir';
import type { DeliverMessageRequest, StartMessage } from '../contract/updates';
import type { ActiveStep, CaseRuntime } from './case-runtime';
import { CaseIncident } from './errors';
import { activityData } from './io-mapping';

export interface Delivery {
  variables: Record<string, unknown>;
  by: string;
  /** A buffered message (published with a time to live before the subscription opened). */
  bufferedMessageId?: string;
  result?: 'correlated' | 'refused';
  correlatedAt?: string;
}

export interface Subscription {
  id: string;
  /** The waiting step; none for an event sub-process's message start (the scope waits). */
  stepId?: string;
  /** The catching element. */
  node: IrNode;
  name: string;
  correlationKey: string;
  /** A non-interrupting boundary event: stays open after a message, for the next one. */
  repeats: boolean;
  /** Waits for a broadcast signal named `name` (no correlation key). */
  signal?: true;
  open: boolean;
  /** Messages delivered and not yet taken: at most one, or a queue for a repeating subscription. */
  inbox: Delivery[];
}

/** Workflow patch id: subscriptions opened before message buffering existed never looked for a buffered message. */
const MESSAGE_BUFFER = 'message-buffer';

const buffer = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/** What a catching element waits for: a message or a signal. */
export interface CatchTrigger {
  message?: IrMessageSubscription;
  signal?: IrSignal;
}

export class MessageSubscriptions {
  private readonly open: Subscription[] = [];

  constructor(private readonly rt: CaseRuntime) {}

  /** Opens a subscription of `node` (the catching element) within `step`. */
  subscribe(node: IrNode, message: IrMessageSubscription, step: ActiveStep | undefined, repeats = false): Subscription {
    const sub: Subscription = {
      id: uuid4(),
      ...(step ? { stepId: step.id } : {}),
      node,
      name: messageName(this.rt, node, message),
      correlationKey: correlationKey(this.rt, node, message),
      repeats,
      open: true,
      inbox: [],
    };
    this.open.push(sub);
    this.rt.emit({
      kind: 'message.subscribed',
      subscriptionId: sub.id,
      ...(step ? { stepId: step.id } : {}),
      elementId: node.id,
      messageName: sub.name,
      correlationKey: sub.correlationKey,
    });
    // The activities retry until they succeed; a rejection here only comes with the workflow's end.
    if (patched(MESSAGE_BUFFER)) this.takeBuffered(sub).catch(() => undefined);
    return sub;
  }

  /**
   * A message buffered for this name and key is claimed and put in the
   * subscription's inbox, as if just delivered. Not cancellable: a claim whose
   * answer was lost would keep the message from every other case; one that
   * arrives after the subscription closed is given back.
   */
  private async takeBuffered(sub: Subscription): Promise<void> {
    const claim = await CancellationScope.nonCancellable(() =>
      buffer.takeBufferedMessage({ caseId: this.rt.caseId, subscriptionId: sub.id, name: sub.name, correlationKey: sub.correlationKey }),
    );
    if (!claim) return;
    if (!sub.open || (!sub.repeats && sub.inbox.length > 0)) {
      await this.release(claim.id);
      return;
    }
    sub.inbox.push({ variables: claim.variables, by: claim.by, bufferedMessageId: claim.id });
  }

  private release(id: string): Promise<void> {
    return CancellationScope.nonCancellable(() => buffer.releaseBufferedMessage({ id }));
  }

  /** Opens a subscription for the element's message or signal. */
  subscribeTo(node: IrNode, trigger: CatchTrigger, step: ActiveStep | undefined, repeats = false): Subscription {
    if (trigger.message) return this.subscribe(node, trigger.message, step, repeats);
    const sub: Subscription = {
      id: uuid4(),
      ...(step ? { stepId: step.id } : {}),
      node,
      name: trigger.signal!.name,
      correlationKey: '',
      repeats,
      signal: true,
      open: true,
      inbox: [],
    };
    this.open.push(sub);
    this.rt.emit({
      kind: 'message.subscribed',
      subscriptionId: sub.id,
      ...(step ? { stepId: step.id } : {}),
      elementId: node.id,
      messageName: sub.name,
      correlationKey: '',
      signal: true,
    });
    return sub;
  }

  /** Every open signal subscription for `name` that can take a broadcast now. */
  signalTakers(name: string): Subscription[] {
    return this.open.filter((s) => s.signal && s.name === name && (s.repeats || s.inbox.length === 0));
  }

  /** Resolves with the next message delivered to `sub`; rejects when the waiting is cancelled. */
  async next(sub: Subscription): Promise<Delivery> {
    await condition(() => sub.inbox.length > 0);
    return sub.inbox[0]!;
  }

  /** The waiting step takes the message: recorded, its variables merged into the case. */
  correlate(sub: Subscription, delivery: Delivery): void {
    sub.inbox.splice(sub.inbox.indexOf(delivery), 1);
    if (!sub.repeats) this.remove(sub);
    delivery.correlatedAt = new Date().toISOString();
    delivery.result = 'correlated';
    this.rt.emit({
      kind: 'message.correlated',
      subscriptionId: sub.id,
      elementId: sub.node.id,
      messageName: sub.name,
      correlationKey: sub.correlationKey,
      variables: delivery.variables,
      by: delivery.by,
      ...(sub.repeats ? { stillOpen: true } : {}),
      ...(delivery.bufferedMessageId ? { bufferedMessageId: delivery.bufferedMessageId } : {}),
    });
    activityData(this.rt, sub.node).complete(`message:${sub.name}`, delivery.variables);
  }

  /** The step stopped waiting (it completed, lost a race, was cancelled): a message not yet taken is refused. */
  close(sub: Subscription, reason: string): void {
    if (!sub.open) return;
    this.remove(sub);
    for (const delivery of sub.inbox.splice(0)) {
      delivery.result = 'refused';
      if (delivery.bufferedMessageId) this.release(delivery.bufferedMessageId).catch(() => undefined);
    }
    this.rt.emit({ kind: 'message.unsubscribed', subscriptionId: sub.id, reason });
  }

  /** The first subscription opened that matches and can take another message. */
  match(name: string, key: string | undefined): Subscription | undefined {
    return this.open.find((s) => !s.signal && s.name === name && (key === undefined || s.correlationKey === key) && (s.repeats || s.inbox.length === 0));
  }

  deliver(sub: Subscription, request: Pick<DeliverMessageRequest, 'variables' | 'actor'>): Delivery {
    const delivery: Delivery = { variables: request.variables ?? {}, by: request.actor.username };
    sub.inbox.push(delivery);
    return delivery;
  }

  /** `"berkasLengkap" (key "ABC123")` for each open subscription: what the case waits for. */
  describeOpen(): string {
    return this.open
      .filter((s) => !s.signal)
      .map((s) => `"${s.name}" (correlation key "${s.correlationKey}")`)
      .join(', ');
  }

  /** Records the message that started the case at a message start event. */
  recordStartMessage(node: IrNode, start: StartMessage): void {
    this.rt.emit({
      kind: 'message.correlated',
      subscriptionId: `${this.rt.caseId}:start`,
      elementId: node.id,
      messageName: start.name,
      ...(start.correlationKey === undefined ? {} : { correlationKey: start.correlationKey }),
      variables: this.rt.input.variables,
      by: start.by,
      start: true,
    });
  }

  private remove(sub: Subscription): void {
    sub.open = false;
    const i = this.open.indexOf(sub);
    if (i >= 0) this.open.splice(i, 1);
  }
}

function messageName(rt: CaseRuntime, node: IrNode, message: IrMessageSubscription): string {
  if (!message.name.startsWith('=')) return message.name;
  const value = evaluate(rt, node, message.name.slice(1), 'message name');
  if (typeof value !== 'string' || value.trim() === '') {
    throw new CaseIncident(node.id, `The message name expression ${message.name} of "${node.name}" gave ${JSON.stringify(value)}, not a text`);
  }
  return value;
}

/** Zeebe: a text or a number (as text). Without an expression: the case's tracking code. */
function correlationKey(rt: CaseRuntime, node: IrNode, message: IrMessageSubscription): string {
  if (message.correlationKey === undefined) return rt.input.trackingCode;
  const value = evaluate(rt, node, message.correlationKey, 'correlation key');
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (value instanceof FeelDateTime || value instanceof FeelDate || value instanceof FeelDuration) return String(value);
  throw new CaseIncident(
    node.id,
    `The correlation key =${message.correlationKey} of "${node.name}" gave ${JSON.stringify(value) ?? 'null'}; it must give a text or a number`,
  );
}

function evaluate(rt: CaseRuntime, node: IrNode, expression: string, what: string): unknown {
  try {
    return evaluateFeel(expression, rt.variables);
  } catch (err) {
    throw new CaseIncident(node.id, `The ${what} of "${node.name}" could not be evaluated: ${(err as Error).message}`);
  }
}
