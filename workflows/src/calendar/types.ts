// The business calendar's data model: plain JSON, resolved by the API/worker
// and passed into the interpreter workflow as input.

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

/** One working interval on a local day, 'HH:MM' (24-hour; end may be '24:00'), start < end. */
export interface WorkingInterval {
  start: string;
  end: string;
}

/**
 * Working hours per ISO weekday. A missing or empty weekday is not a working
 * day. Several intervals model breaks (lunch, Friday prayers); overlapping or
 * touching intervals are merged.
 */
export type WeeklyHours = Partial<Record<IsoWeekday, WorkingInterval[]>>;

export type HolidayKind = 'national' | 'cuti-bersama' | 'local';

/** A day that is not a working day, whatever its weekday. */
export interface Holiday {
  /** Local date in the calendar's time zone, 'YYYY-MM-DD'. */
  date: string;
  name: string;
  kind: HolidayKind;
}

/** A date range (inclusive, local dates) whose hours replace weeklyHours, e.g. Ramadan hours. */
export interface SpecialHours {
  from: string;
  to: string;
  name: string;
  /** Replaces the calendar's weeklyHours within the range: a weekday missing here is not a working day there. */
  weeklyHours: WeeklyHours;
}

export interface BusinessCalendar {
  /** IANA zone, e.g. 'Asia/Jakarta' (WIB), 'Asia/Makassar' (WITA), 'Asia/Jayapura' (WIT); or a fixed offset '+07:00'. */
  timeZone: string;
  weeklyHours: WeeklyHours;
  /** National holidays, cuti bersama (collective leave) and local leave days. */
  holidays: Holiday[];
  /** When ranges overlap, the later entry wins. */
  specialHours?: SpecialHours[];
}

/** A unit's own settings on top of its parent unit's calendar (see mergeCalendars). */
export type CalendarOverride = Partial<BusinessCalendar>;

/** A dated, named day as plain data: what nationalHolidays() returns. */
export interface CalendarDay {
  /** 'YYYY-MM-DD' */
  date: string;
  name: string;
}

/** An SLA: working time on the calendar, or plain calendar time (ISO-8601). */
export type SlaDuration = { kind: 'working-days'; amount: number } | { kind: 'working-hours'; amount: number } | { kind: 'calendar'; iso: string };
