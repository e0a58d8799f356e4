// The one generic workflow: runs any SOP's IR as a case. Deterministic; all I/O
// happens in activities (projection writes, webhook calls).
import { allHandlersFinished, ApplicationFailure, CancellationScope, condition, isCancellation, patched, setHandler } from '@temporalio/workflow';
import {
  awaitSettledUpdate,
  cancelCaseUpdate,
  CASE_NOT_RUNNING,
  caseSnapshotQuery,
  CLAIMED_BY_OTHER,
  completeTaskUpdate,
  NOT_CANDIDATE,
  TASK_NOT_OPEN,
  type CancelCaseRequest,
  type CompleteTaskRequest,
  type RunSopInput,
  type RunSopResult,
} from '../contract/updates';
import { SUPPORTED_IR_VERSIONS } from '../ir';
import { isCandidate, notCandidateMessage } from '../contract/task-candidates';
import { CaseRuntime, type OpenTask } from './case-runtime';
import { CaseIncident } from './errors';
import { BpmnErrorThrow } from './bpmn-throws';
import { registerTaskAssignmentHandlers } from './task-assignment';
import { registerMessageHandlers } from './message-handlers';
import { registerSignalHandlers } from './signal-handlers';
import { escalationsDelivered, registerCalledCaseEscalationHandler } from './called-case-escalations';
import { mayCompleteOutsideRole, recordDeviation, recordOutsideRoleCompletion, registerGovernanceHandlers, startGovernance } from './governance';
import { processScope, type ProcessHandlers } from './scope';
import { spawnToken } from './tokens';
import { assertValidSubmission } from './task-form';
import { registerIncidentHandlers } from './incidents';
import { registerHandlingUnitHandler } from './handling-unit';

/** Workflow patch ids (Temporal versioning): each keeps older histories replaying. */
const CASE_STARTED_BEFORE_HANDLERS = 'case-started-before-handlers';

export async function runSop(input: RunSopInput): Promise<RunSopResult> {
  if (!SUPPORTED_IR_VERSIONS.includes(input.ir.irVersion)) {
    throw ApplicationFailure.nonRetryable(
      `SOP IR version ${input.ir.irVersion} is not supported by this worker (${SUPPORTED_IR_VERSIONS.join(', ')})`,
      'UnsupportedIr',
    );
  }
  const rt = new CaseRuntime(input);
  const tokens = new CancellationScope();
  const recordCaseStarted = () => {
    rt.startProjection();
    if (input.reopen) {
      const { elementId, by, reason } = input.reopen;
      rt.emit({ kind: 'case.reopened', elementId, by, reason });
      rt.emit({ kind: 'deviation', deviation: 'override.reopen', elementId, by, details: { reason }, ...(input.unitId ? { unitId: input.unitId } : {}) });
      return;
    }
    rt.emit({
      kind: 'case.started',
      trackingCode: input.trackingCode,
      sopVersionId: input.sopVersionId,
      sopKey: input.ir.key,
      sopVersion: input.sopVersion,
      variables: rt.variables,
      ...(input.unitId ? { unitId: input.unitId } : {}),
      ...(input.parentCase ? { parentCaseId: input.parentCase.caseId, parentElementId: input.parentCase.elementId } : {}),
    });
  };
  // An update delivered with the first task runs inside setHandler. Before this
  // patch, awaitSettled could answer there, before case.started was buffered,
  // so the API's start returned before the case was in the projection.
  if (patched(CASE_STARTED_BEFORE_HANDLERS)) {
    recordCaseStarted();
    registerHandlers(rt, tokens);
  } else {
    registerHandlers(rt, tokens);
    recordCaseStarted();
  }

  let failure: { elementId?: string; message: string } | undefined;
  let terminatedBy: string | undefined;
  /** A called case's uncaught error, for its call activity. */
  let thrown: BpmnErrorThrow | undefined;
  const handlers: ProcessHandlers = {
    terminate: (elementId) => {
      terminatedBy = elementId;
      tokens.cancel();
    },
    fail: (err) => {
      if (isCancellation(err)) return;
      if (err instanceof BpmnErrorThrow && !failure) thrown ??= err;
      else failure ??= err instanceof CaseIncident ? { elementId: err.elementId, message: err.message } : { message: String(err) };
      tokens.cancel();
    },
  };
  const hooks = processScope(rt, tokens, handlers);
  // Out of the workflow's own cancellation (a calling case cancels its called case): the clocks stop when the case ends.
  CancellationScope.nonCancellable(async () => startGovernance(rt, (nodeId) => void tokens.run(async () => spawnToken(rt, nodeId, hooks)), hooks.fail)).catch(
    hooks.fail,
  );
  try {
    await tokens.run(async () => {
      hooks.armEventSubProcesses();
      spawnToken(rt, input.reopen?.elementId ?? input.startMessage?.elementId ?? input.ir.startEventId, hooks);
      await condition(() => rt.liveTokens === 0);
    });
  } catch (err) {
    if (!isCancellation(err)) throw err;
  }
  // Cancelled tokens record their cancelled steps as they unwind.
  await CancellationScope.nonCancellable(() => condition(() => rt.liveTokens === 0));
  const escalationsSent = escalationsDelivered(rt);
  if (escalationsSent) await CancellationScope.nonCancellable(() => escalationsSent);

  // Tokens cancelled without a terminate end event or a failure: the workflow was cancelled.
  const cancelled = tokens.consideredCancelled;
  const result: RunSopResult = failure
    ? { status: 'failed', variables: rt.variables, error: failure.message }
    : thrown
      ? {
          status: 'terminated',
          variables: rt.variables,
          error: `${thrown.message}, handed to the calling case`,
          bpmnError: { code: thrown.code, elementId: thrown.thrownBy.id },
        }
      : { status: terminatedBy || cancelled ? 'terminated' : 'completed', variables: rt.variables };
  rt.status = result.status;
  if (input.parentCase && CancellationScope.current().consideredCancelled) {
    rt.emit({ kind: 'case.cancelled', by: `case:${input.parentCase.caseId}`, reason: `Its calling case left call activity ${input.parentCase.elementId}` });
  }
  rt.emit({ kind: 'case.ended', status: result.status, ...(result.error ? { error: result.error } : {}) });
  await CancellationScope.nonCancellable(() => condition(() => rt.settled() && allHandlersFinished()));
  if (failure) {
    throw ApplicationFailure.nonRetryable(failure.message, 'CaseIncident', failure);
  }
  return result;
}

