// Signal intermediate throw and end events: the signal goes to everything in
// this case waiting for it (delivered here, deterministically), then to every
// other case and to every SOP starting on it (through an activity: the
// workflow cannot know who waits). The signal's variables are the event's
// input mappings, as in Camunda 8.
import { proxyActivities } from '@temporalio/workflow';
import type { CaseActivities } from '../../contract/activities';
import type { IrEndEvent, IrIntermediateThrowEvent, IrSignal } from '../../ir';
import type { CaseRuntime } from '../case-runtime';
import { activityData } from '../io-mapping';
import { broadcastInCase } from '../signal-handlers';
import { runCancellableStep } from './boundary-event';

const { broadcastSignal } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '2 minutes',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

export async function signalThrowEvent(rt: CaseRuntime, node: IrIntermediateThrowEvent | IrEndEvent, signal: IrSignal): Promise<string[]> {
  const step = rt.startStep(node);
  const variables = activityData(rt, node).locals;
  const by = `case:${rt.input.trackingCode}`;
  const inCase = broadcastInCase(rt, { name: signal.name, variables, actor: { username: by, roles: [] } });
  const result = await runCancellableStep(rt, step, () => broadcastSignal({ name: signal.name, variables, fromCaseId: rt.caseId, fromStepId: step.id, by }));
  const caught = inCase.length + result.caught.reduce((n, c) => n + c.elementIds.length, 0);
  rt.emit({ kind: 'signal.thrown', stepId: step.id, elementId: node.id, signalName: signal.name, caught, startedCases: result.started.map((c) => c.id) });
  rt.endStep(step, 'completed');
  return node.outgoing;
}
