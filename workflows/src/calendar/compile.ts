// Validates a BusinessCalendar (plain JSON from an admin) and turns it into a
// form the arithmetic can query day by day. Pure: no clock, no I/O.
import { DAY_MS, MINUTE_MS, fromLocal, isoWeekday, parseLocalDate, resolveZone, type Zone } from './time-zone';
import type { BusinessCalendar, WeeklyHours } from './types';

/** [start, end) in minutes since local midnight, sorted, non-overlapping. */
type Spans = readonly (readonly [number, number])[];
/** Index 1..7 = ISO weekday; index 0 unused. */
type WeekSpans = readonly Spans[];

export interface CompiledCalendar {
  readonly zone: Zone;
  readonly holidays: ReadonlySet<number>;
  readonly weekly: WeekSpans;
  readonly special: readonly { from: number; to: number; weekly: WeekSpans }[];
}

const TIME = /^(?:([01]\d|2[0-3]):([0-5]\d)|(24):(00))$/;
const KINDS = new Set(['national', 'cuti-bersama', 'local']);

class CalendarError extends Error {}

/** A plain-English message when `cal` is not a usable business calendar, else undefined. */
export function businessCalendarError(cal: BusinessCalendar): string | undefined {
  try {
    compile(cal);
    return undefined;
  } catch (err) {
    if (err instanceof CalendarError) return err.message;
    throw err;
  }
}

/** Validates and compiles `cal`; throws an Error naming the bad field. */
export function compileCalendar(cal: BusinessCalendar): CompiledCalendar {
  try {
    return compile(cal);
  } catch (err) {
    if (err instanceof CalendarError) throw new Error(`Invalid business calendar: ${err.message}`, { cause: err });
    throw err;
  }
}

function compile(cal: BusinessCalendar): CompiledCalendar {
  if (cal === null || typeof cal !== 'object') throw new CalendarError('the calendar must be an object');
  let zone: Zone;
  try {
    zone = resolveZone(cal.timeZone);
  } catch (err) {
    throw new CalendarError(`timeZone: ${(err as Error).message}`, { cause: err });
  }
  const holidays = new Set<number>();
  if (!Array.isArray(cal.holidays)) throw new CalendarError('holidays must be a list (it may be empty)');
  cal.holidays.forEach((h, i) => {
    const day = typeof h?.date === 'string' ? parseLocalDate(h.date) : undefined;
    if (day === undefined) throw new CalendarError(`holidays[${i}].date ${JSON.stringify(h?.date)} is not a date YYYY-MM-DD`);
    if (!KINDS.has(h.kind)) throw new CalendarError(`holidays[${i}].kind ${JSON.stringify(h.kind)} must be national, cuti-bersama or local`);
    holidays.add(day);
  });
  const special = (cal.specialHours ?? []).map((s, i) => {
    const from = typeof s?.from === 'string' ? parseLocalDate(s.from) : undefined;
    const to = typeof s?.to === 'string' ? parseLocalDate(s.to) : undefined;
    if (from === undefined) throw new CalendarError(`specialHours[${i}].from ${JSON.stringify(s?.from)} is not a date YYYY-MM-DD`);
    if (to === undefined) throw new CalendarError(`specialHours[${i}].to ${JSON.stringify(s?.to)} is not a date YYYY-MM-DD`);
    if (to < from) throw new CalendarError(`specialHours[${i}] ends (${s.to}) before it starts (${s.from})`);
    return { from, to, weekly: compileWeek(s.weeklyHours, `specialHours[${i}].weeklyHours`) };
  });
  return { zone, holidays, weekly: compileWeek(cal.weeklyHours, 'weeklyHours'), special };
}

function compileWeek(hours: WeeklyHours, path: string): WeekSpans {
  if (hours === null || typeof hours !== 'object' || Array.isArray(hours)) throw new CalendarError(`${path} must be an object keyed by ISO weekday 1..7`);
  for (const key of Object.keys(hours)) {
    if (!/^[1-7]$/.test(key)) throw new CalendarError(`${path} has key "${key}"; weekdays are 1 (Monday) to 7 (Sunday)`);
  }
  const week: Spans[] = [[]];
  for (let d = 1 as 1 | 2 | 3 | 4 | 5 | 6 | 7; d <= 7; d = (d + 1) as typeof d) {
    const intervals = hours[d] ?? [];
    if (!Array.isArray(intervals)) throw new CalendarError(`${path}[${d}] must be a list of {start, end}`);
    const spans = intervals.map((iv, i) => {
      const start = minutes(iv?.start, `${path}[${d}][${i}].start`);
      const end = minutes(iv?.end, `${path}[${d}][${i}].end`);
      if (end <= start) throw new CalendarError(`${path}[${d}][${i}] ends (${iv.end}) at or before it starts (${iv.start})`);
      return [start, end] as [number, number];
    });
    spans.sort((a, b) => a[0] - b[0]);
    const merged: [number, number][] = [];
    for (const s of spans) {
      const last = merged[merged.length - 1];
      if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
      else merged.push([s[0], s[1]]);
    }
    week.push(merged);
  }
  return week;
}

function minutes(text: unknown, path: string): number {
  const m = typeof text === 'string' ? TIME.exec(text) : null;
  if (!m) throw new CalendarError(`${path} ${JSON.stringify(text)} is not a time HH:MM (00:00 to 24:00)`);
  return Number(m[1] ?? m[3]) * 60 + Number(m[2] ?? m[4]);
}

/**
 * The working intervals of local day `day` as instants [start, end), in
 * order. Empty on a holiday or a day without hours. specialHours ranges
 * replace weeklyHours; when several contain the day, the last one wins.
 */
export function dayIntervals(cal: CompiledCalendar, day: number): [number, number][] {
  if (cal.holidays.has(day)) return [];
  let week = cal.weekly;
  for (const s of cal.special) if (day >= s.from && day <= s.to) week = s.weekly;
  const spans = week[isoWeekday(day)] ?? [];
  const out: [number, number][] = [];
  for (const [start, end] of spans) {
    const a = fromLocal(cal.zone, day * DAY_MS + start * MINUTE_MS);
    const b = fromLocal(cal.zone, day * DAY_MS + end * MINUTE_MS);
    // A DST change can swallow an interval; zones in Indonesia have none.
    if (b > a) out.push([a, b]);
  }
  return out;
}
