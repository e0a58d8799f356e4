// Waiting for a message or signal: message and signal intermediate catch events and receive tasks.
import type { IrNode } from '../../ir';
import type { ActiveStep, CaseRuntime } from '../case-runtime';
import type { CatchTrigger } from '../message-subscriptions';

/**
 * Opens a subscription for `node` within `step` and waits for its message;
 * the message's variables merge into the case. Returns who published it.
 * Cancelling the wait closes the subscription.
 */
export async function receiveMessage(rt: CaseRuntime, node: IrNode, trigger: CatchTrigger, step: ActiveStep): Promise<string> {
  const sub = rt.messages.subscribeTo(node, trigger, step);
  try {
    const delivery = await rt.messages.next(sub);
    rt.messages.correlate(sub, delivery);
    return delivery.by;
  } finally {
    rt.messages.close(sub, 'the step was cancelled');
  }
}
