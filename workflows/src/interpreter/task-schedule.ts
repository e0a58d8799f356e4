// A user task's due date and follow-up date (zeebe:taskSchedule), worked out
// when the task opens: a fixed ISO-8601 date-time, or a FEEL expression giving
// one (text or a FEEL date and time). A value that is no date-time stops the
// case with an incident naming the task.
import { FeelDate, FeelDateTime } from 'feelin';
import { isoDateTimeError } from '../common/date-time';
import { evaluateFeel } from '../feel';
import type { IrUserTask } from '../ir';
import { CaseIncident } from './errors';

export interface TaskDates {
  dueDate?: string;
  followUpDate?: string;
}

export function taskDates(node: IrUserTask, variables: Record<string, unknown>): TaskDates {
  const dates: TaskDates = {};
  for (const which of ['dueDate', 'followUpDate'] as const) {
    const value = node.schedule?.[which];
    if (value !== undefined) dates[which] = resolveDate(node, which, value, variables);
  }
  return dates;
}

function resolveDate(node: IrUserTask, which: keyof TaskDates, value: string, variables: Record<string, unknown>): string {
  const what = which === 'dueDate' ? 'due date' : 'follow-up date';
  let text = value;
  if (value.startsWith('=')) {
    let result: unknown;
    try {
      result = evaluateFeel(value, variables);
    } catch (err) {
      throw new CaseIncident(node.id, `The ${what} of task "${node.name}" failed: ${(err as Error).message}`);
    }
    if (result instanceof FeelDateTime) text = String(result);
    else if (result instanceof FeelDate) {
      throw new CaseIncident(
        node.id,
        `The ${what} of task "${node.name}" (${value}) gave the date ${String(result)} without a time; give a date and time with an offset`,
      );
    } else if (typeof result === 'string') text = result;
    else throw new CaseIncident(node.id, `The ${what} of task "${node.name}" (${value}) gave ${JSON.stringify(result ?? null)}, not a date and time`);
  }
  const error = isoDateTimeError(text);
  if (error) throw new CaseIncident(node.id, `The ${what} of task "${node.name}" is invalid: ${error}`);
  return new Date(Date.parse(text)).toISOString();
}
