// One boundary event's trigger, armed when its activity starts: what each
// event definition (timer, message, signal, error, escalation) does, in its own
// module, behind this one interface (as bpmn-elements' event definitions).
import type { CancellationScope } from '@temporalio/workflow';
import type { IrBoundaryEvent } from '../../ir';
import type { EventTrigger } from '../../ir/elements';
import type { ActiveStep, CaseRuntime } from '../case-runtime';
import type { Delivery } from '../message-subscriptions';

export interface ArmedTrigger {
  /** Resolves at the next firing (a message firing with its delivery); rejects with cancellation when `scope` is cancelled. */
  next(scope: CancellationScope): Promise<Delivery | void>;
  /** Records a firing (a message is correlated, its variables merged). */
  accept(delivery: Delivery | void): void;
  /** A non-interrupting event of this trigger can fire again after a firing. */
  repeats: boolean;
  /** The activity ended: an open subscription closes. */
  close(reason: string): void;
}

/** Arms `boundary` of `step` (started at `startedAt`): delays computed and subscriptions opened now, so a bad expression fails the step up front. */
export type ArmTrigger = (rt: CaseRuntime, step: ActiveStep, boundary: IrBoundaryEvent, startedAt: number) => ArmedTrigger;

/** The triggers a boundary event waits for while its activity runs (a compensation one acts only after the activity completed). */
export type ArmedTriggerKind = Exclude<EventTrigger, 'terminate' | 'link' | 'compensation'>;

/** Which trigger a boundary event has (exactly one of its trigger fields is set, named as the catalogue's triggers). */
export function boundaryTrigger(boundary: IrBoundaryEvent): ArmedTriggerKind | undefined {
  const triggers: readonly (ArmedTriggerKind & keyof IrBoundaryEvent)[] = ['timer', 'message', 'signal', 'error', 'escalation'];
  return triggers.find((t) => boundary[t] !== undefined);
}

/** A trigger that never fires here (an error or escalation is raised by the activity itself). */
export const NEVER_FIRES: ArmedTrigger = {
  next: () => new Promise<never>(() => {}),
  accept: () => {},
  repeats: false,
  close: () => {},
};
