// The workflow a timer start event's Temporal Schedule starts at each firing
// (contract/timer-starts.ts): one activity that starts the case. A workflow
// rather than a schedule that starts `runSop` itself, because a case's start
// input (its id, tracking code, version in force, handling unit, calendar) is
// assembled when it starts, by the case core, not once when the schedule is
// made.
import { proxyActivities } from '@temporalio/workflow';
import type { TimerStartActivities, TimerStartRequest, TimerStartResult } from '../contract/timer-starts';

const { startTimerCase } = proxyActivities<TimerStartActivities>({
  startToCloseTimeout: '1 minute',
  retry: { initialInterval: '1 second', maximumInterval: '1 minute' },
});

export async function startCaseOnTimer(request: TimerStartRequest): Promise<TimerStartResult> {
  return await startTimerCase(request);
}
