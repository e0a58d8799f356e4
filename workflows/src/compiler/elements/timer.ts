// When a timer event fires: a duration or a date, fixed or computed with FEEL.
// Shared by timer boundary events and timer intermediate catch events.
import { isoDateTimeError } from '../../common/date-time';
import { isoDurationError } from '../../common/duration';
import { feelSyntaxError } from '../../feel';
import type { IrTimer } from '../../ir';
import type { Diagnostics } from '../diagnostics';
import { juelToFeel, looksLikeJuel } from '../juel';
import { describe, expressionBody, idOf, type BpmnElement } from '../model';

/**
 * The timer of `event` (a boundary or intermediate catch event) from its
 * bpmn:timerEventDefinition: `timeDuration` → { duration }, `timeDate` →
 * { date }. Fixed values are checked now; values starting with `=` are FEEL
 * expressions, checked for syntax now, kept verbatim (with the `=`) and
 * evaluated when the timer starts; a Camunda 7 expression (`${tenggat}`) is
 * translated to FEEL when it has a plain equivalent. Cycles are rejected.
 */
export function compileTimer(event: BpmnElement, definition: BpmnElement, diag: Diagnostics): IrTimer | undefined {
  const id = idOf(event);
  const duration = expressionBody(definition, 'timeDuration');
  const date = expressionBody(definition, 'timeDate');
  const cycle = expressionBody(definition, 'timeCycle');

  if (cycle !== undefined) {
    diag.error(
      id,
      `${describe(event)} repeats on a cycle (timeCycle "${cycle}"); repeating timers are not supported yet, use a duration such as PT2H or a date`,
    );
    return undefined;
  }
  if (duration !== undefined && date !== undefined) {
    diag.error(id, `${describe(event)} has both a duration and a date; give it one of them`);
    return undefined;
  }
  if (duration !== undefined) {
    const checked = checkValue(event, 'duration', duration, isoDurationError, diag);
    return checked === undefined ? undefined : { duration: checked };
  }
  if (date !== undefined) {
    const checked = checkValue(event, 'date', date, isoDateTimeError, diag);
    return checked === undefined ? undefined : { date: checked };
  }
  diag.error(id, `${describe(event)} has no time; set a duration such as PT2H or P3D, or a date such as 2026-12-01T09:00:00+07:00`);
  return undefined;
}

/**
 * The value to run: a valid fixed value, a FEEL expression without syntax
 * errors, or a Camunda 7 expression translated to FEEL (with a warning);
 * undefined after reporting what is wrong.
 */
function checkValue(
  event: BpmnElement,
  what: 'duration' | 'date',
  written: string,
  fixedValueError: (s: string) => string | undefined,
  diag: Diagnostics,
): string | undefined {
  const id = idOf(event);
  const value = looksLikeJuel(written) ? juelToFeel(diag, event, what, written, what === 'duration' ? '=tenggat' : '=tanggalSidang') : written;
  if (value === undefined) return undefined;
  if (value.startsWith('=')) {
    const syntaxError = feelSyntaxError(value);
    if (syntaxError) diag.error(id, `${describe(event)} computes its ${what} with "${value}", which is not valid FEEL: ${syntaxError}`);
    return syntaxError === undefined ? value : undefined;
  }
  const error = fixedValueError(value);
  if (error) diag.error(id, `${describe(event)} has an invalid ${what}: ${error}`);
  return error === undefined ? value : undefined;
}
