// When a user task is due: zeebe:taskSchedule dueDate / followUpDate (an
// ISO-8601 date-time with an offset, or `=FEEL`), or Camunda 7's
// camunda:dueDate / camunda:followUpDate (a fixed date-time, or JUEL with a
// plain FEEL equivalent, translated with a warning: juel.ts).
// Evaluated when the task opens (interpreter/task-schedule.ts).
import { isoDateTimeError } from '../../common/date-time';
import { feelSyntaxError } from '../../feel';
import type { IrTaskSchedule } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import { juelToFeel, looksLikeJuel } from '../juel';
import { describe, extensions, idOf, stringProp, type BpmnElement } from '../model';

export type ScheduleResult = { ok: true; schedule?: IrTaskSchedule } | { ok: false };

export function compileTaskSchedule(el: BpmnElement, diag: Diagnostics): ScheduleResult {
  const id = idOf(el);
  const zeebe = extensions(el, 'zeebe:TaskSchedule');
  if (zeebe.length > 1) {
    diag.error(id, `${describe(el)} has more than one zeebe:taskSchedule`);
    return { ok: false };
  }
  const schedule: IrTaskSchedule = {};
  let ok = true;
  for (const which of ['dueDate', 'followUpDate'] as const) {
    const written = (zeebe[0] && stringProp(zeebe[0], which)?.trim()) || stringProp(el, which)?.trim();
    if (!written) continue;
    const what = which === 'dueDate' ? 'due date' : 'follow-up date';
    const value = looksLikeJuel(written) ? juelToFeel(diag, el, what, written, '=now() + duration("P3D")') : written;
    if (value === undefined) {
      ok = false;
    } else if (value.startsWith('=')) {
      const syntax = feelSyntaxError(value);
      if (syntax) {
        diag.error(id, `${describe(el)} computes its ${what} with "${value}", which is not valid FEEL: ${syntax}`);
        ok = false;
      } else schedule[which] = value;
    } else {
      const error = isoDateTimeError(value);
      if (error) {
        diag.error(id, `${describe(el)} has an invalid ${what}: ${error}`);
        ok = false;
      } else schedule[which] = value;
    }
  }
  if (!ok) return { ok: false };
  return Object.keys(schedule).length > 0 ? { ok: true, schedule } : { ok: true };
}
