import { sleep } from '@temporalio/workflow';
import type { IrIntermediateCatchEvent } from '../../ir';
import type { CaseRuntime } from '../case-runtime';
import { runCancellableStep } from './boundary-event';
import { receiveMessage } from './message-catch';
import { timerDelayMs } from '../timers';
import { completeEvent, passEvent } from '../event-mappings';

/** Waits until its timer fires (a duration from now, or a date), or until its message or signal comes; a link catch event passes. */
export async function intermediateCatchEvent(rt: CaseRuntime, node: IrIntermediateCatchEvent): Promise<string[]> {
  // A link catch event: its link throw event led here; nothing to wait for.
  if (node.link !== undefined) {
    passEvent(rt, node);
    return node.outgoing;
  }
  const step = rt.startStep(node);
  let by: string | undefined;
  if (node.message || node.signal) by = await runCancellableStep(rt, step, () => receiveMessage(rt, node, node, step));
  else {
    await runCancellableStep(rt, step, () => sleep(timerDelayMs(rt, node, node.timer!, Date.now())));
    completeEvent(rt, node);
  }
  rt.endStep(step, 'completed', by);
  return node.outgoing;
}
