// A message or signal boundary event: a subscription opens with the activity
// (as in Camunda) and fires at each delivery; a non-interrupting one fires at
// every message until the activity ends, when the subscription closes and a
// message not yet taken is refused.
import type { ArmTrigger } from './trigger';

export const armSubscription: ArmTrigger = (rt, step, boundary) => {
  const sub = rt.messages.subscribeTo(boundary, boundary, step, !boundary.cancelActivity);
  return {
    next: (scope) => scope.run(() => rt.messages.next(sub)),
    accept(delivery) {
      if (delivery) rt.messages.correlate(sub, delivery);
    },
    repeats: true,
    close: (reason) => rt.messages.close(sub, reason),
  };
};
