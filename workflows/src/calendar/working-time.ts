// Working-time arithmetic on a BusinessCalendar. Pure and deterministic: it
// runs inside the interpreter workflow, so no clock, randomness, I/O or node:
// imports, and every local-time question is asked in the calendar's own zone,
// never the machine's.
//
// Rules (tested in workflows/test/calendar.test.ts):
// - Working time is the union of the calendar's working intervals, half-open
//   [start, end): at 16:00 sharp on a day that closes at 16:00 the office is
//   closed. Holidays (any kind) and weekdays without hours have none; breaks
//   are the gaps between a day's intervals.
// - N working days from an instant end at the close (end of the last interval)
//   of the Nth working day counted. A working day counts when its opening
//   (start of its first interval) is at or after the start instant: a request
//   filed before or exactly at opening counts that day; one filed during the
//   day, in a break or after closing starts counting from the next working
//   day. So "1 hari kerja" filed Friday 10:00 is due Monday at closing.
// - N working hours from an instant end at the earliest instant by which N
//   hours of working time have passed since the start. Time runs only inside
//   working intervals; landing exactly on an interval's end gives that end
//   (16:00), not the next opening.
// - Calendar SLAs (ISO-8601) add plain time: years and months on the local
//   calendar of the zone (clamped to the month's last day: P1M from 31 January
//   is the last day of February), weeks and days as local days at the same
//   wall-clock time, hours/minutes/seconds as elapsed time.
// - Results are whole epoch milliseconds (fractional hours are rounded to the
//   nearest millisecond); nothing is rounded to the minute.
// - Any search for the next working time that finds none within
//   MAX_IDLE_DAYS consecutive days throws instead of looping forever.
import { parse } from 'iso8601-duration';
import { dayIntervals, compileCalendar, type CompiledCalendar } from './compile';
import { slaDurationError } from './sla';
import { DAY_MS, HOUR_MS, civilFromDays, daysFromCivil, daysInMonth, fromLocal, localDayOf, toLocal } from './time-zone';
import type { BusinessCalendar, SlaDuration } from './types';

/** How many consecutive days without working time a search tolerates (3 years) before it gives up. */
export const MAX_IDLE_DAYS = 3 * 366;

/** The due instant (epoch ms) of `sla` started at `startEpochMs`. Throws on an invalid calendar or SLA. */
export function addWorkingTime(cal: BusinessCalendar, startEpochMs: number, sla: SlaDuration): number {
  checkInstant(startEpochMs, 'startEpochMs');
  const error = slaDurationError(sla);
  if (error) throw new Error(`Invalid SLA: ${error}`);
  const c = compileCalendar(cal);
  switch (sla.kind) {
    case 'working-days':
      return addWorkingDays(c, startEpochMs, sla.amount);
    case 'working-hours':
      return advance(c, startEpochMs, Math.round(sla.amount * HOUR_MS));
    case 'calendar':
      return addCalendarDuration(c, startEpochMs, sla.iso);
  }
}

/** Working milliseconds in [fromMs, toMs); 0 when toMs <= fromMs. */
export function workingTimeBetween(cal: BusinessCalendar, fromMs: number, toMs: number): number {
  checkInstant(fromMs, 'fromMs');
  checkInstant(toMs, 'toMs');
  return between(compileCalendar(cal), fromMs, toMs);
}

/**
 * Working time in [fromMs, toMs) counted in hari kerja: each working day
 * touched adds the share of its own working hours that falls inside the span
 * (a whole day 1, half its hours 0.5); weekends, holidays, cuti bersama and
 * local leave days add nothing. So Monday 10:00 to Tuesday 10:00 on civil
 * service hours (07:30-16:00, break 12-13) is 5/7.5 + 2.5/7.5 = 1 hari kerja,
 * and a Friday with longer hours is still one day. 0 when toMs <= fromMs.
 */
export function workingDaysBetween(cal: BusinessCalendar, fromMs: number, toMs: number): number {
  checkInstant(fromMs, 'fromMs');
  checkInstant(toMs, 'toMs');
  if (!(toMs > fromMs)) return 0;
  const c = compileCalendar(cal);
  let days = 0;
  const lastDay = localDayOf(c.zone, toMs);
  for (let day = localDayOf(c.zone, fromMs); day <= lastDay; day++) {
    let whole = 0;
    let inside = 0;
    for (const [a, b] of dayIntervals(c, day)) {
      whole += b - a;
      inside += Math.max(0, Math.min(b, toMs) - Math.max(a, fromMs));
    }
    if (whole > 0) days += inside / whole;
  }
  return days;
}

/**
 * The instant at which `share` (0..1, e.g. 0.8 for "at risk") of the working
 * time between start and due has passed: the earliest t with
 * workingTimeBetween(start, t) = round(share × workingTimeBetween(start, due)).
 * share 1 gives dueMs itself. When no working time lies between start and due
 * (a calendar-time SLA inside a weekend), it falls back to the same share of
 * plain elapsed time.
 */
