// ISO-8601 durations (timer boundary events). Pure and deterministic: this
// module also runs inside the interpreter workflow, so no clock, randomness,
// I/O or node: imports here.
import { parse, type Duration } from 'iso8601-duration';

// PnYnMnWnDTnHnMnS, anchored (iso8601-duration's own pattern is not): at least
// one component after P and after T; fractions only on the time components.
const DURATION = /^P(?=\d|T\d)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(?:T(?=\d)(\d+(?:[.,]\d+)?H)?(\d+(?:[.,]\d+)?M)?(\d+(?:[.,]\d+)?S)?)?$/;

const EXAMPLES = 'PT30M, PT2H, P3D or P1M';
const DAY_MS = 86_400_000;
/** The largest instant a JavaScript Date can hold. */
const MAX_DATE_MS = 8.64e15;

/** A plain-English message when `s` is not a usable ISO-8601 duration, else undefined. Zero (PT0S) is fine. */
export function isoDurationError(s: string): string | undefined {
  const text = s.trim();
  if (text === '') return `the duration is empty; write an ISO-8601 duration such as ${EXAMPLES}`;
  if (text.startsWith('-')) return `"${text}" is negative; a duration must be zero or more`;
  if (!DURATION.test(text)) return `"${text}" is not an ISO-8601 duration such as ${EXAMPLES}`;
  let duration: Duration;
  try {
    duration = parse(text);
  } catch (err) {
    return `"${text}" is not a valid ISO-8601 duration: ${(err as Error).message}`;
  }
  const end = addDuration(duration, 0);
  if (!Number.isFinite(end) || end > MAX_DATE_MS) return `"${text}" is too long`;
  return undefined;
}

/**
 * Milliseconds from `fromEpochMs` until `fromEpochMs + iso`. Years and months
 * are calendar-aware (P1M from 31 January ends on the last day of February);
 * days and weeks are 24-hour days. Computed in UTC so the result never
 * depends on the time zone of the machine running it. Throws on an invalid
 * duration.
 */
export function durationToMs(iso: string, fromEpochMs: number): number {
  const error = isoDurationError(iso);
  if (error) throw new Error(`Invalid duration: ${error}`);
  return addDuration(parse(iso.trim()), fromEpochMs) - fromEpochMs;
}

/** The instant `duration` after `fromEpochMs`, in epoch milliseconds (NaN on overflow). */
function addDuration(duration: Duration, fromEpochMs: number): number {
  const { years = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0 } = duration;
  const end = new Date(fromEpochMs);
  if (years !== 0 || months !== 0) {
    const monthIndex = end.getUTCFullYear() * 12 + end.getUTCMonth() + years * 12 + months;
    const year = Math.floor(monthIndex / 12);
    const month = monthIndex - year * 12;
    // Like java.time: clamp to the last day of a shorter month instead of overflowing.
    const day = Math.min(end.getUTCDate(), daysInMonth(year, month));
    end.setUTCFullYear(year, month, day);
  }
  const timeMs = (weeks * 7 + days) * DAY_MS + ((hours * 60 + minutes) * 60 + seconds) * 1000;
  return Math.round(end.getTime() + timeMs);
}

function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month + 1, 0);
  return d.getUTCDate();
}
