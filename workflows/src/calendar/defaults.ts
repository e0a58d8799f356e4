// A starting calendar for Indonesian government units, and inheritance from a
// parent unit's calendar. Pure.
import type { BusinessCalendar, CalendarOverride, Holiday, WeeklyHours } from './types';

/**
 * Civil-servant (ASN) working hours, 37.5 hours a week: Monday–Thursday
 * 07:30–16:00 with a break 12:00–13:00; Friday 07:30–16:30 with a longer
 * break 11:30–13:00 for Friday prayers; Saturday and Sunday off. Only a
 * default: each unit's admin sets its own hours (service counters often open
 * later, shorter Ramadan hours go in specialHours).
 */
export const CIVIL_SERVICE_WEEKLY_HOURS: WeeklyHours = deepFreeze({
  1: [
    { start: '07:30', end: '12:00' },
    { start: '13:00', end: '16:00' },
  ],
  2: [
    { start: '07:30', end: '12:00' },
    { start: '13:00', end: '16:00' },
  ],
  3: [
    { start: '07:30', end: '12:00' },
    { start: '13:00', end: '16:00' },
  ],
  4: [
    { start: '07:30', end: '12:00' },
    { start: '13:00', end: '16:00' },
  ],
  5: [
    { start: '07:30', end: '11:30' },
    { start: '13:00', end: '16:30' },
  ],
});

/** The default calendar: civil-service hours in WIB, no holidays yet (add nationalHolidays() and cuti bersama). */
export const DEFAULT_BUSINESS_CALENDAR: BusinessCalendar = deepFreeze({
  timeZone: 'Asia/Jakarta',
  weeklyHours: CIVIL_SERVICE_WEEKLY_HOURS,
  holidays: [],
});

/**
 * The calendar of a unit that inherits from its parent unit. The child's
 * holidays and specialHours are added to the parent's (the child's
 * specialHours come later, so they win where ranges overlap); the child's
 * timeZone and weeklyHours, when set, replace the parent's (weeklyHours as a
 * whole week, not weekday by weekday). Returns fresh plain data; neither
 * input is modified.
 */
export function mergeCalendars(parent: BusinessCalendar, child: CalendarOverride): BusinessCalendar {
  const holidays: Holiday[] = [];
  const seen = new Set<string>();
  for (const h of [...parent.holidays, ...(child.holidays ?? [])]) {
    const key = `${h.date}\u0000${h.kind}\u0000${h.name}`;
    if (seen.has(key)) continue;
    seen.add(key);
    holidays.push({ ...h });
  }
  const specialHours = [...(parent.specialHours ?? []), ...(child.specialHours ?? [])];
  const merged: BusinessCalendar = {
    timeZone: child.timeZone ?? parent.timeZone,
    weeklyHours: copyWeek(child.weeklyHours ?? parent.weeklyHours),
    holidays,
  };
  if (specialHours.length > 0) {
    merged.specialHours = specialHours.map((s) => ({ from: s.from, to: s.to, name: s.name, weeklyHours: copyWeek(s.weeklyHours) }));
  }
  return merged;
}

function copyWeek(week: WeeklyHours): WeeklyHours {
  const out: WeeklyHours = {};
  for (const [day, intervals] of Object.entries(week) as [`${keyof WeeklyHours}`, WeeklyHours[keyof WeeklyHours]][]) {
    if (intervals) out[Number(day) as keyof WeeklyHours] = intervals.map((iv) => ({ start: iv.start, end: iv.end }));
  }
  return out;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
