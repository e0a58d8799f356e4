import { CancellationScope, sleep } from '@temporalio/workflow';
import type { IrEventBasedGateway, IrIntermediateCatchEvent } from '../../ir';
import type { CaseRuntime } from '../case-runtime';
import type { Delivery, Subscription } from '../message-subscriptions';
import { timerDelayMs } from '../timers';
import { runCancellableStep } from './boundary-event';
import { passEvent } from '../event-mappings';

interface Armed {
  event: IrIntermediateCatchEvent;
  delay?: number;
  sub?: Subscription;
}

/**
 * Waits for the first of the catch events (message, signal or timer) its flows lead
 * to. That event is recorded and the token leaves through it; the other
 * timers are cancelled and the other subscriptions closed, as in Camunda.
 */
export async function eventBasedGateway(rt: CaseRuntime, node: IrEventBasedGateway): Promise<string[]> {
  const step = rt.startStep(node);
  const startedAt = Date.now();
  const events = node.outgoing.map((flowId) => rt.ir.nodes[rt.ir.flows[flowId]!.target] as IrIntermediateCatchEvent);
  // Everything is armed before anything waits, so a bad expression fails the step up front.
  const armed: Armed[] = events.map((event) =>
    event.message || event.signal
      ? { event, sub: rt.messages.subscribeTo(event, event, step) }
      : { event, delay: timerDelayMs(rt, event, event.timer!, startedAt) },
  );
  const scope = new CancellationScope();
  const wait = (a: Armed): Promise<{ armed: Armed; delivery?: Delivery }> =>
    a.sub
      ? scope.run(() => rt.messages.next(a.sub!)).then((delivery) => ({ armed: a, delivery }))
      : scope.run(() => sleep(a.delay!)).then(() => ({ armed: a }));

  let winner: { armed: Armed; delivery?: Delivery } | undefined;
  try {
    winner = await runCancellableStep(rt, step, () => Promise.race(armed.map(wait)));
    if (winner.delivery) rt.messages.correlate(winner.armed.sub!, winner.delivery);
  } finally {
    scope.cancel();
    const reason = winner ? `"${winner.armed.event.name}" came first` : 'the step was cancelled';
    for (const a of armed) if (a.sub) rt.messages.close(a.sub, reason);
  }
  rt.endStep(step, 'completed', winner.delivery?.by);
  if (winner.delivery) rt.passThrough(winner.armed.event);
  else passEvent(rt, winner.armed.event);
  return winner.armed.event.outgoing;
}