function registerHandlers(rt: CaseRuntime, tokens: CancellationScope): void {
  setHandler(caseSnapshotQuery, () => rt.snapshot());

  setHandler(
    cancelCaseUpdate,
    async ({ actor, reason }: CancelCaseRequest) => {
      rt.cancelled = { by: actor.username, reason };
      rt.emit({ kind: 'case.cancelled', by: actor.username, reason });
      recordDeviation(rt, 'override.cancel', { by: actor.username, details: { reason } });
      tokens.cancel();
      await condition(() => rt.status !== 'running' && rt.settled());
      return rt.snapshot();
    },
    {
      validator: (_request: CancelCaseRequest) => {
        if (rt.status !== 'running' || tokens.consideredCancelled) {
          throw ApplicationFailure.nonRetryable(`The case is ${rt.status === 'running' ? 'ending' : rt.status}, not running`, CASE_NOT_RUNNING);
        }
      },
    },
  );

  setHandler(awaitSettledUpdate, async () => {
    await condition(() => rt.settled());
    return rt.snapshot();
  });

  setHandler(
    completeTaskUpdate,
    async ({ taskId, actor, variables }) => {
      const task = rt.openTasks.get(taskId)!;
      task.completion = { actor, variables: variables ?? {} };
      task.state = 'completing';
      await condition(() => task.state !== 'completing');
      if ((task.state as OpenTask['state']) === 'cancelled') {
        throw ApplicationFailure.nonRetryable(`Task ${taskId} was cancelled before it could complete`, TASK_NOT_OPEN);
      }
      if (!isCandidate(actor, task)) recordOutsideRoleCompletion(rt, task, actor.username);
      const projected = await rt.projectedAnswer();
      return { taskId, completedAt: task.completedAt!, ...projected };
    },
    {
      validator: ({ taskId, actor, variables }: CompleteTaskRequest) => {
        const task = rt.openTasks.get(taskId);
        if (!task || task.state !== 'open') {
          throw ApplicationFailure.nonRetryable(`Task ${taskId} is not open`, TASK_NOT_OPEN);
        }
        if (!isCandidate(actor, task) && !mayCompleteOutsideRole(rt, taskId, actor.username)) {
          throw ApplicationFailure.nonRetryable(notCandidateMessage(actor, task), NOT_CANDIDATE);
        }
        if (task.claimedBy && task.claimedBy !== actor.username) {
          throw ApplicationFailure.nonRetryable(`Task ${taskId} is claimed by ${task.claimedBy}`, CLAIMED_BY_OTHER);
        }
        assertValidSubmission(rt.ir.nodes[task.elementId], variables ?? {}, rt.variables);
      },
    },
  );

  registerTaskAssignmentHandlers(rt);
  registerMessageHandlers(rt);
  registerSignalHandlers(rt);
  registerGovernanceHandlers(rt);
  registerCalledCaseEscalationHandler(rt);
  registerIncidentHandlers(rt);
  registerHandlingUnitHandler(rt);
}
