import {
  ApplicationFailure,
  CancellationScope,
  ChildWorkflowCancellationType,
  ChildWorkflowFailure,
  isCancellation,
  ParentClosePolicy,
  proxyActivities,
  startChild,
  uuid4,
} from '@temporalio/workflow';
import type { CaseActivities } from '../../contract/activities';
import type { IrBoundaryEvent, IrCallActivity } from '../../ir';
import { CALLED_SOP_MISSING, RUN_SOP_WORKFLOW, type RunSopInput, type RunSopResult } from '../../contract/updates';
import { BpmnErrorThrow, catcherOf } from '../bpmn-throws';
import type { ActiveStep, CaseRuntime } from '../case-runtime';
import { listenForEscalations } from '../called-case-escalations';
import { CaseIncident } from '../errors';
import { activityData, type InstanceScope } from '../io-mapping';
import type { Scope } from '../scope';
import type { FireBoundary } from './boundary-event';

/** Where the call activity runs: the scope holding it and how to fire its boundary events. */
export interface Caller {
  scope: Scope;
  fire: FireBoundary;
}

const { resolveCalledSop } = proxyActivities<CaseActivities>({
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1 second', maximumInterval: '30 seconds' },
});

/**
 * Runs the called SOP as a case of its own: a child workflow of this one,
 * linked to it (parentCase), in the same handling unit, with its own tracking
 * code and tasks. Waits for it; its variables come back through the output
 * mappings (or all of them, propagateAllChildVariables). An error end event it
 * did not catch is thrown here, at the call activity; an escalation it did not
 * catch goes to the call activity's escalation boundary events, else to the
 * scopes around it, while the called case goes on. Cancelling this step
 * (a boundary timer, the case cancelled or terminated) cancels the child case.
 */
export async function callActivity(rt: CaseRuntime, node: IrCallActivity, step: ActiveStep, caller: Caller, instance?: InstanceScope): Promise<undefined> {
  const called = node.calledElement;
  const data = activityData(rt, node, instance);
  const variables = called.propagateAllParentVariables ? data.variables : inputsOnly(node, data.locals);
  let sop;
  try {
    sop = await resolveCalledSop({
      processId: called.processId,
      binding: called.binding,
      ...(called.version === undefined ? {} : { version: called.version }),
      callerSopVersionId: rt.input.sopVersionId,
    });
  } catch (err) {
    const cause = (err as { cause?: unknown }).cause;
    if (cause instanceof ApplicationFailure && cause.type === CALLED_SOP_MISSING) throw new CaseIncident(node.id, cause.message);
    throw err;
  }
  const governance = rt.input.governance;
  const input: RunSopInput = {
    caseId: uuid4(),
    trackingCode: sop.trackingCode,
    sopVersionId: sop.sopVersionId,
    sopVersion: sop.sopVersion,
    ir: sop.ir,
    variables: { ...variables },
    ...(rt.input.unitId ? { unitId: rt.input.unitId } : {}),
    ...(Object.keys(sop.unitIds).length ? { unitIds: sop.unitIds } : {}),
    ...(governance ? { governance: { ...governance, slaOverrides: sop.slaOverrides } } : {}),
    parentCase: { caseId: rt.caseId, elementId: node.id, stepId: step.id },
  };
  const call = { stepId: step.id, elementId: node.id, childCaseId: input.caseId };
  // Listening before the start: an escalation may come in the same activation as the child's start.
  const stopListening = listenForEscalations(rt, input.caseId, (code) => escalated(node, caller, code));
  try {
    const child = await startChild<(input: RunSopInput) => Promise<RunSopResult>>(RUN_SOP_WORKFLOW, {
      workflowId: input.caseId,
      args: [input],
      cancellationType: ChildWorkflowCancellationType.WAIT_CANCELLATION_COMPLETED,
      parentClosePolicy: ParentClosePolicy.REQUEST_CANCEL,
    });
    rt.emit({ kind: 'call.started', ...call, trackingCode: input.trackingCode, sopKey: sop.ir.key, sopVersion: sop.sopVersion });
    const cancelled = () => rt.emit({ kind: 'call.ended', ...call, status: 'terminated' });
    let result: RunSopResult;
    try {
      result = await child.result();
    } catch (err) {
      if (isCancellation(err)) cancelled();
      if (!(err instanceof ChildWorkflowFailure) || isCancellation(err)) throw err;
      rt.emit({ kind: 'call.ended', ...call, status: 'failed' });
      throw new CaseIncident(node.id, `The called case ${input.trackingCode} (SOP "${sop.ir.key}") failed: ${err.cause?.message ?? err.message}`);
    }
    // The child ran to its end although this step was cancelled meanwhile: the step stays cancelled.
    const scope = CancellationScope.current();
    if (scope.consideredCancelled) {
      cancelled();
      await scope.cancelRequested;
    }
    rt.emit({ kind: 'call.ended', ...call, status: result.status, ...(result.bpmnError ? { errorCode: result.bpmnError.code } : {}) });
    if (result.bpmnError) throw new BpmnErrorThrow(result.bpmnError.code, node);
    if (called.propagateAllChildVariables && node.io?.outputs.length) {
      rt.assertVariablesFit(node.id, result.variables);
      rt.mergeVariables(`call:${input.caseId}`, result.variables);
    }
    data.complete(`call:${input.caseId}`, called.propagateAllChildVariables || node.io?.outputs.length ? result.variables : {});
    return undefined;
  } finally {
    stopListening();
  }
}

/** An escalation the called case did not catch: the call activity's boundary event for its code, else the scopes around it. */
function escalated(node: IrCallActivity, caller: Caller, code: string): void {
  const boundaries = node.boundaryEvents.map((id) => caller.scope.rt.ir.nodes[id] as IrBoundaryEvent);
  const boundary = catcherOf(boundaries, 'escalation', code);
  if (boundary) caller.fire(boundary);
  else caller.scope.escalate(code);
}

/** Without propagateAllParentVariables the called case gets what the input mappings made, not an instance's own loop variables. */
function inputsOnly(node: IrCallActivity, locals: Record<string, unknown>): Record<string, unknown> {
  const targets = new Set((node.io?.inputs ?? []).map((i) => i.target.split('.')[0]!));
  return Object.fromEntries(Object.entries(locals).filter(([name]) => targets.has(name)));
}
