import { CancellationScope, isCancellation, sleep } from '@temporalio/workflow';
import { durationToMs } from '../../duration';
import type { IrBoundaryEvent, IrNode } from '../../ir';
import type { ActiveStep, CaseRuntime } from '../case-runtime';

export type ActivityBody = (step: ActiveStep) => Promise<string | undefined>;

/**
 * Runs an activity (task) with its interrupting timer boundary events: the
 * first timer to fire cancels the activity and the token leaves through that
 * boundary event. Returns the flows the token takes next.
 */
export async function runActivityWithBoundaries(rt: CaseRuntime, node: IrNode, body: ActivityBody): Promise<string[]> {
  const step = rt.startStep(node);
  const timers = node.boundaryEvents.map((id) => rt.ir.nodes[id] as IrBoundaryEvent);
  if (timers.length === 0) {
    const by = await runCancellingStep(rt, step, () => body(step));
    rt.endStep(step, 'completed', by);
    return node.outgoing;
  }

  const activityScope = new CancellationScope();
  const timerScope = new CancellationScope();
  const startedAt = Date.now();
  const activity = activityScope
    .run(() => runCancellingStep(rt, step, () => body(step)))
    .then((by) => ({ kind: 'completed' as const, by }));
  // A cancelled timer never wins; its rejection must not go unhandled.
  const fired = timers.map((timer) =>
    timerScope
      .run(() => sleep(Math.max(0, durationToMs(timer.timer.duration, startedAt))))
      .then(
        () => ({ kind: 'timer' as const, timer }),
        (err) => (isCancellation(err) ? new Promise<never>(() => {}) : Promise.reject(err)),
      ),
  );
  let winner;
  try {
    winner = await Promise.race([activity, ...fired]);
  } catch (err) {
    timerScope.cancel();
    throw err;
  }
  if (winner.kind === 'completed') {
    timerScope.cancel();
    rt.endStep(step, 'completed', winner.by);
    return node.outgoing;
  }
  timerScope.cancel();
  activityScope.cancel();
  await activity.catch((err) => {
    if (!isCancellation(err)) throw err;
  });
  rt.passThrough(winner.timer);
  return winner.timer.outgoing;
}

/** Marks the step cancelled if the body is cancelled, then lets the cancellation through. */
async function runCancellingStep(rt: CaseRuntime, step: ActiveStep, fn: () => Promise<string | undefined>) {
  try {
    return await fn();
  } catch (err) {
    if (isCancellation(err)) rt.endStep(step, 'cancelled');
    throw err;
  }
}
