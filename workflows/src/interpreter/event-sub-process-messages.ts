// Message and signal start events of event sub-processes: their subscriptions
// open with the enclosing scope and close when it ends. A non-interrupting one
// starts an instance at every matching message or signal, an interrupting one
// at the first.
import { isCancellation, type CancellationScope } from '@temporalio/workflow';
import type { IrEventSubProcess } from '../ir';
import type { CaseRuntime } from './case-runtime';
import type { Subscription } from './message-subscriptions';

export interface MessageTriggers {
  /** The scope ended or was interrupted: the subscriptions close. */
  close(reason: string): void;
}

export function armMessageTriggers(
  rt: CaseRuntime,
  eventSubProcesses: IrEventSubProcess[],
  waitIn: CancellationScope,
  start: (esp: IrEventSubProcess) => void,
  fail: (err: unknown) => void,
): MessageTriggers {
  const subs: Subscription[] = [];
  for (const esp of eventSubProcesses.filter((e) => e.message || e.signal)) {
    const sub = rt.messages.subscribeTo(esp, esp, undefined, !esp.interrupting);
    subs.push(sub);
    void (async () => {
      do {
        const delivery = await waitIn.run(() => rt.messages.next(sub));
        if (!sub.open) return;
        rt.messages.correlate(sub, delivery);
        start(esp);
      } while (sub.repeats && sub.open);
    })().catch((err) => {
      if (!isCancellation(err)) fail(err);
    });
  }
  return {
    close(reason) {
      for (const sub of subs) rt.messages.close(sub, reason);
    },
  };
}
