import { CancellationScope, isCancellation, sleep } from '@temporalio/workflow';
import type { IrBoundaryEvent, IrNode } from '../../ir';
import type { ActiveStep, CaseRuntime } from '../case-runtime';
import { timerDelayMs } from '../timers';

export type ActivityBody = (step: ActiveStep) => Promise<string | undefined>;

/** Starts new tokens on the given flows (a non-interrupting boundary event firing). */
export type Fork = (flowIds: string[]) => void;

/**
 * Runs an activity (task) with its timer boundary events. The first
 * interrupting timer to fire cancels the activity and the token leaves through
 * that event; a non-interrupting timer records its event and starts a new token
 * while the activity goes on. Returns the flows the token takes next.
 */
export async function runActivityWithBoundaries(rt: CaseRuntime, node: IrNode, body: ActivityBody, fork: Fork): Promise<string[]> {
  const step = rt.startStep(node);
  const startedAt = Date.now();
  const boundaries = node.boundaryEvents.map((id) => rt.ir.nodes[id] as IrBoundaryEvent);
  const interrupting = boundaries.filter((b) => b.cancelActivity);
  const timerScope = new CancellationScope();
  const activityScope = new CancellationScope();

  // Delays are computed before any timer starts, so a bad FEEL expression fails the step up front.
  const delays = new Map(boundaries.map((b) => [b.id, timerDelayMs(rt, b, b.timer, startedAt)]));
  const timer = (b: IrBoundaryEvent) => timerScope.run(() => sleep(delays.get(b.id)!));

  for (const b of boundaries.filter((x) => !x.cancelActivity)) {
    timer(b).then(
      () => {
        rt.passThrough(b);
        fork(b.outgoing);
      },
      (err) => {
        if (!isCancellation(err)) throw err;
      },
    );
  }

  const activity = activityScope
    .run(() => runCancellableStep(rt, step, () => body(step)))
    .then((by) => ({ kind: 'completed' as const, by }));
  // A cancelled timer never wins; its rejection must not go unhandled.
  const fired = interrupting.map((b) =>
    timer(b).then(
      () => ({ kind: 'timer' as const, boundary: b }),
      (err) => (isCancellation(err) ? new Promise<never>(() => {}) : Promise.reject(err)),
    ),
  );

  let winner;
  try {
    winner = await Promise.race([activity, ...fired]);
  } finally {
    timerScope.cancel();
  }
  if (winner.kind === 'completed') {
    rt.endStep(step, 'completed', winner.by);
    return node.outgoing;
  }
  activityScope.cancel();
  await activity.catch((err) => {
    if (!isCancellation(err)) throw err;
  });
  rt.passThrough(winner.boundary);
  return winner.boundary.outgoing;
}

/** Marks the step cancelled if the body is cancelled, then lets the cancellation through. */
export async function runCancellableStep<T>(rt: CaseRuntime, step: ActiveStep, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isCancellation(err)) rt.endStep(step, 'cancelled');
    throw err;
  }
}
