import type { IrReceiveTask } from '../../ir';
import type { ActiveStep, CaseRuntime } from '../case-runtime';
import { receiveMessage } from './message-catch';

/** Waits for its message (runs inside runActivityWithBoundaries, so timers and messages on its border work). */
export function receiveTask(rt: CaseRuntime, node: IrReceiveTask, step: ActiveStep): Promise<string> {
  return receiveMessage(rt, node, node, step);
}
