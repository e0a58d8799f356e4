// The changeHandlingUnit Update (disposition of a complaint to another unit):
// the case's tasks of the old handling unit move to the new one, and tasks
// created later land there. Only an Update can do this, so histories without
// one replay as before.
import { ApplicationFailure, condition, setHandler } from '@temporalio/workflow';
import { changeHandlingUnitUpdate, type ChangeHandlingUnitRequest } from '../contract/handling-unit';
import { CASE_NOT_RUNNING, REASON_REQUIRED } from '../contract/updates';
import type { CaseRuntime } from './case-runtime';

export function registerHandlingUnitHandler(rt: CaseRuntime): void {
  setHandler(
    changeHandlingUnitUpdate,
    async ({ actor, unitId, reason }: ChangeHandlingUnitRequest) => {
      const previous = rt.input.unitId;
      const moved: string[] = [];
      for (const task of rt.openTasks.values()) {
        if (task.state !== 'open' || task.unitId !== previous) continue;
        task.unitId = unitId;
        task.claimedBy = undefined;
        moved.push(task.id);
      }
      rt.input.unitId = unitId;
      rt.emit({ kind: 'case.unit_changed', unitId, ...(previous ? { previousUnitId: previous } : {}), by: actor.username, reason, taskIds: moved });
      await condition(() => rt.settled());
      return rt.snapshot();
    },
    {
      validator: ({ unitId, reason }: ChangeHandlingUnitRequest) => {
        if (rt.status !== 'running') throw ApplicationFailure.nonRetryable(`The case is ${rt.status}, not running`, CASE_NOT_RUNNING);
        if (!reason?.trim()) throw ApplicationFailure.nonRetryable('A disposition needs a reason', REASON_REQUIRED);
        if (!unitId) throw ApplicationFailure.nonRetryable('A disposition needs a unit', REASON_REQUIRED);
      },
    },
  );
}
