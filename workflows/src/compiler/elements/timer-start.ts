// Timer start events: an SOP whose cases start on a date, on a repeating
// interval, or on a cron expression. No case exists yet when such a timer
// fires, so it runs as a Temporal Schedule (cases/src/timer-schedules.ts) that
// starts a case of the version in force at that start event.
import { isoDateTimeError } from '../../common/date-time';
import { hasCalendarParts, looksLikeRepeatingInterval, parseRepeatingInterval } from '../../common/time-cycle';
import { triggerOfDefinition } from '../../ir/elements';
import type { IrNode, IrStartEvent, IrStartTimer } from '../../ir';
import { cronForSchedule } from '../cron';
import type { Diagnostics } from '../diagnostics';
import type { ProcessGraph } from '../graph';
import { describe, eventDefinitions, expressionBody, idOf, type BpmnElement } from '../model';
import { baseNode } from './base';
import { rejectUnsupported } from './unsupported';

type NodeCompiler = (el: BpmnElement, graph: ProcessGraph, diag: Diagnostics) => IrNode | undefined;

/** Routes a process-level start event with a single timer definition to `timer`, anything else (event sub-process starts included) to `otherwise`. */
export function withTimerStart(timer: NodeCompiler, otherwise: NodeCompiler): NodeCompiler {
  return (el, graph, diag) => (timerDefinition(el) && graph.parents.get(idOf(el) ?? '')?.triggeredByEvent !== true ? timer : otherwise)(el, graph, diag);
}

export function timerDefinition(el: BpmnElement): BpmnElement | undefined {
  const definitions = eventDefinitions(el);
  return definitions.length === 1 && triggerOfDefinition(definitions[0]!) === 'timer' ? definitions[0] : undefined;
}

export function compileTimerStartEvent(el: BpmnElement, graph: ProcessGraph, diag: Diagnostics): IrStartEvent | undefined {
  if (graph.parents.get(idOf(el) ?? '')) return rejectUnsupported(el, diag, 'the start event of an embedded sub-process has no trigger');
  const startTimer = compileStartTimer(el, timerDefinition(el)!, diag);
  return startTimer && { type: 'startEvent', ...baseNode(el, graph), startTimer };
}

/** `timeDate` → { date }, `timeCycle` R.../... → { cycle }, any other `timeCycle` → { cron }; a duration or an expression is refused. */
export function compileStartTimer(event: BpmnElement, definition: BpmnElement, diag: Diagnostics): IrStartTimer | undefined {
  const id = idOf(event);
  const duration = expressionBody(definition, 'timeDuration');
  const date = expressionBody(definition, 'timeDate');
  const cycle = expressionBody(definition, 'timeCycle');
  const given = [duration, date, cycle].filter((v) => v !== undefined);
  if (given.length !== 1) {
    diag.error(
      id,
      given.length === 0
        ? `${describe(event)} has no time; set a date (2026-12-01T09:00:00+07:00), a repeating interval (R/P1D) or a cron expression (0 0 8 * * MON-FRI)`
        : `${describe(event)} has more than one of date, cycle and duration; give it one`,
    );
    return undefined;
  }
  const value = given[0]!;
  if (value.startsWith('=') || /^[$#]\{/.test(value)) {
    diag.error(
      id,
      `${describe(event)} computes its time with "${value}"; a timer start event fires before any case exists, so write a fixed date, repeating interval or cron expression`,
    );
    return undefined;
  }
  if (duration !== undefined) {
    diag.error(
      id,
      `${describe(event)} has a duration (${duration}); a timer start event needs a date, a repeating interval such as R/${duration}, or a cron expression`,
    );
    return undefined;
  }
  if (date !== undefined) {
    const error = isoDateTimeError(date);
    if (error) diag.error(id, `${describe(event)} has an invalid date: ${error}`);
    return error ? undefined : { date };
  }
  if (looksLikeRepeatingInterval(value)) {
    const parsed = parseRepeatingInterval(value);
    if ('error' in parsed) {
      diag.error(id, `${describe(event)} has an invalid cycle: ${parsed.error}`);
      return undefined;
    }
    if (hasCalendarParts(parsed.duration)) {
      diag.error(
        id,
        `${describe(event)} repeats every ${parsed.duration}; months and years have no fixed length, so write a cron expression instead (e.g. 0 0 8 1 * ? for 08:00 on the first of each month)`,
      );
      return undefined;
    }
    return { cycle: value };
  }
  const cron = cronForSchedule(value);
  if ('error' in cron) {
    diag.error(id, `${describe(event)} has an invalid cycle: ${cron.error}`);
    return undefined;
  }
  return { cron: value };
}
