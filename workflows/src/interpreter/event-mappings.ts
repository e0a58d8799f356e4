// Output mappings on events (zeebe:ioMapping on start, end, intermediate and
// boundary events), as Camunda 8 runs them: when the event completes, its
// outputs are evaluated over the case's variables (and what the event
// brought: a message's or signal's variables, which message-subscriptions.ts
// maps the same way when it delivers them) and set in the case.
import { patched } from '@temporalio/workflow';
import type { IrNode } from '../ir';
import type { CaseRuntime } from './case-runtime';
import { activityData } from './io-mapping';

/** Workflow patch id: events run their mappings (no IR before it had any on these events). */
const EVENT_MAPPINGS = 'event-io-mappings';

/** Runs the event's mappings inside its step (a FEEL failure is an incident at the event, as on a task). */
export function completeEvent(rt: CaseRuntime, node: IrNode, result: Record<string, unknown> = {}): void {
  if (!node.io || !patched(EVENT_MAPPINGS)) return;
  activityData(rt, node).complete(`event:${node.id}`, result);
}

/** An event that completes as soon as it is reached (or fired): recorded, with its mappings. */
export function passEvent(rt: CaseRuntime, node: IrNode): void {
  if (!node.io) return rt.passThrough(node);
  const step = rt.startStep(node);
  completeEvent(rt, node);
  rt.endStep(step, 'completed');
}

/** A boundary event fired: a message or signal one mapped its variables when they were delivered. */
export function passBoundaryEvent(rt: CaseRuntime, node: IrNode & { message?: unknown; signal?: unknown }): void {
  if (node.message !== undefined || node.signal !== undefined) rt.passThrough(node);
  else passEvent(rt, node);
}
