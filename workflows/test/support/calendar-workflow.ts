// A tiny workflow used only by calendar.test.ts: it proves the business
// calendar bundles into Temporal's workflow sandbox (no node: modules, no
// date-holidays) the way the interpreter will use it.
import { addWorkingTime, instantAtShareOfSla, parseSla, type BusinessCalendar } from '../../src/calendar';

export async function calendarDueDate(calendar: BusinessCalendar, startEpochMs: number, sla: string): Promise<{ dueMs: number; atRiskMs: number }> {
  const parsed = parseSla(sla);
  if ('error' in parsed) throw new Error(parsed.error);
  const dueMs = addWorkingTime(calendar, startEpochMs, parsed);
  return { dueMs, atRiskMs: instantAtShareOfSla(calendar, startEpochMs, dueMs, 0.8) };
}
