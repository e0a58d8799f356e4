// ISO-8601 repeating intervals (bpmn:timeCycle): R/PT1H, R3/PT1H,
// R5/2026-12-01T09:00:00+07:00/P1D. Pure and deterministic: this module also
// runs inside the interpreter workflow (repeating boundary and intermediate
// timers), so no clock, randomness, I/O or node: imports here.
import { isoDateTimeError } from './date-time';
import { durationToMs, isoDurationError } from './duration';

export interface RepeatingInterval {
  /** How many times it fires; undefined: without end (R/...). */
  repetitions?: number;
  /** ISO-8601 date-time of the first interval's start (R3/<start>/<duration>); undefined: when the timer starts. */
  start?: string;
  /** ISO-8601 duration between two firings. */
  duration: string;
}

const EXAMPLES = 'R3/PT1H (three times, an hour apart), R/P1D (every day) or R5/2026-12-01T09:00:00+07:00/P1D';

/** True when `text` is written as an ISO-8601 repeating interval (starts with R, then digits or a slash). */
export function looksLikeRepeatingInterval(text: string): boolean {
  return /^R\d*\//.test(text.trim());
}

/** The repeating interval `text`, or a plain-English error. */
export function parseRepeatingInterval(text: string): RepeatingInterval | { error: string } {
  const parts = text.trim().split('/');
  const head = /^R(\d*)$/.exec(parts[0] ?? '');
  if (!head || parts.length < 2 || parts.length > 3) return { error: `"${text.trim()}" is not an ISO-8601 repeating interval such as ${EXAMPLES}` };
  const repetitions = head[1] === '' ? undefined : Number(head[1]);
  if (repetitions !== undefined && (!Number.isSafeInteger(repetitions) || repetitions < 1)) {
    return { error: `"${text.trim()}" repeats ${head[1]} times; write R followed by a count of 1 or more, or R alone to repeat without end` };
  }
  let start: string | undefined;
  let duration: string;
  if (parts.length === 3) {
    // R<n>/<start>/<duration>; the other ISO form R<n>/<duration>/<end> counts back from an end, which no BPMN engine runs.
    if (parts[1]!.startsWith('P')) {
      return { error: `"${text.trim()}" ends at a date (R/<duration>/<end>); give the start instead: R<n>/<start>/<duration>, e.g. ${EXAMPLES}` };
    }
    start = parts[1]!;
    duration = parts[2]!;
    const dateError = isoDateTimeError(start);
    if (dateError) return { error: `the start of "${text.trim()}": ${dateError}` };
  } else {
    duration = parts[1]!;
  }
  const durationError = isoDurationError(duration);
  if (durationError) return { error: `the interval of "${text.trim()}": ${durationError}` };
  if (durationToMs(duration, 0) <= 0) {
    return { error: `"${text.trim()}" repeats every ${duration}; the interval must be longer than zero` };
  }
  return { ...(repetitions !== undefined ? { repetitions } : {}), ...(start !== undefined ? { start } : {}), duration };
}

/** True when the duration has years or months, whose length in milliseconds depends on the calendar. */
export function hasCalendarParts(duration: string): boolean {
  const date = duration.split('T')[0] ?? '';
  return /\d+[YM]/.test(date);
}
