import { CancellationScope, isCancellation } from '@temporalio/workflow';
import type { IrBoundaryEvent, IrNode } from '../../ir';
import type { ActiveStep, CaseRuntime } from '../case-runtime';
import { governStep } from '../governance';
import { armBoundaryTriggers } from '../boundary-triggers';
import { BpmnErrorThrow, catcherOf } from '../bpmn-throws';
import { passBoundaryEvent } from '../event-mappings';

/**
 * The activity's own way to fire one of its boundary events: an escalation
 * thrown inside a sub-process. (An error fires its boundary event by failing
 * the body with a BpmnErrorThrow.)
 */
export type FireBoundary = (boundary: IrBoundaryEvent) => void;

export type ActivityBody = (step: ActiveStep, fire: FireBoundary) => Promise<string | undefined>;

/** Starts new tokens on the given flows (a non-interrupting boundary event firing). */
export type Fork = (flowIds: string[]) => void;

/**
 * Runs an activity (task) with its timer and message boundary events. The
 * first interrupting event to fire cancels the activity and the token leaves
 * through that event; a non-interrupting one records its event and starts a
 * new token while the activity goes on (a message one, at every message).
 * Returns the flows the token takes next.
 */
export async function runActivityWithBoundaries(rt: CaseRuntime, node: IrNode, body: ActivityBody, fork: Fork): Promise<string[]> {
  const step = rt.startStep(node);
  const governed = governStep(rt, step);
  const startedAt = Date.now();
  const boundaries = node.boundaryEvents.map((id) => rt.ir.nodes[id] as IrBoundaryEvent);
  const interrupting = boundaries.filter((b) => b.cancelActivity);
  const timerScope = new CancellationScope();
  const activityScope = new CancellationScope();

  const triggers = armBoundaryTriggers(rt, step, boundaries, startedAt, timerScope);

  for (const b of boundaries.filter((x) => !x.cancelActivity)) {
    triggers
      .repeat(b, () => {
        passBoundaryEvent(rt, b);
        fork(b.outgoing);
      })
      .catch((err) => {
        if (!isCancellation(err)) throw err;
      });
  }

  let raise!: (boundary: IrBoundaryEvent) => void;
  const raised = new Promise<{ kind: 'boundary'; boundary: IrBoundaryEvent }>((resolve) => {
    raise = (boundary) => resolve({ kind: 'boundary', boundary });
  });
  const fire: FireBoundary = (b) => {
    if (b.cancelActivity) return raise(b);
    passBoundaryEvent(rt, b);
    fork(b.outgoing);
  };
  const activity = activityScope
    .run(() => runCancellableStep(rt, step, () => body(step, fire)))
    .then(
      (by) => ({ kind: 'completed' as const, by }),
      (err) => {
        const caught = err instanceof BpmnErrorThrow ? catcherOf(boundaries, 'error', err.code) : undefined;
        if (!caught) throw err;
        return { kind: 'boundary' as const, boundary: caught };
      },
    );
  // A cancelled trigger never wins; its rejection must not go unhandled.
  const fired = interrupting.map((b) =>
    triggers.wait(b).then(
      (firing) => ({ kind: 'boundary' as const, ...firing }),
      (err) => (isCancellation(err) ? new Promise<never>(() => {}) : Promise.reject(err)),
    ),
  );

  const override = governed.override.then((action) => ({ kind: 'override' as const, action }));

  let winner;
  try {
    winner = await Promise.race([activity, raised, ...fired, override]);
    if (winner.kind === 'boundary') triggers.accept(winner);
  } finally {
    timerScope.cancel();
    triggers.close(winner?.kind === 'boundary' ? `"${winner.boundary.name}" fired` : 'the step ended');
    governed.end();
  }
  if (winner.kind === 'completed') {
    rt.endStep(step, 'completed', winner.by);
    return node.outgoing;
  }
  activityScope.cancel();
  await activity.catch((err) => {
    if (!isCancellation(err)) throw err;
  });
  // A supervisor's skip goes on as if the step were done; a jump ends this token (a new one starts at the target).
  if (winner.kind === 'override') return winner.action === 'skip' ? node.outgoing : [];
  passBoundaryEvent(rt, winner.boundary);
  return winner.boundary.outgoing;
}

/** Marks the step cancelled if the body is cancelled, then lets the cancellation through. */
export async function runCancellableStep<T>(rt: CaseRuntime, step: ActiveStep, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (isCancellation(err) || err instanceof BpmnErrorThrow) rt.endStep(step, 'cancelled');
    throw err;
  }
}
