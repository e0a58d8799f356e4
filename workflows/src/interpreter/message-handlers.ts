// The deliverMessage Update: a message published to this case.
import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import { CASE_NOT_RUNNING, deliverMessageUpdate, MESSAGE_NOT_CORRELATED, NO_MESSAGE_SUBSCRIPTION, type DeliverMessageRequest } from '../contract/updates';
import type { CaseRuntime } from './case-runtime';

export function registerMessageHandlers(rt: CaseRuntime): void {
  setHandler(
    deliverMessageUpdate,
    async (request: DeliverMessageRequest) => {
      const sub = rt.messages.match(request.name, request.correlationKey)!;
      const delivery = rt.messages.deliver(sub, request);
      await condition(() => delivery.result !== undefined);
      if (delivery.result === 'refused') {
        throw ApplicationFailure.nonRetryable(`"${sub.node.name}" stopped waiting for message "${sub.name}" before it could take it`, MESSAGE_NOT_CORRELATED);
      }
      await condition(() => rt.settled());
      return { subscriptionId: sub.id, elementId: sub.node.id, correlatedAt: delivery.correlatedAt! };
    },
    {
      validator: ({ name, correlationKey }: DeliverMessageRequest) => {
        if (rt.status !== 'running') throw ApplicationFailure.nonRetryable(`The case is ${rt.status}, not running`, CASE_NOT_RUNNING);
        if (rt.messages.match(name, correlationKey)) return;
        const waits = rt.messages.describeOpen();
        throw ApplicationFailure.nonRetryable(
          `The case is not waiting for message "${name}"${correlationKey === undefined ? '' : ` with correlation key "${correlationKey}"`}; ${
            waits ? `it waits for ${waits}` : 'it waits for no message now'
          }`,
          NO_MESSAGE_SUBSCRIPTION,
        );
      },
    },
  );
}
