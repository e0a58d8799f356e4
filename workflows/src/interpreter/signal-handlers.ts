// The deliverSignal Update: a signal broadcast into this case, taken by every
// open subscription for its name at once.
import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import { CASE_NOT_RUNNING } from '../contract/updates';
import { deliverSignalUpdate, NO_SIGNAL_SUBSCRIPTION, type DeliverSignalRequest } from '../contract/signals';
import type { CaseRuntime } from './case-runtime';
import type { Delivery } from './message-subscriptions';

/** Hands the signal to every subscription that can take it; returns their deliveries. */
export function broadcastInCase(rt: CaseRuntime, request: DeliverSignalRequest): { elementId: string; delivery: Delivery }[] {
  return rt.messages.signalTakers(request.name).map((sub) => ({ elementId: sub.node.id, delivery: rt.messages.deliver(sub, request) }));
}

export function registerSignalHandlers(rt: CaseRuntime): void {
  setHandler(
    deliverSignalUpdate,
    async (request: DeliverSignalRequest) => {
      const deliveries = broadcastInCase(rt, request);
      await condition(() => deliveries.every((d) => d.delivery.result !== undefined));
      await condition(() => rt.settled());
      return { elementIds: deliveries.filter((d) => d.delivery.result === 'correlated').map((d) => d.elementId) };
    },
    {
      validator: ({ name }: DeliverSignalRequest) => {
        if (rt.status !== 'running') throw ApplicationFailure.nonRetryable(`The case is ${rt.status}, not running`, CASE_NOT_RUNNING);
        if (rt.messages.signalTakers(name).length === 0) {
          throw ApplicationFailure.nonRetryable(`The case is not waiting for signal "${name}"`, NO_SIGNAL_SUBSCRIPTION);
        }
      },
    },
  );
}
