// Sending a message "through a service", as Camunda 8 does: a send task, a
// message intermediate throw event or a message end event with a
// zeebe:taskDefinition runs like a service task of that type (only `webhook`
// is built in). The receiver gets the message name with the case's variables.
import type { IrEndEvent, IrIntermediateThrowEvent, IrMessageThrow, IrNode } from '../../ir';
import type { ActiveStep, CaseRuntime } from '../case-runtime';
import { evaluateFeel } from '../../feel';
import { CaseIncident } from '../errors';
import { activityData } from '../io-mapping';
import { callWebhookJob } from '../webhook-call';
import { runCancellableStep } from './boundary-event';
import { isJobType } from '../../ir';
import { runJob } from '../job';

export async function sendMessage(rt: CaseRuntime, node: IrNode, send: IrMessageThrow, step: ActiveStep): Promise<undefined> {
  const data = activityData(rt, node);
  if (isJobType(send.taskType)) {
    // A job, as Camunda 8 sends: the worker sends the message; it is done when the worker completes the job.
    const result = await runJob(rt, node, send, step, data.variables, `Sending the message of "${node.name}"`);
    data.complete(`job:${node.id}`, result);
    return undefined;
  }
  const messageName = thrownMessageName(rt, node, send);
  const body = {
    caseId: rt.caseId,
    trackingCode: rt.input.trackingCode,
    elementId: node.id,
    ...(messageName === undefined ? {} : { messageName }),
    variables: data.variables,
  };
  const response = await callWebhookJob(node, send, step, body, `Sending the message of "${node.name}"`);
  rt.emit({
    kind: 'message.sent',
    stepId: step.id,
    elementId: node.id,
    status: response.status,
    ...(messageName === undefined ? {} : { messageName }),
  });
  const resultVariable = send.headers.resultVariable;
  data.complete(`send:${node.id}`, resultVariable ? { [resultVariable]: response.body } : {});
  return undefined;
}

/** A `=FEEL` message name is evaluated when the message is sent. */
function thrownMessageName(rt: CaseRuntime, node: IrNode, send: IrMessageThrow): string | undefined {
  const name = send.messageName;
  if (!name?.startsWith('=')) return name;
  let value: unknown;
  try {
    value = evaluateFeel(name, rt.variables);
  } catch (err) {
    throw new CaseIncident(node.id, `The message name of "${node.name}" could not be evaluated: ${(err as Error).message}`);
  }
  if (typeof value !== 'string') throw new CaseIncident(node.id, `The message name ${name} of "${node.name}" gave ${JSON.stringify(value)}, not a text`);
  return value;
}

/** A message intermediate throw event or message end event: one step that sends, then the token goes on (or ends). */
export async function messageThrowEvent(rt: CaseRuntime, node: IrIntermediateThrowEvent | IrEndEvent, send: IrMessageThrow): Promise<string[]> {
  const step = rt.startStep(node);
  await runCancellableStep(rt, step, () => sendMessage(rt, node, send, step));
  rt.endStep(step, 'completed');
  return node.outgoing;
}
