// The same five-step SOP as engine-overhead's BPMN, written by hand as a
// Temporal workflow: the baseline the interpreter is measured against. It
// calls the same activities (webhook per step, projection writes) that Alur's
// worker runs, and writes the same projection events, one batch per step.
import { proxyActivities } from '@temporalio/workflow';
import type { CaseActivities, CaseEvent } from '@alur/workflows';

const { recordCaseEvents, callWebhook } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { maximumAttempts: 3, initialInterval: '1 second' },
});

export interface HandWrittenInput {
  caseId: string;
  trackingCode: string;
  sopVersionId: string;
  sopKey: string;
  sopVersion: number;
  webhookUrl: string;
  steps: { id: string; name: string }[];
}

type EventBody = CaseEvent extends infer E ? (E extends CaseEvent ? Omit<E, 'seq' | 'at'> : never) : never;

export async function handWrittenSop(input: HandWrittenInput): Promise<void> {
  const variables: Record<string, unknown> = {};
  let seq = 0;
  const record = (events: EventBody[]) =>
    recordCaseEvents({
      caseId: input.caseId,
      events: events.map((e) => ({ ...e, seq: ++seq, at: new Date().toISOString() }) as CaseEvent),
      variables: { ...variables },
    });

  await record([
    {
      kind: 'case.started',
      trackingCode: input.trackingCode,
      sopVersionId: input.sopVersionId,
      sopKey: input.sopKey,
      sopVersion: input.sopVersion,
      variables,
    },
  ]);
  for (const [i, step] of input.steps.entries()) {
    const stepId = `${input.caseId}:${i + 1}`;
    const response = await callWebhook({
      url: input.webhookUrl,
      method: 'POST',
      idempotencyKey: stepId,
      body: { caseId: input.caseId, elementId: step.id, variables },
    });
    variables[`hasil_${step.id}`] = response.body;
    await record([
      { kind: 'step.started', stepId, elementId: step.id, name: step.name, type: 'serviceTask' },
      { kind: 'step.ended', stepId, outcome: 'completed' },
      { kind: 'variables.changed', source: `service:${step.id}`, variables: { [`hasil_${step.id}`]: response.body } },
    ]);
  }
  await record([{ kind: 'case.ended', status: 'completed' }]);
}
