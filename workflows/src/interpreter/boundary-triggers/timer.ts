// A timer boundary event: its delay is computed when the activity starts (a
// duration, a date or a cycle's first firing, on the business calendar when
// it says so) and it fires once when the delay has passed.
import { sleep } from '@temporalio/workflow';
import { timerDelayMs } from '../timers';
import { NEVER_FIRES, type ArmTrigger } from './trigger';

export const armTimer: ArmTrigger = (rt, _step, boundary, startedAt) => {
  const delay = timerDelayMs(rt, boundary, boundary.timer!, startedAt);
  return {
    ...NEVER_FIRES,
    // Returned as it is, not awaited here: the firing resolves in as many promise steps as before this module existed (replay).
    next: (scope) => scope.run(() => sleep(delay)),
  };
};
