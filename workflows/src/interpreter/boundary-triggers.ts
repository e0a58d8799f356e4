// What a boundary event on a running activity waits for: a timer, a message or
// a signal (its subscription opens with the activity, as in Camunda). Other triggers
// (errors, escalations) are raised by the activity itself: they never fire here.
import { CancellationScope, sleep } from '@temporalio/workflow';
import type { IrBoundaryEvent } from '../ir';
import type { ActiveStep, CaseRuntime } from './case-runtime';
import type { Delivery, Subscription } from './message-subscriptions';
import { timerDelayMs } from './timers';

/** One firing of a boundary event; a message firing carries the delivery to take. */
export interface BoundaryFiring {
  boundary: IrBoundaryEvent;
  delivery?: Delivery;
}

export interface BoundaryTriggers {
  /** Resolves at the boundary event's next firing; rejects with cancellation when `scope` is cancelled. */
  wait(boundary: IrBoundaryEvent): Promise<BoundaryFiring>;
  /** Records a firing: a message is correlated, its variables merged. */
  accept(firing: BoundaryFiring): void;
  /** Runs `onFire` at every firing of a non-interrupting event until `close` (a message event may fire many times). */
  repeat(boundary: IrBoundaryEvent, onFire: () => void): Promise<void>;
  /** The activity ended: open subscriptions close, and a message not yet taken is refused. */
  close(reason: string): void;
}

/**
 * Arms every boundary event of `step` at once: timer delays are computed and
 * message subscriptions opened before any of them waits, so a bad FEEL
 * expression fails the step up front. Waiting happens in `scope`.
 */
export function armBoundaryTriggers(
  rt: CaseRuntime,
  step: ActiveStep,
  boundaries: IrBoundaryEvent[],
  startedAt: number,
  scope: CancellationScope,
): BoundaryTriggers {
  const delays = new Map<string, number>();
  const subscriptions = new Map<string, Subscription>();
  for (const b of boundaries) {
    if (b.timer) delays.set(b.id, timerDelayMs(rt, b, b.timer, startedAt));
    else if (b.message || b.signal) subscriptions.set(b.id, rt.messages.subscribeTo(b, b, step, !b.cancelActivity));
  }
  let closed = false;

  const wait = async (boundary: IrBoundaryEvent): Promise<BoundaryFiring> => {
    const delay = delays.get(boundary.id);
    if (delay !== undefined) {
      await scope.run(() => sleep(delay));
      return { boundary };
    }
    const sub = subscriptions.get(boundary.id);
    if (sub) return { boundary, delivery: await scope.run(() => rt.messages.next(sub)) };
    return new Promise<never>(() => {});
  };
  const accept = ({ boundary, delivery }: BoundaryFiring) => {
    if (delivery) rt.messages.correlate(subscriptions.get(boundary.id)!, delivery);
  };

  return {
    wait,
    accept,
    async repeat(boundary, onFire) {
      do {
        const firing = await wait(boundary);
        if (closed) return;
        accept(firing);
        onFire();
      } while ((boundary.message || boundary.signal) && !closed);
    },
    close(reason) {
      closed = true;
      for (const sub of subscriptions.values()) rt.messages.close(sub, reason);
    },
  };
}
