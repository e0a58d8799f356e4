// Waiting for a message: message intermediate catch events and receive tasks.
import type { IrMessageSubscription, IrNode } from '../../ir';
import type { ActiveStep, CaseRuntime } from '../case-runtime';

/**
 * Opens a subscription for `node` within `step` and waits for its message;
 * the message's variables merge into the case. Returns who published it.
 * Cancelling the wait closes the subscription.
 */
export async function receiveMessage(rt: CaseRuntime, node: IrNode, message: IrMessageSubscription, step: ActiveStep): Promise<string> {
  const sub = rt.messages.subscribe(node, message, step);
  try {
    const delivery = await rt.messages.next(sub);
    rt.messages.correlate(sub, delivery);
    return delivery.by;
  } finally {
    rt.messages.close(sub, 'the step was cancelled');
  }
}
