// Escalations between a called case and its calling case (Camunda 8's rule):
// an escalation the called case does not catch is signalled to the calling
// workflow, where the call activity's escalation boundary events, then the
// scopes around it, may catch it. The called case keeps running meanwhile
// unless an interrupting catcher cancels it from the calling side.
import { CancellationScope, defineSignal, getExternalWorkflowHandle, patched, setHandler, workflowInfo } from '@temporalio/workflow';
import type { CaseRuntime } from './case-runtime';

interface CalledCaseEscalation {
  childCaseId: string;
  code: string;
}

const calledCaseEscalationSignal = defineSignal<[CalledCaseEscalation]>('calledCaseEscalation');

/** Patch id: a called case that threw an uncaught escalation sent nothing before it. */
const ESCALATION_TO_CALLING_CASE = 'escalation-to-calling-case';

type Listener = (code: string) => void;

const listeners = new WeakMap<CaseRuntime, Map<string, Listener>>();
const inFlight = new WeakMap<CaseRuntime, Set<Promise<void>>>();

/** Calling side: routes each escalation signalled by a called case to its running call activity (none any more: dropped). */
export function registerCalledCaseEscalationHandler(rt: CaseRuntime): void {
  const byChild = new Map<string, Listener>();
  listeners.set(rt, byChild);
  setHandler(calledCaseEscalationSignal, ({ childCaseId, code }) => byChild.get(childCaseId)?.(code));
}

/** Calling side: `listener` gets the escalations of the called case `childCaseId` until the returned function is called. */
export function listenForEscalations(rt: CaseRuntime, childCaseId: string, listener: Listener): () => void {
  const byChild = listeners.get(rt)!;
  byChild.set(childCaseId, listener);
  return () => byChild.delete(childCaseId);
}

/**
 * Called side: hands an escalation nothing in this case caught to the calling
 * case. Not cancellable, so a calling case that cancels this one still gets
 * it; the case ends only after it was delivered (escalationsDelivered), so the
 * calling case sees the escalation before the called case's end.
 */
export function escalateToCallingCase(rt: CaseRuntime, code: string): void {
  const parent = workflowInfo().parent;
  if (!rt.input.parentCase || !parent || !patched(ESCALATION_TO_CALLING_CASE)) return;
  const sent = CancellationScope.nonCancellable(() =>
    getExternalWorkflowHandle(parent.workflowId, parent.runId).signal(calledCaseEscalationSignal, { childCaseId: rt.caseId, code }),
  ).catch(() => {
    // The calling case has ended: nothing can catch the escalation there (BPMN: an uncaught escalation is ignored).
  });
  let pending = inFlight.get(rt);
  if (!pending) inFlight.set(rt, (pending = new Set()));
  pending.add(sent);
  void sent.finally(() => pending.delete(sent));
}

/** Called side: resolves when every escalation sent to the calling case was delivered; undefined when none is on its way. */
export function escalationsDelivered(rt: CaseRuntime): Promise<void> | undefined {
  const pending = inFlight.get(rt);
  return pending?.size ? Promise.all(pending).then(() => undefined) : undefined;
}
