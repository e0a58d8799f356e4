import { sleep } from '@temporalio/workflow';
import type { IrIntermediateCatchEvent } from '../../ir';
import type { CaseRuntime } from '../case-runtime';
import { runCancellableStep } from './boundary-event';
import { timerDelayMs } from '../timers';

/** Waits until its timer fires (a duration from now, or a date). */
export async function intermediateCatchEvent(rt: CaseRuntime, node: IrIntermediateCatchEvent): Promise<string[]> {
  const step = rt.startStep(node);
  await runCancellableStep(rt, step, () => sleep(timerDelayMs(rt, node, node.timer, Date.now())));
  rt.endStep(step, 'completed');
  return node.outgoing;
}
