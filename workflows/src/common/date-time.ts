// ISO-8601 date-times (timer dates). Pure and deterministic: this module may
// also run inside the interpreter workflow, so no clock, randomness, I/O or
// node: imports here.

// YYYY-MM-DDThh:mm[:ss[.fff]] with an offset, Z or ±hh:mm: the forms Date.parse reads the same everywhere.
const DATE_TIME =
  /^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})T(?<hour>\d{2}):(?<minute>\d{2})(?::(?<second>\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](?<offsetHours>\d{2}):(?<offsetMinutes>\d{2}))$/;
// A date, or a date-time, without an offset: a local time, but local to whom?
const LOCAL = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?)?$/;

const EXAMPLE = '2026-12-01T09:00:00+07:00';

/**
 * A plain-English message when `s` is not an ISO-8601 date-time with a UTC
 * offset (Z or ±hh:mm) such as 2026-12-01T09:00:00+07:00, else undefined.
 */
export function isoDateTimeError(s: string): string | undefined {
  const text = s.trim();
  if (text === '') return `the date is empty; write an ISO-8601 date-time with an offset such as ${EXAMPLE}`;
  const fields = DATE_TIME.exec(text)?.groups;
  if (!fields) {
    if (LOCAL.test(text)) {
      return `"${text}" has no UTC offset, so its time zone would be ambiguous (the server's time zone need not be the office's); add one, e.g. ${EXAMPLE} for WIB or Z for UTC`;
    }
    return `"${text}" is not an ISO-8601 date-time with an offset such as ${EXAMPLE}`;
  }
  const n = (name: string) => Number(fields[name] ?? 0);
  const real =
    n('month') >= 1 &&
    n('month') <= 12 &&
    n('day') >= 1 &&
    n('day') <= daysInMonth(n('year'), n('month')) &&
    n('hour') <= 23 &&
    n('minute') <= 59 &&
    n('second') <= 59 &&
    n('offsetHours') <= 14 &&
    n('offsetMinutes') <= 59;
  if (!real || Number.isNaN(Date.parse(text))) return `"${text}" is not a real date and time`;
  return undefined;
}

/** Days in `month` (1–12) of `year`, in the proleptic Gregorian calendar. */
function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}
