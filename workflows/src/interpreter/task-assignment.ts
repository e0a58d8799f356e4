// Claim, release and reassign of open user tasks: Updates whose validators
// refuse (without touching history) what the caller may not do, and whose
// handlers record the change as a case event.
import { ApplicationFailure, setHandler } from '@temporalio/workflow';
import {
  CLAIMED_BY_OTHER,
  claimTaskUpdate,
  NOT_CANDIDATE,
  NOT_CLAIMED,
  NOT_SUPERVISOR,
  REASON_REQUIRED,
  reassignTaskUpdate,
  releaseTaskUpdate,
  TASK_NOT_OPEN,
  type ClaimTaskRequest,
  type ReassignTaskRequest,
  type ReleaseTaskRequest,
  type TaskAssignment,
} from '../contract/updates';
import { isCandidate, notCandidateMessage, supervisesTask } from '../contract/task-candidates';
import type { CaseRuntime, OpenTask } from './case-runtime';

export function registerTaskAssignmentHandlers(rt: CaseRuntime): void {
  const openTask = (taskId: string): OpenTask => {
    const task = rt.openTasks.get(taskId);
    if (!task || task.state !== 'open') throw ApplicationFailure.nonRetryable(`Task ${taskId} is not open`, TASK_NOT_OPEN);
    return task;
  };
  const answer = async (task: OpenTask): Promise<TaskAssignment> => {
    const projected = await rt.projectedAnswer();
    return { taskId: task.id, claimedBy: task.claimedBy ?? null, ...projected };
  };

  setHandler(
    claimTaskUpdate,
    async ({ taskId, actor }: ClaimTaskRequest) => {
      const task = openTask(taskId);
      if (task.claimedBy !== actor.username) {
        task.claimedBy = actor.username;
        rt.emit({ kind: 'task.claimed', taskId, by: actor.username });
      }
      return answer(task);
    },
    {
      validator: ({ taskId, actor }: ClaimTaskRequest) => {
        const task = openTask(taskId);
        if (!isCandidate(actor, task)) throw ApplicationFailure.nonRetryable(notCandidateMessage(actor, task), NOT_CANDIDATE);
        if (task.claimedBy && task.claimedBy !== actor.username) {
          throw ApplicationFailure.nonRetryable(`Task ${taskId} is already claimed by ${task.claimedBy}`, CLAIMED_BY_OTHER);
        }
      },
    },
  );

  setHandler(
    releaseTaskUpdate,
    async ({ taskId, actor, reason }: ReleaseTaskRequest) => {
      const task = openTask(taskId);
      const from = task.claimedBy!;
      task.claimedBy = undefined;
      rt.emit({ kind: 'task.released', taskId, by: actor.username, from, ...(reason ? { reason } : {}) });
      return answer(task);
    },
    {
      validator: ({ taskId, actor }: ReleaseTaskRequest) => {
        const task = openTask(taskId);
        if (!task.claimedBy) throw ApplicationFailure.nonRetryable(`Task ${taskId} is not claimed`, NOT_CLAIMED);
        if (task.claimedBy !== actor.username && !supervisesTask(actor, task)) {
          throw ApplicationFailure.nonRetryable(
            `Task ${taskId} is claimed by ${task.claimedBy}; only they or a supervisor of its unit can release it`,
            NOT_SUPERVISOR,
          );
        }
      },
    },
  );

  setHandler(
    reassignTaskUpdate,
    async ({ taskId, actor, assignee, reason }: ReassignTaskRequest) => {
      const task = openTask(taskId);
      const from = task.claimedBy;
      task.claimedBy = assignee.username;
      rt.emit({ kind: 'task.reassigned', taskId, by: actor.username, ...(from ? { from } : {}), to: assignee.username, reason: reason.trim() });
      return answer(task);
    },
    {
      validator: ({ taskId, actor, assignee, reason }: ReassignTaskRequest) => {
        const task = openTask(taskId);
        if (!reason?.trim()) throw ApplicationFailure.nonRetryable('A reassignment needs a reason', REASON_REQUIRED);
        if (!supervisesTask(actor, task)) {
          throw ApplicationFailure.nonRetryable(`${actor.username} does not supervise the unit of task ${taskId}`, NOT_SUPERVISOR);
        }
        if (!isCandidate(assignee, task)) throw ApplicationFailure.nonRetryable(notCandidateMessage(assignee, task), NOT_CANDIDATE);
      },
    },
  );
}
