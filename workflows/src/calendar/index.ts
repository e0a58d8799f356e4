// Alur's business calendar: working-day and working-hour deadlines for SOP
// steps. Everything exported here is pure and deterministic and may run inside
// the interpreter workflow. National holidays come from ./national-holidays,
// which must NOT be imported by workflow code: the API/worker resolves a
// calendar to plain data and passes it in.
export type * from './types';
export { businessCalendarError, compileCalendar } from './compile';
export { CIVIL_SERVICE_WEEKLY_HOURS, DEFAULT_BUSINESS_CALENDAR, mergeCalendars } from './defaults';
export { MAX_WORKING_DAYS, MAX_WORKING_HOURS, parseSla, slaDurationError } from './sla';
export { formatLocalDate, parseLocalDate } from './time-zone';
export {
  MAX_IDLE_DAYS,
  addWorkingTime,
  instantAtShareOfSla,
  isWorkingInstant,
  nextWorkingInstant,
  workingDaysBetween,
  workingTimeBetween,
} from './working-time';
