// What a boundary event on a running activity waits for, one module per event
// definition: a timer (timer.ts), a message or a signal (subscription.ts: it
// opens with the activity, as in Camunda). Errors and escalations are raised by
// the activity itself: they never fire here.
import type { CancellationScope } from '@temporalio/workflow';
import type { IrBoundaryEvent } from '../../ir';
import type { ActiveStep, CaseRuntime } from '../case-runtime';
import type { Delivery } from '../message-subscriptions';
import { armSubscription } from './subscription';
import { armTimer } from './timer';
import { boundaryTrigger, NEVER_FIRES, type ArmedTrigger, type ArmedTriggerKind, type ArmTrigger } from './trigger';

/** How each trigger a boundary event can have is armed. */
const ARM: Record<ArmedTriggerKind, ArmTrigger> = {
  timer: armTimer,
  message: armSubscription,
  signal: armSubscription,
  error: () => NEVER_FIRES,
  escalation: () => NEVER_FIRES,
};

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
 * Arms every boundary event of `step` at once, in order: timer delays are
 * computed and message subscriptions opened before any of them waits, so a bad
 * FEEL expression fails the step up front. Waiting happens in `scope`.
 */
export function armBoundaryTriggers(
  rt: CaseRuntime,
  step: ActiveStep,
  boundaries: IrBoundaryEvent[],
  startedAt: number,
  scope: CancellationScope,
): BoundaryTriggers {
  const armed = new Map<string, ArmedTrigger>();
  for (const b of boundaries) {
    const trigger = boundaryTrigger(b);
    armed.set(b.id, trigger ? ARM[trigger](rt, step, b, startedAt) : NEVER_FIRES);
  }
  const of = (boundary: IrBoundaryEvent) => armed.get(boundary.id) ?? NEVER_FIRES;
  let closed = false;

  const wait = async (boundary: IrBoundaryEvent): Promise<BoundaryFiring> => {
    const delivery = await of(boundary).next(scope);
    return delivery ? { boundary, delivery } : { boundary };
  };
  const accept = ({ boundary, delivery }: BoundaryFiring) => of(boundary).accept(delivery);

  return {
    wait,
    accept,
    async repeat(boundary, onFire) {
      do {
        const firing = await wait(boundary);
        if (closed) return;
        accept(firing);
        onFire();
      } while (of(boundary).repeats && !closed);
    },
    close(reason) {
      closed = true;
      for (const trigger of armed.values()) trigger.close(reason);
    },
  };
}