export function instantAtShareOfSla(cal: BusinessCalendar, startMs: number, dueMs: number, share: number): number {
  checkInstant(startMs, 'startMs');
  checkInstant(dueMs, 'dueMs');
  if (typeof share !== 'number' || !(share >= 0 && share <= 1)) throw new RangeError(`share must be between 0 and 1 (got ${String(share)})`);
  if (dueMs < startMs) throw new RangeError(`dueMs (${dueMs}) is before startMs (${startMs})`);
  if (share === 1) return dueMs;
  const c = compileCalendar(cal);
  const total = between(c, startMs, dueMs);
  if (total === 0) return startMs + Math.round(share * (dueMs - startMs));
  return advance(c, startMs, Math.round(share * total));
}

/** Whether `ms` lies inside a working interval (start inclusive, end exclusive). */
export function isWorkingInstant(cal: BusinessCalendar, ms: number): boolean {
  checkInstant(ms, 'ms');
  const c = compileCalendar(cal);
  return dayIntervals(c, localDayOf(c.zone, ms)).some(([a, b]) => a <= ms && ms < b);
}

/**
 * The next instant at or after `ms` that is working time (ms itself when it
 * is). Useful to show "the clock starts Monday 07:30". Throws when there is
 * none within MAX_IDLE_DAYS.
 */
export function nextWorkingInstant(cal: BusinessCalendar, ms: number): number {
  checkInstant(ms, 'ms');
  const c = compileCalendar(cal);
  let idle = 0;
  for (let day = localDayOf(c.zone, ms); ; day++) {
    for (const [a, b] of dayIntervals(c, day)) if (b > ms) return Math.max(a, ms);
    idle = giveUpAfter(c, idle + 1, ms);
  }
}

function addWorkingDays(c: CompiledCalendar, start: number, n: number): number {
  if (n === 0) return start;
  let remaining = n;
  let idle = 0;
  for (let day = localDayOf(c.zone, start); ; day++) {
    const ivs = dayIntervals(c, day);
    const first = ivs[0];
    const last = ivs[ivs.length - 1];
    if (first && last && first[0] >= start) {
      idle = 0;
      if (--remaining === 0) return last[1];
    } else {
      idle = giveUpAfter(c, idle + 1, start);
    }
  }
}

/** The earliest instant t >= from with `amount` ms of working time in [from, t). */
function advance(c: CompiledCalendar, from: number, amount: number): number {
  if (amount <= 0) return from;
  let remaining = amount;
  let idle = 0;
  for (let day = localDayOf(c.zone, from); ; day++) {
    let worked = false;
    for (const [a, b] of dayIntervals(c, day)) {
      const s = Math.max(a, from);
      if (b <= s) continue;
      worked = true;
      if (remaining <= b - s) return s + remaining;
      remaining -= b - s;
    }
    idle = worked ? 0 : giveUpAfter(c, idle + 1, from);
  }
}

function between(c: CompiledCalendar, from: number, to: number): number {
  if (!(to > from)) return 0;
  let total = 0;
  const lastDay = localDayOf(c.zone, to);
  for (let day = localDayOf(c.zone, from); day <= lastDay; day++) {
    for (const [a, b] of dayIntervals(c, day)) {
      const s = Math.max(a, from);
      const e = Math.min(b, to);
      if (e > s) total += e - s;
    }
  }
  return total;
}

function addCalendarDuration(c: CompiledCalendar, start: number, iso: string): number {
  const { years = 0, months = 0, weeks = 0, days = 0, hours = 0, minutes = 0, seconds = 0 } = parse(iso.trim());
  let instant = start;
  if (years !== 0 || months !== 0 || weeks !== 0 || days !== 0) {
    const local = toLocal(c.zone, start);
    let day = Math.floor(local / DAY_MS);
    const timeOfDay = local - day * DAY_MS;
    if (years !== 0 || months !== 0) {
      const date = civilFromDays(day);
      const monthIndex = date.year * 12 + (date.month - 1) + years * 12 + months;
      const year = Math.floor(monthIndex / 12);
      const month = monthIndex - year * 12 + 1;
      day = daysFromCivil(year, month, Math.min(date.day, daysInMonth(year, month)));
    }
    day += weeks * 7 + days;
    instant = fromLocal(c.zone, day * DAY_MS + timeOfDay);
  }
  return Math.round(instant + ((hours * 60 + minutes) * 60 + seconds) * 1000);
}

/** Counts an idle day; throws once a search has seen MAX_IDLE_DAYS of them in a row. */
function giveUpAfter(c: CompiledCalendar, idle: number, from: number): number {
  if (idle > MAX_IDLE_DAYS) {
    throw new Error(
      `The business calendar (${c.zone.name}) has no working time in the ${MAX_IDLE_DAYS} days after ` +
        `${new Date(from).toISOString()}: check its weeklyHours, specialHours and holidays`,
    );
  }
  return idle;
}

function checkInstant(ms: number, name: string): void {
  if (typeof ms !== 'number' || !Number.isFinite(ms)) throw new RangeError(`${name} must be an epoch-milliseconds number (got ${String(ms)})`);
}
